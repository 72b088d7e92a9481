import { and, eq, type SQL } from "drizzle-orm";
import { bulkImportExports } from "@/lib/db";
import type { Portable } from "./portable";
import type { PortableKind } from "@/lib/relations";

type ExportRow = typeof bulkImportExports.$inferSelect;

/** The export rows of one portable for one user (GitLab scopes exports to the user who asked). */
export function exportsOf(portable: Pick<Portable, "kind" | "id">, userId: number): SQL {
  const column = portable.kind === "group" ? bulkImportExports.groupId : bulkImportExports.projectId;
  return and(eq(column, portable.id), eq(bulkImportExports.userId, userId))!;
}

export function portableOf(row: Pick<ExportRow, "groupId" | "projectId">): { kind: PortableKind; id: number } {
  return row.groupId !== null ? { kind: "group", id: row.groupId } : { kind: "project", id: row.projectId! };
}
