import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { ciBuilds, ciPipelines, ciStages, getDb, notes, projects } from "@/lib/db";
import { createGroup } from "@/lib/groups";
import { createProject } from "@/lib/projects";
import { call, tokenFor } from "@/test/helpers/api";
import { makeUser, unique } from "@/test/helpers/factories";
import { commitCommentsRoute, commitStatusesRoute, jobRoute, pipelineBridgesRoute, pipelineJobsRoute, pipelineRoute, pipelinesRoute, projectJobsRoute } from "./index";

const SHA = "ce84140e8b878ce6e7c4d298c7202ff38170e3ac";
const OTHER = "5f923865dde3436854e9ceb9cdb7815618d4e849";

async function seeded(visibility: "private" | "public" = "private") {
  const owner = await makeUser();
  const group = await createGroup(owner, { name: unique("CI Group"), path: unique("ci"), visibility });
  const project = await createProject(owner, { name: "App", path: unique("app"), namespaceId: group.id, visibility });
  const db = getDb();
  const at = (minute: number) => new Date(Date.UTC(2024, 4, 1, 10, minute));
  const [main, feature, tagged, old] = await db
    .insert(ciPipelines)
    .values([
      { projectId: project.id, iid: 1, ref: "main", sha: OTHER, status: "failed", source: "push", userId: owner.id, createdAt: at(0), updatedAt: at(1) },
      { projectId: project.id, iid: 2, ref: "feature", sha: SHA, status: "running", source: "merge_request_event", createdAt: at(2), updatedAt: at(2) },
      { projectId: project.id, iid: 3, ref: "v1.0", tag: true, sha: SHA, status: "success", source: "push", duration: 95, startedAt: at(3), finishedAt: at(5), name: "Release", userId: owner.id, createdAt: at(3), updatedAt: at(5) },
      { projectId: project.id, iid: 4, ref: "main", sha: SHA, status: "success", source: "schedule", createdAt: at(6), updatedAt: at(7) },
    ])
    .returning();
  const [build, deploy] = await db
    .insert(ciStages)
    .values([
      { projectId: project.id, pipelineId: tagged!.id, name: "build", position: 0, status: "success" },
      { projectId: project.id, pipelineId: tagged!.id, name: "deploy", position: 1, status: "success" },
    ])
    .returning();
  const jobs = await db
    .insert(ciBuilds)
    .values([
      { projectId: project.id, pipelineId: tagged!.id, stageId: build!.id, type: "Ci::Build", name: "compile", status: "success", stage: "build", ref: "v1.0", tag: true, coverage: 81.5, queuedAt: at(3), startedAt: new Date(at(3).getTime() + 5000), finishedAt: new Date(at(3).getTime() + 50_000), userId: owner.id },
      { projectId: project.id, pipelineId: tagged!.id, stageId: build!.id, type: "GenericCommitStatus", name: "danger", status: "success", stage: "build", description: "All good", targetUrl: "https://ci.example.com/1" },
      { projectId: project.id, pipelineId: tagged!.id, stageId: deploy!.id, type: "Ci::Bridge", name: "downstream", status: "failed", stage: "deploy", allowFailure: true },
      { projectId: project.id, pipelineId: main!.id, type: "Ci::Build", name: "lint", status: "failed", stage: "test" },
    ])
    .returning();
  await db.insert(notes).values([
    { projectId: project.id, noteableType: "Commit", noteableId: 0, commitId: SHA, note: "Nice commit", authorId: owner.id, createdAt: at(8), sourceAttributes: {} },
    { projectId: project.id, noteableType: "Commit", noteableId: 0, commitId: SHA, note: "On a line", authorId: null, createdAt: at(9), sourceAttributes: { path: "README.md", line: 3, line_type: "new" } },
    { projectId: project.id, noteableType: "Commit", noteableId: 0, commitId: OTHER, note: "Elsewhere", createdAt: at(9), sourceAttributes: {} },
  ]);
  return { owner, project, token: await tokenFor(owner.id), pipelines: { main: main!, feature: feature!, tagged: tagged!, old: old! }, jobs: jobs };
}

const get = <P>(route: Parameters<typeof call<P>>[0], path: string, token: string | undefined, params: P) => call(route, `/api/v4/projects/${path}`, { token, params });

describe("the pipelines and jobs API", () => {
  it("lists pipelines in GitLab's shape with its filters, orders and pagination; bad parameters are a 400", async () => {
    const { project, token, pipelines, owner } = await seeded();
    const id = String(project.id);
    const list = async (query = "") => {
      const response = await get(pipelinesRoute, `${id}/pipelines${query}`, token, { id });
      expect(response.status, query).toBe(200);
      return response;
    };
    const all = await list();
    expect((all.body as { iid: number }[]).map((p) => p.iid)).toEqual([4, 3, 2, 1]);
    expect(all.headers.get("x-total")).toBe("4");
    expect((all.body as unknown[])[1]).toEqual({
      id: pipelines.tagged.id, iid: 3, project_id: project.id, sha: SHA, ref: "v1.0", status: "success", source: "push",
      created_at: "2024-05-01T10:03:00.000Z", updated_at: "2024-05-01T10:05:00.000Z", web_url: `http://ferry.test/${project.fullPath}/-/pipelines/${pipelines.tagged.id}`, name: "Release",
    });
    const iids = async (query: string) => ((await list(query)).body as { iid: number }[]).map((p) => p.iid);
    expect(await iids("?scope=finished")).toEqual([4, 3, 1]);
    expect(await iids("?scope=running")).toEqual([2]);
    // The newest pipeline of each branch, and of each tag.
    expect(await iids("?scope=branches")).toEqual([4, 2]);
    expect(await iids("?scope=tags")).toEqual([3]);
    expect(await iids("?status=success&ref=main")).toEqual([4]);
    expect(await iids(`?sha=${SHA}&sort=asc`)).toEqual([2, 3, 4]);
    expect(await iids("?source=schedule")).toEqual([4]);
    expect(await iids(`?username=${owner.username}`)).toEqual([3, 1]);
    // By status name, ties by id in the same direction.
    expect(await iids("?order_by=status&sort=asc")).toEqual([1, 2, 3, 4]);
    expect(await iids("?order_by=status")).toEqual([4, 3, 2, 1]);
    expect(await iids("?order_by=updated_at")).toEqual([4, 3, 2, 1]);
    const paged = await list("?per_page=3&page=2");
    expect((paged.body as { iid: number }[]).map((p) => p.iid)).toEqual([1]);
    expect(paged.headers.get("x-total-pages")).toBe("2");
    expect(paged.headers.get("x-prev-page")).toBe("1");
    for (const query of ["?scope=nope", "?status=exploded", "?order_by=name", "?sort=up", "?page=x"]) {
      const bad = await get(pipelinesRoute, `${id}/pipelines${query}`, token, { id });
      expect(bad.status, query).toBe(400);
      expect(bad.body).toMatchObject({ error: expect.any(String) });
    }

    const one = await get(pipelineRoute, `${id}/pipelines/${pipelines.tagged.id}`, token, { id, pipelineId: String(pipelines.tagged.id) });
    expect(one.body).toMatchObject({
      id: pipelines.tagged.id, iid: 3, tag: true, duration: 95, started_at: "2024-05-01T10:03:00.000Z", finished_at: "2024-05-01T10:05:00.000Z", yaml_errors: null,
      before_sha: "0000000000000000000000000000000000000000", user: { id: owner.id, username: owner.username },
      detailed_status: { icon: "status_success", text: "Passed", label: "passed", group: "success", details_path: `/${project.fullPath}/-/pipelines/${pipelines.tagged.id}` },
    });
    expect((await get(pipelineRoute, `${id}/pipelines/999999`, token, { id, pipelineId: "999999" })).status).toBe(404);
    // Grape types pipeline_id as an Integer.
    expect((await get(pipelineRoute, `${id}/pipelines/abc`, token, { id, pipelineId: "abc" })).status).toBe(400);
  });

  it("gives a pipeline's jobs and bridges, the project's jobs, a job, a commit's statuses and comments", async () => {
    const { project, token, pipelines, jobs, owner } = await seeded();
    const id = String(project.id);
    const pipelineId = String(pipelines.tagged.id);
    const pipelineJobs = await get(pipelineJobsRoute, `${id}/pipelines/${pipelineId}/jobs`, token, { id, pipelineId });
    expect(pipelineJobs.body).toEqual([
      expect.objectContaining({
        id: jobs[0]!.id, name: "compile", stage: "build", status: "success", ref: "v1.0", tag: true, coverage: 81.5, allow_failure: false, duration: 45, queued_duration: 5,
        user: expect.objectContaining({ id: owner.id }), pipeline: expect.objectContaining({ id: pipelines.tagged.id, iid: 3, status: "success" }),
        commit: expect.objectContaining({ id: SHA, short_id: SHA.slice(0, 8) }), web_url: `http://ferry.test/${project.fullPath}/-/jobs/${jobs[0]!.id}`, artifacts: [], runner: null,
      }),
    ]);
    const bridges = await get(pipelineBridgesRoute, `${id}/pipelines/${pipelineId}/bridges`, token, { id, pipelineId });
    expect(bridges.body).toEqual([expect.objectContaining({ id: jobs[2]!.id, name: "downstream", status: "failed", allow_failure: true, downstream_pipeline: null })]);
    expect((await get(pipelineJobsRoute, `${id}/pipelines/999999/jobs`, token, { id, pipelineId: "999999" })).status).toBe(404);

    const projectJobs = await get(projectJobsRoute, `${id}/jobs`, token, { id });
    expect((projectJobs.body as { name: string }[]).map((j) => j.name)).toEqual(["lint", "compile"]);
    expect(((await get(projectJobsRoute, `${id}/jobs?scope[]=failed`, token, { id })).body as { name: string }[]).map((j) => j.name)).toEqual(["lint"]);
    expect(((await get(projectJobsRoute, `${id}/jobs?scope=success`, token, { id })).body as { name: string }[]).map((j) => j.name)).toEqual(["compile"]);
    expect((await get(projectJobsRoute, `${id}/jobs?scope[]=exploded`, token, { id })).status).toBe(400);

    const job = await get(jobRoute, `${id}/jobs/${jobs[0]!.id}`, token, { id, jobId: String(jobs[0]!.id) });
    expect(job.body).toMatchObject({ id: jobs[0]!.id, name: "compile" });
    const bridge = await get(jobRoute, `${id}/jobs/${jobs[2]!.id}`, token, { id, jobId: String(jobs[2]!.id) });
    expect(bridge.body).toMatchObject({ name: "downstream", downstream_pipeline: null });
    // An external status is no job.
    expect((await get(jobRoute, `${id}/jobs/${jobs[1]!.id}`, token, { id, jobId: String(jobs[1]!.id) })).status).toBe(404);

    const statuses = await get(commitStatusesRoute, `${id}/repository/commits/${SHA}/statuses`, token, { id, sha: SHA });
    expect(statuses.body).toEqual([
      { id: jobs[1]!.id, sha: SHA, ref: "v1.0", status: "success", name: "danger", target_url: "https://ci.example.com/1", description: "All good", created_at: expect.any(String), started_at: null, finished_at: null, allow_failure: false, coverage: null, pipeline_id: pipelines.tagged.id, author: null },
      expect.objectContaining({ id: jobs[0]!.id, name: "compile", author: expect.objectContaining({ id: owner.id }) }),
    ]);
    expect(((await get(commitStatusesRoute, `${id}/repository/commits/${SHA}/statuses?name=compile`, token, { id, sha: SHA })).body as unknown[]).length).toBe(1);

    const comments = await get(commitCommentsRoute, `${id}/repository/commits/${SHA}/comments`, token, { id, sha: SHA });
    expect(comments.body).toEqual([
      { note: "Nice commit", path: null, line: null, line_type: null, author: expect.objectContaining({ id: owner.id, username: owner.username }), created_at: "2024-05-01T10:08:00.000Z" },
      { note: "On a line", path: "README.md", line: 3, line_type: "new", author: null, created_at: "2024-05-01T10:09:00.000Z" },
    ]);
    expect(comments.headers.get("x-total")).toBe("2");
  });

  it("answers as GitLab's abilities say: 404 to who cannot see the project, 403 where CI/CD is closed or pipelines are not public", async () => {
    const { project, token } = await seeded("public");
    const id = String(project.id);
    const stranger = await tokenFor((await makeUser()).id);
    // Public project, public pipelines: anyone signed in reads them.
    expect((await get(pipelinesRoute, `${id}/pipelines`, stranger, { id })).status).toBe(200);
    await getDb().update(projects).set({ sourceAttributes: { ...project.sourceAttributes, public_jobs: false } }).where(eq(projects.id, project.id));
    expect((await get(pipelinesRoute, `${id}/pipelines`, stranger, { id })).status).toBe(403);
    expect((await get(pipelinesRoute, `${id}/pipelines`, token, { id })).status).toBe(200);
    // The commit's comments go with the code, not the pipelines.
    expect((await get(commitCommentsRoute, `${id}/repository/commits/${SHA}/comments`, stranger, { id, sha: SHA })).status).toBe(200);
    await getDb().update(projects).set({ sourceAttributes: { ...project.sourceAttributes, builds_access_level: "disabled" } }).where(eq(projects.id, project.id));
    expect((await get(pipelinesRoute, `${id}/pipelines`, token, { id })).status).toBe(403);
    expect((await get(projectJobsRoute, `${id}/jobs`, token, { id })).status).toBe(403);

    const hidden = await seeded("private");
    const hiddenId = String(hidden.project.id);
    expect((await get(pipelinesRoute, `${hiddenId}/pipelines`, stranger, { id: hiddenId })).body).toEqual({ message: "404 Project Not Found" });
    expect((await get(commitStatusesRoute, `${hiddenId}/repository/commits/${SHA}/statuses`, stranger, { id: hiddenId, sha: SHA })).status).toBe(404);
  });
});
