import Link from "next/link";
import type { ReactNode } from "react";
import ReactMarkdown, { type Components, type ExtraProps, type Options } from "react-markdown";
import rehypeSanitize, { defaultSchema } from "rehype-sanitize";
import remarkGfm from "remark-gfm";
import { wikiLinkPath, wikiRawUrl, wikiUrl } from "@/lib/wikis/urls";

/**
 * GitLab-flavoured Markdown for imported descriptions and notes (react-markdown + remark-gfm + rehype-sanitize):
 * tables, task lists, strikethrough, autolinks, fenced code, footnotes, and GitLab's own habits: a line break in a
 * paragraph is a line break, `&N` is an epic reference. Safe by construction: raw HTML in the source shows as text
 * (it is never parsed), the result is sanitized, and only http(s), mailto and same-site links survive; any other link
 * or image shows as its source text. Images become links to the file (nothing is loaded from another origin).
 */

/** Where a link may go: the web, mail, or a path on this site (not `//host` or `/\host`, which leave it). */
export function safeHref(url: string): string | null {
  if (/^(https?:|mailto:)/i.test(url)) return url;
  if (/^\/(?![/\\])/.test(url) || url.startsWith("#")) return url;
  return null;
}

// ---- remark plugins (on the Markdown tree) ----

/** The few mdast fields the plugins below touch. */
interface MdNode {
  type: string;
  value?: string;
  url?: string;
  title?: string | null;
  alt?: string | null;
  children?: MdNode[];
  data?: { hProperties?: Record<string, string>; repositoryFile?: boolean };
}

/** Replaces, in every text node (outside links when `outsideLinks`), each match of `pattern` with nodes of `make`. */
function splitText(node: MdNode, pattern: RegExp, make: (match: RegExpMatchArray) => MdNode[], outsideLinks: boolean) {
  if (!node.children || (outsideLinks && (node.type === "link" || node.type === "linkReference"))) return;
  node.children = node.children.flatMap((child) => {
    if (child.type !== "text") {
      splitText(child, pattern, make, outsideLinks);
      return [child];
    }
    const text = child.value ?? "";
    const out: MdNode[] = [];
    let last = 0;
    for (const match of text.matchAll(pattern)) {
      if (match.index > last) out.push({ type: "text", value: text.slice(last, match.index) });
      out.push(...make(match));
      last = match.index + match[0].length;
    }
    if (last === 0) return [child];
    if (last < text.length) out.push({ type: "text", value: text.slice(last) });
    return out;
  });
}

/** GitLab keeps a single newline inside a paragraph as a line break. */
const remarkLineBreaks = () => (tree: MdNode) => splitText(tree, /[ \t]*(?:\r\n?|\n)[ \t]*/g, () => [{ type: "break" }], false);

const EPIC_REFERENCE = /(?<![\p{L}\p{N}&])&(\d+)(?![\p{L}\p{N}])/gu;

/** `&N` becomes a link to epic N (marked, to be drawn as an in-app link); references inside links stay text. */
const remarkEpicReferences = ({ epicHref }: { epicHref?: (iid: number) => string }) => (tree: MdNode) => {
  if (!epicHref) return;
  splitText(
    tree,
    EPIC_REFERENCE,
    (match) => [{ type: "link", url: epicHref(Number(match[1])), children: [{ type: "text", value: match[0] }], data: { hProperties: { dataEpicRef: match[1]! } } }],
    true,
  );
};

/** A document that is a file of a repository (a README), whose relative links name other files of it. */
export interface MarkdownRepository {
  /** The project's full path. */
  fullPath: string;
  /** The branch, tag or commit the document was read at. */
  refName: string;
  /** The document's directory ("" for the root). */
  directory: string;
}

const segmentsOf = (value: string) => value.split("/").map(encodeURIComponent).join("/");

/** `target` (`../docs/a.md`, `./img.png#x`) from `directory`, as a path of the tree; null when it leaves the tree. */
function resolveInTree(directory: string, target: string): { path: string; suffix: string } | null {
  const cut = target.search(/[?#]/);
  const pathPart = cut < 0 ? target : target.slice(0, cut);
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathPart);
  } catch {
    return null;
  }
  const parts = directory ? directory.split("/") : [];
  for (const part of decoded.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") {
      if (parts.length === 0) return null;
      parts.pop();
    } else parts.push(part);
  }
  return { path: parts.join("/"), suffix: cut < 0 ? "" : target.slice(cut) };
}

/**
 * In a repository's file, relative links and images (`docs/guide.md`, `../logo.png`) name files of the same tree, as
 * GitLab reads them: links go to the file's page at the same ref, images to the file itself (`/-/raw/`), which is this
 * site's and is kept as an image. Other addresses are left to the rules below.
 */
const remarkRepositoryLinks = ({ repository }: { repository?: MarkdownRepository }) => (tree: MdNode) => {
  if (!repository) return;
  const base = `/${repository.fullPath}/-`;
  const walk = (node: MdNode) => {
    for (const child of node.children ?? []) {
      if ((child.type === "link" || child.type === "image") && child.url && !/^([a-z][a-z0-9+.-]*:|\/|#|\\)/i.test(child.url)) {
        const resolved = resolveInTree(repository.directory, child.url);
        if (resolved) {
          const kind = child.type === "image" ? "raw" : "blob";
          child.url = `${base}/${kind}/${segmentsOf(repository.refName)}${resolved.path ? `/${segmentsOf(resolved.path)}` : ""}${resolved.suffix}`;
          if (child.type === "image") child.data = { ...child.data, repositoryFile: true };
        }
      }
      walk(child);
    }
  };
  walk(tree);
};

/** A document that is a page of a project's wiki, whose relative links name other pages and files of the wiki. */
export interface MarkdownWiki {
  /** The project's full path. */
  fullPath: string;
  /** The page's slug. */
  slug: string;
}

/**
 * In a wiki page, relative links lead to pages of the wiki (GitLab's WikiLinkFilter: `x` and `/x` from the wiki's
 * root, `./x` and `../x` from the page's directory), and relative images show the wiki's own file, served as it is.
 */
const remarkWikiLinks = ({ wiki }: { wiki?: MarkdownWiki }) => (tree: MdNode) => {
  if (!wiki) return;
  const walk = (node: MdNode) => {
    for (const child of node.children ?? []) {
      if ((child.type === "link" || child.type === "image") && child.url) {
        const resolved = wikiLinkPath(child.url, wiki.slug);
        if (resolved && child.type === "image" && resolved.path) {
          child.url = wikiRawUrl(wiki.fullPath, resolved.path) + resolved.suffix;
          child.data = { ...child.data, repositoryFile: true };
        } else if (resolved) {
          child.url = `${wikiUrl(wiki.fullPath)}${resolved.path ? `/${segmentsOf(resolved.path)}` : ""}${resolved.suffix}`;
        }
      }
      walk(child);
    }
  };
  walk(tree);
};

/**
 * Images become links labelled with their alt text (inside a link, the alt text alone): nothing is fetched from
 * wherever the source points, and an unsafe address falls back to the source text like any other link. Only a
 * repository's own files (remarkRepositoryLinks) stay images.
 */
const remarkImagesAsLinks = () => (tree: MdNode) => {
  const walk = (node: MdNode, inLink: boolean) => {
    node.children = node.children?.map((child) => {
      if (child.type === "image" && child.data?.repositoryFile) return child;
      if (child.type === "image" || child.type === "imageReference") {
        const label: MdNode = { type: "text", value: child.alt || child.url || "" };
        if (inLink) return label;
        return { ...child, type: child.type === "image" ? "link" : "linkReference", children: [label] };
      }
      walk(child, inLink || child.type === "link" || child.type === "linkReference");
      return child;
    });
  };
  walk(tree, false);
};

/** One line of running text: no block constructs at all (a leading `#`, `-`, `>` or `1.` stays text). */
function remarkInlineOnly(this: { data(): object }) {
  const data = this.data() as { micromarkExtensions?: unknown[] };
  const extensions = (data.micromarkExtensions ??= []);
  extensions.push({
    disable: {
      null: ["blockQuote", "codeFenced", "codeIndented", "definition", "headingAtx", "htmlFlow", "list", "setextUnderline", "thematicBreak", "table", "gfmFootnoteDefinition"],
    },
  });
}

// ---- rehype plugins (on the HTML tree) ----

interface HastNode {
  type: string;
  tagName?: string;
  properties?: Record<string, unknown>;
  value?: string;
  children?: HastNode[];
}

/**
 * Raw HTML from the source is kept as text (escaped when rendered), its line breaks kept, as the source shows it; an
 * HTML block of its own becomes a paragraph.
 */
const rehypeRawAsText = () => (tree: HastNode) => {
  const walk = (node: HastNode) => {
    node.children = node.children?.flatMap((child): HastNode[] => {
      if (child.type !== "raw") {
        walk(child);
        return [child];
      }
      const content = (child.value ?? "")
        .split(/\r\n?|\n/)
        .flatMap((line, i): HastNode[] => [...(i > 0 ? [{ type: "element", tagName: "br", properties: {}, children: [] }] : []), { type: "text", value: line }]);
      return node.type === "root" ? [{ type: "element", tagName: "p", properties: {}, children: content }] : content;
    });
  };
  walk(tree);
};

const sanitizeSchema = {
  ...defaultSchema,
  attributes: { ...defaultSchema.attributes, a: [...(defaultSchema.attributes?.a ?? []), "dataEpicRef"] },
  // No HTML is parsed, so every id comes from remark-rehype (footnotes), which prefixes it already: prefixing again
  // would break the footnote links.
  clobberPrefix: "",
};

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

/** Links: a refused address (unsafe, or empty) shows the source as written, as text; `&N` references stay in the app. */
function linkElement(source: string): Components["a"] {
  return function MarkdownLink({ node, href, title, children, id, ...rest }) {
    if (!href) {
      // Refused (unsafe or empty address): the source as written, as text.
      const start = node?.position?.start.offset;
      const end = node?.position?.end.offset;
      return <>{start !== undefined && end !== undefined ? source.slice(start, end) : children}</>;
    }
    if (node?.properties.dataEpicRef !== undefined) {
      return (
        <Link href={href} className="hover:underline">
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

function urlTransform(url: string): string | null {
  return safeHref(url);
}

function render(source: string, epicHref: ((iid: number) => string) | undefined, inline: boolean, repository?: MarkdownRepository, wiki?: MarkdownWiki) {
  const options: Options = {
    remarkPlugins: [
      ...(inline ? [remarkInlineOnly] : []),
      [remarkGfm, { singleTilde: false }],
      [remarkRepositoryLinks, { repository }],
      [remarkWikiLinks, { wiki }],
      remarkImagesAsLinks,
      [remarkEpicReferences, { epicHref }],
      ...(inline ? [] : [remarkLineBreaks]),
    ],
    rehypePlugins: [rehypeRawAsText, [rehypeSanitize, sanitizeSchema]],
    urlTransform,
    components: { ...(inline ? INLINE_ELEMENTS : ELEMENTS), a: linkElement(source) },
  };
  return <ReactMarkdown {...options}>{source}</ReactMarkdown>;
}

/**
 * A Markdown document (description, comment, README, wiki page) in a block of its own. `repository`: the document is a
 * file of that repository at `refName`, and its relative links and images name files beside it. `wiki`: the document
 * is a page of that project's wiki, and its relative links name the wiki's pages and files.
 */
export function Markdown({ source, epicHref, repository, wiki, className = "" }: { source: string; epicHref?: (iid: number) => string; repository?: MarkdownRepository; wiki?: MarkdownWiki; className?: string }) {
  return <div className={`space-y-3 text-sm leading-6 text-gray-800 ${className}`}>{render(source, epicHref, false, repository, wiki)}</div>;
}

/** One line of Markdown inside running text (system notes, titles): emphasis, code, links and references, no blocks. */
export function InlineMarkdown({ source, epicHref }: { source: string; epicHref?: (iid: number) => string }) {
  return render(source.replace(/\s*\n\s*/g, " "), epicHref, true);
}
