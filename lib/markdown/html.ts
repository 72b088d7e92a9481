import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified } from "unified";
import { markdownPlugins, safeHref, type HastNode, type MarkdownContext } from "./plugins";

/*
 * The HTML of a Markdown document, for answers that carry it (the wiki API's render_html): the pages' chain of plugins
 * (markdownPlugins), run as react-markdown runs it, then written out as HTML rather than drawn by React. Elements
 * keep their own names (an `h1` is an `h1`: the reader's page decides how it looks).
 */

const VOID_ELEMENTS = new Set(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]);
// The attributes that hold addresses (html-url-attributes' list, as far as the sanitizer lets them through).
const URL_PROPERTIES = new Set(["href", "src", "cite"]);
const LINK_REL = "nofollow noreferrer noopener";

const escapeText = (value: string) => value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const escapeAttribute = (value: string) => escapeText(value).replace(/"/g, "&quot;");

/** A hast property's HTML attribute name: `className` → `class`, `dataFootnoteRef` → `data-footnote-ref`, `ariaLabel` → `aria-label`. */
function attributeName(property: string): string {
  if (property === "className") return "class";
  if (property === "htmlFor") return "for";
  if (/^(data|aria)[A-Z]/.test(property)) return property.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
  return property.toLowerCase();
}

function attributes(properties: Record<string, unknown>): string {
  let out = "";
  for (const [property, value] of Object.entries(properties)) {
    if (value === undefined || value === null || value === false) continue;
    const name = attributeName(property);
    if (value === true) out += ` ${name}`;
    else out += ` ${name}="${escapeAttribute(Array.isArray(value) ? value.join(" ") : String(value))}"`;
  }
  return out;
}

function write(node: HastNode, source: string): string {
  if (node.type === "text") return escapeText(node.value ?? "");
  const children = () => (node.children ?? []).map((child) => write(child, source)).join("");
  if (node.type === "root") return children();
  if (node.type !== "element" || !node.tagName) return "";
  const properties = { ...node.properties };
  for (const key of Object.keys(properties)) {
    if (URL_PROPERTIES.has(key)) {
      const safe = safeHref(String(properties[key] ?? ""));
      if (safe === null) delete properties[key];
      else properties[key] = safe;
    }
  }
  if (node.tagName === "a") {
    // A refused address (unsafe, or empty): the source as written, as text, as the pages show it.
    if (properties.href === undefined) {
      const { start, end } = node.position ?? { start: {}, end: {} };
      return start.offset !== undefined && end.offset !== undefined ? escapeText(source.slice(start.offset, end.offset)) : children();
    }
    if (properties.dataEpicRef === undefined && properties.dataReference === undefined) properties.rel = LINK_REL;
  }
  if (node.tagName === "img" && properties.src === undefined) return escapeText(String(properties.alt ?? ""));
  const open = `<${node.tagName}${attributes(properties)}>`;
  return VOID_ELEMENTS.has(node.tagName) ? open : `${open}${children()}</${node.tagName}>`;
}

/** The document as sanitized HTML (a fragment), its links and images as the pages resolve them. */
export function markdownToHtml(source: string, context: MarkdownContext = {}): string {
  const { remarkPlugins, rehypePlugins } = markdownPlugins(context);
  // As react-markdown: raw HTML reaches the HTML tree as `raw` nodes, which rehypeRawAsText turns into text.
  const processor = unified().use(remarkParse).use(remarkPlugins).use(remarkRehype, { allowDangerousHtml: true }).use(rehypePlugins);
  const tree = processor.runSync(processor.parse(source)) as unknown as HastNode;
  return write(tree, source);
}

/** A page in a markup Ferry does not render (RDoc, AsciiDoc, Org...) as the pages show it: its text, preformatted. */
export const preformattedHtml = (text: string) => `<pre>${escapeText(text)}</pre>`;
