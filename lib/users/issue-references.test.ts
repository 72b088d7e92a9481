import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { designVersions, getDb, issueAssignees, issues, milestones, resourceLabelEvents, resourceMilestoneEvents, timelogs } from "@/lib/db";
import { makeUser } from "@/test/helpers/factories";
import { projectWithPlaceholder } from "@/test/helpers/placeholder";
import { listPlaceholders, reassignPlaceholder } from "./index";

/**
 * An imported project with an issue a source user (a placeholder) wrote, closed, edited, took on, timed, relabelled
 * and made a design version of.
 */
async function importedIssue() {
  const { owner, group, project, placeholder } = await projectWithPlaceholder();
  const db = getDb();
  const [issue] = await db
    .insert(issues)
    .values({ projectId: project.id, iid: 1, title: "Issue", authorId: placeholder, closedById: placeholder, updatedById: placeholder, lastEditedById: placeholder, state: "closed" })
    .returning();
  const [milestone] = await db.insert(milestones).values({ projectId: project.id, iid: 1, title: "v1" }).returning();
  await db.insert(issueAssignees).values({ issueId: issue!.id, userId: placeholder });
  await db.insert(timelogs).values({ issueId: issue!.id, userId: placeholder, timeSpent: 60 });
  await db.insert(resourceLabelEvents).values({ projectId: project.id, issueId: issue!.id, userId: placeholder, action: "add" });
  await db.insert(resourceMilestoneEvents).values({ projectId: project.id, issueId: issue!.id, userId: placeholder, milestoneId: milestone!.id, action: "add" });
  await db.insert(designVersions).values({ issueId: issue!.id, sha: "a".repeat(40), authorId: placeholder });
  return { owner, group, placeholder, issue: issue! };
}

describe("reassigning a placeholder's issue contributions", () => {
  it("counts them on the Placeholders page", async () => {
    const { owner, group } = await importedIssue();
    const { rows } = await listPlaceholders(owner, group.id, { page: 1, perPage: 20 });
    expect(rows[0]!.contributions).toEqual({ issues: 1, issuesClosed: 1, issuesUpdated: 1, issuesEdited: 1, issueAssignees: 1, timelogs: 1, labelEvents: 1, milestoneEvents: 1, designVersions: 1 });
  });

  it("moves authorship, assignments, time spent, events and design versions, keeping one assignment where the account already had it", async () => {
    const { owner, placeholder, issue } = await importedIssue();
    const target = await makeUser();
    await getDb().insert(issueAssignees).values({ issueId: issue.id, userId: target.id });

    await reassignPlaceholder(owner, placeholder, target.id);

    const [moved] = await getDb().select().from(issues).where(eq(issues.id, issue.id));
    expect(moved).toMatchObject({ authorId: target.id, closedById: target.id, updatedById: target.id, lastEditedById: target.id });
    expect(await getDb().select({ userId: issueAssignees.userId }).from(issueAssignees).where(eq(issueAssignees.issueId, issue.id))).toEqual([{ userId: target.id }]);
    expect((await getDb().select().from(timelogs).where(eq(timelogs.issueId, issue.id)))[0]!.userId).toBe(target.id);
    expect((await getDb().select().from(resourceLabelEvents).where(eq(resourceLabelEvents.issueId, issue.id)))[0]!.userId).toBe(target.id);
    expect((await getDb().select().from(resourceMilestoneEvents).where(eq(resourceMilestoneEvents.issueId, issue.id)))[0]!.userId).toBe(target.id);
    expect((await getDb().select().from(designVersions).where(eq(designVersions.issueId, issue.id)))[0]!.authorId).toBe(target.id);
  });
});
