import { protectedTags } from "@/lib/db";
import { prepareSourceUsers } from "../../source-users";
import { mapRefUsers } from "./protected-refs-load";
import { accessLevelsOf, accessLevelUsers, mappedAccessLevels, type AccessLevelInput } from "../support/ref-access-levels";
import { importColumns, requiredString } from "../support/record-fields";
import { insertNew } from "../support/insert-by-import-key";
import { ownerOf } from "../support/owner";
import { sourceWebUrl } from "../support/source-urls";
import type { NdjsonPipeline } from "../support/types";

export interface ProtectedTagRow {
  values: Omit<typeof protectedTags.$inferInsert, "createAccessLevels">;
  create: AccessLevelInput[];
}

const COLUMNS = ["id", "project_id", "name", "create_access_levels", "created_at", "updated_at"] as const;

/**
 * Stage 4: the project's protected tags (`protected_tags: [:create_access_levels]`): a name or wildcard pattern and
 * who may create matching tags. GitLab's direct transfer has no pipeline for them (its file export does carry them);
 * Ferry imports them as it does protected branches, so that pushes obey them.
 */
export const protectedTagsPipeline: NdjsonPipeline<ProtectedTagRow> = {
  kind: "ndjson",
  relation: "protected_tags",
  transform(record, entity, key) {
    const { projectId } = ownerOf(entity);
    return {
      values: { projectId: projectId!, name: requiredString(record, "name"), ...importColumns(record, entity.entityId, key, COLUMNS) },
      create: accessLevelsOf(record, "create_access_levels"),
    };
  },
  prepare: (rows, { entity, client }) => prepareSourceUsers(client, entity, rows.flatMap((row) => accessLevelUsers(row.create))),
  async load(tx, rows, entity) {
    const mapped = await mapRefUsers(tx, entity, rows.flatMap((row) => accessLevelUsers(row.create)));
    await insertNew(
      tx,
      protectedTags,
      rows.map((row) => Object.assign({}, row.values, { createAccessLevels: mappedAccessLevels(row.create, mapped) })),
    );
  },
  titleOf: (record) => (typeof record.name === "string" ? record.name : undefined),
  sourceUrlOf: (_record, entity) => sourceWebUrl(entity, "settings/repository"),
};
