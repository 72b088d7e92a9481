import type { mergeRequestDiffFiles } from "@/lib/db";

/** The record without these fields. */
export const without = (record: Record<string, unknown>, drop: ReadonlySet<string>) => Object.fromEntries(Object.entries(record).filter(([key]) => !drop.has(key)));

/**
 * What the source sent that goes out again: all but the fields GitLab's import_export.yml excludes, and those that
 * point at records of the source instance Ferry does not map set empty (given out as they came they would name
 * unrelated records here; the stored record keeps them).
 */
export function keptSourceFields(sourceAttributes: Record<string, unknown>, excluded: ReadonlySet<string>, foreign: readonly string[]): Record<string, unknown> {
  const kept = without(sourceAttributes, excluded);
  for (const field of foreign) if (kept[field] !== undefined) kept[field] = null;
  return kept;
}

/** The columns naming one file of a diff (lib/db/schema/diff-file-columns.ts), which merge request and note diff files share. */
type DiffFileColumns = Pick<typeof mergeRequestDiffFiles.$inferSelect, "newFile" | "renamedFile" | "deletedFile" | "aMode" | "bMode" | "newPath" | "oldPath">;

/** Those columns as GitLab exports both merge_request_diff_files and note_diff_files, in its column order. */
export function diffFileFields(file: DiffFileColumns): Record<string, unknown> {
  return {
    new_file: file.newFile,
    renamed_file: file.renamedFile,
    deleted_file: file.deletedFile,
    a_mode: file.aMode,
    b_mode: file.bMode,
    new_path: file.newPath,
    old_path: file.oldPath,
  };
}
