import { and, asc, eq, isNotNull, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { ciBuilds, ciPipelines, ciStages, externalPullRequests, getDb, notes, users } from "@/lib/db";
import { makeUser, unique } from "@/test/helpers/factories";
import { importResult, waitForImports } from "@/test/helpers/imports";
import { runImportWorker } from "@/test/helpers/import-worker";
import { DEFAULT_TOKEN, fromRecords, ndjsonRecords, projectTreeFile, startTestSource } from "@/test/source";
import { startImports, STATUS, TRACKER_STATUS } from "../../index";
import type { EntityContext } from "../support/types";
import { ciPipelinesPipeline } from "./ci-pipelines";
import { commitNotesPipeline } from "./commit-notes";

runImportWorker("pgboss_ci_pipelines_import_test");

const ROOT = 4351;
const SHA = "ce84140e8b878ce6e7c4d298c7202ff38170e3ac";
const fixture = (relation: string) => ndjsonRecords(projectTreeFile(relation));

// What a GitLab 16+ export nests that the fixture (an older export) lacks: external statuses and trigger jobs, a
// pipeline name, a merge request; then records GitLab would refuse.
const CI_PIPELINES = [
  {
    id: 100, iid: 1, project_id: 9, ref: "main", sha: SHA, before_sha: "0000000000000000000000000000000000000000", tag: false, source: "merge_request_event", status: "success",
    duration: 95, started_at: "2024-05-01T10:00:00.000Z", finished_at: "2024-05-01T10:01:35.000Z", user_id: 9001, protected: true, created_at: "2024-05-01T09:59:00.000Z", updated_at: "2024-05-01T10:01:35.000Z",
    merge_request_id: 77, merge_request: { id: 77, iid: 12, title: "Add CI", source_branch: "ci", target_branch: "main" },
    pipeline_metadata: { id: 3, project_id: 9, pipeline_id: 100, name: "Merge train" },
    stages: [
      {
        id: 10, name: "build", position: 0, status: 3, pipeline_id: 100,
        builds: [{ id: 200, name: "compile", status: "success", stage: "build", stage_idx: 0, ref: "main", allow_failure: false, when: "on_success", coverage: 81.5, user_id: 9002, started_at: "2024-05-01T10:00:05.000Z", finished_at: "2024-05-01T10:00:50.000Z", queued_at: "2024-05-01T10:00:01.000Z", options: { script: ["make"] }, token: "secret-job-token", trace: "log" }],
        generic_commit_statuses: [{ id: 201, name: "danger-review", status: "success", stage: "build", description: "All good", target_url: "https://ci.example.com/1", allow_failure: true }],
      },
      { id: 11, name: "deploy", position: 1, status: "success", bridges: [{ id: 202, name: "trigger-downstream", status: "success", stage: "deploy", options: { trigger: { project: "a/b" } } }] },
    ],
  },
  // In the same batch as the pipeline whose iid it repeats (batches load in parallel, so this one is the second).
  { id: 103, iid: 1, sha: SHA, status: "success", stages: [] },
  { id: 101, iid: 2, ref: "v1.0", sha: SHA, tag: true, source: "push", status: "running", stages: [] },
  { id: 102, sha: SHA, status: "exploded", stages: [] },
  { id: 104, sha: SHA, status: "failed", stages: [{ id: 12, name: "test", status: 4, builds: [{ id: 203, status: "failed" }] }] },
];
const COMMIT_NOTES = [
  { note: "Looks right", noteable_type: "Commit", commit_id: SHA, author_id: 9001, discussion_id: "d1", created_at: "2024-05-02T08:00:00.000Z", updated_at: "2024-05-02T08:00:00.000Z", author: { name: "Ada Lovelace" } },
  { note: "Wrong kind", noteable_type: "Issue", commit_id: SHA, author_id: 9001 },
];

async function importProjects(version: string) {
  const mapped = await makeUser();
  const source = await startTestSource({ version, batchSize: 2, exportDelayMs: 20 });
  source.addUser({ id: 9001, username: "ada", name: "Ada Lovelace", publicEmail: mapped.email });
  // Not "grace": other suites count the placeholders they make of a user by that name.
  source.addUser({ id: 9002, username: "g.hopper", name: "Grace Hopper", publicEmail: null });
  source.addProject({ groupId: ROOT, path: "app", name: "App", fixtureProject: "complex", relations: { releases: fromRecords([]) } });
  source.addProject({ groupId: ROOT, path: "ci", name: "CI", relations: { ci_pipelines: fromRecords(CI_PIPELINES), commit_notes: fromRecords(COMMIT_NOTES) } });
  const slug = unique("ci");
  const [started] = await startImports(await makeUser(), { url: source.url, token: DEFAULT_TOKEN }, [
    { sourceFullPath: source.group(ROOT).path, destinationSlug: slug, destinationNamespace: "", migrateProjects: true, migrateMemberships: false },
  ]);
  const [bulkImport] = await waitForImports([started!.bulkImportId]);
  const result = await importResult(started!.bulkImportId);
  return { source, mapped, bulkImport: bulkImport!, app: result.get(`${source.group(ROOT).path}/app`)!, ci: result.get(`${source.group(ROOT).path}/ci`)! };
}

const count = async (table: typeof ciPipelines | typeof ciStages | typeof ciBuilds, projectId: number) =>
  (await getDb().select({ n: sql<number>`count(*)::int` }).from(table).where(eq(table.projectId, projectId)))[0]!.n;
const buildTypes = async (projectId: number) =>
  (await getDb().execute<{ type: string; n: number }>(sql`SELECT type, count(*)::int AS n FROM ci_builds WHERE project_id = ${projectId} GROUP BY type ORDER BY type`)).rows.map((r) => [r.type, Number(r.n)]);
const commitNotesOf = (projectId: number) => getDb().select().from(notes).where(and(eq(notes.projectId, projectId), isNotNull(notes.commitId))).orderBy(asc(notes.id));

describe("CI pipelines and commit notes by direct transfer", () => {
  it("imports GitLab's fixture with exact counts, jobs of every kind, users and links; bad records fail alone; a replay inserts nothing", async () => {
    const { source, mapped, bulkImport, app, ci } = await importProjects("17.8.0");
    try {
      expect(app.entity.status).toBe(STATUS.finished);
      expect(app.failures).toEqual([]);
      // The complex project: 7 pipelines, 6 stages, 10 jobs (its older export's `statuses`), 2 commit notes.
      expect(app.trackers.get("ci_pipelines")).toMatchObject({ status: TRACKER_STATUS.finished, sourceObjectsCount: 7, importedObjectsCount: 7 });
      expect(app.trackers.get("commit_notes")).toMatchObject({ status: TRACKER_STATUS.finished, sourceObjectsCount: 2, importedObjectsCount: 2 });
      const projectId = app.entity.projectId!;
      expect(await count(ciPipelines, projectId)).toBe(7);
      expect(await count(ciStages, projectId)).toBe(6);
      expect(await buildTypes(projectId)).toEqual([["Ci::Build", 10]]);
      const pipelines = await getDb().select().from(ciPipelines).where(eq(ciPipelines.projectId, projectId)).orderBy(ciPipelines.id);
      const byKey = new Map(pipelines.map((p) => [p.importKey, p]));
      expect(byKey.get("id:38")).toMatchObject({ iid: 1, ref: "master", sha: "5f923865dde3436854e9ceb9cdb7815618d4e849", status: "failed", source: null });
      expect(byKey.get("id:36")).toMatchObject({ name: "Build pipeline", source: "push", ref: null });
      expect(byKey.get("id:36")!.userId).not.toBeNull();
      expect(byKey.get("id:26")).toMatchObject({ source: "merge_request_event", mergeRequestIid: 9 });
      // The external pull request (imported in stage 4) is linked by its branches.
      const [pr] = await getDb().select().from(externalPullRequests).where(eq(externalPullRequests.projectId, projectId));
      expect(byKey.get("id:20")!.externalPullRequestId).toBe(pr!.id);
      // Stage 11 nests a job whose own `stage` is deploy: it stays in the stage it came in, as GitLab's importer keeps it.
      const stages36 = await getDb().select().from(ciStages).where(eq(ciStages.pipelineId, byKey.get("id:36")!.id)).orderBy(ciStages.id);
      expect(stages36.map((s) => [s.name, s.status])).toEqual([["test", "pending"], ["deploy", "running"]]);
      const jobs36 = await getDb().select().from(ciBuilds).where(eq(ciBuilds.pipelineId, byKey.get("id:36")!.id)).orderBy(ciBuilds.name);
      expect(jobs36.map((j) => [j.name, j.status, j.stageId === stages36[0]!.id, j.options])).toEqual([["test build 1", "failed", true, { image: "busybox:latest" }], ["test build 2", "success", true, null]]);
      // No trace, token or artifacts kept, as GitLab's own export leaves them out.
      for (const job of jobs36) for (const field of ["trace", "token", "artifacts_size"]) expect(job.sourceAttributes).not.toHaveProperty(field);
      const appNotes = await commitNotesOf(projectId);
      expect(appNotes.map((n) => [n.note, n.commitId, n.noteableType, n.discussionId])).toEqual([
        ["Commit note 1", "sha-notes", "Commit", "e3fde7d585c6467a7a5147e83617eb6daa61aaf4"],
        ["Commit note 2", "sha-notes", "Commit", "53ca55a01732aff4f17daecdf076853f4ab152eb"],
      ]);
      const [author] = await getDb().select().from(users).where(eq(users.id, appNotes[0]!.authorId!));
      expect(author!.userType).toBe("placeholder");

      // The other project: a GitLab 16 export with every kind of job; each bad record one failure, the rest imported.
      expect(bulkImport.hasFailures).toBe(true);
      expect(ci.trackers.get("ci_pipelines")).toMatchObject({ status: TRACKER_STATUS.finished, sourceObjectsCount: 5, importedObjectsCount: 2 });
      expect(ci.trackers.get("commit_notes")).toMatchObject({ status: TRACKER_STATUS.finished, sourceObjectsCount: 2, importedObjectsCount: 1 });
      expect(ci.failures.map((f) => [f.relation, f.exceptionMessage]).sort()).toEqual([
        ["ci_pipelines", "iid 1 has already been taken"],
        ["ci_pipelines", "stages[0]: builds[0]: name can't be blank"],
        ["ci_pipelines", "status exploded is not a valid status"],
        ["commit_notes", "noteable_type Issue is not Commit"],
      ]);
      const ciProject = ci.entity.projectId!;
      expect(await buildTypes(ciProject)).toEqual([["Ci::Bridge", 1], ["Ci::Build", 1], ["GenericCommitStatus", 1]]);
      const [train] = await getDb().select().from(ciPipelines).where(and(eq(ciPipelines.projectId, ciProject), eq(ciPipelines.iid, 1)));
      expect(train).toMatchObject({ name: "Merge train", mergeRequestIid: 12, userId: mapped.id, protected: true, duration: 95, status: "success", beforeSha: "0000000000000000000000000000000000000000" });
      expect(train!.sourceAttributes).toMatchObject({ merge_request_id: 77, merge_request: { iid: 12, title: "Add CI" } });
      const [compile] = await getDb().select().from(ciBuilds).where(and(eq(ciBuilds.pipelineId, train!.id), eq(ciBuilds.name, "compile")));
      expect(compile).toMatchObject({ type: "Ci::Build", coverage: 81.5, when: "on_success", options: { script: ["make"] } });
      expect(compile!.queuedAt?.toISOString()).toBe("2024-05-01T10:00:01.000Z");
      expect(compile!.sourceAttributes).toEqual({ id: 200 });
      const [grace] = await getDb().select().from(users).where(eq(users.id, compile!.userId!));
      expect(grace).toMatchObject({ userType: "placeholder", name: "Placeholder Grace Hopper" });
      const [tag] = await getDb().select().from(ciPipelines).where(and(eq(ciPipelines.projectId, ciProject), eq(ciPipelines.iid, 2)));
      expect(tag).toMatchObject({ tag: true, ref: "v1.0", status: "running" });
      const [ciNote] = await commitNotesOf(ciProject);
      expect(ciNote).toMatchObject({ note: "Looks right", commitId: SHA, authorId: mapped.id });

      // A replayed chunk inserts nothing twice (import keys), children included.
      const context = { entityId: app.entity.id, portable: "project", projectId, groupId: null, sourceUrl: source.url } as EntityContext;
      const records = fixture("ci_pipelines");
      const replayed = records.map((record) => ciPipelinesPipeline.transform(record, context, `id:${record.id}`));
      await getDb().transaction((tx) => ciPipelinesPipeline.load(tx, replayed, context));
      const keys = appNotes.map((n) => n.importKey!);
      const notesAgain = fixture("commit_notes").map((record, i) => commitNotesPipeline.transform(record, context, keys[i]!));
      await getDb().transaction((tx) => commitNotesPipeline.load(tx, notesAgain, context));
      expect([await count(ciPipelines, projectId), await count(ciStages, projectId), await count(ciBuilds, projectId), (await commitNotesOf(projectId)).length]).toEqual([7, 6, 10, 2]);
    } finally {
      await source.close();
    }
  }, 200_000);

  it("imports the same from a source that exports whole relations (before 16.2)", async () => {
    const { source, app, ci } = await importProjects("16.1.0");
    try {
      expect(app.trackers.get("ci_pipelines")).toMatchObject({ status: TRACKER_STATUS.finished, batched: false, sourceObjectsCount: 7, importedObjectsCount: 7 });
      expect(app.trackers.get("commit_notes")).toMatchObject({ sourceObjectsCount: 2, importedObjectsCount: 2 });
      expect([await count(ciPipelines, app.entity.projectId!), await count(ciStages, app.entity.projectId!), await count(ciBuilds, app.entity.projectId!)]).toEqual([7, 6, 10]);
      expect(ci.trackers.get("ci_pipelines")).toMatchObject({ sourceObjectsCount: 5, importedObjectsCount: 2 });
      expect(await buildTypes(ci.entity.projectId!)).toEqual([["Ci::Bridge", 1], ["Ci::Build", 1], ["GenericCommitStatus", 1]]);
    } finally {
      await source.close();
    }
  }, 200_000);
});
