// What the importer's JSON routes (app/(app)/import/bulk_imports/...) send to the page.

export interface ImportProgressJson {
  importedObjects: number;
  sourceObjects: number;
  trackersFinished: number;
  trackersTotal: number;
}

export interface LastImportJson {
  entityId: number;
  bulkImportId: number;
  /** GitLab's status number (lib/migration/status STATUS). */
  status: number;
  hasFailures: boolean;
  destinationFullPath: string;
  destinationNamespace: string;
  destinationSlug: string;
  destinationParentId: number | null;
  createdAt: string;
  progress: ImportProgressJson;
}

export interface SourceGroupJson {
  id: number;
  name: string;
  fullName: string;
  path: string;
  fullPath: string;
  webUrl: string;
  lastImport: LastImportJson | null;
}

export interface SourceGroupsJson {
  sourceUrl: string;
  host: string;
  page: number;
  perPage: number;
  total: number | null;
  hasNextPage: boolean;
  groups: SourceGroupJson[];
}

export interface NamespaceJson {
  id: number;
  fullPath: string;
  fullName: string;
}

export interface PathAvailabilityJson {
  exists: boolean;
  suggestion: string | null;
}

export interface StartImportJson {
  sourceFullPath: string;
  destinationSlug: string;
  destinationNamespace: string;
  migrateProjects: boolean;
  migrateMemberships: boolean;
}

export interface StartedImportJson {
  bulkImportId: number;
  entityId: number;
  sourceFullPath: string;
}

/** An error answer of these routes: `index` and `field` say which request and field a start error is about. */
export interface ErrorJson {
  message: string;
  index?: number | null;
  field?: string | null;
  kind?: string;
}
