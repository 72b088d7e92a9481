import { desc, eq } from "drizzle-orm";
import { bulkImportEntities, bulkImportFailures, getDb } from "@/lib/db";
import { STATUS } from "../status";

/** GitLab's ProjectImportState names, from the project entity's status. */
const IMPORT_STATUS: Record<number, string> = {
  [STATUS.created]: "scheduled",
  [STATUS.started]: "started",
  [STATUS.finished]: "finished",
  [STATUS.failed]: "failed",
  [STATUS.timeout]: "failed",
  [STATUS.canceled]: "canceled",
};

// GitLab's ProjectImportStatus lists at most this many failed relations.
const FAILED_RELATIONS = 100;

export interface ProjectImportState {
  import_status: string;
  import_type: string | null;
  correlation_id: string | null;
  failed_relations: {
    id: number;
    created_at: string;
    exception_class: string;
    source: string;
    exception_message: null;
    relation_name: string;
    line_number: number;
  }[];
  import_error: string | null;
}

const sentence = (parts: string[]) => (parts.length <= 1 ? (parts[0] ?? "") : `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}`);

/**
 * The state a start leaves its import in, which POST /projects/import answers (GitLab's entity of the project it just
 * scheduled): read back, it could already be a worker's `started`, or further.
 */
export function scheduledImportState(bulkImportId: number): ProjectImportState {
  return { import_status: "scheduled", import_type: "gitlab_project", correlation_id: `bulk-import-${bulkImportId}`, failed_relations: [], import_error: null };
}

/**
 * The import fields of GitLab's ProjectImportStatus for a project: from the newest import entity that made it (a
 * file import or a direct transfer), or `none`. `import_error` is the failures' messages joined as GitLab joins its
 * restorers' errors, for a failed import; a viewer below Maintainer gets GitLab's hint instead of the details.
 * `exception_message` is null as in GitLab's newest entity (the messages may name things the viewer may not see).
 */
export async function projectImportState(projectId: number, options: { details: boolean }): Promise<ProjectImportState> {
  const [entity] = await getDb()
    .select({ id: bulkImportEntities.id, status: bulkImportEntities.status, bulkImportId: bulkImportEntities.bulkImportId })
    .from(bulkImportEntities)
    .where(eq(bulkImportEntities.projectId, projectId))
    .orderBy(desc(bulkImportEntities.id))
    .limit(1);
  if (!entity) return { import_status: "none", import_type: null, correlation_id: null, failed_relations: [], import_error: null };
  const failures = await getDb()
    .select()
    .from(bulkImportFailures)
    .where(eq(bulkImportFailures.entityId, entity.id))
    .orderBy(desc(bulkImportFailures.createdAt))
    .limit(FAILED_RELATIONS);
  const status = IMPORT_STATUS[entity.status] ?? "scheduled";
  const error = status === "failed" ? sentence([...new Set(failures.map((f) => f.exceptionMessage))]) || "The import failed." : null;
  return {
    import_status: status,
    import_type: "gitlab_project",
    correlation_id: failures[0]?.correlationIdValue ?? `bulk-import-${entity.bulkImportId}`,
    failed_relations: failures.map((f) => ({
      id: f.id,
      created_at: f.createdAt.toISOString(),
      exception_class: f.exceptionClass,
      source: f.pipelineStep,
      exception_message: null,
      relation_name: f.relation,
      line_number: f.lineNumber ?? 0,
    })),
    import_error: error === null ? null : options.details ? error : "Ask a maintainer to check the import status for more details.",
  };
}
