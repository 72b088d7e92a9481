/*
 * GitLab's reference syntax in running text (browser-safe: the Markdown plugin reads it too): `#12`, `!3`, `&5`,
 * `~label`, `~"two words"`, `~123`, `%milestone`, `%"a milestone"`, `%4`, `@username`, and the full-path forms
 * `group/project#5`, `group/project!3`, `group/project~label`, `group/project%"m"`, `group/sub&5`. A reference starts
 * where a word does (not inside a word, a path, an address or an email), as GitLab's reference filters read them.
 */

export type ReferenceKind = "issue" | "merge_request" | "epic" | "label" | "milestone" | "user";

export interface Reference {
  kind: ReferenceKind;
  /** The project (issues, merge requests, labels, milestones) or group (epics) it names; "" for the text's own. */
  path: string;
  /** An iid (issue, merge request, epic, milestone by `%4`), a label id (`~123`), or a title / username. */
  value: string;
  /** `~123` and `%4` name a label by id and a milestone by iid; `~"123"` and `%"4"` name them by title. */
  byId: boolean;
  /** Where the reference is in the text, and its text. */
  index: number;
  text: string;
}

const WORD = String.raw`[\p{L}\p{N}_]`;
const SEGMENT = String.raw`[\p{L}\p{N}_][\p{L}\p{N}_.\-]*`;
const PATH = String.raw`${SEGMENT}(?:\/${SEGMENT})*`;
// Not inside a word, a path, an address (`host/x#12`, `page#12`), an email (`a@b`), or after another reference sigil.
const START = String.raw`(?<![\p{L}\p{N}_\/&#~%!@.:\\\-])`;
const NUMBER = String.raw`(\d+)(?!${WORD})`;
// GitLab's unquoted label: letters, digits and `_-?.&`, not ending in `.` or `?`; scoped labels join words with `::`.
const LABEL_WORD = String.raw`[\p{L}\p{N}_][\p{L}\p{N}_\-?.&]*(?:::[\p{L}\p{N}_\-?.&]+)*(?<![.?])`;
const MILESTONE_WORD = String.raw`[\p{L}\p{N}_][\p{L}\p{N}_.\-]*(?<![.\-])`;
const USERNAME = String.raw`[\p{L}\p{N}_][\p{L}\p{N}_.\-]*(?<![.\-])`;

const PATTERN = new RegExp(
  START +
    String.raw`(?:(?<path>${PATH}))?(?:` +
    String.raw`(?<sigil>[#!&])${NUMBER.replace("(", "(?<number>")}` +
    String.raw`|~(?:"(?<labelQuoted>[^"\n]+)"|${NUMBER.replace("(", "(?<labelId>")}|(?<label>${LABEL_WORD}))` +
    String.raw`|%(?:"(?<milestoneQuoted>[^"\n]+)"|${NUMBER.replace("(", "(?<milestoneIid>")}|(?<milestone>${MILESTONE_WORD}))` +
    String.raw`|@(?<user>${USERNAME})` +
    ")",
  "gu",
);

const SIGILS = { "#": "issue", "!": "merge_request", "&": "epic" } as const;

function referenceOf(match: RegExpMatchArray): Reference | undefined {
  const g = match.groups!;
  const path = g.path ?? "";
  const base = { path, index: match.index!, text: match[0] };
  if (g.user !== undefined) return path ? undefined : { ...base, kind: "user", value: g.user, byId: false };
  if (g.sigil !== undefined) {
    const kind = SIGILS[g.sigil as keyof typeof SIGILS];
    // `project#5` (a sibling project named without its group) is GitLab's too, but ambiguous without the context: a
    // project is named by its full path here; a group (for `&`) by any path.
    if (path && kind !== "epic" && !path.includes("/")) return undefined;
    return { ...base, kind, value: g.number!, byId: true };
  }
  if (path && !path.includes("/")) return undefined;
  if (g.labelQuoted !== undefined || g.labelId !== undefined || g.label !== undefined) {
    return { ...base, kind: "label", value: g.labelQuoted ?? g.labelId ?? g.label!, byId: g.labelId !== undefined };
  }
  return { ...base, kind: "milestone", value: g.milestoneQuoted ?? g.milestoneIid ?? g.milestone!, byId: g.milestoneIid !== undefined };
}

/** The references in a run of plain text (no Markdown: code has been left out by the caller), in order. */
export function findReferences(text: string): Reference[] {
  if (!/[#!&~%@]/.test(text)) return [];
  const found: Reference[] = [];
  for (const match of text.matchAll(PATTERN)) {
    const reference = referenceOf(match);
    if (reference) found.push(reference);
  }
  return found;
}

/**
 * The key a resolved reference is stored under: what it names, relative to the text's own project or group. Titles
 * and paths compare as GitLab's do (paths and usernames whatever their case, titles exactly).
 */
export function referenceKey(reference: Pick<Reference, "kind" | "path" | "value" | "byId">): string {
  const path = reference.path.toLowerCase();
  const value = reference.kind === "user" ? reference.value.toLowerCase() : reference.value;
  return `${reference.kind}:${path}:${reference.byId ? "id" : "name"}:${value}`;
}

/** What a resolved reference links to, as the renderer draws it. */
export interface ResolvedReference {
  href: string;
  /** Shown on hover: the title, the user's name... */
  title?: string;
}

/** Resolved references by referenceKey: plain data, so a server page can hand it to any renderer. */
export type ResolvedReferences = Record<string, ResolvedReference>;
