import type { mergeRequestDiffCommits, mergeRequestDiffFiles, mergeRequestDiffs } from "@/lib/db";
import { RecordError } from "../../errors";
import { nestedList, nestedRecord, optionalInteger, within } from "../support/nested-fields";
import { optionalBoolean, optionalString, optionalTimestamp, rest } from "../support/record-fields";

type DiffValues = Omit<typeof mergeRequestDiffs.$inferInsert, "mergeRequestId">;
type CommitValues = Omit<typeof mergeRequestDiffCommits.$inferInsert, "mergeRequestDiffId">;
type FileValues = Omit<typeof mergeRequestDiffFiles.$inferInsert, "mergeRequestDiffId">;

/** A merge request's latest diff (`merge_request_diff`), with its commits and files, ready to load. */
export interface DiffInput {
  values: DiffValues;
  commits: CommitValues[];
  files: FileValues[];
}

// The source's own id of the diff means nothing here (the diff is the merge request's, found through it).
const DIFF_COLUMNS = [
  "id", "state", "base_commit_sha", "head_commit_sha", "start_commit_sha", "real_size", "commits_count", "files_count",
  "merge_request_diff_commits", "merge_request_diff_files", "merge_request_id", "created_at", "updated_at",
] as const;
const SHA = /^[0-9a-f]{7,64}$/i;

/** `commit_author` / `committer: { name, email }` (GitLab 16+), else the commit's own `author_name`... columns. */
function person(record: Record<string, unknown>, nested: string, prefix: string) {
  const who = nestedRecord(record, nested);
  return {
    name: (who && optionalString(who, "name")) ?? optionalString(record, `${prefix}_name`),
    email: (who && optionalString(who, "email")) ?? optionalString(record, `${prefix}_email`),
  };
}

function commitOf(record: Record<string, unknown>, index: number): CommitValues {
  const sha = optionalString(record, "sha");
  if (sha === null || !SHA.test(sha)) throw new RecordError("sha is not a commit id");
  const author = within("commit_author", () => person(record, "commit_author", "author"));
  const committer = within("committer", () => person(record, "committer", "committer"));
  return {
    relativeOrder: optionalInteger(record, "relative_order") ?? index,
    sha,
    message: optionalString(record, "message"),
    authorName: author.name,
    authorEmail: author.email,
    authoredDate: optionalTimestamp(record, "authored_date") ?? null,
    committerName: committer.name,
    committerEmail: committer.email,
    committedDate: optionalTimestamp(record, "committed_date") ?? null,
  };
}

function fileOf(record: Record<string, unknown>, index: number): FileValues {
  // `utf8_diff` is the export's (GitLab's method over the stored, maybe base64, diff); `diff` an older exporter's.
  const diff = optionalString(record, "utf8_diff") ?? optionalString(record, "diff") ?? "";
  const oldPath = optionalString(record, "old_path");
  const newPath = optionalString(record, "new_path");
  if (!oldPath && !newPath) throw new RecordError("new_path can't be blank");
  return {
    relativeOrder: optionalInteger(record, "relative_order") ?? index,
    oldPath: oldPath || newPath!,
    newPath: newPath || oldPath!,
    aMode: optionalString(record, "a_mode"),
    bMode: optionalString(record, "b_mode"),
    newFile: optionalBoolean(record, "new_file") ?? false,
    renamedFile: optionalBoolean(record, "renamed_file") ?? false,
    deletedFile: optionalBoolean(record, "deleted_file") ?? false,
    tooLarge: optionalBoolean(record, "too_large") ?? false,
    binary: optionalBoolean(record, "binary") ?? false,
    generated: optionalBoolean(record, "generated") ?? false,
    diff,
    diffSize: Buffer.byteLength(diff),
  };
}

/** Each of a list's records in its place, with unique relative orders (the table's key). */
function ordered<T extends { relativeOrder: number }>(record: Record<string, unknown>, field: string, read: (item: Record<string, unknown>, index: number) => T): T[] {
  const list = nestedList(record, field).map((item, i) => within(`${field}[${i}]`, () => read(item, i)));
  const seen = new Set<number>();
  for (const item of list) {
    if (seen.has(item.relativeOrder)) throw new RecordError(`${field}: relative_order ${item.relativeOrder} is there twice`);
    seen.add(item.relativeOrder);
  }
  return list;
}

export function diffOf(record: Record<string, unknown>): DiffInput {
  const commits = ordered(record, "merge_request_diff_commits", commitOf);
  const files = ordered(record, "merge_request_diff_files", fileOf);
  const realSize = record.real_size;
  return {
    values: {
      state: optionalString(record, "state"),
      baseCommitSha: optionalString(record, "base_commit_sha"),
      headCommitSha: optionalString(record, "head_commit_sha"),
      startCommitSha: optionalString(record, "start_commit_sha"),
      realSize: typeof realSize === "number" ? String(realSize) : optionalString(record, "real_size"),
      commitsCount: optionalInteger(record, "commits_count") ?? commits.length,
      filesCount: optionalInteger(record, "files_count") ?? files.length,
      sourceAttributes: rest(record, DIFF_COLUMNS),
      createdAt: optionalTimestamp(record, "created_at"),
      updatedAt: optionalTimestamp(record, "updated_at"),
    },
    commits,
    files,
  };
}
