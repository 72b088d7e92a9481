import { and, eq, inArray, type SQL } from "drizzle-orm";
import { bulkImportEntities, iterations, labels, milestones, type Tx } from "@/lib/db";
import { mapSourceUsers } from "../../source-users";
import { resolveLabels } from "./label-resolution";
import { inScope, nearness, ownerOf, ownerScope, type OwnerScope } from "./owner";
import { optionalTimestamp, rest } from "./record-fields";
import type { IterationRef, LabelRef, MilestoneRef } from "../common/board-record";
import type { EntityContext } from "./types";

const LABEL_COLUMNS = ["title", "color", "description", "created_at", "updated_at"];
const COLOR = /^#[0-9a-fA-F]{3,8}$/;

/**
 * What a board's references resolve against: the entity's owner (ownerOf) and its groups (root first), where the
 * nearest one's record wins, as GitLab's group object builder looks up `group_id IN (ancestors + group)`. Answers
 * are cached for the load, so a chunk of boards pointing at the same labels asks once.
 */
export class BoardReferences {
  private readonly labelIds = new Map<string, number | null>();

  private constructor(
    private readonly tx: Tx,
    private readonly entity: EntityContext,
    private readonly scope: OwnerScope,
  ) {}

  static async open(tx: Tx, entity: EntityContext): Promise<BoardReferences> {
    return new BoardReferences(tx, entity, await ownerScope(tx, ownerOf(entity)));
  }

  /** Of rows found across the hierarchy, the one of the nearest owner. */
  private nearest<T extends { groupId: number | null; projectId: number | null }>(rows: T[]): T | undefined {
    return rows.reduce<T | undefined>((best, row) => (!best || nearness(this.scope, row) > nearness(this.scope, best) ? row : best), undefined);
  }

  /** Of iterations (a group's only) found across the hierarchy, the one of the nearest group. */
  private nearestGroup<T extends { groupId: number }>(rows: T[]): T | undefined {
    return this.nearest(rows.map((row) => Object.assign({}, row, { projectId: null })));
  }

  /** Records this same import brought in under the source id `id` (their import key), when no title says which. */
  private importedWithId(importKeyColumn: typeof labels.importKey | typeof milestones.importKey, importEntityColumn: typeof labels.importEntityId | typeof milestones.importEntityId, id: number) {
    return and(
      eq(importKeyColumn, `id:${id}`),
      inArray(importEntityColumn, this.tx.select({ id: bulkImportEntities.id }).from(bulkImportEntities).where(eq(bulkImportEntities.bulkImportId, this.entity.bulkImportId))),
    );
  }

  /**
   * The label a list or board scope means: by title in the owner or its groups, else (no nested record) the label
   * this import brought with that source id. A title found nowhere is created in the owner from the nested record,
   * as GitLab's object builder does. Null when nothing identifies it.
   */
  async label(ref: LabelRef): Promise<number | null> {
    const cacheKey = ref.title !== null ? `t:${ref.title}` : `i:${ref.sourceId}`;
    if (this.labelIds.has(cacheKey)) return this.labelIds.get(cacheKey)!;
    const id = ref.title !== null ? await this.labelByTitle(ref) : await this.labelById(ref.sourceId!);
    this.labelIds.set(cacheKey, id);
    return id;
  }

  private async labelByTitle(ref: LabelRef): Promise<number> {
    const record = ref.record ?? {};
    const label = {
      title: ref.title!,
      color: ref.color && COLOR.test(ref.color) ? ref.color : "#6699cc",
      description: ref.description,
      sourceAttributes: rest(record, LABEL_COLUMNS),
      createdAt: optionalTimestamp(record, "created_at"),
      updatedAt: optionalTimestamp(record, "updated_at"),
    };
    const ids = await resolveLabels(this.tx, this.scope, [label]);
    return ids.get(label.title)!;
  }

  private async labelById(sourceId: number): Promise<number | null> {
    const rows = await this.tx
      .select({ id: labels.id, groupId: labels.groupId, projectId: labels.projectId })
      .from(labels)
      .where(and(inScope(labels, this.scope), this.importedWithId(labels.importKey, labels.importEntityId, sourceId)));
    return this.nearest(rows)?.id ?? null;
  }

  /** A milestone by title in the owner or its groups, else the one this import brought with that source id. */
  async milestone(ref: MilestoneRef): Promise<number | null> {
    const where = ref.title !== null ? eq(milestones.title, ref.title) : this.importedWithId(milestones.importKey, milestones.importEntityId, ref.sourceId!);
    const rows = await this.tx
      .select({ id: milestones.id, groupId: milestones.groupId, projectId: milestones.projectId })
      .from(milestones)
      .where(and(inScope(milestones, this.scope), where));
    return this.nearest(rows)?.id ?? null;
  }

  /**
   * An iteration of the owner's groups, by title when the export has one, else by its dates (GitLab exports
   * iterations without title, and most iterations have none: their cadence names them by dates).
   */
  async iteration(ref: IterationRef): Promise<number | null> {
    const find = async (where: SQL | undefined) =>
      this.nearestGroup(await this.tx.select({ id: iterations.id, groupId: iterations.groupId }).from(iterations).where(and(inArray(iterations.groupId, this.scope.groupIds), where)))?.id ?? null;
    const byTitle = ref.title !== null ? await find(eq(iterations.title, ref.title)) : null;
    if (byTitle !== null || !ref.startDate || !ref.dueDate) return byTitle;
    return find(and(eq(iterations.startDate, ref.startDate), eq(iterations.dueDate, ref.dueDate)));
  }

  /**
   * The local users these source user ids stand for in this top-level group (their mapping, else a placeholder, as
   * for any contribution). All of a load's users at once, in ascending order, the order every loader maps them in.
   */
  async users(sourceUserIds: readonly number[]): Promise<Map<number, number>> {
    if (sourceUserIds.length === 0) return new Map();
    return mapSourceUsers(this.tx, { sourceUrl: this.entity.sourceUrl, rootGroupId: this.scope.groupIds[0]! }, sourceUserIds.map((id) => ({ id })));
  }
}

export const describeIteration = (ref: IterationRef) => (ref.title !== null ? `"${ref.title}"` : `${ref.startDate} – ${ref.dueDate}`);
export const describeRef = (ref: { title: string | null; sourceId: number | null }) => (ref.title !== null ? `"${ref.title}"` : `with source id ${ref.sourceId}`);
