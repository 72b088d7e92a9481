import { asc, inArray } from "drizzle-orm";
import { getDb, iterationCadences, iterations } from "@/lib/db";
import { mergedRecord } from "../support/merged-record";
import { without } from "../support/record-fields";
import { idsOf, iso, ownedIds } from "../support/record-ids";
import type { CollectionRelation, ExportRecord } from "../support/types";

type Cadence = typeof iterationCadences.$inferSelect;
type Iteration = typeof iterations.$inferSelect;

// import_export.yml excluded_attributes: what GitLab never exports, even when a source sent it to Ferry.
const CADENCE_EXCLUDED = new Set(["id", "next_run_date", "duration_in_weeks", "iterations_in_advance", "automatic"]);
const ITERATION_EXCLUDED = new Set(["id", "title", "title_html", "project_id", "description_html", "cached_markdown_version", "iterations_cadence_id", "sequence", "state", "state_enum"]);

/**
 * An iteration as GitLab exports it (included_attributes, in the table's column order). The title, which GitLab leaves
 * out, is added when there is one: GitLab's importer takes it, and a Ferry-to-Ferry import keeps it.
 */
export function iterationRecord(iteration: Iteration): ExportRecord {
  const columns = {
    created_at: iso(iteration.createdAt),
    updated_at: iso(iteration.updatedAt),
    start_date: iteration.startDate,
    due_date: iteration.dueDate,
    group_id: iteration.groupId,
    iid: iteration.iid,
    description: iteration.description,
    ...(iteration.title ? { title: iteration.title } : {}),
  };
  // Columns first for GitLab's key order, then what else the source sent, then the columns' values again.
  return mergedRecord(columns, without(iteration.sourceAttributes, ITERATION_EXCLUDED), columns);
}

/** A cadence as GitLab exports it, with its iterations nested (`iterations_cadences: [:iterations]`). */
export function cadenceRecord(cadence: Cadence, nested: readonly Iteration[]): ExportRecord {
  const columns = {
    group_id: cadence.groupId,
    created_at: iso(cadence.createdAt),
    updated_at: iso(cadence.updatedAt),
    start_date: cadence.startDate,
    active: cadence.active,
    title: cadence.title,
    roll_over: cadence.rollOver,
    description: cadence.description,
  };
  return mergedRecord(columns, without(cadence.sourceAttributes, CADENCE_EXCLUDED), columns, { iterations: nested.map(iterationRecord) });
}

/** EE's `iterations_cadences`: one record per cadence; an export from Ferry reports the instance as enterprise. */
export const iterationsCadencesRelation: CollectionRelation = {
  kind: "collection",
  name: "iterations_cadences",
  ids: idsOf(iterationCadences, iterationCadences.id, iterationCadences.groupId),
  async records(groupId, ids) {
    const db = getDb();
    const cadences = await db
      .select()
      .from(iterationCadences)
      .where(ownedIds(iterationCadences.id, iterationCadences.groupId, groupId, ids))
      .orderBy(asc(iterationCadences.id));
    if (cadences.length === 0) return [];
    const nested = await db
      .select()
      .from(iterations)
      .where(inArray(iterations.cadenceId, cadences.map((c) => c.id)))
      .orderBy(asc(iterations.startDate), asc(iterations.id));
    const byCadence = new Map<number, Iteration[]>();
    for (const iteration of nested) {
      const list = byCadence.get(iteration.cadenceId!);
      if (list) list.push(iteration);
      else byCadence.set(iteration.cadenceId!, [iteration]);
    }
    return cadences.map((cadence) => cadenceRecord(cadence, byCadence.get(cadence.id) ?? []));
  },
};
