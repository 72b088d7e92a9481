import { logger } from "@/lib/log";
import { compare, GitError, GitNotFoundError, repositoryPath, type DiffFile, type DiffLimits } from "@/lib/repositories";
import { listMergeRequestDiffFileCounts, listMergeRequestDiffFiles, type LineCounts, type MergeRequestDiff, type StoredDiffFile } from "./diffs";

/** What the Changes page reads from git at most: past these a file is collapsed (with an expand) or too large. */
export const CHANGES_LIMITS: DiffLimits = { maxFiles: 1000, maxBytes: 2 * 1024 * 1024, maxFileBytes: 100 * 1024, maxLinesPerFile: 5000 };

export interface MergeRequestChanges {
  /** Where the files came from: the repository (both shas are in it) or the stored diff. */
  source: "git" | "stored";
  /** Every file listed; from the stored diff, only the asked page's carry their text. */
  files: DiffFile[];
  /** Each file's counts, counted in the database, for the stored diff (git's files carry their text: count that). */
  counts: (LineCounts | null)[] | null;
  /** Files in all (the stored diff's count, or git's). */
  total: number;
  overflow: boolean;
}

/** A stored diff file as the repository reader shapes one, so that one component draws both. */
export function storedAsDiffFile(file: StoredDiffFile): DiffFile {
  return {
    old_path: file.oldPath,
    new_path: file.newPath,
    a_mode: file.aMode ?? "0",
    b_mode: file.bMode ?? "0",
    new_file: file.newFile,
    renamed_file: file.renamedFile,
    deleted_file: file.deletedFile,
    diff: file.diff,
    collapsed: file.collapsed && !file.tooLarge,
    too_large: file.tooLarge,
    binary: file.binary || /^Binary files /.test(file.diff),
  };
}

/**
 * A merge request's changes as GitLab's Changes tab shows them: from git when the repository has both the diff's base
 * and head (through the commit diff reader and its limits, cached by both shas), else the stored diff. Of the stored
 * diff every file is listed with its counts, and only the texts of the files on `page` are read (and of those `expand`
 * names, however large): the tab draws one page, and 300 files of 40 KB are 12 MB the page would otherwise carry.
 */
export async function mergeRequestChanges(
  projectId: number,
  diff: MergeRequestDiff,
  options: { expand?: readonly string[]; maxFiles?: number; page?: { page: number; perPage: number } } = {},
): Promise<MergeRequestChanges> {
  const base = diff.startCommitSha ?? diff.baseCommitSha;
  if (base && diff.headCommitSha) {
    try {
      const result = await compare(repositoryPath(projectId, "project"), base, diff.headCommitSha, { ...CHANGES_LIMITS, straight: true, maxCommits: 1 });
      if (!result.compare_timeout) return { source: "git", files: result.diffs, counts: null, total: result.diffs.length, overflow: result.overflow };
    } catch (error) {
      // A sha the repository lacks (a force-pushed branch), or no repository at all (not migrated): the stored diff
      // says it all.
      if (!(error instanceof GitError || error instanceof GitNotFoundError)) logger.warn({ err: error, projectId }, "merge request changes: git failed, showing the stored diff");
    }
  }
  const max = options.maxFiles ?? 1000;
  const listed = await listMergeRequestDiffFileCounts(diff.id, max);
  const perPage = options.page?.perPage ?? max;
  const page = Math.min(options.page?.page ?? 1, Math.max(1, Math.ceil(listed.length / perPage)));
  const { rows, total } = await listMergeRequestDiffFiles(diff.id, { page, perPage }, { expand: options.expand });
  const from = (page - 1) * perPage;
  const files = listed.map((file, index) => storedAsDiffFile(index >= from && index < from + rows.length ? rows[index - from]! : file));
  return { source: "stored", files, counts: listed.map((file) => file.counts), total, overflow: total > listed.length };
}
