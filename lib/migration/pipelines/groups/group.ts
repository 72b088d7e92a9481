import { eq } from "drizzle-orm";
import { bulkImportEntities, VISIBILITIES, type Visibility } from "@/lib/db";
import { capVisibility, createGroup, findGroup, GroupError } from "@/lib/groups";
import { RecordError } from "../../errors";
import type { RestPipeline } from "../support/types";
import { sourceApiPath } from "../support/source-urls";

// The GitLab group settings Ferry keeps (and serves back through GET /groups/:id and the self export).
const SETTINGS = [
  "share_with_group_lock", "require_two_factor_authentication", "two_factor_grace_period", "project_creation_level",
  "auto_devops_enabled", "subgroup_creation_level", "emails_disabled", "emails_enabled", "mentions_disabled",
  "lfs_enabled", "default_branch", "default_branch_protection", "default_branch_protection_defaults",
  "request_access_enabled", "membership_lock", "wiki_access_level", "prevent_sharing_groups_outside_hierarchy",
];

function visibilityOf(value: unknown): Visibility {
  return typeof value === "string" && (VISIBILITIES as readonly string[]).includes(value) ? (value as Visibility) : "private";
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
            visibility: capVisibility(visibilityOf(data.visibility), parent?.visibility ?? null),
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
  },
};
