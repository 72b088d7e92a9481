import { recordFailure } from "../../record-failure";
import { RecordError } from "../../errors";
import { describeRef, type BoardReferences } from "./board-references";
import type { LabelRef } from "../common/board-record";
import type { EntityContext } from "./types";
import type { Tx } from "@/lib/db";
import { relationOf } from "@/lib/relations";

/** A part of a board (a list, a scope) that could not be imported; the rest of the board still is. */
export interface BoardProblem {
  title: string;
  message: string;
}

type Resolved<Row> = { row: Row; key: string } | { problem: string };

/**
 * What issue boards and epic boards share when they load: scope labels found or made here, then the lists in order,
 * one per key (GitLab allows one list per label, milestone...). What cannot be resolved becomes a problem.
 */
export async function resolveScopeLabels(refs: BoardReferences, labels: readonly LabelRef[], problems: BoardProblem[]): Promise<number[]> {
  const ids = new Set<number>();
  for (const ref of labels) {
    const id = await refs.label(ref);
    if (id === null) problems.push({ title: "label scope", message: `label ${describeRef(ref)} was not imported` });
    else ids.add(id);
  }
  return [...ids];
}

export async function resolveLists<List, Row>(
  entries: readonly ({ list: List } | { problem: string; title: string })[],
  resolve: (list: List) => Promise<Resolved<Row>>,
  nameOf: (list: List) => string,
  kindOf: (list: List) => string,
  problems: BoardProblem[],
): Promise<Row[]> {
  const rows: Row[] = [];
  const seen = new Set<string>();
  for (const entry of entries) {
    if ("problem" in entry) {
      problems.push({ title: entry.title, message: entry.problem });
      continue;
    }
    const resolved = await resolve(entry.list);
    if ("problem" in resolved) problems.push({ title: nameOf(entry.list), message: resolved.problem });
    else if (seen.has(resolved.key)) problems.push({ title: nameOf(entry.list), message: `the board already has this ${kindOf(entry.list)} list` });
    else {
      seen.add(resolved.key);
      rows.push(resolved.row);
    }
  }
  return rows;
}

/** The problems of one board as failures of its relation, in the load's transaction (so a replay records none twice). */
export async function recordBoardProblems(
  tx: Tx,
  entity: EntityContext,
  board: { relation: string; name: string | undefined; sourceUrl: string },
  problems: readonly BoardProblem[],
): Promise<void> {
  for (const problem of problems) {
    await recordFailure(
      {
        entityId: entity.entityId,
        relation: board.relation,
        pipelineClass: relationOf(entity.portable, board.relation)?.pipelineClass ?? board.relation,
        pipelineStep: "loader",
        error: new RecordError(problem.message),
        sourceTitle: `${board.name ?? "Board"}: ${problem.title}`,
        sourceUrl: board.sourceUrl,
      },
      tx,
    );
  }
}
