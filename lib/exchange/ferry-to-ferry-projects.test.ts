import { and, asc, eq, inArray, isNotNull, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { badges, boards, ciBuilds, ciPipelines, ciStages, epicIssues, epics, externalPullRequests, getDb, issues, labels, mergeRequests, milestones, notes, pipelineSchedules, projectCustomAttributes, projects, snippets } from "@/lib/db";
import { STATUS } from "@/lib/migration";
import { projectSettings } from "@/lib/projects";
import { repositoryPath } from "@/lib/repositories";
import { tokenFor } from "@/test/helpers/api";
import { makeUser, unique } from "@/test/helpers/factories";
import { git, temporaryDirectory } from "@/test/helpers/git-client";
import { makeSnippetRepository, makeSourceRepository } from "@/test/helpers/source-repository";
import { comparable, storedContent } from "@/test/exchange/compare";
import { exportGroupOverHttp } from "@/test/exchange/export-client";
import { runFerryExchange } from "@/test/exchange/ferry-exchange";
import { importSourceGroup } from "@/test/exchange/fixture-import";
import { fromRecords, ndjsonRecords, projectTreeFile } from "@/test/source";

const { source, ferry } = runFerryExchange("pgboss_ferry_to_ferry_projects_test", { version: "17.8.0-ee", batchSize: 2, exportDelayMs: 20 });
const scratch = temporaryDirectory("ferry-f2f-projects-");
const refsOf = (repo: string) => git(repo, ["for-each-ref", "--format=%(objectname) %(objecttype) %(refname)"]);
const objectsOf = (repo: string) => git(repo, ["cat-file", "--batch-all-objects", "--batch-check=%(objectname) %(objecttype)"]);

/** The projects under a destination group tree, by their path below it. */
async function projectsUnder(rootFullPath: string) {
  const rows = await getDb().execute<{ id: number; full_path: string }>(
    sql`SELECT p.id, g.full_path || '/' || p.path AS full_path FROM projects p JOIN groups g ON g.id = p.namespace_id WHERE g.full_path = ${rootFullPath} OR g.full_path LIKE ${`${rootFullPath}/%`}`,
  );
  const byPath = new Map<string, typeof projects.$inferSelect>();
  for (const row of rows.rows) {
    const [project] = await getDb().select().from(projects).where(eq(projects.id, row.id));
    byPath.set(row.full_path.slice(rootFullPath.length + 1), project!);
  }
  return byPath;
}

// Two designs of an issue (the second deleted by the second version), a comment on the first, and their versions.
const design = (id: number, filename: string) => ({ id, project_id: 5, issue_id: 950, filename, relative_position: id, iid: id - 60 });
const designPosition = { head_sha: "b".repeat(40), old_path: "designs/issue-20/home.png", new_path: "designs/issue-20/home.png", position_type: "image", width: 800, height: 600, x: 12, y: 40 };
const designsOfIssue = {
  designs: [
    { ...design(61, "home.png"), notes: [{ id: 7001, note: "Bigger logo", author_id: 1, discussion_id: "d7001", type: "DiffNote", position: designPosition, created_at: "2021-01-03T00:00:00.000Z", updated_at: "2021-01-03T00:00:00.000Z" }] },
    { ...design(62, "old.png"), notes: [] },
  ],
  design_versions: [
    { id: 31, sha: "a".repeat(40), issue_id: 950, author_id: 1, created_at: "2021-01-02T00:00:00.000Z", actions: [{ event: "creation", design: design(61, "home.png") }, { event: "creation", design: design(62, "old.png") }] },
    { id: 32, sha: "b".repeat(40), issue_id: 950, author_id: 1, created_at: "2021-01-04T00:00:00.000Z", actions: [{ event: "modification", design: design(61, "home.png") }, { event: "deletion", design: design(62, "old.png") }] },
  ],
};

/** A project's issues' designs and versions, as any instance holding them stores them (users only as there or not). */
async function designTrees(projectId: number) {
  const { rows } = await getDb().execute(sql`
    SELECT i.iid,
      (SELECT json_agg(json_build_object('filename', d.filename, 'iid', d.iid, 'position', d.relative_position, 'attributes', d.source_attributes,
         'notes', (SELECT json_agg(json_build_object('note', n.note, 'type', n.type, 'position', n.position, 'author', n.author_id IS NOT NULL) ORDER BY n.created_at)
                   FROM notes n WHERE n.noteable_type = 'DesignManagement::Design' AND n.noteable_id = d.id)) ORDER BY d.filename)
       FROM designs d WHERE d.issue_id = i.id) AS designs,
      (SELECT json_agg(json_build_object('sha', v.sha, 'at', v.created_at, 'author', v.author_id IS NOT NULL, 'attributes', v.source_attributes,
         'actions', (SELECT json_agg(json_build_object('filename', d.filename, 'event', a.event, 'image', a.image_v432x230) ORDER BY d.filename)
                     FROM design_actions a JOIN designs d ON d.id = a.design_id WHERE a.version_id = v.id)) ORDER BY v.created_at)
       FROM design_versions v WHERE v.issue_id = i.id) AS versions
    FROM issues i WHERE i.project_id = ${projectId} ORDER BY i.iid`);
  return rows;
}

describe("one Ferry migrating projects from another", () => {
  it("imports the projects Ferry imported from GitLab, repository by repository and relation by relation the same", async () => {
    const root = source().group(4351);
    const appRepository = await makeSourceRepository(scratch, { commits: 4, branches: 2, tags: 3, mergeRequestRefs: 2, namedTags: ["release-1.1"] });
    // Ferry's diff-note merge requests, !10's head a commit of the repository (Ferry A writes its head ref).
    const head = await git(appRepository, ["rev-parse", "refs/heads/feature/1"]);
    const diffNoteRecords = JSON.parse(JSON.stringify(ndjsonRecords("test/fixtures/ferry/merge_requests_diff_notes.ndjson")).replaceAll("5937ac0a7beb003549fc5fd26fc247adbce4a52e", head)) as Record<string, unknown>[];
    source().addProject({
      groupId: 4351, path: "app", name: "App", description: "The app", fixtureProject: "complex", repository: appRepository,
      // The fixture's snippet with a repository: Ferry A lists it in its GraphQL and serves it for Ferry B to mirror.
      snippets: [{ id: 1, title: "Test snippet title", createdAt: "2019-11-05T15:06:06Z", repository: await makeSnippetRepository(scratch, [{ "x.rb": "x = 1\n" }]) }],
      // The fixture's issues, and one in the root group's epic 2 (an enterprise source's `epic_issue`).
      relations: {
        merge_requests: fromRecords([...ndjsonRecords(projectTreeFile("merge_requests")), ...diffNoteRecords]),
        issues: fromRecords([
          ...ndjsonRecords(projectTreeFile("issues")),
          { id: 950, iid: 20, title: "In an epic", state: "opened", author_id: 1, created_at: "2021-01-01T00:00:00.000Z", updated_at: "2021-01-01T00:00:00.000Z", epic_issue: { id: 3, relative_position: 7, epic: { iid: 2, title: "x" } }, notes: [], ...designsOfIssue },
        ]),
      },
    });
    source().addProject({ groupId: 4352, path: "empty", name: "Empty" });
    const user = await makeUser();
    const fromGitlab = await importSourceGroup(source(), root.path, user, unique("ferry-a"));
    expect(fromGitlab).toMatchObject({ status: STATUS.finished, hasFailures: false });
    const aRoot = [...fromGitlab.byPath.values()].find((g) => g.parentId === null)!;

    const token = await tokenFor(user.id);
    const slug = unique("ferry-b");
    const fromFerry = await importSourceGroup({ url: ferry().url, token }, aRoot.fullPath, user, slug);
    expect(fromFerry).toMatchObject({ status: STATUS.finished, hasFailures: false });

    const [inA, inB] = await Promise.all([projectsUnder(aRoot.fullPath), projectsUnder(slug)]);
    expect([...inA.keys()].sort()).toEqual(["app", `${source().group(4352).path}/empty`].sort());
    expect([...inB.keys()].sort()).toEqual([...inA.keys()].sort());
    for (const [path, a] of inA) {
      const b = inB.get(path)!;
      const facts = (p: typeof a) => ({ name: p.name, path: p.path, description: p.description, visibilityLevel: p.visibilityLevel, defaultBranch: p.defaultBranch, archived: p.archived, topics: p.topics });
      expect(facts(b), path).toEqual(facts(a));
      // Every setting as the API shows it (Ferry as a source sends GitLab's defaults where the first source sent none).
      expect(projectSettings(b.sourceAttributes), `settings of ${path}`).toEqual(projectSettings(a.sourceAttributes));
      // The repository: every ref and object, HEAD included.
      const [aRepo, bRepo] = [repositoryPath(a.id, "project"), repositoryPath(b.id, "project")];
      expect(await refsOf(bRepo), `refs of ${path}`).toBe(await refsOf(aRepo));
      expect(await objectsOf(bRepo)).toBe(await objectsOf(aRepo));
      if ((await refsOf(aRepo)) !== "") expect(await git(bRepo, ["symbolic-ref", "HEAD"])).toBe(await git(aRepo, ["symbolic-ref", "HEAD"]));
      // Stored rows, and what each Ferry exports of its copy, record by record.
      // GitLab's project fixture sends labels without `textColor`; Ferry's export adds the one it computes (as GitLab's
      // does), and the second Ferry keeps what it was sent: the one field allowed to differ.
      const content = (row: Parameters<typeof storedContent>[0]) => {
        const { textColor: _computed, ...attributes } = row.sourceAttributes;
        void _computed;
        return storedContent({ ...row, sourceAttributes: attributes });
      };
      // Snippets, and the repository of each: Ferry B mirrored it from Ferry A's `<project>/snippets/<id>.git`.
      const [aSnippets, bSnippets] = await Promise.all([a.id, b.id].map((id) => getDb().select().from(snippets).where(eq(snippets.projectId, id)).orderBy(snippets.id)));
      expect(bSnippets!.map((s) => [s.title, s.content, s.createdAt.toISOString()]), `snippets of ${path}`).toEqual(aSnippets!.map((s) => [s.title, s.content, s.createdAt.toISOString()]));
      for (const [index, aSnippet] of aSnippets!.entries()) {
        const [aRepo, bRepo] = [repositoryPath(aSnippet.id, "snippet"), repositoryPath(bSnippets![index]!.id, "snippet")];
        expect(await refsOf(bRepo), `snippet repository of ${path}`).toBe(await refsOf(aRepo));
        expect(await objectsOf(bRepo)).toBe(await objectsOf(aRepo));
      }
      for (const table of [labels, milestones, badges, boards, externalPullRequests, projectCustomAttributes]) {
        const [aRows, bRows] = await Promise.all([a.id, b.id].map((id) => getDb().select().from(table).where(eq(table.projectId, id)).orderBy(table.id)));
        expect(bRows!.map(content), `${path}`).toEqual(aRows!.map(content));
      }
      // Pipeline schedules: the same, but for the owner, whom each instance maps to its own account or placeholder.
      const schedules = (id: number) => getDb().select().from(pipelineSchedules).where(eq(pipelineSchedules.projectId, id)).orderBy(pipelineSchedules.id);
      const [aSchedules, bSchedules] = await Promise.all([schedules(a.id), schedules(b.id)]);
      const scheduleContent = ({ ownerId, ...row }: (typeof aSchedules)[number]) => ({ owned: ownerId !== null, ...content(row) });
      expect(bSchedules.map(scheduleContent), `schedules of ${path}`).toEqual(aSchedules.map(scheduleContent));
      // Issues: the same, but for the users and milestones, which each instance maps or numbers its own way.
      const issueRows = (id: number) => getDb().select().from(issues).where(eq(issues.projectId, id)).orderBy(issues.iid);
      const [aIssues, bIssues] = await Promise.all([issueRows(a.id), issueRows(b.id)]);
      const issueContent = ({ authorId, closedById, updatedById, lastEditedById, milestoneId, iterationId, ...row }: (typeof aIssues)[number]) => ({
        people: [authorId, closedById, updatedById, lastEditedById].map((id) => id !== null),
        milestone: milestoneId !== null,
        iteration: iterationId !== null,
        ...content(row),
      });
      expect(bIssues.map(issueContent), `issues of ${path}`).toEqual(aIssues.map(issueContent));
      const issueNotes = (rows: typeof aIssues) => rows.length ? getDb().select({ note: notes.note, system: notes.system, createdAt: notes.createdAt }).from(notes).where(and(eq(notes.noteableType, "Issue"), inArray(notes.noteableId, rows.map((i) => i.id)))).orderBy(notes.createdAt, notes.note) : Promise.resolve([]);
      expect(await issueNotes(bIssues), `issue notes of ${path}`).toEqual(await issueNotes(aIssues));
      expect(await designTrees(b.id), `issue designs of ${path}`).toEqual(await designTrees(a.id));
      const epicOf = async (rows: typeof aIssues) => (rows.length ? await getDb().select({ iid: epics.iid, position: epicIssues.relativePosition }).from(epicIssues).innerJoin(epics, eq(epics.id, epicIssues.epicId)).where(inArray(epicIssues.issueId, rows.map((i) => i.id))) : []);
      expect(await epicOf(bIssues), `epic links of ${path}`).toEqual(await epicOf(aIssues));
      // Merge requests: the same, but for the users and milestones, which each instance maps or numbers its own way; and
      // everything nested in them, as each Ferry stores it.
      const mrRows = (id: number) => getDb().select().from(mergeRequests).where(eq(mergeRequests.projectId, id)).orderBy(mergeRequests.iid);
      const [aMrs, bMrs] = await Promise.all([mrRows(a.id), mrRows(b.id)]);
      const mrContent = ({ authorId, updatedById, lastEditedById, mergeUserId, milestoneId, ...row }: (typeof aMrs)[number]) => ({
        people: [authorId, updatedById, lastEditedById, mergeUserId].map((id) => id !== null),
        milestone: milestoneId !== null,
        ...content(row),
      });
      expect(bMrs.map(mrContent), `merge requests of ${path}`).toEqual(aMrs.map(mrContent));
      const mrTrees = async (rows: typeof aMrs) => {
        if (rows.length === 0) return [];
        const { rows: trees } = await getDb().execute(sql`
          SELECT mr.iid,
            (SELECT json_agg(json_build_object('note', n.note, 'type', n.type, 'position', n.position, 'original_position', n.original_position, 'change_position', n.change_position,
               'line_code', n.line_code, 'discussion', n.discussion_id, 'resolved_at', n.resolved_at, 'resolved', n.resolved_by_id IS NOT NULL, 'system', n.system, 'action', n.system_action,
               'hunk', (SELECT row_to_json(f)::jsonb - 'note_id' FROM note_diff_files f WHERE f.note_id = n.id),
               'suggestions', (SELECT json_agg(s.to_content ORDER BY s.relative_order) FROM suggestions s WHERE s.note_id = n.id)) ORDER BY n.created_at, n.note)
             FROM notes n WHERE n.noteable_type = 'MergeRequest' AND n.noteable_id = mr.id) AS notes,
            (SELECT row_to_json(d)::jsonb - 'id' - 'merge_request_id' FROM merge_request_diffs d WHERE d.merge_request_id = mr.id) AS diff,
            (SELECT json_agg(row_to_json(c)::jsonb - 'merge_request_diff_id' ORDER BY c.relative_order) FROM merge_request_diff_commits c JOIN merge_request_diffs d ON d.id = c.merge_request_diff_id WHERE d.merge_request_id = mr.id) AS commits,
            (SELECT json_agg(row_to_json(f)::jsonb - 'merge_request_diff_id' ORDER BY f.relative_order) FROM merge_request_diff_files f JOIN merge_request_diffs d ON d.id = f.merge_request_diff_id WHERE d.merge_request_id = mr.id) AS files,
            (SELECT count(*) FROM merge_request_assignees x WHERE x.merge_request_id = mr.id) AS assignees,
            (SELECT json_agg(x.state) FROM merge_request_reviewers x WHERE x.merge_request_id = mr.id) AS reviewers,
            (SELECT count(*) FROM merge_request_approvals x WHERE x.merge_request_id = mr.id) AS approvals,
            (SELECT row_to_json(m)::jsonb - 'merge_request_id' - 'merged_by_id' - 'latest_closed_by_id' FROM merge_request_metrics m WHERE m.merge_request_id = mr.id) AS metrics,
            (SELECT json_agg(l.title) FROM merge_request_labels x JOIN labels l ON l.id = x.label_id WHERE x.merge_request_id = mr.id) AS labels,
            (SELECT json_agg(json_build_object('state', e.state, 'at', e.created_at)) FROM resource_state_events e WHERE e.merge_request_id = mr.id) AS state_events,
            (SELECT json_agg(json_build_object('spent', t.time_spent, 'summary', t.summary)) FROM timelogs t WHERE t.merge_request_id = mr.id) AS timelogs,
            (SELECT json_agg(e.action ORDER BY e.created_at, e.action) FROM events e WHERE e.target_type = 'MergeRequest' AND e.target_id = mr.id) AS events
          FROM merge_requests mr WHERE mr.id IN ${sql`(${sql.join(rows.map((mr) => sql`${mr.id}`), sql`, `)})`} ORDER BY mr.iid`);
        return trees;
      };
      expect(await mrTrees(bMrs), `merge request trees of ${path}`).toEqual(await mrTrees(aMrs));
      // Pipelines, their stages and jobs: the same, but for the users and the rows they point at, each instance's own.
      const pipelinesOf = async (id: number) => {
        const rows = await getDb().select().from(ciPipelines).where(eq(ciPipelines.projectId, id)).orderBy(ciPipelines.id);
        const stages = await getDb().select().from(ciStages).where(eq(ciStages.projectId, id)).orderBy(ciStages.id);
        const jobs = await getDb().select().from(ciBuilds).where(eq(ciBuilds.projectId, id)).orderBy(ciBuilds.id);
        const stageNames = new Map(stages.map((stage) => [stage.id, stage.name]));
        // Each instance numbers its rows in the order its chunks loaded them: compare in an order of the content.
        const canonical = <T,>(list: T[]) => list.map((item) => [JSON.stringify(item), item] as const).sort(([x], [y]) => x.localeCompare(y)).map(([, item]) => item);
        return {
          pipelines: canonical(rows.map(({ userId, externalPullRequestId, ...row }) => ({ user: userId !== null, pullRequest: externalPullRequestId !== null, ...content(row) }))),
          stages: canonical(stages.map(({ pipelineId: _pipeline, ...row }) => (void _pipeline, content(row)))),
          jobs: canonical(jobs.map(({ pipelineId: _pipeline, stageId, userId, ...row }) => (void _pipeline, { stage: stageNames.get(stageId!), user: userId !== null, ...content(row) }))),
        };
      };
      const [aPipelines, bPipelines] = await Promise.all([pipelinesOf(a.id), pipelinesOf(b.id)]);
      expect(bPipelines, `pipelines of ${path}`).toEqual(aPipelines);
      const commitNotesOf = async (id: number) =>
        (await getDb().select().from(notes).where(and(eq(notes.projectId, id), isNotNull(notes.commitId))).orderBy(asc(notes.id))).map((n) => [n.note, n.commitId, n.noteableType, n.discussionId, n.createdAt.toISOString(), n.authorId !== null]);
      expect(await commitNotesOf(b.id), `commit notes of ${path}`).toEqual(await commitNotesOf(a.id));
      const [aExport, bExport] = await Promise.all([a.id, b.id].map((id) => exportGroupOverHttp(ferry().url, token, id, { kind: "project" })));
      expect([...bExport!.keys()].sort()).toEqual([...aExport!.keys()].sort());
      expect(aExport!.get("issues")?.records, `exported issues of ${path}`).toHaveLength(aIssues.length);
      expect(aExport!.get("merge_requests")?.records, `exported merge requests of ${path}`).toHaveLength(aMrs.length);
      for (const [relation, exported] of aExport!) {
        if (relation === "repository") continue; // A bundle's bytes name the time it was made; the refs are compared above.
        expect(comparable(bExport!.get(relation)!), `${relation} of ${path}`).toEqual(comparable(exported));
      }
    }
    const app = inA.get("app")!;
    expect((await getDb().select().from(issues).where(eq(issues.projectId, app.id))).length).toBe(13);
    expect((await getDb().select().from(mergeRequests).where(eq(mergeRequests.projectId, app.id))).length).toBe(11);
    expect(await git(repositoryPath(app.id, "project"), ["rev-parse", "refs/merge-requests/10/head"])).toBe(head);
    const [appDiffNote] = await getDb().select().from(notes).where(and(eq(notes.projectId, app.id), eq(notes.noteableType, "MergeRequest"), eq(notes.type, "DiffNote"))).orderBy(asc(notes.createdAt)).limit(1);
    expect(appDiffNote!.position).toMatchObject({ head_sha: head, new_line: 14, position_type: "text" });
    const [appIssue] = await getDb().select().from(issues).where(and(eq(issues.projectId, app.id), eq(issues.iid, 20)));
    expect(await getDb().select({ position: epicIssues.relativePosition }).from(epicIssues).where(eq(epicIssues.issueId, appIssue!.id))).toEqual([{ position: 7 }]);
    expect((await designTrees(app.id)).find((row) => row.iid === 20)).toMatchObject({
      designs: [{ filename: "home.png", notes: [{ note: "Bigger logo", type: "DiffNote", author: true }] }, { filename: "old.png", notes: null }],
      versions: [{ sha: "a".repeat(40), author: true, actions: [{ event: 0 }, { event: 0 }] }, { sha: "b".repeat(40), actions: [{ filename: "home.png", event: 1 }, { filename: "old.png", event: 2 }] }],
    });
    expect((await getDb().select().from(labels).where(eq(labels.projectId, app.id))).length).toBeGreaterThan(0);
    const [appSnippet] = await getDb().select().from(snippets).where(eq(snippets.projectId, app.id));
    expect(await refsOf(repositoryPath(appSnippet!.id, "snippet"))).toMatch(/refs\/heads\/main/);
    expect((await getDb().select().from(ciPipelines).where(eq(ciPipelines.projectId, app.id))).length).toBe(7);
    expect((await getDb().select().from(notes).where(and(eq(notes.projectId, app.id), isNotNull(notes.commitId)))).length).toBe(2);
    for (const table of [externalPullRequests, projectCustomAttributes, pipelineSchedules]) expect((await getDb().select().from(table).where(eq(table.projectId, app.id))).length).toBeGreaterThan(0);
  }, 240_000);
});
