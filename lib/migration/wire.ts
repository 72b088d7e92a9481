/**
 * What the server sends the browser about imports, derived from the read models: the one module of lib/migration
 * that components import. Browser-safe: type-only imports (erased at build) and status.ts, which imports nothing.
 * lib/migration/index.ts does not re-export it: it derives from lib/sources' types, and lib/sources reads lib/migration.
 */
import type { DestinationGroup, PathAvailability, SourceGroupRow, SourceGroupsPage } from "@/lib/sources";
import type { ImportRequest, StartedImport } from "./create";
import type { ImportRequestError } from "./errors";
import type { LatestImport } from "./read/latest-imports";

export { humanStatus, STATUS, TRACKER_STATUS, type HumanStatus, type StatusName, type TrackerStatusName } from "./status";

// Server-rendered pages hand these to components as they are (React carries dates across).
export type { BatchTiming, BulkImportDetails, EntityDetails, TrackerDetails } from "./read/details";
export type { EntitySummary } from "./read/entity-summary";
export type { EntityFailure } from "./read/failures";
export type { HistoryEntity } from "./read/history";
export type { EntityProgress } from "./read/progress";
export type { RealtimeChange } from "./read/realtime-changes";
export type { RelationStats, TrackerHumanStatus } from "./read/relation-stats";

/** What JSON makes of T: dates become ISO strings. */
export type Jsonified<T> = T extends Date ? string : T extends readonly (infer U)[] ? Jsonified<U>[] : T extends object ? { [K in keyof T]: Jsonified<T[K]> } : T;

// The importer page's JSON routes (app/(app)/import/bulk_imports/...).

/** A source group's latest import, as GET source_groups sends it (its row already names the source group). */
export type LastImportJson = Jsonified<Omit<LatestImport, "sourceFullPath">>;

export type SourceGroupJson = Omit<SourceGroupRow, "lastImport"> & { lastImport: LastImportJson | null };

export type SourceGroupsJson = Omit<SourceGroupsPage, "groups"> & { groups: SourceGroupJson[] };

export type NamespaceJson = Pick<DestinationGroup, "id" | "fullPath" | "fullName">;

export type PathAvailabilityJson = PathAvailability;

/** One group of POST /import/bulk_imports. */
export type StartImportJson = ImportRequest;

export type StartedImportJson = StartedImport;

/** An error answer of these routes: `index` and `field` say which request and field a start error is about. */
export type ErrorJson = { message: string; kind?: string } & Partial<Pick<ImportRequestError, "index" | "field">>;
