import rehypeSanitize, { defaultSchema } from "rehype-sanitize";
import remarkGfm from "remark-gfm";
import type { PluggableList } from "unified";
import { findReferences, referenceKey, type ResolvedReferences } from "@/lib/references/syntax";
import { wikiLinkPath, wikiRawUrl, wikiUrl } from "@/lib/wikis/urls";

/*
 * GitLab-flavoured Markdown, one chain of plugins for every renderer (the pages' React one, the API's HTML one):
 * remark-gfm (tables, task lists, strikethrough, autolinks, footnotes) and GitLab's own habits: a line break in a
 * paragraph is a line break, references (`#12`, `!3`, `~label`, `@user`...) that the page resolved link to what they
 * name (and `&N` to an epic where the page only knows its group's epics), a README's or a wiki page's relative links name its
 * repository's files or its wiki's pages. Safe by construction: raw HTML in the source shows as text (it is never
 * parsed), the result is sanitized, and only http(s), mailto and same-site addresses survive (safeHref, which each
 * renderer applies to the addresses left); other images become links (nothing is loaded from another origin).
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

/** A stretch of a text node to replace, and what replaces it. */
interface Piece {
  index: number;
  length: number;
  nodes: MdNode[];
}

/** Replaces, in every text node (outside links when `outsideLinks`), the pieces `find` gives with their nodes. */
function splitTextBy(node: MdNode, find: (text: string) => Iterable<Piece>, outsideLinks: boolean) {
  if (!node.children || (outsideLinks && (node.type === "link" || node.type === "linkReference"))) return;
  node.children = node.children.flatMap((child) => {
    if (child.type !== "text") {
      splitTextBy(child, find, outsideLinks);
      return [child];
    }
    const text = child.value ?? "";
    const out: MdNode[] = [];
    let last = 0;
    for (const piece of find(text)) {
      if (piece.index > last) out.push({ type: "text", value: text.slice(last, piece.index) });
      out.push(...piece.nodes);
      last = piece.index + piece.length;
    }
    if (last === 0) return [child];
    if (last < text.length) out.push({ type: "text", value: text.slice(last) });
    return out;
  });
}

/** splitTextBy for each match of `pattern`, replaced with the nodes of `make`. */
function splitText(node: MdNode, pattern: RegExp, make: (match: RegExpMatchArray) => MdNode[], outsideLinks: boolean) {
  splitTextBy(node, (text) => [...text.matchAll(pattern)].map((match) => ({ index: match.index, length: match[0].length, nodes: make(match) })), outsideLinks);
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

/**
 * References the page resolved (lib/references' resolveReferences: only what exists and the viewer may see) become
 * links, marked to be drawn as in-app links; any other reference stays text, as GitLab shows a confidential issue to
 * those who may not read it. Code is no text node, so references in code stay code; references inside links stay text.
 */
const remarkReferences = ({ references }: { references?: ResolvedReferences }) => (tree: MdNode) => {
  if (!references) return;
  splitTextBy(
    tree,
    (text) =>
      findReferences(text).flatMap((reference) => {
        const resolved = references[referenceKey(reference)];
        if (!resolved) return [];
        const link: MdNode = { type: "link", url: resolved.href, title: resolved.title ?? null, children: [{ type: "text", value: reference.text }], data: { hProperties: { dataReference: reference.kind } } };
        return [{ index: reference.index, length: reference.text.length, nodes: [link] }];
      }),
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

/** The few hast fields the plugins and renderers touch. */
export interface HastNode {
  type: string;
  tagName?: string;
  properties?: Record<string, unknown>;
  value?: string;
  children?: HastNode[];
  position?: { start: { offset?: number }; end: { offset?: number } };
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
  attributes: { ...defaultSchema.attributes, a: [...(defaultSchema.attributes?.a ?? []), "dataEpicRef", "dataReference", "title"] },
  // No HTML is parsed, so every id comes from remark-rehype (footnotes), which prefixes it already: prefixing again
  // would break the footnote links.
  clobberPrefix: "",
};


/**
 * What a document is, for its links: a file of a repository, a page of a wiki; its resolved references; `&N` links
 * to epicHref when the page resolved no references.
 */
export interface MarkdownContext {
  epicHref?: (iid: number) => string;
  references?: ResolvedReferences;
  repository?: MarkdownRepository;
  wiki?: MarkdownWiki;
  /** One line of running text: no blocks, no line breaks. */
  inline?: boolean;
}

/** The remark plugins (on the Markdown tree) and rehype plugins (on the HTML tree) every renderer runs, in order. */
export function markdownPlugins({ epicHref, references, repository, wiki, inline = false }: MarkdownContext): { remarkPlugins: PluggableList; rehypePlugins: PluggableList } {
  return {
    remarkPlugins: [
      ...(inline ? [remarkInlineOnly] : []),
      [remarkGfm, { singleTilde: false }],
      [remarkRepositoryLinks, { repository }],
      [remarkWikiLinks, { wiki }],
      remarkImagesAsLinks,
      [remarkReferences, { references }],
      // Resolved references say which epics exist: `&N` links blindly only where nothing was resolved.
      [remarkEpicReferences, { epicHref: references ? undefined : epicHref }],
      ...(inline ? [] : [remarkLineBreaks]),
    ],
    rehypePlugins: [rehypeRawAsText, [rehypeSanitize, sanitizeSchema]],
  };
}
