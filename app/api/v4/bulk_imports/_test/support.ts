import fs from "node:fs";
import path from "node:path";
import { expect } from "vitest";
import { inArray } from "drizzle-orm";
import { bulkImportEntities, bulkImportFailures, bulkImports, bulkImportTrackers, getDb, users } from "@/lib/db";
import { STATUS, TRACKER_STATUS } from "@/lib/migration";
import { makeUser } from "@/test/helpers/factories";

const FIXTURES = path.resolve(import.meta.dirname, "../../../../../test/fixtures/gitlab");

/** GitLab's documented examples (doc/api/bulk_imports.md), keyed by "METHOD path". */
export const DOC = JSON.parse(fs.readFileSync(path.join(FIXTURES, "api_examples/bulk_imports.from_doc.json"), "utf8")) as Record<string, unknown>;

export const docExample = (key: string) => {
  const value = DOC[key];
  if (value === undefined) throw new Error(`no documented example ${key}`);
  return value as Record<string, unknown> | Record<string, unknown>[];
};

/** The names a Grape entity exposes (`expose :a`, `expose :b, as: :c` gives c), read from GitLab's source file. */
export function exposedKeys(entityFile: string): string[] {
  const source = fs.readFileSync(path.join(FIXTURES, "gitlabhq/lib/api/entities/bulk_imports", entityFile), "utf8");
  return [...source.matchAll(/^\s*expose :(\w+)(?:, as: :(\w+))?/gm)].map((m) => m[2] ?? m[1]!);
}

export const BULK_IMPORT_KEYS = ["id", "status", "source_type", "source_url", "created_at", "updated_at", "has_failures"];
export const ENTITY_KEYS = [
  "id", "bulk_import_id", "status", "entity_type", "source_full_path", "destination_full_path", "destination_name", "destination_slug",
  "destination_namespace", "parent_id", "namespace_id", "project_id", "created_at", "updated_at", "failures", "migrate_projects",
  "migrate_memberships", "has_failures", "stats",
];
export const FAILURE_KEYS = [
  "relation", "step", "exception_message", "exception_class", "correlation_id_value", "created_at", "pipeline_class", "pipeline_step", "source_url", "source_title",
];

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * Every key of GitLab's example is in ours with a value of the same JSON type (dates in the same ISO form; a null in
 * the example, such as parent_id, admits an id). Arrays and nested objects are compared through their first item.
 */
export function expectLikeExample(actual: unknown, example: unknown, where = "$"): void {
  // entity.rb exposes `full_path`, which is nil until the group exists; the docs' example only shows a created one.
  if (where.endsWith(".destination_full_path") && actual === null) return;
  if (example === null) {
    expect(actual === null || typeof actual === "number", `${where}: null or an id, got ${JSON.stringify(actual)}`).toBe(true);
    return;
  }
  if (Array.isArray(example)) {
    expect(Array.isArray(actual), `${where} is an array`).toBe(true);
    if (example.length > 0 && (actual as unknown[]).length > 0) expectLikeExample((actual as unknown[])[0], example[0], `${where}[0]`);
    return;
  }
  if (typeof example === "object") {
    expect(typeof actual === "object" && actual !== null && !Array.isArray(actual), `${where} is an object`).toBe(true);
    for (const [key, value] of Object.entries(example)) {
      expect(actual as object, `${where} has ${key}`).toHaveProperty([key]);
      expectLikeExample((actual as Record<string, unknown>)[key], value, `${where}.${key}`);
    }
    return;
  }
  expect(typeof actual, `${where} type`).toBe(typeof example);
  if (typeof example === "string" && ISO_TIME.test(example)) expect(actual as string, `${where} is an ISO time`).toMatch(ISO_TIME);
}

const admins: number[] = [];

/** An administrator for one file's tests; demoteAdmins() in afterAll, as lib/users' test expects one admin at rest. */
export async function makeAdmin() {
  const admin = await makeUser({ admin: true });
  admins.push(admin.id);
  return admin;
}

export async function demoteAdmins(): Promise<void> {
  const ids = admins.splice(0);
  if (ids.length > 0) await getDb().update(users).set({ isAdmin: false }).where(inArray(users.id, ids));
}

export interface SeedFailure {
  relation?: string;
  subrelation?: string | null;
  exceptionMessage?: string;
  sourceUrl?: string | null;
  sourceTitle?: string | null;
}

export interface SeedEntity {
  status?: number;
  sourceFullPath?: string;
  /** The group the entity created, if it got that far. */
  group?: { id: number; path: string; fullPath: string };
  hasFailures?: boolean;
  failures?: SeedFailure[];
  trackers?: { relation: string; status?: number; source?: number | null; fetched?: number; imported?: number }[];
}

/** An import in any state, written straight to the tables (no source needed), for the read endpoints' tests. */
export async function seedImport(userId: number, options: { status?: number; hasFailures?: boolean; createdAt?: Date; entities?: SeedEntity[] } = {}) {
  const db = getDb();
  const [bulkImport] = await db
    .insert(bulkImports)
    .values({
      userId,
      sourceUrl: "https://gitlab.example.com",
      sourceVersion: "17.8.0",
      tokenCiphertext: "not-a-real-token",
      status: options.status ?? STATUS.finished,
      hasFailures: options.hasFailures ?? false,
      ...(options.createdAt ? { createdAt: options.createdAt, updatedAt: options.createdAt } : {}),
    })
    .returning();
  const entityIds: number[] = [];
  for (const [index, spec] of (options.entities ?? [{}]).entries()) {
    const [entity] = await db
      .insert(bulkImportEntities)
      .values({
        bulkImportId: bulkImport!.id,
        sourceType: "group_entity",
        sourceFullPath: spec.sourceFullPath ?? `source-group-${index}`,
        sourceXid: 100 + index,
        destinationSlug: spec.group?.path ?? `dest-${bulkImport!.id}-${index}`,
        destinationNamespace: spec.group ? spec.group.fullPath.split("/").slice(0, -1).join("/") : "",
        namespaceId: spec.group?.id ?? null,
        status: spec.status ?? options.status ?? STATUS.finished,
        hasFailures: spec.hasFailures ?? (spec.failures?.length ?? 0) > 0,
      })
      .returning({ id: bulkImportEntities.id });
    entityIds.push(entity!.id);
    for (const [stage, tracker] of (spec.trackers ?? []).entries()) {
      await db.insert(bulkImportTrackers).values({
        entityId: entity!.id,
        relation: tracker.relation,
        stage,
        status: tracker.status ?? TRACKER_STATUS.finished,
        sourceObjectsCount: tracker.source ?? null,
        fetchedObjectsCount: tracker.fetched ?? 0,
        importedObjectsCount: tracker.imported ?? 0,
      });
    }
    for (const failure of spec.failures ?? []) {
      await db.insert(bulkImportFailures).values({
        entityId: entity!.id,
        relation: failure.relation ?? "labels",
        subrelation: failure.subrelation ?? null,
        pipelineClass: "BulkImports::Common::Pipelines::LabelsPipeline",
        pipelineStep: "loader",
        exceptionClass: "RecordInvalid",
        exceptionMessage: failure.exceptionMessage ?? "Title has already been taken",
        correlationIdValue: "dfcf583058ed4508e4c7c617bd7f0edd",
        sourceUrl: failure.sourceUrl ?? null,
        sourceTitle: failure.sourceTitle ?? null,
      });
    }
  }
  return { id: bulkImport!.id, entityIds };
}
