import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { Readable } from "node:stream";
import { and, eq, inArray, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import {
  ACCESS_LEVELS,
  appSettings,
  bulkImportEntities,
  bulkImports,
  bulkImportTrackers,
  ciBuilds,
  ciPipelines,
  ciStages,
  getDb,
  groupMembers,
  issues,
  mergeRequestDiffs,
  mergeRequests,
  milestones,
  notes,
  projectMembers,
  relationImportTrackers,
} from "@/lib/db";
import { createGroup } from "@/lib/groups";
import { STATUS, TRACKER_STATUS } from "@/lib/migration";
import { loadEntity } from "@/lib/migration/engine/context";
import { loadBatch } from "@/lib/migration/engine/load-batch";
import { cappedFailures } from "@/lib/migration/capped-failures";
import { pipelineFor, type NdjsonPipeline, type StagedPipeline } from "@/lib/migration/pipelines";
import { importsRoot } from "@/lib/migration/file-import/archive-store";
import { importRequest, PROJECT_EXPORTS, projectFixtureMembers, tarGzOf } from "@/lib/migration/file-import/test-archives";
import { createProject } from "@/lib/projects";
import { tokenFor } from "@/test/helpers/api";
import { makeUser, unique } from "@/test/helpers/factories";
import { importResult, importStoreRemoved, waitForImports } from "@/test/helpers/imports";
import { runImportWorker } from "@/test/helpers/import-worker";
import { GET as listRelationImports } from "../[id]/relation-imports/route";
import { GET as getImportStatus } from "../[id]/import/route";
import { POST as importProject } from "../import/route";
import { POST } from "./route";

runImportWorker("pgboss_relation_import_test");

const db = () => getDb();
type Answer = { status: number; body: Record<string, unknown> };

async function answerOf(response: Response): Promise<Answer> {
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const importRelation = async (fields: Record<string, string>, archive: Buffer | null, token: string) =>
  answerOf(await POST(importRequest(fields, archive, token, "projects/import-relation"), { params: Promise.resolve({}) }));

const list = async (projectId: number, token: string) => {
  const response = await listRelationImports(new Request(`http://ferry.test/api/v4/projects/${projectId}/relation-imports`, { headers: { "private-token": token } }), { params: Promise.resolve({ id: String(projectId) }) });
  return { status: response.status, body: (await response.json()) as unknown };
};

const uploadsLeftOver = () => fs.readdirSync(importsRoot(), { withFileTypes: true }).filter((entry) => entry.name.startsWith("upload-"));

/** The fixture's records of a relation, as the archive holds them. */
const fixtureRecords = (relation: string) =>
  fs
    .readFileSync(path.join(PROJECT_EXPORTS, "complex", "tree/project", `${relation}.ndjson`), "utf8")
    .split("\n")
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as Record<string, unknown>);

/**
 * A project imported from GitLab's complex export, as POST /projects/import makes it, and its archive. The member with
 * source id 15 (author of issue 2) has the public email of a local account here, so their records map to it.
 */
async function importedProject() {
  const user = await makeUser();
  const token = await tokenFor(user.id);
  const group = await createGroup(user, { name: "Relations", path: unique("relations") });
  const member = await makeUser({ email: `${unique("breanna")}@example.com` });
  const members = projectFixtureMembers("complex").map((entry) => {
    if (entry.header.name !== "./tree/project/project_members.ndjson") return entry;
    const lines = entry.data!.toString("utf8").split("\n").filter((line) => line.trim()).map((line) => JSON.parse(line) as { user: { id: number; public_email: string } });
    for (const line of lines) if (line.user.id === 15) line.user.public_email = member.email;
    return { ...entry, data: Buffer.from(lines.map((line) => JSON.stringify(line)).join("\n")) };
  });
  const archive = await tarGzOf(members);
  const projectPath = unique("project");
  const answer = await answerOf(await importProject(importRequest({ path: projectPath, namespace: group.fullPath }, archive, token, "projects/import"), { params: Promise.resolve({}) }));
  expect(answer.status).toBe(201);
  const projectId = answer.body.id as number;
  const [entity] = await db().select({ bulkImportId: bulkImportEntities.bulkImportId }).from(bulkImportEntities).where(eq(bulkImportEntities.projectId, projectId));
  const [ended] = await waitForImports([entity!.bulkImportId]);
  expect(ended).toMatchObject({ status: STATUS.finished });
  return { user, token, group, archive, projectId, member, fullPath: `${group.fullPath}/${projectPath}` };
}

/** Waits for a relation import's file import to end; gives its one entity's tracker and failures. */
async function finishedRelationImport(trackerId: number) {
  const [tracker] = await db().select().from(relationImportTrackers).where(eq(relationImportTrackers.id, trackerId));
  const [ended] = await waitForImports([tracker!.bulkImportId!]);
  const [entry] = [...(await importResult(tracker!.bulkImportId!)).values()];
  return { ended: ended!, entry: entry!, bulkImportId: tracker!.bulkImportId! };
}

const notesOf = async (type: string, ids: number[]) =>
  ids.length === 0 ? 0 : (await db().select({ n: sql<number>`count(*)::int` }).from(notes).where(and(eq(notes.noteableType, type), inArray(notes.noteableId, ids))))[0]!.n;

/** Per issue iid: its id, title, and how many notes it has. */
async function issuesByIid(projectId: number) {
  const rows = await db().select({ id: issues.id, iid: issues.iid, title: issues.title }).from(issues).where(eq(issues.projectId, projectId));
  return new Map(await Promise.all(rows.map(async (row) => [row.iid, { ...row, notes: await notesOf("Issue", [row.id]) }] as const)));
}

async function mergeRequestsByIid(projectId: number) {
  const rows = await db().select({ id: mergeRequests.id, iid: mergeRequests.iid, title: mergeRequests.title }).from(mergeRequests).where(eq(mergeRequests.projectId, projectId));
  return new Map(
    await Promise.all(
      rows.map(async (row) => {
        const [diffs] = await db().select({ n: sql<number>`count(*)::int` }).from(mergeRequestDiffs).where(eq(mergeRequestDiffs.mergeRequestId, row.id));
        return [row.iid, { ...row, notes: await notesOf("MergeRequest", [row.id]), diffs: diffs!.n }] as const;
      }),
    ),
  );
}

async function pipelinesOf(projectId: number) {
  const rows = await db().select({ id: ciPipelines.id, iid: ciPipelines.iid, sha: ciPipelines.sha }).from(ciPipelines).where(eq(ciPipelines.projectId, projectId));
  return Promise.all(
    rows.map(async (row) => {
      const [stages] = await db().select({ n: sql<number>`count(*)::int` }).from(ciStages).where(eq(ciStages.pipelineId, row.id));
      const [builds] = await db().select({ n: sql<number>`count(*)::int` }).from(ciBuilds).where(eq(ciBuilds.pipelineId, row.id));
      return { ...row, stages: stages!.n, builds: builds!.n };
    }),
  );
}

/** Rows as a user sees them, without the row ids a re-import gives anew. */
function withoutId<T extends { id: number }>(row: T): Omit<T, "id"> {
  const rest: Partial<T> = { ...row };
  delete rest.id;
  return rest as Omit<T, "id">;
}

const withoutIds = <T extends { id: number }>(map: Map<number, T>) => new Map([...map].map(([iid, row]) => [iid, withoutId(row)]));

describe("POST /projects/import-relation", () => {
  it("imports each of the four relations again: the missing iids come back with their notes, the existing ones stay as they are, counts exact", async () => {
    const { token, archive, projectId, fullPath, member } = await importedProject();
    const membersBefore = await db().select({ userId: projectMembers.userId, accessLevel: projectMembers.accessLevel }).from(projectMembers).where(eq(projectMembers.projectId, projectId)).orderBy(projectMembers.userId);
    const send = async (relation: string) => {
      const answer = await importRelation({ path: fullPath, relation }, archive, token);
      expect(answer.status, relation).toBe(201);
      expect(answer.body).toEqual({ id: expect.any(Number), project_path: fullPath, relation, status: "created" });
      const done = await finishedRelationImport(answer.body.id as number);
      expect(done.ended.status, relation).toBe(STATUS.finished);
      expect(done.entry.failures.map((f) => `${f.relation}: ${f.exceptionMessage}`)).toEqual([]);
      // Only the chosen relation's pipeline ran, with the archive's members read to map users: nothing of the
      // project's attributes, repository or other relations, and no membership added.
      expect([...done.entry.trackers.keys()].sort()).toEqual(["members", relation].sort());
      expect(done.entry.trackers.get("members")).toMatchObject({ status: TRACKER_STATUS.finished, importedObjectsCount: 4 });
      return { ...done, id: answer.body.id as number };
    };

    // Issues: two deleted (with their notes), one edited since the first import.
    const issuesBefore = await issuesByIid(projectId);
    expect(issuesBefore.size).toBe(fixtureRecords("issues").length);
    const deletedIssues = [issuesBefore.get(2)!, issuesBefore.get(7)!];
    expect(deletedIssues.map((issue) => issue.notes)).toEqual([8, 8]);
    await db().delete(notes).where(and(eq(notes.noteableType, "Issue"), inArray(notes.noteableId, deletedIssues.map((issue) => issue.id))));
    await db().delete(issues).where(inArray(issues.id, deletedIssues.map((issue) => issue.id)));
    await db().update(issues).set({ title: "Edited here" }).where(eq(issues.id, issuesBefore.get(1)!.id));

    const issuesRun = await send("issues");
    expect(issuesRun.entry.trackers.get("issues")).toMatchObject({ status: TRACKER_STATUS.finished, fetchedObjectsCount: issuesBefore.size, importedObjectsCount: 2 });
    const issuesAfter = await issuesByIid(projectId);
    expect(withoutIds(issuesAfter)).toEqual(withoutIds(new Map([...issuesBefore, [1, { ...issuesBefore.get(1)!, title: "Edited here" }]])));
    // The existing ones are the same rows; the returned ones are new rows of this import.
    for (const iid of [1, 3, 4, 5, 6, 8, 9, 10, 11, 12]) expect(issuesAfter.get(iid)!.id).toBe(issuesBefore.get(iid)!.id);
    const [returned] = await db().select({ entityId: issues.importEntityId, authorId: issues.authorId }).from(issues).where(eq(issues.id, issuesAfter.get(2)!.id));
    // Its author maps to the account the archive's members name, as in the first import.
    expect(returned).toEqual({ entityId: issuesRun.entry.entity.id, authorId: member.id });

    // Merge requests: one deleted with its notes and diff.
    const mrsBefore = await mergeRequestsByIid(projectId);
    const deletedMr = mrsBefore.get(3)!;
    await db().delete(notes).where(and(eq(notes.noteableType, "MergeRequest"), eq(notes.noteableId, deletedMr.id)));
    await db().delete(mergeRequests).where(eq(mergeRequests.id, deletedMr.id));
    const mrsRun = await send("merge_requests");
    expect(mrsRun.entry.trackers.get("merge_requests")).toMatchObject({ fetchedObjectsCount: mrsBefore.size, importedObjectsCount: 1 });
    expect(withoutIds(await mergeRequestsByIid(projectId))).toEqual(withoutIds(mrsBefore));

    // Milestones: one deleted, one renamed here (kept renamed).
    const milestoneRows = await db().select().from(milestones).where(eq(milestones.projectId, projectId));
    expect(milestoneRows.map((m) => m.iid).sort()).toEqual([1, 4, 5]);
    const gone = milestoneRows.find((m) => m.iid === 5)!;
    await db().delete(milestones).where(eq(milestones.id, gone.id));
    await db().update(milestones).set({ title: "Renamed here" }).where(and(eq(milestones.projectId, projectId), eq(milestones.iid, 1)));
    const milestonesRun = await send("milestones");
    expect(milestonesRun.entry.trackers.get("milestones")).toMatchObject({ fetchedObjectsCount: 3, importedObjectsCount: 1 });
    const milestonesAfter = await db().select({ iid: milestones.iid, title: milestones.title, description: milestones.description }).from(milestones).where(eq(milestones.projectId, projectId));
    expect(milestonesAfter.sort((a, b) => a.iid - b.iid)).toEqual(
      milestoneRows
        .map((m) => ({ iid: m.iid, title: m.iid === 1 ? "Renamed here" : m.title, description: m.description }))
        .sort((a, b) => a.iid - b.iid),
    );

    // CI pipelines: the one with an iid deleted (stages and jobs cascade). The six without an iid stay single: as
    // GitLab's pluck(:iid), "no iid" is a value the project has, so they are skipped and not duplicated.
    const pipelinesBefore = await pipelinesOf(projectId);
    expect(pipelinesBefore.length).toBe(7);
    const numbered = pipelinesBefore.find((p) => p.iid === 1)!;
    expect(numbered.stages).toBeGreaterThan(0);
    await db().delete(ciPipelines).where(eq(ciPipelines.id, numbered.id));
    const pipelinesRun = await send("ci_pipelines");
    expect(pipelinesRun.entry.trackers.get("ci_pipelines")).toMatchObject({ fetchedObjectsCount: 7, importedObjectsCount: 1 });
    const pipelinesAfter = await pipelinesOf(projectId);
    const shape = (rows: typeof pipelinesBefore) => rows.map(withoutId).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    expect(shape(pipelinesAfter)).toEqual(shape(pipelinesBefore));

    // The project's members are as they were: the archive's were read, not added.
    expect(await db().select({ userId: projectMembers.userId, accessLevel: projectMembers.accessLevel }).from(projectMembers).where(eq(projectMembers.projectId, projectId)).orderBy(projectMembers.userId)).toEqual(membersBefore);

    // The list, newest first, every one finished; the archive's store and the uploads are gone.
    const listed = await list(projectId, token);
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual(
      [pipelinesRun, milestonesRun, mrsRun, issuesRun].map((run, index) => ({
        id: run.id,
        project_path: fullPath,
        relation: ["ci_pipelines", "milestones", "merge_requests", "issues"][index],
        status: "finished",
        created_at: expect.any(String),
        updated_at: expect.any(String),
      })),
    );
    for (const run of [issuesRun, mrsRun, milestonesRun, pipelinesRun]) expect(await importStoreRemoved(run.bulkImportId)).toBe(true);
    expect(uploadsLeftOver()).toEqual([]);
  });

  it("imports nothing twice when a job is replayed: the same chunk loaded again by the same import skips every record and counts the same", async () => {
    const { token, archive, projectId, fullPath } = await importedProject();
    const before = await issuesByIid(projectId);
    const removed = before.get(4)!;
    await db().delete(notes).where(and(eq(notes.noteableType, "Issue"), eq(notes.noteableId, removed.id)));
    await db().delete(issues).where(eq(issues.id, removed.id));
    const answer = await importRelation({ path: fullPath, relation: "issues" }, archive, token);
    expect(answer.status).toBe(201);
    const run = await finishedRelationImport(answer.body.id as number);
    expect(run.entry.trackers.get("issues")).toMatchObject({ fetchedObjectsCount: before.size, importedObjectsCount: 1 });
    const after = await issuesByIid(projectId);
    expect(withoutIds(after)).toEqual(withoutIds(before));

    // The batch again, as a job delivered twice runs it: the same entity, the same file.
    const loaded = await loadEntity(run.entry.entity.id);
    const pipeline = pipelineFor("project", "issues") as StagedPipeline<NdjsonPipeline>;
    const file = fs.readFileSync(path.join(PROJECT_EXPORTS, "complex", "tree/project/issues.ndjson"));
    const tally = { fetched: 0, imported: 0 };
    const failures = cappedFailures({ entityId: run.entry.entity.id, relation: "issues", pipelineClass: pipeline.pipelineClass }, 0);
    await loadBatch(pipeline, loaded!.context, Readable.from([zlib.gzipSync(file)]), 0, null, failures, tally);
    expect(tally).toEqual({ fetched: before.size, imported: 1 });
    expect(withoutIds(await issuesByIid(projectId))).toEqual(withoutIds(before));
    expect(await importResult(run.bulkImportId).then((r) => [...r.values()][0]!.failures)).toEqual([]);
  });

  it("answers GitLab's errors: unknown project, wrong relation, below Maintainer, missing fields, an import in progress", async () => {
    const owner = await makeUser();
    const ownerToken = await tokenFor(owner.id);
    const developer = await makeUser();
    const stranger = await makeUser();
    const group = await createGroup(owner, { name: "Errors", path: unique("errors") });
    const project = await createProject(owner, { name: "Target", path: unique("target"), namespaceId: group.id });
    const fullPath = `${group.fullPath}/${project.path}`;
    await db().insert(groupMembers).values({ groupId: group.id, userId: developer.id, accessLevel: ACCESS_LEVELS.developer });
    const archive = await tarGzOf(projectFixtureMembers("complex"));
    const trackers = () => db().select().from(relationImportTrackers).where(eq(relationImportTrackers.projectId, project.id));
    // A Maintainer of its own for each request: the project_import rate limit (6 a minute) counts per user.
    const maintainer = async () => {
      const user = await makeUser();
      await db().insert(groupMembers).values({ groupId: group.id, userId: user.id, accessLevel: ACCESS_LEVELS.maintainer });
      return tokenFor(user.id);
    };

    expect(await importRelation({ path: `${group.fullPath}/nothing-here`, relation: "issues" }, archive, await maintainer())).toEqual({ status: 404, body: { message: "Project not found" } });
    // A private project the user cannot see is not found either (its existence is not told).
    expect(await importRelation({ path: fullPath, relation: "issues" }, archive, await tokenFor(stranger.id))).toEqual({ status: 404, body: { message: "Project not found" } });
    expect(await importRelation({ path: fullPath, relation: "labels" }, archive, await maintainer())).toEqual({
      status: 400,
      body: { message: "Imported relation must be one of issues, merge_requests, milestones, or ci_pipelines" },
    });
    expect(await importRelation({ path: fullPath, relation: "issues" }, archive, await tokenFor(developer.id))).toEqual({ status: 403, body: { message: "You are not authorized to perform this action" } });
    expect(await importRelation({ relation: "issues" }, archive, await maintainer())).toEqual({ status: 400, body: { error: "path is missing" } });
    expect(await importRelation({ path: fullPath }, archive, await maintainer())).toEqual({ status: 400, body: { error: "relation is missing" } });
    expect(await importRelation({ path: fullPath, relation: "issues" }, null, await maintainer())).toEqual({ status: 400, body: { error: "file is missing" } });
    expect(await importRelation({ path: fullPath, relation: "issues" }, await tarGzOf(projectFixtureMembers("complex", [], { version: "0.2.3" })), await maintainer())).toEqual({
      status: 400,
      body: { message: "Import version mismatch: Required 0.2.4 but was 0.2.3" },
    });
    expect(await trackers()).toEqual([]);

    // GitLab's any_import_in_progress?: the project's own import still running is a 409 too.
    const [own] = await db().insert(bulkImports).values({ userId: owner.id, sourceType: "file", sourceUrl: "file:///own/x.tar.gz", sourceVersion: "17.5.0", tokenCiphertext: "", status: STATUS.started }).returning();
    const [ownEntity] = await db()
      .insert(bulkImportEntities)
      .values({ bulkImportId: own!.id, sourceType: "project_entity", sourceFullPath: fullPath, destinationSlug: project.path, destinationNamespace: group.fullPath, projectId: project.id, status: STATUS.started })
      .returning();
    expect(await importRelation({ path: fullPath, relation: "issues" }, archive, await maintainer())).toEqual({ status: 409, body: { message: "A relation import is already in progress for this project" } });
    await db().update(bulkImportEntities).set({ status: STATUS.finished }).where(eq(bulkImportEntities.id, ownEntity!.id));
    await db().update(bulkImports).set({ status: STATUS.finished }).where(eq(bulkImports.id, own!.id));

    // GitLab's spec: a started tracker of the project makes the next request a 409, and nothing is created.
    const [running] = await db().insert(relationImportTrackers).values({ projectId: project.id, userId: owner.id, relation: "issues", status: 1 }).returning();
    expect(await importRelation({ path: fullPath, relation: "milestones" }, archive, await maintainer())).toEqual({ status: 409, body: { message: "A relation import is already in progress for this project" } });
    await db().update(relationImportTrackers).set({ status: 2 }).where(eq(relationImportTrackers.id, running!.id));

    // Two requests at once: one runs, the other is told one is in progress.
    const tokens = [await maintainer(), await maintainer()];
    const both = await Promise.all(["issues", "milestones"].map((relation, index) => importRelation({ path: fullPath, relation }, archive, tokens[index]!)));
    expect(both.map((a) => a.status).sort()).toEqual([201, 409]);
    expect(both.find((a) => a.status === 409)!.body).toEqual({ message: "A relation import is already in progress for this project" });
    const started = both.find((a) => a.status === 201)!;
    const run = await finishedRelationImport(started.body.id as number);
    expect(run.ended.status).toBe(STATUS.finished);
    // Once it has ended, the next one is taken.
    expect((await importRelation({ path: fullPath, relation: "milestones" }, archive, await maintainer())).status).toBe(201);
    const rows = await trackers();
    expect(rows.length).toBe(3);
    await waitForImports(rows.flatMap((row) => (row.bulkImportId ? [row.bulkImportId] : [])));

    // The list: Maintainers only.
    expect((await list(project.id, await tokenFor(developer.id))).status).toBe(403);
    expect((await list(project.id, await tokenFor(stranger.id))).status).toBe(404);
    const listed = (await list(project.id, ownerToken)).body as { id: number; status: string }[];
    expect(listed.map((row) => row.id)).toEqual(rows.map((row) => row.id).sort((a, b) => b - a));
    expect(listed.map((row) => row.status)).toEqual(["finished", "finished", "finished"]);
    expect(uploadsLeftOver()).toEqual([]);
  });

  it("obeys the administrator as /projects/import does: file import off is a 403, the project_import rate limit a 429", async () => {
    const user = await makeUser();
    const group = await createGroup(user, { name: "Limits", path: unique("limits") });
    const project = await createProject(user, { name: "Target", path: unique("target"), namespaceId: group.id });
    const fullPath = `${group.fullPath}/${project.path}`;
    const archive = await tarGzOf(projectFixtureMembers("complex"));
    const set = (values: Partial<typeof appSettings.$inferInsert>) => getDb().insert(appSettings).values({ id: 1, ...values }).onConflictDoUpdate({ target: appSettings.id, set: values });
    try {
      await set({ fileImportEnabled: false });
      expect(await importRelation({ path: fullPath, relation: "issues" }, archive, await tokenFor(user.id))).toEqual({ status: 403, body: { message: "403 Forbidden" } });
      await set({ fileImportEnabled: true, projectImportLimit: 2 });
      const fresh = await tokenFor(user.id);
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) statuses.push((await importRelation({ path: fullPath, relation: "nothing" }, archive, fresh)).status);
      expect(statuses).toEqual([400, 400, 429]);
    } finally {
      await set({ fileImportEnabled: true, projectImportLimit: 6 });
    }
    expect(await db().select().from(relationImportTrackers).where(eq(relationImportTrackers.projectId, project.id))).toEqual([]);
  });

  it("records a bad record's failure where GET /projects/:id/import's failed_relations reads it, and still finishes", async () => {
    const { token, projectId, fullPath } = await importedProject();
    const [first] = fixtureRecords("milestones");
    // A new iid in a state milestones do not have: one failure, and the next record goes on.
    const clash = { ...first, id: 999_001, iid: 77, state: "weird" };
    const fresh = { ...first, id: 999_002, iid: 78, title: unique("fresh milestone") };
    const members = projectFixtureMembers("complex").map((member) =>
      member.header.name === "./tree/project/milestones.ndjson" ? { ...member, data: Buffer.from(`${JSON.stringify(clash)}\n${JSON.stringify(fresh)}\n`) } : member,
    );
    const answer = await importRelation({ path: fullPath, relation: "milestones" }, await tarGzOf(members), token);
    expect(answer.status).toBe(201);
    const run = await finishedRelationImport(answer.body.id as number);
    expect(run.ended.status).toBe(STATUS.finished);
    expect(run.entry.trackers.get("milestones")).toMatchObject({ fetchedObjectsCount: 2, importedObjectsCount: 1 });
    const iids = await db().select({ iid: milestones.iid }).from(milestones).where(and(eq(milestones.projectId, projectId), inArray(milestones.iid, [77, 78])));
    expect(iids).toEqual([{ iid: 78 }]);
    const status = await answerOf(await getImportStatus(new Request(`http://ferry.test/api/v4/projects/${projectId}/import`, { headers: { "private-token": token } }), { params: Promise.resolve({ id: String(projectId) }) }));
    expect(status.body.failed_relations).toEqual([expect.objectContaining({ relation_name: "milestones", source: "transformer", line_number: 1 })]);
    expect((await list(projectId, token)).body).toEqual([expect.objectContaining({ id: answer.body.id, relation: "milestones", status: "finished" })]);
    const trackerRows = await db().select({ relation: bulkImportTrackers.relation }).from(bulkImportTrackers).where(eq(bulkImportTrackers.entityId, run.entry.entity.id));
    expect(trackerRows.map((row) => row.relation).sort()).toEqual(["members", "milestones"]);
  });
});
