import Link from "next/link";
import type { ReactNode } from "react";
import ReactMarkdown, { type Components, type ExtraProps, type Options } from "react-markdown";
import { markdownPlugins, plainParagraphs, safeHref, type HastNode, type MarkdownRepository, type MarkdownWiki, type ResolvedReferences } from "@/lib/markdown";

/**
 * GitLab-flavoured Markdown for imported descriptions and notes, drawn with react-markdown from lib/markdown's chain of
 * plugins (the same the API's HTML comes from): this file only draws the elements. Links whose address safeHref
 * refuses show as their source text.
 */

// ---- rendering ----

type Node = ExtraProps["node"];

function textOf(node: Node | HastNode | undefined): string {
  if (!node) return "";
  if ("value" in node && typeof node.value === "string") return node.value;
  return "children" in node && node.children ? (node.children as HastNode[]).map(textOf).join("") : "";
}

const LINK_REL = "nofollow noreferrer noopener";

const heading = (Tag: "h3" | "h4" | "h5" | "h6", size: string) =>
  function Heading({ children, id, className }: { children?: ReactNode; id?: string; className?: string }) {
    return (
      <Tag id={id} className={`font-semibold text-gray-900 ${size} ${className ?? ""}`}>
        {children}
      </Tag>
    );
  };

/** The elements as this app draws them (links apart: they depend on the source). */
const ELEMENTS: Components = {
  // Headings sit below the page's own: # is an h3.
  h1: heading("h3", "text-xl"),
  h2: heading("h4", "text-lg"),
  h3: heading("h5", "text-base"),
  h4: heading("h6", "text-base"),
  h5: heading("h6", "text-sm"),
  h6: heading("h6", "text-sm"),
  p: ({ children }) => <p className="break-words">{children}</p>,
  code: ({ className, children }) => <code className={`rounded bg-gray-100 px-1 py-0.5 font-mono text-[0.85em] text-gray-800 ${className ?? ""}`}>{children}</code>,
  pre: ({ node }) => {
    const code = node?.children.find((child) => child.type === "element" && child.tagName === "code");
    return <pre className="overflow-x-auto rounded-md bg-gray-50 p-3 font-mono text-xs text-gray-800 ring-1 ring-inset ring-gray-200">{textOf(code ?? node).replace(/\n$/, "")}</pre>;
  },
  blockquote: ({ children }) => <blockquote className="space-y-3 border-l-4 border-gray-200 pl-3 text-gray-600">{children}</blockquote>,
  ul: ({ children }) => <ul className="list-disc space-y-1 pl-5">{children}</ul>,
  ol: ({ children, start }) => (
    <ol start={start} className="list-decimal space-y-1 pl-5">
      {children}
    </ol>
  ),
  li: ({ children, className, id }) => (
    <li id={id} className={className?.includes("task-list-item") ? "list-none" : undefined}>
      {children}
    </li>
  ),
  input: ({ type, checked, disabled }) => <input type={type} checked={checked} disabled={disabled} readOnly className="mr-1.5 -ml-5 align-middle" />,
  hr: () => <hr className="border-gray-200" />,
  // Only a repository's own files get here (remarkImagesAsLinks): same origin, served as images or not at all.
  // eslint-disable-next-line @next/next/no-img-element
  img: ({ src, alt, title }) => <img src={typeof src === "string" ? src : undefined} alt={alt ?? ""} title={title} loading="lazy" className="inline max-w-full" />,
  table: ({ children }) => (
    <div className="overflow-x-auto">
      <table className="min-w-full border-collapse text-left">{children}</table>
    </div>
  ),
  // Column alignment arrives as `style.textAlign`.
  th: ({ children, style }) => (
    <th style={style} className="border border-gray-200 bg-gray-50 px-2 py-1 font-semibold text-gray-900">
      {children}
    </th>
  ),
  td: ({ children, style }) => (
    <td style={style} className="border border-gray-200 px-2 py-1 align-top">
      {children}
    </td>
  ),
  section: ({ children, className }) => <section className={`${className ?? ""} border-t border-gray-200 pt-2 text-xs text-gray-600`}>{children}</section>,
};

/** In running text, the one paragraph is no paragraph. */
const INLINE_ELEMENTS: Components = { ...ELEMENTS, p: ({ children }) => <>{children}</> };

/** Links: a refused address (unsafe, or empty) shows the source as written, as text; references stay in the app. */
function linkElement(source: string): Components["a"] {
  return function MarkdownLink({ node, href, title, children, id, ...rest }) {
    if (!href) {
      // Refused (unsafe or empty address): the source as written, as text.
      const start = node?.position?.start.offset;
      const end = node?.position?.end.offset;
      return <>{start !== undefined && end !== undefined ? source.slice(start, end) : children}</>;
    }
    if (node?.properties.dataEpicRef !== undefined || node?.properties.dataReference !== undefined) {
      return (
        <Link href={href} title={title} className="text-blue-700 hover:underline">
          {children}
        </Link>
      );
    }
    const text = textOf(node);
    const bare = text === href || `http://${text}` === href || `mailto:${text}` === href;
    return (
      <a href={href} title={title} id={id} rel={LINK_REL} className={bare ? "break-all underline" : "underline"} {...footnoteProps(rest)}>
        {children}
      </a>
    );
  };
}

/** The footnote attributes remark-gfm puts on its links (kept: they are how screen readers announce them). */
function footnoteProps(props: Record<string, unknown>) {
  const keep: Record<string, unknown> = {};
  for (const key of ["aria-describedby", "aria-label", "data-footnote-ref", "data-footnote-backref"]) if (props[key] !== undefined) keep[key] = props[key];
  return keep;
}

/** What a document's links resolve against (see MarkdownContext). */
interface LinkContext {
  epicHref?: (iid: number) => string;
  /** The document's references that exist and the viewer may see (lib/references' resolveReferences). */
  references?: ResolvedReferences;
  repository?: MarkdownRepository;
  wiki?: MarkdownWiki;
}

function render(source: string, inline: boolean, links: LinkContext) {
  const plain = plainParagraphs(source);
  if (!plain) return parse(source, inline, links);
  // Inline, the line ends were made spaces: the plain text is all there is.
  if (inline) return <>{source}</>;
  // What the parser would draw: a paragraph each, and a line break (GitLab's) at each line end inside one.
  return plain.flatMap((lines, i) => {
    const paragraph = (
      <p key={i} className="break-words">
        {lines.map((line, j) => (j === 0 ? line : [<br key={`b${j}`} />, `\n${line}`]))}
      </p>
    );
    return i === 0 ? [paragraph] : ["\n", paragraph];
  });
}

function parse(source: string, inline: boolean, { epicHref, references, repository, wiki }: LinkContext) {
  const options: Options = {
    ...markdownPlugins({ epicHref, references, repository, wiki, inline }),
    urlTransform: (url) => safeHref(url),
    components: { ...(inline ? INLINE_ELEMENTS : ELEMENTS), a: linkElement(source) },
  };
  return <ReactMarkdown {...options}>{source}</ReactMarkdown>;
}

/** The block a document is drawn in. */
function DocumentBlock({ className = "", children }: { className?: string; children: ReactNode }) {
  return <div className={`space-y-3 text-sm leading-6 text-gray-800 ${className}`}>{children}</div>;
}

/**
 * A Markdown document (description, comment, README, wiki page) in a block of its own. `repository`: the document is a
 * file of that repository at `refName`, and its relative links and images name files beside it. `wiki`: the document
 * is a page of that project's wiki, and its relative links name the wiki's pages and files.
 */
export function Markdown({ source, className, ...links }: { source: string; className?: string } & LinkContext) {
  return <DocumentBlock className={className}>{render(source, false, links)}</DocumentBlock>;
}

/** A Markdown document drawn by the parser whatever its text: what the plain-text shortcut is tested against. */
export function ParsedMarkdown({ source, inline = false }: { source: string; inline?: boolean }) {
  return inline ? parse(source.replace(/\s*\n\s*/g, " "), true, {}) : <DocumentBlock>{parse(source, false, {})}</DocumentBlock>;
}

/** One line of Markdown inside running text (system notes, titles): emphasis, code, links and references, no blocks. */
export function InlineMarkdown({ source, epicHref, references }: { source: string; epicHref?: (iid: number) => string; references?: ResolvedReferences }) {
  return render(source.replace(/\s*\n\s*/g, " "), true, { epicHref, references });
}
