import { statusName, type ApiBulkImport, type ApiEntity, type EntityFailure } from "@/lib/migration";

/** GitLab's API::Entities::BulkImport. */
export function bulkImportEntity(bulkImport: ApiBulkImport) {
  return {
    id: bulkImport.id,
    status: statusName(bulkImport.status),
    source_type: bulkImport.sourceType,
    source_url: bulkImport.sourceUrl,
    created_at: bulkImport.createdAt.toISOString(),
    updated_at: bulkImport.updatedAt.toISOString(),
    has_failures: bulkImport.hasFailures,
  };
}

const EXCEPTION_MESSAGE_LENGTH = 72;
// Projects::ImportErrorFilter: any word with a slash may be a server path, and never leaves the server.
const PATH_LIKE = /[^\s]*\/[^\s]*(?=\s|$)/g;

/** Rails' String#truncate: at most `length` characters, the last three being "..." when cut. */
export function truncate(text: string, length: number): string {
  const chars = Array.from(text);
  return chars.length <= length ? text : `${chars.slice(0, length - 3).join("")}...`;
}

export const filterExceptionMessage = (message: string) => truncate(message, EXCEPTION_MESSAGE_LENGTH).replace(PATH_LIKE, "[FILTERED]");

/**
 * GitLab's API::Entities::BulkImports::EntityFailure, plus the fields its docs show from earlier versions (step,
 * pipeline_class, pipeline_step, created_at), so that clients written against either shape find theirs.
 */
export function bulkImportFailureEntity(failure: EntityFailure) {
  return {
    relation: failure.subrelation ? `${failure.relation}, ${failure.subrelation}` : failure.relation,
    step: failure.pipelineStep,
    exception_message: filterExceptionMessage(failure.exceptionMessage),
    exception_class: failure.exceptionClass,
    correlation_id_value: failure.correlationId,
    created_at: failure.createdAt.toISOString(),
    pipeline_class: failure.pipelineClass,
    pipeline_step: failure.pipelineStep,
    source_url: failure.sourceUrl,
    source_title: failure.sourceTitle,
  };
}

/** GitLab's API::Entities::BulkImports::Entity. Ferry migrates no projects yet, so project_id is always null. */
export function bulkImportEntityEntity(entity: ApiEntity) {
  return {
    id: entity.id,
    bulk_import_id: entity.bulkImportId,
    status: statusName(entity.status),
    entity_type: entity.sourceType === "project_entity" ? "project" : "group",
    source_full_path: entity.sourceFullPath,
    destination_full_path: entity.destinationFullPath,
    destination_name: entity.destinationSlug,
    destination_slug: entity.destinationSlug,
    destination_namespace: entity.destinationNamespace,
    parent_id: entity.parentId,
    namespace_id: entity.namespaceId,
    project_id: null,
    created_at: entity.createdAt.toISOString(),
    updated_at: entity.updatedAt.toISOString(),
    failures: entity.failures.map(bulkImportFailureEntity),
    migrate_projects: entity.migrateProjects,
    migrate_memberships: entity.migrateMemberships,
    has_failures: entity.hasFailures,
    stats: entity.stats,
  };
}
