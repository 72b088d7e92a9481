import { and, asc, eq, sql } from "drizzle-orm";
import { textArray } from "@/lib/content";
import { getDb, mergeRequestDiffCommits, mergeRequestDiffFiles, mergeRequestDiffs } from "@/lib/db";

/** A file whose stored diff is larger than this is collapsed: its text is read only when asked for (GitLab's 100 KB). */
export const COLLAPSED_DIFF_BYTES = 100 * 1024;

export type MergeRequestDiff = typeof mergeRequestDiffs.$inferSelect;
export type MergeRequestDiffCommit = typeof mergeRequestDiffCommits.$inferSelect;

/** A stored diff file. `diff` is "" and `collapsed` true when it is over COLLAPSED_DIFF_BYTES (or too large) and was not asked for. */
export interface StoredDiffFile {
  relativeOrder: number;
  oldPath: string;
  newPath: string;
  aMode: string | null;
  bMode: string | null;
  newFile: boolean;
  renamedFile: boolean;
  deletedFile: boolean;
  tooLarge: boolean;
  binary: boolean;
  generated: boolean;
  diff: string;
  diffSize: number;
  collapsed: boolean;
}

/** The merge request's latest diff (GitLab keeps one per merge request in exports), if it has one. */
export async function findMergeRequestDiff(mergeRequestId: number): Promise<MergeRequestDiff | undefined> {
  const [row] = await getDb().select().from(mergeRequestDiffs).where(eq(mergeRequestDiffs.mergeRequestId, mergeRequestId)).limit(1);
  return row;
}

/** The diff's commits, newest first (relative_order 0 is the newest), a page of them with the total. */
export async function listMergeRequestCommits(diffId: number, page: { page: number; perPage: number }): Promise<{ rows: MergeRequestDiffCommit[]; total: number }> {
  const db = getDb();
  const where = eq(mergeRequestDiffCommits.mergeRequestDiffId, diffId);
  const [rows, [count]] = await Promise.all([
    db
      .select()
      .from(mergeRequestDiffCommits)
      .where(where)
      .orderBy(asc(mergeRequestDiffCommits.relativeOrder))
      .limit(page.perPage)
      .offset((page.page - 1) * page.perPage),
    db.select({ total: sql<number>`count(*)::int` }).from(mergeRequestDiffCommits).where(where),
  ]);
  return { rows, total: count?.total ?? 0 };
}

const fileColumns = {
  relativeOrder: mergeRequestDiffFiles.relativeOrder,
  oldPath: mergeRequestDiffFiles.oldPath,
  newPath: mergeRequestDiffFiles.newPath,
  aMode: mergeRequestDiffFiles.aMode,
  bMode: mergeRequestDiffFiles.bMode,
  newFile: mergeRequestDiffFiles.newFile,
  renamedFile: mergeRequestDiffFiles.renamedFile,
  deletedFile: mergeRequestDiffFiles.deletedFile,
  tooLarge: mergeRequestDiffFiles.tooLarge,
  binary: mergeRequestDiffFiles.binary,
  generated: mergeRequestDiffFiles.generated,
  diffSize: mergeRequestDiffFiles.diffSize,
};

const isCollapsed = (file: { diffSize: number; tooLarge: boolean }) => file.tooLarge || file.diffSize > COLLAPSED_DIFF_BYTES;

/**
 * The diff's files in order, a page of them with the total. `text`: "small" (the default) reads the text of files up
 * to COLLAPSED_DIFF_BYTES and of those `expand` names, leaving a large file's text in the database (the query does not
 * even read it), so a page of 300 files never carries 300 large diffs; "all" every text; "none" no text at all.
 */
export async function listMergeRequestDiffFiles(
  diffId: number,
  page: { page: number; perPage: number },
  options: { expand?: readonly string[]; text?: "small" | "all" | "none" } = {},
): Promise<{ rows: StoredDiffFile[]; total: number }> {
  const db = getDb();
  const where = eq(mergeRequestDiffFiles.mergeRequestDiffId, diffId);
  const expand = [...(options.expand ?? [])];
  const mode = options.text ?? "small";
  const text =
    mode === "all"
      ? sql<string>`${mergeRequestDiffFiles.diff}`
      : mode === "none"
        ? sql<string>`''`
        : sql<string>`CASE WHEN NOT ${mergeRequestDiffFiles.tooLarge} AND ${mergeRequestDiffFiles.diffSize} <= ${COLLAPSED_DIFF_BYTES} THEN ${mergeRequestDiffFiles.diff}
            WHEN ${mergeRequestDiffFiles.newPath} = ANY(${textArray(expand)}) THEN ${mergeRequestDiffFiles.diff} ELSE '' END`;
  const [rows, [count]] = await Promise.all([
    db
      .select({ ...fileColumns, diff: text })
      .from(mergeRequestDiffFiles)
      .where(where)
      .orderBy(asc(mergeRequestDiffFiles.relativeOrder))
      .limit(page.perPage)
      .offset((page.page - 1) * page.perPage),
    db.select({ total: sql<number>`count(*)::int` }).from(mergeRequestDiffFiles).where(where),
  ]);
  const shown = (row: { newPath: string }) => mode === "all" || (mode === "small" && expand.includes(row.newPath));
  return { rows: rows.map((row) => ({ ...row, diff: row.diff ?? "", collapsed: isCollapsed(row) && !shown(row) })), total: count?.total ?? 0 };
}

/** One file of the diff by its position, with its whole text however large (the page's "expand", the API's diff). */
export async function findMergeRequestDiffFile(diffId: number, relativeOrder: number): Promise<StoredDiffFile | undefined> {
  const [row] = await getDb()
    .select({ ...fileColumns, diff: mergeRequestDiffFiles.diff })
    .from(mergeRequestDiffFiles)
    .where(and(eq(mergeRequestDiffFiles.mergeRequestDiffId, diffId), eq(mergeRequestDiffFiles.relativeOrder, relativeOrder)))
    .limit(1);
  return row ? { ...row, collapsed: false } : undefined;
}

/** The stored diff text of the files at these paths (new or old path), for diff threads whose note kept no diff file. */
export async function diffFileTexts(diffId: number, paths: readonly string[]): Promise<Map<string, string>> {
  if (paths.length === 0) return new Map();
  const list = textArray(paths);
  const rows = await getDb()
    .select({ oldPath: mergeRequestDiffFiles.oldPath, newPath: mergeRequestDiffFiles.newPath, diff: mergeRequestDiffFiles.diff })
    .from(mergeRequestDiffFiles)
    .where(and(eq(mergeRequestDiffFiles.mergeRequestDiffId, diffId), sql`(${mergeRequestDiffFiles.newPath} = ANY(${list}) OR ${mergeRequestDiffFiles.oldPath} = ANY(${list}))`, sql`${mergeRequestDiffFiles.diffSize} <= ${COLLAPSED_DIFF_BYTES}`));
  const map = new Map<string, string>();
  for (const row of rows) {
    map.set(row.newPath, row.diff);
    if (!map.has(row.oldPath)) map.set(row.oldPath, row.diff);
  }
  return map;
}
