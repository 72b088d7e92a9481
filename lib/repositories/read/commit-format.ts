import { gitlabDate } from "./dates";

/** A commit as GitLab's API shows it (Entities::Commit), without the URL, which is the caller's. */
export interface Commit {
  id: string;
  short_id: string;
  created_at: string;
  parent_ids: string[];
  title: string;
  message: string;
  author_name: string;
  author_email: string;
  authored_date: string;
  committer_name: string;
  committer_email: string;
  committed_date: string;
}

// One commit as NUL-separated fields (with -z, git ends each commit with one more NUL). The message comes last and
// raw (%B): GitLab shows it as stored, trailing newline included.
const FIELDS = ["%H", "%P", "%an", "%ae", "%aI", "%cn", "%ce", "%cI", "%B"] as const;
export const COMMIT_FORMAT = `--format=${FIELDS.join("%x00")}`;
export const COMMIT_FIELD_COUNT = FIELDS.length;

const OBJECT_ID = /^[0-9a-f]{40}([0-9a-f]{24})?$/;

// GitLab's Commit#short_id: the first 8 hex digits (MIN_SHA_LENGTH + 1).
const SHORT_ID_LENGTH = 8;

/** GitLab's full_title: the message's first line, or its stand-in for an empty message. */
function fullTitle(message: string): string {
  if (message.trim() === "") return "No commit message";
  return message.split(/[\r\n]/, 1)[0]!;
}

export function commitFromFields(fields: readonly string[]): Commit {
  const [id, parents, authorName, authorEmail, authored, committerName, committerEmail, committed, message] = fields;
  if (fields.length !== COMMIT_FIELD_COUNT || !OBJECT_ID.test(id ?? "")) throw new Error("git printed a commit in an unexpected format");
  const committedDate = gitlabDate(committed!);
  return {
    id: id!,
    short_id: id!.slice(0, SHORT_ID_LENGTH),
    created_at: committedDate,
    parent_ids: parents ? parents.split(" ") : [],
    title: fullTitle(message!),
    message: message!,
    author_name: authorName!,
    author_email: authorEmail!,
    authored_date: gitlabDate(authored!),
    committer_name: committerName!,
    committer_email: committerEmail!,
    committed_date: committedDate,
  };
}

/** The commits of `git log -z COMMIT_FORMAT` output, in order. */
export function parseCommits(output: Buffer): Commit[] {
  if (output.length === 0) return [];
  const text = output.toString("utf8");
  // The last commit's terminating NUL leaves one empty field at the end.
  const fields = text.endsWith("\0") ? text.slice(0, -1).split("\0") : text.split("\0");
  if (fields.length % COMMIT_FIELD_COUNT !== 0) throw new Error("git printed a commit in an unexpected format");
  const commits: Commit[] = [];
  for (let at = 0; at < fields.length; at += COMMIT_FIELD_COUNT) commits.push(commitFromFields(fields.slice(at, at + COMMIT_FIELD_COUNT)));
  return commits;
}

/** What a commit weighs in the cache. */
export const weighCommit = (commit: Commit) => 2 * (commit.message.length + commit.title.length) + 600;
