import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { awardEmoji, getDb, labels, mergeRequestApprovals, mergeRequestAssignees, mergeRequestDiffCommits, mergeRequestDiffFiles, mergeRequestDiffs, mergeRequestLabels, mergeRequestMetrics, mergeRequestReviewers, mergeRequests, milestones, noteDiffFiles, notes, resourceMilestoneEvents, resourceStateEvents, suggestions, timelogs, users } from "@/lib/db";
import { repositoryPath } from "@/lib/repositories";
import { git, temporaryDirectory } from "@/test/helpers/git-client";
import { importGroupProject } from "@/test/helpers/imports";
import { runImportWorker } from "@/test/helpers/import-worker";
import { makeSourceRepository } from "@/test/helpers/source-repository";
import { fromRecords, ndjsonRecords, projectTreeFile, startTestSource } from "@/test/source";
import { mergeRequestsPipeline } from "./pipelines/projects/merge-requests";
import { STATUS, TRACKER_STATUS } from "./index";

runImportWorker("pgboss_merge_requests_import_test");

const ROOT = 4351;
const scratch = temporaryDirectory("ferry-mr-import-");
const complex = () => ndjsonRecords(projectTreeFile("merge_requests"));
const PLACEHOLDER_HEAD = "5937ac0a7beb003549fc5fd26fc247adbce4a52e";
/** Ferry's hand-written merge requests (diff notes, reviewers, approvals, metrics...), !10's head made `head`. */
function diffNotes(head: string): Record<string, unknown>[] {
  const text = JSON.stringify(ndjsonRecords("test/fixtures/ferry/merge_requests_diff_notes.ndjson"));
  return JSON.parse(text.replaceAll(PLACEHOLDER_HEAD, head)) as Record<string, unknown>[];
}
// One GitLab would refuse: no source branch.
const bad = { id: 1999, iid: 12, title: "No source branch", target_branch: "main", author_id: 1, notes: [] };

async function importProject(version: string, records: Record<string, unknown>[], repository: string) {
  const source = await startTestSource({ version, batchSize: 4, exportDelayMs: 20 });
  source.addProject({ groupId: ROOT, path: "app", name: "App", fixtureProject: "complex", repository, relations: { releases: fromRecords([]), issues: fromRecords([]), merge_requests: fromRecords(records) } });
  const { bulkImport, project: app } = await importGroupProject(source, ROOT, "app");
  return { source, bulkImport, app };
}

describe("project merge requests, by direct transfer", () => {
  it("imports GitLab's complex merge requests and diff notes with every sub-relation, exactly; a bad record fails alone; a replay adds nothing; head refs are written", async () => {
    const repository = await makeSourceRepository(scratch, { commits: 3, branches: 2, tags: 0, mergeRequestRefs: 0 });
    const head = await git(repository, ["rev-parse", "refs/heads/feature/1"]);
    const { source, bulkImport, app } = await importProject("17.8.0", [...complex(), ...diffNotes(head), bad], repository);
    try {
      expect(app.entity.status).toBe(STATUS.finished);
      expect(app.trackers.get("merge_requests")).toMatchObject({ status: TRACKER_STATUS.finished, sourceObjectsCount: 12, importedObjectsCount: 11, batched: true });
      expect(app.failures.map((f) => [f.relation, f.exceptionMessage])).toEqual([["merge_requests", expect.stringMatching(/source_branch can't be blank/)]]);
      expect(bulkImport.hasFailures).toBe(true);

      const projectId = app.entity.projectId!;
      const db = getDb();
      const rows = await db.select().from(mergeRequests).where(eq(mergeRequests.projectId, projectId)).orderBy(asc(mergeRequests.iid));
      // iids kept.
      expect(rows.map((mr) => [mr.iid, mr.state, mr.sourceBranch, mr.targetBranch])).toEqual([
        [1, "opened", "test-12", "test-6"], [2, "opened", "test-5", "feature"], [3, "opened", "'test'", "test-15"], [4, "opened", "test-2", "flatten-dirs"],
        [5, "opened", "test-8", "improve/awesome"], [6, "opened", "test-3", "fix"], [7, "opened", "test-1", "test-7"], [8, "opened", "feature", "master"],
        [9, "opened", "feature_conflict", "feature"], [10, "merged", "feature/1", "main"], [11, "opened", "fix-typo", "main"],
      ]);
      const byIid = new Map(rows.map((mr) => [mr.iid, mr]));
      const nine = byIid.get(9)!;
      const ten = byIid.get(10)!;
      expect(nine).toMatchObject({ title: "MR1", diffHeadSha: "HEAD", sourceBranchSha: "ABCD", targetBranchSha: "DCBA", mergeWhenPipelineSucceeds: true, approvalsBeforeMerge: 1, mergeStatus: "unchecked", sameProject: false });
      expect(nine.createdAt.toISOString()).toBe("2016-06-14T15:02:36.568Z");
      // What has no column is kept as it came (a fork's source project among it).
      expect(nine.sourceAttributes).toMatchObject({ id: 27, position: 0, source_project_id: 2147483547 });
      expect(nine.sourceAttributes).not.toHaveProperty("target_project_id");
      expect(ten.sourceAttributes).not.toHaveProperty("source_project_id");
      expect(ten).toMatchObject({ draft: false, squash: true, timeEstimate: 3600, mergeCommitSha: "b83d6e391c22777fca1ed3012fce84f633d7fed0", mergeParams: { force_remove_source_branch: "1" }, sameProject: true, diffHeadSha: head });
      expect(ten.sourceAttributes).not.toHaveProperty("milestone");
      expect(byIid.get(11)!.sameProject).toBe(false);

      // Users are placeholders of the source's users, one per source user.
      const placeholders = await db.select({ id: users.id, userType: users.userType, name: users.name }).from(users).where(inArray(users.id, rows.map((mr) => mr.authorId!)));
      expect(new Set(placeholders.map((p) => p.userType))).toEqual(new Set(["placeholder"]));
      const authorOf = (iid: number) => byIid.get(iid)!.authorId!;
      const one = authorOf(9);
      const two = ten.updatedById!;
      expect(authorOf(10)).toBe(one);
      expect(two).not.toBe(one);
      expect([ten.lastEditedById, ten.mergeUserId]).toEqual([two, two]);

      const before = await subRelationCounts(projectId);
      expect(before).toEqual({
        merge_requests: 11, notes: 78, note_awards: 2, suggestions: 2, note_diff_files: 1, diffs: 10, commits: 78, files: 56, awards: 3, events: 20, label_events: 2,
        state_events: 1, milestone_events: 1, timelogs: 1, assignees: 9, reviewers: 1, approvals: 1, metrics: 1, labels: 1,
      });

      // !10 field by field: its people, label, milestone, metrics, diff, events.
      const ids = (table: typeof mergeRequestAssignees | typeof mergeRequestReviewers | typeof mergeRequestApprovals) => eq(table.mergeRequestId, ten.id);
      expect(await db.select({ userId: mergeRequestAssignees.userId }).from(mergeRequestAssignees).where(ids(mergeRequestAssignees))).toEqual([{ userId: one }]);
      expect(await db.select({ userId: mergeRequestReviewers.userId, state: mergeRequestReviewers.state }).from(mergeRequestReviewers).where(ids(mergeRequestReviewers))).toEqual([{ userId: two, state: "approved" }]);
      expect(await db.select({ userId: mergeRequestApprovals.userId }).from(mergeRequestApprovals).where(ids(mergeRequestApprovals))).toEqual([{ userId: two }]);
      const [metrics] = await db.select().from(mergeRequestMetrics).where(eq(mergeRequestMetrics.mergeRequestId, ten.id));
      expect(metrics).toMatchObject({ mergedById: two, latestClosedById: null, firstDeployedToProductionAt: null });
      expect(metrics!.mergedAt!.toISOString()).toBe("2024-03-04T10:00:00.000Z");
      expect(metrics!.sourceAttributes).toMatchObject({ added_lines: 3, removed_lines: 0, diff_size: 3, first_comment_at: "2024-03-02T10:00:00.000Z" });
      const [label] = await db.select({ title: labels.title, projectId: labels.projectId }).from(mergeRequestLabels).innerJoin(labels, eq(labels.id, mergeRequestLabels.labelId)).where(eq(mergeRequestLabels.mergeRequestId, ten.id));
      expect(label).toEqual({ title: "needs-review", projectId });
      const [milestone] = await db.select().from(milestones).where(eq(milestones.id, ten.milestoneId!));
      expect(milestone).toMatchObject({ title: "v2.0", projectId });
      expect(await db.select({ state: resourceStateEvents.state, userId: resourceStateEvents.userId }).from(resourceStateEvents).where(eq(resourceStateEvents.mergeRequestId, ten.id))).toEqual([{ state: "merged", userId: two }]);
      expect(await db.select({ milestoneId: resourceMilestoneEvents.milestoneId }).from(resourceMilestoneEvents).where(eq(resourceMilestoneEvents.mergeRequestId, ten.id))).toEqual([{ milestoneId: milestone!.id }]);
      expect(await db.select({ timeSpent: timelogs.timeSpent, userId: timelogs.userId, summary: timelogs.summary }).from(timelogs).where(eq(timelogs.mergeRequestId, ten.id))).toEqual([{ timeSpent: 1800, userId: two, summary: "Review" }]);
      const mrEvents = await db.execute<{ action: string }>(sql`SELECT action FROM events WHERE target_type = 'MergeRequest' AND target_id = ${ten.id} ORDER BY created_at`);
      expect(mrEvents.rows.map((e) => e.action)).toEqual(["created", "merged"]);
      const [diff] = await db.select().from(mergeRequestDiffs).where(eq(mergeRequestDiffs.mergeRequestId, ten.id));
      expect(diff).toMatchObject({ state: "collected", headCommitSha: head, baseCommitSha: "ae73cb07c9eeaf35924a10f713b364d32b2dd34f", realSize: "1", commitsCount: 1, filesCount: 1, sourceAttributes: { sorted: true, diff_type: "regular" } });
      const [commit] = await db.select().from(mergeRequestDiffCommits).where(eq(mergeRequestDiffCommits.mergeRequestDiffId, diff!.id));
      expect(commit).toMatchObject({ relativeOrder: 0, sha: head, authorName: "Ada Lovelace", authorEmail: "ada@example.com", committerName: "Grace Hopper", committerEmail: "grace@example.com" });
      expect(commit!.committedDate!.toISOString()).toBe("2024-03-01T08:30:00.000Z");
      const [file] = await db.select().from(mergeRequestDiffFiles).where(eq(mergeRequestDiffFiles.mergeRequestDiffId, diff!.id));
      expect(file).toMatchObject({ oldPath: "files/ruby/popen.rb", newPath: "files/ruby/popen.rb", aMode: "100644", newFile: false, diffSize: Buffer.byteLength(file!.diff) });
      expect(file!.diff).toMatch(/^@@ -11,9 \+11,14 @@ module Popen\n/);
      // The fixture's first merge request: nine files of its diff, the binary one with its deletion.
      const [nineDiff] = await db.select().from(mergeRequestDiffs).where(eq(mergeRequestDiffs.mergeRequestId, nine.id));
      const nineFiles = await db.select().from(mergeRequestDiffFiles).where(eq(mergeRequestDiffFiles.mergeRequestDiffId, nineDiff!.id)).orderBy(asc(mergeRequestDiffFiles.relativeOrder));
      expect(nineFiles[0]).toMatchObject({ oldPath: ".DS_Store", deletedFile: true, bMode: "0", diff: "Binary files a/.DS_Store and /dev/null differ\n" });

      // The diff note, field by field: its position exactly as it came.
      const fixture = diffNotes(head)[0]!;
      const [sourceNote] = (fixture.notes as Record<string, unknown>[]).filter((n) => n.id === 2001);
      const [diffNote] = await db.select().from(notes).where(and(eq(notes.noteableType, "MergeRequest"), eq(notes.noteableId, ten.id), eq(notes.type, "DiffNote"))).orderBy(asc(notes.createdAt)).limit(1);
      expect(diffNote).toMatchObject({
        type: "DiffNote", authorId: two, lineCode: "8ec9a00bfd09b3190ac6b22251dbb1aa95a0579d_0_14", discussionId: "f1b0c2a0e3d4c5b6a7980f1e2d3c4b5a69788796", resolvedById: one, resolvedByPush: false, changePosition: null, projectId, system: false,
      });
      expect(diffNote!.position).toEqual(sourceNote!.position);
      expect(diffNote!.originalPosition).toEqual(sourceNote!.original_position);
      expect(diffNote!.resolvedAt!.toISOString()).toBe("2024-03-03T10:00:00.000Z");
      const [hunk] = await db.select().from(noteDiffFiles).where(eq(noteDiffFiles.noteId, diffNote!.id));
      expect(hunk).toEqual({ noteId: diffNote!.id, diff: (sourceNote!.note_diff_file as { diff_export: string }).diff_export, oldPath: "files/ruby/popen.rb", newPath: "files/ruby/popen.rb", aMode: "100644", bMode: "100644", newFile: false, renamedFile: false, deletedFile: false });
      expect(await db.select().from(suggestions).where(eq(suggestions.noteId, diffNote!.id))).toEqual([
        { noteId: diffNote!.id, relativeOrder: 0, fromContent: "      Dir.mkdir(path)\n", toContent: "      FileUtils.mkdir_p(path)\n", applied: true, outdated: false, commitId: head, linesAbove: 0, linesBelow: 0 },
      ]);
      expect(await db.select({ name: awardEmoji.name, userId: awardEmoji.userId }).from(awardEmoji).where(and(eq(awardEmoji.awardableType, "Note"), eq(awardEmoji.awardableId, diffNote!.id)))).toEqual([{ name: "thumbsup", userId: one }]);
      const tenNotes = await db.select({ type: notes.type, system: notes.system, systemAction: notes.systemAction }).from(notes).where(and(eq(notes.noteableType, "MergeRequest"), eq(notes.noteableId, ten.id))).orderBy(asc(notes.id));
      expect(tenNotes).toEqual([{ type: "DiffNote", system: false, systemAction: null }, { type: "DiffNote", system: false, systemAction: null }, { type: "DiscussionNote", system: false, systemAction: null }, { type: null, system: true, systemAction: "approved" }]);

      // refs/merge-requests/<iid>/head: !10's head is in the repository; the fixture's shas are not, so theirs are not written.
      const refs = await git(repositoryPath(projectId, "project"), ["for-each-ref", "--format=%(objectname) %(refname)", "refs/merge-requests/"]);
      expect(refs).toBe(`${head} refs/merge-requests/10/head`);

      // A replayed chunk (a job delivered twice) inserts nothing twice, and the refs' ending runs again harmlessly.
      const entity = { portable: "project", entityId: app.entity.id, bulkImportId: bulkImport.id, sourceUrl: source.url, projectId, groupId: null } as Parameters<typeof mergeRequestsPipeline.load>[2];
      const replay = [...complex(), ...diffNotes(head)].map((record) => mergeRequestsPipeline.transform(record, entity, `id:${record.id}`));
      await db.transaction((tx) => mergeRequestsPipeline.load(tx, replay, entity));
      await db.transaction((tx) => mergeRequestsPipeline.finish!(tx, entity));
      expect(await subRelationCounts(projectId)).toEqual(before);
      expect(await git(repositoryPath(projectId, "project"), ["for-each-ref", "--format=%(refname)", "refs/merge-requests/"])).toBe("refs/merge-requests/10/head");
    } finally {
      await source.close();
    }
  }, 180_000);

  it("imports an unbatched export (a source before 16.2) the same way", async () => {
    const repository = await makeSourceRepository(scratch, { commits: 2, branches: 1, tags: 0, mergeRequestRefs: 0 });
    const head = await git(repository, ["rev-parse", "refs/heads/feature/1"]);
    const { source, app } = await importProject("16.1.0", diffNotes(head), repository);
    try {
      expect(app.entity.status).toBe(STATUS.finished);
      expect(app.trackers.get("merge_requests")).toMatchObject({ status: TRACKER_STATUS.finished, sourceObjectsCount: 2, importedObjectsCount: 2, batched: false });
      const counts = await subRelationCounts(app.entity.projectId!);
      expect(counts).toMatchObject({ merge_requests: 2, notes: 4, suggestions: 1, note_diff_files: 1, diffs: 1, commits: 1, files: 1, assignees: 2, reviewers: 1, approvals: 1, metrics: 1 });
      expect(await git(repositoryPath(app.entity.projectId!, "project"), ["for-each-ref", "--format=%(objectname) %(refname)", "refs/merge-requests/"])).toBe(`${head} refs/merge-requests/10/head`);
    } finally {
      await source.close();
    }
  }, 120_000);
});

async function subRelationCounts(projectId: number) {
  const mrIds = sql`(SELECT id FROM merge_requests WHERE project_id = ${projectId})`;
  const noteIds = sql`(SELECT id FROM notes WHERE noteable_type = 'MergeRequest' AND noteable_id IN ${mrIds})`;
  const diffIds = sql`(SELECT id FROM merge_request_diffs WHERE merge_request_id IN ${mrIds})`;
  const { rows } = await getDb().execute<Record<string, number>>(sql`SELECT
    (SELECT count(*)::int FROM merge_requests WHERE project_id = ${projectId}) AS merge_requests,
    (SELECT count(*)::int FROM notes WHERE id IN ${noteIds}) AS notes,
    (SELECT count(*)::int FROM award_emoji WHERE awardable_type = 'Note' AND awardable_id IN ${noteIds}) AS note_awards,
    (SELECT count(*)::int FROM suggestions WHERE note_id IN ${noteIds}) AS suggestions,
    (SELECT count(*)::int FROM note_diff_files WHERE note_id IN ${noteIds}) AS note_diff_files,
    (SELECT count(*)::int FROM merge_request_diffs WHERE id IN ${diffIds}) AS diffs,
    (SELECT count(*)::int FROM merge_request_diff_commits WHERE merge_request_diff_id IN ${diffIds}) AS commits,
    (SELECT count(*)::int FROM merge_request_diff_files WHERE merge_request_diff_id IN ${diffIds}) AS files,
    (SELECT count(*)::int FROM award_emoji WHERE awardable_type = 'MergeRequest' AND awardable_id IN ${mrIds}) AS awards,
    (SELECT count(*)::int FROM events WHERE target_type = 'MergeRequest' AND target_id IN ${mrIds}) AS events,
    (SELECT count(*)::int FROM resource_label_events WHERE merge_request_id IN ${mrIds}) AS label_events,
    (SELECT count(*)::int FROM resource_state_events WHERE merge_request_id IN ${mrIds}) AS state_events,
    (SELECT count(*)::int FROM resource_milestone_events WHERE merge_request_id IN ${mrIds}) AS milestone_events,
    (SELECT count(*)::int FROM timelogs WHERE merge_request_id IN ${mrIds}) AS timelogs,
    (SELECT count(*)::int FROM merge_request_assignees WHERE merge_request_id IN ${mrIds}) AS assignees,
    (SELECT count(*)::int FROM merge_request_reviewers WHERE merge_request_id IN ${mrIds}) AS reviewers,
    (SELECT count(*)::int FROM merge_request_approvals WHERE merge_request_id IN ${mrIds}) AS approvals,
    (SELECT count(*)::int FROM merge_request_metrics WHERE merge_request_id IN ${mrIds}) AS metrics,
    (SELECT count(*)::int FROM merge_request_labels WHERE merge_request_id IN ${mrIds}) AS labels`);
  return rows[0];
}
