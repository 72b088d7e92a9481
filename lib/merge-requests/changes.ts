import { logger } from "@/lib/log";
import { compare, GitError, GitNotFoundError, repositoryPath, type DiffFile, type DiffLimits } from "@/lib/repositories";
import { listMergeRequestDiffFiles, type MergeRequestDiff, type StoredDiffFile } from "./diffs";

/** What the Changes page reads from git at most: past these a file is collapsed (with an expand) or too large. */
export const CHANGES_LIMITS: DiffLimits = { maxFiles: 1000, maxBytes: 2 * 1024 * 1024, maxFileBytes: 100 * 1024, maxLinesPerFile: 5000 };

export interface MergeRequestChanges {
  /** Where the files came from: the repository (both shas are in it) or the stored diff. */
  source: "git" | "stored";
  files: DiffFile[];
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
 * and head (through the commit diff reader and its limits), else the stored diff. `expand` names files whose large
 * stored text to read anyway; git reads every file within its limits.
 */
export async function mergeRequestChanges(projectId: number, diff: MergeRequestDiff, options: { expand?: readonly string[]; maxFiles?: number } = {}): Promise<MergeRequestChanges> {
  const base = diff.startCommitSha ?? diff.baseCommitSha;
  if (base && diff.headCommitSha) {
    try {
      const result = await compare(repositoryPath(projectId, "project"), base, diff.headCommitSha, { ...CHANGES_LIMITS, straight: true, maxCommits: 1 });
      if (!result.compare_timeout) return { source: "git", files: result.diffs, total: result.diffs.length, overflow: result.overflow };
    } catch (error) {
      // A sha the repository lacks (a force-pushed branch), or no repository at all (not migrated): the stored diff
      // says it all.
      if (!(error instanceof GitError || error instanceof GitNotFoundError)) logger.warn({ err: error, projectId }, "merge request changes: git failed, showing the stored diff");
    }
  }
  const { rows, total } = await listMergeRequestDiffFiles(diff.id, { page: 1, perPage: options.maxFiles ?? 1000 }, { expand: options.expand });
  return { source: "stored", files: rows.map(storedAsDiffFile), total, overflow: total > rows.length };
}
