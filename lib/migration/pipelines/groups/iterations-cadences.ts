import { and, eq, sql } from "drizzle-orm";
import { iterationCadences, iterations, type Tx } from "@/lib/db";
import { iterationStateOn, todayUtc } from "@/lib/groups";
import { RecordError } from "../../errors";
import { insertByImportKey } from "../support/insert-by-import-key";
import { importColumns, optionalDate, optionalString, requiredString } from "../support/record-fields";
import type { EntityContext, NdjsonPipeline } from "../support/types";
import { sourceWebUrl } from "../support/source-urls";

type CadenceInsert = typeof iterationCadences.$inferInsert;
type IterationInsert = Omit<typeof iterations.$inferInsert, "cadenceId">;

export interface CadenceRow {
  cadence: CadenceInsert;
  iterations: IterationInsert[];
}


const CADENCE_COLUMNS = ["title", "description", "start_date", "active", "roll_over", "automatic", "duration_in_weeks", "iterations_in_advance", "iterations", "created_at", "updated_at"] as const;
// `state`/`state_enum` and `sequence` are worked out here, as GitLab does on import (its export leaves them out).
const ITERATION_COLUMNS = ["iid", "title", "description", "start_date", "due_date", "state", "state_enum", "sequence", "created_at", "updated_at"] as const;

function requiredDate(record: Record<string, unknown>, field: string): string {
  const value = optionalDate(record, field);
  if (value === null) throw new RecordError(`${field} can't be blank`);
  return value;
}

function optionalBoolean(record: Record<string, unknown>, field: string, fallback: boolean): boolean {
  const value = record[field];
  if (value === undefined || value === null) return fallback;
  if (typeof value !== "boolean") throw new RecordError(`${field} must be true or false`);
  return value;
}

function optionalCount(record: Record<string, unknown>, field: string): number | null {
  const value = record[field];
  return typeof value === "number" && Number.isInteger(value) && value > 0 ? value : null;
}

/**
 * One cadence's iterations as rows: iid, dates (due not before start, none overlapping another, as GitLab validates),
 * the state on `today` and GitLab's sequence (1, 2... by start date). One bad iteration refuses them all, so a cadence
 * is never imported with holes in its numbering.
 */
export function iterationRows(records: readonly unknown[], cadenceKey: string, entity: EntityContext, today = todayUtc()): IterationInsert[] {
  const rows = records.map((item, index) => {
    if (!item || typeof item !== "object" || Array.isArray(item)) throw new RecordError(`iteration ${index + 1} is not an object`);
    const record = item as Record<string, unknown>;
    const iid = record.iid;
    if (typeof iid !== "number" || !Number.isInteger(iid) || iid < 1) throw new RecordError(`iteration ${index + 1}: iid must be a positive integer`);
    const startDate = requiredDate(record, "start_date");
    const dueDate = requiredDate(record, "due_date");
    if (dueDate < startDate) throw new RecordError(`iteration ${iid}: due_date must be on or after start_date`);
    return {
      groupId: entity.groupId!,
      iid,
      title: optionalString(record, "title") || null,
      description: optionalString(record, "description"),
      startDate,
      dueDate,
      state: iterationStateOn(startDate, dueDate, today),
      ...importColumns(record, entity.entityId, `${cadenceKey}/iid:${iid}`, ITERATION_COLUMNS),
    };
  });
  if (new Set(rows.map((row) => row.iid)).size !== rows.length) throw new RecordError("iid is taken by another iteration of the cadence");
  rows.sort((a, b) => (a.startDate < b.startDate ? -1 : a.startDate > b.startDate ? 1 : a.iid - b.iid));
  rows.forEach((row, index) => {
    const previous = rows[index - 1];
    if (previous && row.startDate <= previous.dueDate) throw new RecordError(`iteration ${row.iid}: dates overlap iteration ${previous.iid}`);
  });
  return rows.map((row, index) => Object.assign({}, row, { sequence: index + 1 }));
}

/**
 * Inserts cadences and their iterations that are not there yet (by import key). A cadence replayed from an earlier
 * run keeps its id, so its iterations land in it; any other conflict (an iid taken in the group) throws for the runner.
 */
export async function loadCadences(tx: Tx, rows: CadenceRow[]): Promise<void> {
  const insertIterations = insertByImportKey(iterations);
  for (const row of rows) {
    const { importEntityId, importKey } = row.cadence;
    const [inserted] = await tx
      .insert(iterationCadences)
      .values(row.cadence)
      .onConflictDoNothing({ target: [iterationCadences.importEntityId, iterationCadences.importKey], where: sql`${iterationCadences.importKey} IS NOT NULL` })
      .returning({ id: iterationCadences.id });
    const cadenceId =
      inserted?.id ??
      (
        await tx
          .select({ id: iterationCadences.id })
          .from(iterationCadences)
          .where(and(eq(iterationCadences.importEntityId, importEntityId!), eq(iterationCadences.importKey, importKey!)))
      )[0]?.id;
    if (cadenceId === undefined) throw new RecordError("The iteration cadence could not be stored.");
    if (row.iterations.length > 0) await insertIterations(tx, row.iterations.map((iteration) => Object.assign({}, iteration, { cadenceId })));
  }
}

/**
 * Stage 1, EE sources from 15.4: `iterations_cadences`, each with its `iterations` nested (import_export.yml). Like
 * GitLab's RelationFactory, an imported cadence is never automatic: its iterations are the ones the source had.
 */
export const iterationsCadencesPipeline: NdjsonPipeline<CadenceRow> = {
  kind: "ndjson",
  relation: "iterations_cadences",
  transform(record, entity, key) {
    const nested = record.iterations ?? [];
    if (!Array.isArray(nested)) throw new RecordError("iterations must be a list");
    return {
      cadence: {
        groupId: entity.groupId!,
        title: requiredString(record, "title"),
        description: optionalString(record, "description"),
        startDate: optionalDate(record, "start_date"),
        durationInWeeks: optionalCount(record, "duration_in_weeks"),
        iterationsInAdvance: optionalCount(record, "iterations_in_advance"),
        active: optionalBoolean(record, "active", true),
        automatic: false,
        rollOver: optionalBoolean(record, "roll_over", false),
        ...importColumns(record, entity.entityId, key, CADENCE_COLUMNS),
      },
      iterations: iterationRows(nested, key, entity),
    };
  },
  load: (tx, rows) => loadCadences(tx, rows),
  titleOf: (record) => (typeof record.title === "string" ? record.title : undefined),
  sourceUrlOf: (_record, entity) => sourceWebUrl(entity, "cadences"),
};
