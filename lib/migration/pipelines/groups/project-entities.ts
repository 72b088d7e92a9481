import type { RestPipeline } from "../support/types";
import { sourceApiPath } from "../support/source-urls";

/**
 * Stage 2, for "Import with projects": Ferry cannot migrate projects yet. Rather than pretend, the pipeline counts
 * the group's projects on the source and ends skipped with a message saying they were not migrated.
 */
export const projectEntitiesPipeline: RestPipeline = {
  kind: "rest",
  relation: "project_entities",
  applies: (entity) => entity.migrateProjects,
  async run({ entity, client }) {
    const page = await client.getPage(sourceApiPath(entity, "/projects"), { include_subgroups: false, per_page: 1, simple: true });
    const count = page.pagination.total ?? page.items.length;
    return {
      source: count,
      fetched: 0,
      imported: 0,
      skipped:
        count === 0
          ? "The group has no projects on the source."
          : `${count} project${count === 1 ? "" : "s"} not migrated: project migration is not available in Ferry yet.`,
    };
  },
};
