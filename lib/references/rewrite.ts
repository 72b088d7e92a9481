import { mapOutsideCode } from "./outside-code";
import { findReferences } from "./syntax";

/** A group or project of the migration: its full path on the source and where it landed. */
export interface PathMapping {
  source: string;
  destination: string;
}

/** What an imported text's references are rewritten with (see referenceRewriter). */
export interface ReferenceRewrite {
  /** The source instance's base URL, without a trailing slash. */
  sourceUrl: string;
  /** Ferry's base URL, without a trailing slash. */
  destinationUrl: string;
  paths: readonly PathMapping[];
  /** Source usernames (lower case) of users mapped to a local user of another username, to that username. */
  usernames: ReadonlyMap<string, string>;
}

const escapeRegExp = (value: string) => value.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
// The path part of an address: up to its query, anchor, or what ends it in text and Markdown.
const URL_PATH = String.raw`[^\s?#()\[\]<>"'\`]*`;

/** Longest prefix at a segment boundary, whatever the case: its length, or -1. */
function longestPrefix(path: string, candidates: readonly string[]): { index: number; length: number } {
  const lower = path.toLowerCase();
  let best = { index: -1, length: -1 };
  candidates.forEach((candidate, index) => {
    const c = candidate.toLowerCase();
    if (c.length > best.length && (lower === c || lower.startsWith(`${c}/`))) best = { index, length: c.length };
  });
  return best;
}

/**
 * The destination of a source path through the migration's groups and projects (the longest source prefix wins), or
 * undefined when it is not in the migration. A path already under a destination at least as long is taken as rewritten
 * (a second run, or a destination nested in its own source path), so that rewriting twice changes nothing more.
 */
export function mapSourcePath(path: string, paths: readonly PathMapping[]): string | undefined {
  const source = longestPrefix(path, paths.map((p) => p.source));
  if (source.index < 0) return undefined;
  const mapping = paths[source.index]!;
  if (mapping.source.toLowerCase() !== mapping.destination.toLowerCase() && longestPrefix(path, paths.map((p) => p.destination)).length >= source.length) return undefined;
  return mapping.destination + path.slice(source.length);
}

function rewriteUrls(text: string, context: ReferenceRewrite, pattern: RegExp): string {
  return text.replace(pattern, (match, groupsPart: string | undefined, path: string) => {
    const mapped = mapSourcePath(path, context.paths);
    return mapped === undefined ? match : `${context.destinationUrl}${groupsPart ?? ""}/${mapped}`;
  });
}

function rewriteReferenceText(text: string, context: ReferenceRewrite, localNames: ReadonlySet<string>): string {
  let out = "";
  let at = 0;
  for (const reference of findReferences(text)) {
    let replacement: string | undefined;
    if (reference.kind === "user") {
      const local = context.usernames.get(reference.value.toLowerCase());
      // A name some mapped user already has here was rewritten before (or is that user's): left as it is.
      if (local !== undefined && !localNames.has(reference.value.toLowerCase())) replacement = `@${local}`;
    } else if (reference.path) {
      const mapped = mapSourcePath(reference.path, context.paths);
      if (mapped !== undefined && mapped !== reference.path) replacement = mapped + reference.text.slice(reference.path.length);
    }
    if (replacement === undefined) continue;
    out += text.slice(at, reference.index) + replacement;
    at = reference.index + reference.text.length;
  }
  return out + text.slice(at);
}

/**
 * Imported descriptions and notes as they should read in Ferry (GitLab's TransformReferencesWorker, and more): the
 * source's addresses into the migrated groups and projects become Ferry's, full-path references to them name their
 * destination paths, and mentions of source users mapped to local users of another username name those. Code (fenced,
 * indented, inline) is kept as it is. Idempotent: the result rewritten again is the same. Made once for a migration's
 * context and applied to each of its texts (hundreds of thousands of notes): the address pattern and the set of local
 * names are made here, not per text.
 */
export function referenceRewriter(context: ReferenceRewrite): (text: string) => string {
  if (context.paths.length === 0 && context.usernames.size === 0) return (text) => text;
  const sourceUrl = context.sourceUrl.replace(/\/+$/, "");
  const lowerSourceUrl = sourceUrl.toLowerCase();
  const urlPattern = new RegExp(`${escapeRegExp(sourceUrl)}(/groups)?/(${URL_PATH})`, "gi");
  const hasUrl = sourceUrl !== "" && context.paths.length > 0;
  const localNames = new Set([...context.usernames.values()].map((name) => name.toLowerCase()));
  const rewrite = (part: string) => rewriteReferenceText(hasUrl && part.toLowerCase().includes(lowerSourceUrl) ? rewriteUrls(part, context, urlPattern) : part, context, localNames);
  return (text) => {
    // Most texts name nothing to rewrite: the whole text unchanged means every stretch of it is (a stretch starts after
    // code's backtick or line end, which no reference pattern looks behind for), so the Markdown need not be parsed.
    if (rewrite(text) === text) return text;
    return mapOutsideCode(text, rewrite);
  };
}
