import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb, mergeRequestApprovals, mergeRequestAssignees, mergeRequestMetrics, mergeRequestReviewers, mergeRequests, notes } from "@/lib/db";
import { makeUser } from "@/test/helpers/factories";
import { projectWithPlaceholder } from "@/test/helpers/placeholder";
import { listPlaceholders, reassignPlaceholder } from "./index";

/** An imported project with a merge request a source user (a placeholder) wrote, took on, reviewed, approved, merged and resolved a thread of. */
async function importedMergeRequest() {
  const { owner, group, project, placeholder } = await projectWithPlaceholder();
  const db = getDb();
  const [mr] = await db
    .insert(mergeRequests)
    .values({ projectId: project.id, iid: 1, title: "MR", sourceBranch: "feature", targetBranch: "main", state: "merged", authorId: placeholder, updatedById: placeholder, lastEditedById: placeholder, mergeUserId: placeholder })
    .returning();
  for (const table of [mergeRequestAssignees, mergeRequestReviewers, mergeRequestApprovals]) await db.insert(table).values({ mergeRequestId: mr!.id, userId: placeholder });
  await db.insert(mergeRequestMetrics).values({ mergeRequestId: mr!.id, mergedById: placeholder, latestClosedById: placeholder });
  await db.insert(notes).values({ projectId: project.id, noteableType: "MergeRequest", noteableId: mr!.id, note: "Fixed", type: "DiffNote", resolvedById: placeholder });
  return { owner, group, placeholder, mr: mr! };
}

describe("reassigning a placeholder's merge request contributions", () => {
  it("counts every user column of merge requests on the Placeholders page", async () => {
    const { owner, group } = await importedMergeRequest();
    const { rows } = await listPlaceholders(owner, group.id, { page: 1, perPage: 20 });
    expect(rows[0]!.contributions).toEqual({
      mergeRequests: 1, mergeRequestsUpdated: 1, mergeRequestsEdited: 1, mergeRequestsMergeUser: 1, mergeRequestAssignees: 1, mergeRequestReviewers: 1,
      mergeRequestApprovals: 1, mergeRequestsMerged: 1, mergeRequestsClosed: 1, resolvedNotes: 1,
    });
  });

  it("moves authorship, assignments, reviews, approvals, metrics and resolutions, keeping one link where the account already had it", async () => {
    const { owner, placeholder, mr } = await importedMergeRequest();
    const target = await makeUser();
    await getDb().insert(mergeRequestReviewers).values({ mergeRequestId: mr.id, userId: target.id, state: "reviewed" });
    await getDb().insert(mergeRequestApprovals).values({ mergeRequestId: mr.id, userId: target.id });

    await reassignPlaceholder(owner, placeholder, target.id);

    const db = getDb();
    const [moved] = await db.select().from(mergeRequests).where(eq(mergeRequests.id, mr.id));
    expect(moved).toMatchObject({ authorId: target.id, updatedById: target.id, lastEditedById: target.id, mergeUserId: target.id });
    for (const table of [mergeRequestAssignees, mergeRequestReviewers, mergeRequestApprovals]) {
      expect(await db.select({ userId: table.userId }).from(table).where(eq(table.mergeRequestId, mr.id))).toEqual([{ userId: target.id }]);
    }
    // Where the account had reviewed already, its own review stays.
    expect(await db.select({ state: mergeRequestReviewers.state }).from(mergeRequestReviewers).where(eq(mergeRequestReviewers.mergeRequestId, mr.id))).toEqual([{ state: "reviewed" }]);
    expect(await db.select({ mergedById: mergeRequestMetrics.mergedById, latestClosedById: mergeRequestMetrics.latestClosedById }).from(mergeRequestMetrics).where(eq(mergeRequestMetrics.mergeRequestId, mr.id))).toEqual([{ mergedById: target.id, latestClosedById: target.id }]);
    expect(await db.select({ resolvedById: notes.resolvedById }).from(notes).where(and(eq(notes.noteableType, "MergeRequest"), eq(notes.noteableId, mr.id)))).toEqual([{ resolvedById: target.id }]);
  });
});
