import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { awardEmoji, getDb, issueAssignees, issueLabels, issues, labels, milestones, notes, projects, resourceLabelEvents, resourceMilestoneEvents, resourceStateEvents, timelogs, users, zoomMeetings } from "@/lib/db";
import { importGroupProject } from "@/test/helpers/imports";
import { runImportWorker } from "@/test/helpers/import-worker";
import { fromRecords, ndjsonRecords, projectTreeFile, startTestSource } from "@/test/source";
import { issuesPipeline } from "./pipelines/projects/issues";
import { STATUS, TRACKER_STATUS } from "./index";

runImportWorker("pgboss_issues_import_test");

const ROOT = 4351;
const fixture = () => ndjsonRecords(projectTreeFile("issues"));

// What the test adds to GitLab's complex fixture: an issue with what the fixture lacks (its own events, weight, health,
// a label event naming a label nobody has), and one GitLab would refuse (no iid).
const extra = {
  id: 900, iid: 13, title: "Extra", description: "With events", state: "closed", author_id: 1, closed_by_id: 1, confidential: true, weight: 3,
  health_status: "at_risk", created_at: "2021-01-01T00:00:00.000Z", updated_at: "2021-01-02T00:00:00.000Z", closed_at: "2021-01-02T00:00:00.000Z",
  events: [{ id: 1, action: "created", author_id: 1, target_type: "Issue", created_at: "2021-01-01T00:00:00.000Z" }, { id: 2, action: 3, author_id: 1, created_at: "2021-01-02T00:00:00.000Z" }],
  resource_label_events: [{ id: 5, action: "add", user_id: 1, created_at: "2021-01-01T00:00:00.000Z", label: { id: 77, title: "brand-new", color: "#ff0000" } }],
  notes: [],
};
const bad = { id: 901, title: "No iid", author_id: 1, notes: [] };

describe("project issues, by direct transfer", () => {
  it("imports GitLab's complex project issues with every sub-relation, exactly; a bad record fails alone; a replay adds nothing", async () => {
    const source = await startTestSource({ version: "17.8.0", batchSize: 5, exportDelayMs: 20 });
    try {
      source.addProject({ groupId: ROOT, path: "app", name: "App", fixtureProject: "complex", relations: { releases: fromRecords([]), issues: fromRecords([...fixture(), extra, bad]) } });
      const { bulkImport, project: app } = await importGroupProject(source, ROOT, "app");
      expect(app.entity.status).toBe(STATUS.finished);
      expect(app.trackers.get("issues")).toMatchObject({ status: TRACKER_STATUS.finished, sourceObjectsCount: 14, importedObjectsCount: 13, batched: true });
      expect(app.failures.map((f) => [f.relation, f.exceptionMessage])).toEqual([["issues", expect.stringMatching(/iid must be a positive integer/)]]);
      expect(bulkImport.hasFailures).toBe(true);

      const projectId = app.entity.projectId!;
      const rows = await getDb().select().from(issues).where(eq(issues.projectId, projectId)).orderBy(asc(issues.iid));
      // iids kept; work item types resolved as GitLab does (base type, else name, else issue_type, else issue).
      expect(rows.map((i) => [i.iid, i.state, i.workItemType])).toEqual([
        [1, "closed", "issue"], [2, "closed", "incident"], [3, "closed", "task"], [4, "closed", "issue"], [5, "closed", "task"], [6, "opened", "issue"],
        [7, "opened", "issue"], [8, "closed", "issue"], [9, "opened", "issue"], [10, "opened", "issue"], [11, "opened", "task"], [12, "opened", "issue"], [13, "closed", "issue"],
      ]);
      const byIid = new Map(rows.map((i) => [i.iid, i]));
      const ten = byIid.get(10)!;
      expect(ten).toMatchObject({ title: "Voluptatem", description: "Aliquam enim illo et possimus.", confidential: false });
      expect(ten.createdAt.toISOString()).toBe("2016-06-14T15:02:08.340Z");
      // What has no column is kept as it came.
      expect(ten.sourceAttributes).toMatchObject({ test_ee_field: "test", sentry_issue: { id: 1, issue_id: 40, sentry_issue_identifier: 1234567891 }, position: 0 });
      expect(ten.sourceAttributes).not.toHaveProperty("milestone");
      expect(byIid.get(13)).toMatchObject({ confidential: true, weight: 3, healthStatus: "at_risk", state: "closed" });

      // Authors are placeholders of the source's users; distinct source users, distinct placeholders.
      const authors = await getDb().select({ id: users.id, userType: users.userType }).from(users).where(inArray(users.id, rows.map((i) => i.authorId!)));
      expect(new Set(authors.map((a) => a.userType))).toEqual(new Set(["placeholder"]));
      expect(authors).toHaveLength(new Set(fixture().map((i) => i.author_id)).size);

      const ids = rows.map((i) => i.id);
      const count = async (query: Promise<unknown[]>) => (await query).length;
      const db = getDb();
      expect(await count(db.select().from(notes).where(and(eq(notes.noteableType, "Issue"), inArray(notes.noteableId, ids))))).toBe(80);
      expect(await count(db.select().from(issueAssignees).where(inArray(issueAssignees.issueId, ids)))).toBe(4);
      const links = await db.select({ iid: issues.iid, title: labels.title, projectId: labels.projectId }).from(issueLabels).innerJoin(issues, eq(issues.id, issueLabels.issueId)).innerJoin(labels, eq(labels.id, issueLabels.labelId)).where(inArray(issueLabels.issueId, ids));
      expect(links.map((l) => `${l.iid}:${l.title}`).sort()).toEqual(["10:test2", "10:test3", "8:test2"]);
      expect(links.every((l) => l.projectId === projectId)).toBe(true);
      const [milestone] = await db.select().from(milestones).where(and(eq(milestones.projectId, projectId), eq(milestones.title, "test milestone")));
      expect(rows.filter((i) => i.milestoneId !== null).map((i) => [i.iid, i.milestoneId])).toEqual([[9, milestone!.id], [10, milestone!.id]]);
      expect(await count(db.select().from(awardEmoji).where(and(eq(awardEmoji.awardableType, "Issue"), inArray(awardEmoji.awardableId, ids))))).toBe(1);
      const noteIds = (await db.select({ id: notes.id }).from(notes).where(and(eq(notes.noteableType, "Issue"), inArray(notes.noteableId, ids)))).map((n) => n.id);
      expect(await count(db.select().from(awardEmoji).where(and(eq(awardEmoji.awardableType, "Note"), inArray(awardEmoji.awardableId, noteIds))))).toBe(1);
      const states = await db.select().from(resourceStateEvents).where(inArray(resourceStateEvents.issueId, ids)).orderBy(asc(resourceStateEvents.createdAt));
      expect(states.map((s) => [s.state, s.projectId, s.epicId])).toEqual([["closed", projectId, null], ["reopened", projectId, null]]);
      const labelEvents = await db.select({ action: resourceLabelEvents.action, title: labels.title }).from(resourceLabelEvents).leftJoin(labels, eq(labels.id, resourceLabelEvents.labelId)).where(inArray(resourceLabelEvents.issueId, ids));
      // The unknown label of a label event is made in the project, as GitLab's object builder does.
      expect(labelEvents.map((e) => `${e.action}:${e.title}`).sort()).toEqual(["add:brand-new", "remove:test2"]);
      const milestoneEvents = await db.select({ action: resourceMilestoneEvents.action, title: milestones.title }).from(resourceMilestoneEvents).innerJoin(milestones, eq(milestones.id, resourceMilestoneEvents.milestoneId)).where(inArray(resourceMilestoneEvents.issueId, ids));
      expect(milestoneEvents).toEqual([{ action: "add", title: "v4.0" }]);
      const logs = await db.select().from(timelogs).where(inArray(timelogs.issueId, ids));
      expect(logs.map((l) => [l.issueId, l.timeSpent, l.spentAt?.toISOString()])).toEqual([[byIid.get(1)!.id, 72000, "2019-12-27T00:00:00.000Z"]]);
      const meetings = await db.select().from(zoomMeetings).where(inArray(zoomMeetings.issueId, ids));
      expect(meetings.map((m) => [m.issueId, m.url, m.issueStatus])).toEqual([[ten.id, "https://zoom.us/j/123456789", 1]]);
      const issueEvents = await db.execute<{ action: string }>(sql`SELECT action FROM events WHERE target_type = 'Issue' AND target_id = ANY(${`{${ids.join(",")}}`}::int[]) AND project_id = ${projectId} ORDER BY created_at`);
      expect(issueEvents.rows.map((e) => e.action)).toEqual(["created", "closed"]);

      // A replayed chunk (a job delivered twice) inserts nothing twice.
      const [project] = await db.select().from(projects).where(eq(projects.id, projectId));
      const entity = { portable: "project", entityId: app.entity.id, bulkImportId: bulkImport!.id, sourceUrl: source.url, projectId: project!.id, groupId: null } as Parameters<typeof issuesPipeline.load>[2];
      const replay = [...fixture(), extra].map((record) => issuesPipeline.transform(record, entity, `id:${record.id}`));
      const before = await subRelationCounts(projectId);
      await db.transaction((tx) => issuesPipeline.load(tx, replay, entity));
      expect(await subRelationCounts(projectId)).toEqual(before);
      expect(before).toEqual({ issues: 13, notes: 80, assignees: 4, labels: 3, awards: 1, states: 2, label_events: 2, milestone_events: 1, timelogs: 1, zooms: 1, events: 2 });
    } finally {
      await source.close();
    }
  }, 120_000);
});

async function subRelationCounts(projectId: number) {
  const issueIds = sql`(SELECT id FROM issues WHERE project_id = ${projectId})`;
  const { rows } = await getDb().execute<Record<string, number>>(sql`SELECT
    (SELECT count(*)::int FROM issues WHERE project_id = ${projectId}) AS issues,
    (SELECT count(*)::int FROM notes WHERE noteable_type = 'Issue' AND noteable_id IN ${issueIds}) AS notes,
    (SELECT count(*)::int FROM issue_assignees WHERE issue_id IN ${issueIds}) AS assignees,
    (SELECT count(*)::int FROM issue_labels WHERE issue_id IN ${issueIds}) AS labels,
    (SELECT count(*)::int FROM award_emoji WHERE awardable_type = 'Issue' AND awardable_id IN ${issueIds}) AS awards,
    (SELECT count(*)::int FROM resource_state_events WHERE issue_id IN ${issueIds}) AS states,
    (SELECT count(*)::int FROM resource_label_events WHERE issue_id IN ${issueIds}) AS label_events,
    (SELECT count(*)::int FROM resource_milestone_events WHERE issue_id IN ${issueIds}) AS milestone_events,
    (SELECT count(*)::int FROM timelogs WHERE issue_id IN ${issueIds}) AS timelogs,
    (SELECT count(*)::int FROM zoom_meetings WHERE issue_id IN ${issueIds}) AS zooms,
    (SELECT count(*)::int FROM events WHERE target_type = 'Issue' AND target_id IN ${issueIds}) AS events`);
  return rows[0];
}
