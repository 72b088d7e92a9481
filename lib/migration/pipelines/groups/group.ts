import { eq } from "drizzle-orm";
import { bulkImportEntities, VISIBILITIES, type Db, type Visibility } from "@/lib/db";
import { capVisibility, createGroup, findGroup, GroupError } from "@/lib/groups";
import { RecordError } from "../../errors";
import { archiveGroup, readRecords } from "../../file-import/archive-store";
import type { EntityContext, RestPipeline, RestResult } from "../support/types";
import { sourceApiPath } from "../support/source-urls";

// The GitLab group settings Ferry keeps (and serves back through GET /groups/:id and the self export).
const SETTINGS = [
  "share_with_group_lock", "require_two_factor_authentication", "two_factor_grace_period", "project_creation_level",
  "auto_devops_enabled", "subgroup_creation_level", "emails_disabled", "emails_enabled", "mentions_disabled",
  "lfs_enabled", "default_branch", "default_branch_protection", "default_branch_protection_defaults",
  "request_access_enabled", "membership_lock", "wiki_access_level", "prevent_sharing_groups_outside_hierarchy",
];

// An export file's `visibility_level` (Gitlab::VisibilityLevel), where the REST API says `visibility`.
const LEVELS: Record<number, Visibility> = { 0: "private", 10: "internal", 20: "public" };

function visibilityOf(data: Record<string, unknown>): Visibility {
  const value = data.visibility;
  if (typeof value === "string" && (VISIBILITIES as readonly string[]).includes(value)) return value as Visibility;
  return (typeof data.visibility_level === "number" && LEVELS[data.visibility_level]) || "private";
}

/** Creates the entity's group under its destination from the source's attributes (REST's or the archive's). */
async function createFromAttributes(entity: EntityContext, data: Record<string, unknown>, db: Db): Promise<RestResult> {
  const viewer = { id: entity.userId, isAdmin: entity.isAdmin };
  const parent = entity.destinationNamespace ? await findGroup(viewer, entity.destinationNamespace) : undefined;
  if (entity.destinationNamespace && !parent) throw new RecordError(`Destination group ${entity.destinationNamespace} no longer exists.`, "GroupNotFound");
  const settings = Object.fromEntries(SETTINGS.filter((k) => k in data).map((k) => [k, data[k]]));
  try {
    await db.transaction(async (tx) => {
      const group = await createGroup(
        viewer,
        {
          name: String(data.name ?? entity.destinationSlug),
          path: entity.destinationSlug,
          parentId: parent?.id ?? null,
          description: typeof data.description === "string" ? data.description.slice(0, 500) : "",
          visibility: capVisibility(visibilityOf(data), parent?.visibility ?? null),
        },
        { settings, tx },
      );
      await tx.update(bulkImportEntities).set({ namespaceId: group.id, updatedAt: new Date() }).where(eq(bulkImportEntities.id, entity.entityId));
    });
  } catch (error) {
    if (error instanceof GroupError) throw new RecordError(`Unable to create group ${entity.destinationSlug}: ${error.message}`, "GroupCreateError");
    throw error;
  }
  return { source: 1, fetched: 1, imported: 1 };
}

/** Stage 0: creates the destination group from the source's GET /groups/:id. A failure here fails the entity. */
export const groupPipeline: RestPipeline = {
  kind: "rest",
  relation: "group",
  abortOnFailure: true,
  async run({ entity, client, db }) {
    // Already created by an earlier run of this job: nothing to do (jobs are delivered at least once).
    if (entity.groupId) return { source: 1, fetched: 1, imported: 1 };
    const { data } = await client.get<Record<string, unknown>>(sourceApiPath(entity));
    return createFromAttributes(entity, data, db);
  },
  // A file import's root group is created with the request; its subgroups from their `<id>.json`.
  async fromArchive({ entity, db }) {
    if (entity.groupId) return { source: 1, fetched: 1, imported: 1 };
    const group = await archiveGroup(entity.bulkImportId, entity.sourceXid);
    if (!group) throw new RecordError(`Group ${entity.sourceXid} is not in the export file.`, "GroupNotFound");
    const [record] = await readRecords(entity.bulkImportId, group.relations.self);
    return createFromAttributes(entity, Object.assign({}, record, { name: group.name || entity.destinationSlug }), db);
  },
};
