import { eq } from "drizzle-orm";
import { groups } from "@/lib/db";
import { addChildEntities } from "../support/child-entities";
import type { RestPipeline } from "../support/types";
import { sourceApiPath } from "../support/source-urls";

interface SourceProject {
  id: number;
  path: string;
  path_with_namespace: string;
}

// GitLab's `archived` had a default of false before it had none: asking for each value lists every project on both.
const ARCHIVED = ["false", "true"] as const;

/**
 * Stage 2, for "Import with projects": each project of the group on the source (its own, not its subgroups' nor
 * those shared with it; archived ones too) becomes a project entity of this import, to be created under the group
 * this entity created, with the same path.
 */
export const projectEntitiesPipeline: RestPipeline = {
  kind: "rest",
  addsEntities: true,
  relation: "project_entities",
  applies: (entity) => entity.migrateProjects,
  async run({ entity, client, db }) {
    const [group] = await db.select({ fullPath: groups.fullPath }).from(groups).where(eq(groups.id, entity.groupId!));
    let source = 0;
    let fetched = 0;
    for (const archived of ARCHIVED) {
      let listed = 0;
      let total: number | undefined;
      const query = { include_subgroups: false, with_shared: false, archived, order_by: "id", sort: "asc" };
      for await (const page of client.paginate<SourceProject>(sourceApiPath(entity, "/projects"), query, { perPage: 100 })) {
        total = page.pagination.total ?? total;
        listed += page.items.length;
        await addChildEntities(
          db,
          entity,
          group!.fullPath,
          page.items.map((project) => ({ sourceType: "project_entity", sourceFullPath: project.path_with_namespace, sourceXid: project.id, destinationSlug: project.path })),
        );
      }
      source += Math.max(total ?? 0, listed);
      fetched += listed;
    }
    return { source, fetched, imported: fetched };
  },
};
