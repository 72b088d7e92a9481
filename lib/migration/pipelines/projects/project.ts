import { eq } from "drizzle-orm";
import { bulkImportEntities, projects, VISIBILITIES, type Visibility } from "@/lib/db";
import { capVisibility, findGroup } from "@/lib/groups";
import { createProject, DEFAULT_BRANCH, isBranchName, MAX_DESCRIPTION_LENGTH, ProjectError } from "@/lib/projects";
import { RecordError } from "../../errors";
import type { RestPipeline } from "../support/types";
import { sourceApiPath } from "../support/source-urls";

const text = (value: unknown) => (typeof value === "string" ? value : undefined);

function visibilityOf(value: unknown): Visibility {
  return typeof value === "string" && (VISIBILITIES as readonly string[]).includes(value) ? (value as Visibility) : "private";
}

/** The source's default branch when it is one Ferry can hold; an empty source repository has none. */
function defaultBranchOf(value: unknown): string {
  const branch = text(value);
  return branch && isBranchName(branch) ? branch : DEFAULT_BRANCH;
}

function topicsOf(data: Record<string, unknown>): string[] {
  const topics = Array.isArray(data.topics) ? data.topics : Array.isArray(data.tag_list) ? data.tag_list : [];
  return topics.filter((topic): topic is string => typeof topic === "string");
}

/**
 * Stage 0 of a project entity (GitLab's ProjectPipeline): creates the destination project from the source's
 * `GET /projects/:id`, in the group its entity names, with the same path, name, description, topics, default branch
 * and settings, its visibility capped by the group's. The entity records the project in the creating transaction, so
 * a replay finds it instead of making a second. A failure here fails the entity.
 */
export const projectPipeline: RestPipeline = {
  kind: "rest",
  relation: "project",
  abortOnFailure: true,
  async run({ entity, client }) {
    if (entity.projectId) return { source: 1, fetched: 1, imported: 1 };
    const { data } = await client.get<Record<string, unknown>>(sourceApiPath(entity));
    const viewer = { id: entity.userId, isAdmin: entity.isAdmin };
    const group = await findGroup(viewer, entity.destinationNamespace);
    if (!group) throw new RecordError(`Destination group ${entity.destinationNamespace} no longer exists.`, "GroupNotFound");
    try {
      await createProject(
        viewer,
        {
          name: text(data.name) ?? entity.destinationSlug,
          path: entity.destinationSlug,
          namespaceId: group.id,
          description: (text(data.description) ?? "").slice(0, MAX_DESCRIPTION_LENGTH),
          visibility: capVisibility(visibilityOf(data.visibility), group.visibility),
          defaultBranch: defaultBranchOf(data.default_branch),
          topics: topicsOf(data),
          settings: data,
        },
        {
          async inTransaction(tx, projectId) {
            if (data.archived === true) await tx.update(projects).set({ archived: true }).where(eq(projects.id, projectId));
            await tx.update(bulkImportEntities).set({ projectId, updatedAt: new Date() }).where(eq(bulkImportEntities.id, entity.entityId));
          },
        },
      );
    } catch (error) {
      if (error instanceof ProjectError) throw new RecordError(`Unable to import project ${entity.destinationNamespace}/${entity.destinationSlug}. ${error.message}.`, "BulkImports::Error");
      throw error;
    }
    return { source: 1, fetched: 1, imported: 1 };
  },
  // A file import's project is created with the request (POST /projects/import), before its entity exists.
  async fromArchive({ entity }) {
    if (!entity.projectId) throw new RecordError(`Entity ${entity.entityId} has no destination project.`, "BulkImports::Error");
    return { source: 1, fetched: 1, imported: 1 };
  },
};
