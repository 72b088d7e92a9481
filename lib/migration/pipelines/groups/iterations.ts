import { eq } from "drizzle-orm";
import { groups } from "@/lib/db";
import { RecordError } from "../../errors";
import { iterationRows, loadCadences } from "./iterations-cadences";
import type { RestPipeline } from "../support/types";
import { sourceApiPath } from "../support/source-urls";

// An iterations list is small (one per week or two of a group's life); this bounds a source that never stops paging.
const MAX_PAGES = 100;
const DEFAULT_CADENCE_KEY = "default-cadence";

/**
 * Stage 1, EE sources before 15.4, whose exports have no cadences: the group's own iterations (GitLab read them over
 * GraphQL; the same fields come from GET /groups/:id/iterations?include_ancestors=false), all put in one cadence named
 * "<group name> Iterations", as GitLab's Iteration#find_or_create_default_cadence does. All or nothing, in one
 * transaction: a replay inserts nothing twice.
 */
export const iterationsPipeline: RestPipeline = {
  kind: "rest",
  relation: "iterations",
  async run({ entity, client, db }) {
    const records: unknown[] = [];
    let announced: number | null = null;
    for await (const page of client.paginate<unknown>(sourceApiPath(entity, "/iterations"), { include_ancestors: false, state: "all" }, { maxPages: MAX_PAGES })) {
      announced ??= page.pagination.total;
      records.push(...page.items);
    }
    const source = announced ?? records.length;
    if (records.length === 0) return { source, fetched: 0, imported: 0 };
    const rows = iterationRows(records, DEFAULT_CADENCE_KEY, entity);
    await db.transaction(async (tx) => {
      const [group] = await tx.select({ name: groups.name }).from(groups).where(eq(groups.id, entity.groupId!));
      if (!group) throw new RecordError("The destination group no longer exists.", "GroupNotFound");
      const cadence = {
        groupId: entity.groupId!,
        title: `${group.name} Iterations`,
        startDate: rows[0]!.startDate,
        active: true,
        automatic: false,
        rollOver: false,
        importEntityId: entity.entityId,
        importKey: DEFAULT_CADENCE_KEY,
      };
      await loadCadences(tx, [{ cadence, iterations: rows }]);
    });
    return { source, fetched: records.length, imported: rows.length };
  },
};
