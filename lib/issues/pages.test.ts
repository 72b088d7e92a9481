import { beforeAll, describe, expect, it } from "vitest";
import { ACCESS_LEVELS, awardEmoji, getDb, issueAssignees, issueLabels, issues, labels, mergeRequests, milestones, notes, projectMembers, resourceLabelEvents, resourceMilestoneEvents, resourceStateEvents } from "@/lib/db";
import { listActivity, type ActivityItem } from "@/lib/content";
import { createGroup } from "@/lib/groups";
import { createProject, findProject, type ProjectWithAccess } from "@/lib/projects";
import type { Viewer } from "@/lib/viewer";
import { makeUser, unique } from "@/test/helpers/factories";
import { closesIssue, countIssuesByState, groupIssueScope, issueFilterOptions, listIssues, projectIssueScope, relatedMergeRequests, userIssueScope } from "./index";

const at = (day: string, time = "10:00") => new Date(`${day}T${time}:00.000Z`);

/**
 * root / app: #1 "Bravo bug" (open, bug, v1, assigned to the reporter, due 2020-03-01), #2 "alpha" (closed, due
 * 2020-02-01), #3 "Charlie secret" (confidential, the owner's), #4 "Delta" (open, no due date); root/sub / lib: #1 "Lib".
 * Merge requests of app: !1 closes #1, !2 mentions #1 and #12, !3 names #10 only, !4 `&1` and `!1`.
 */
let project: ProjectWithAccess;
let people: { owner: Awaited<ReturnType<typeof makeUser>>; reporter: Awaited<ReturnType<typeof makeUser>>; guest: Awaited<ReturnType<typeof makeUser>> };
let group: Awaited<ReturnType<typeof createGroup>>;
let issueIds: Record<string, number>;
let noMrs: ProjectWithAccess;
const toViewer = (user: { id: number }): Viewer => ({ id: user.id, isAdmin: false });
const as = async (user: { id: number }, fullPath = project.fullPath) => (await findProject(toViewer(user), fullPath))!;

beforeAll(async () => {
  const db = getDb();
  const [owner, reporter, guest] = await Promise.all([makeUser(), makeUser(), makeUser()]);
  people = { owner, reporter, guest };
  group = await createGroup(owner, { name: "Pages", path: unique("pages") });
  const sub = await createGroup(owner, { name: "Sub", path: "sub", parentId: group.id });
  const app = await createProject(owner, { name: "App", namespaceId: group.id });
  const closedMrs = await createProject(owner, { name: "No MRs", namespaceId: group.id, settings: { merge_requests_access_level: "disabled" } });
  const lib = await createProject(owner, { name: "Lib", namespaceId: sub.id });
  project = (await findProject(toViewer(owner), app.fullPath))!;
  noMrs = (await findProject(toViewer(owner), closedMrs.fullPath))!;
  await db.insert(projectMembers).values([
    { projectId: project.id, userId: reporter.id, accessLevel: ACCESS_LEVELS.reporter },
    { projectId: project.id, userId: guest.id, accessLevel: ACCESS_LEVELS.guest },
  ]);
  const [bug] = await db.insert(labels).values({ projectId: project.id, title: "bug", color: "#d9534f" }).returning();
  const [v1] = await db.insert(milestones).values({ projectId: project.id, iid: 1, title: "v1" }).returning();
  const rows = await db
    .insert(issues)
    .values([
      { projectId: project.id, iid: 1, title: "Bravo bug", authorId: owner.id, milestoneId: v1!.id, dueDate: "2020-03-01", createdAt: at("2020-01-01") },
      { projectId: project.id, iid: 2, title: "alpha", state: "closed" as const, authorId: guest.id, dueDate: "2020-02-01", createdAt: at("2020-01-02") },
      { projectId: project.id, iid: 3, title: "Charlie secret", confidential: true, authorId: owner.id, createdAt: at("2020-01-03") },
      { projectId: project.id, iid: 4, title: "Delta", authorId: reporter.id, createdAt: at("2020-01-04") },
      { projectId: lib.id, iid: 1, title: "Lib", authorId: owner.id, createdAt: at("2020-01-05") },
    ])
    .returning();
  issueIds = { one: rows[0]!.id, lib: rows[4]!.id };
  await db.insert(issueLabels).values({ issueId: rows[0]!.id, labelId: bug!.id });
  await db.insert(issueAssignees).values({ issueId: rows[0]!.id, userId: reporter.id });
  await db.insert(mergeRequests).values([
    { projectId: project.id, iid: 1, title: "Fix it", description: "Closes #1", sourceBranch: "fix", targetBranch: "main" },
    { projectId: project.id, iid: 2, title: "Related", description: "See #1 and #12", sourceBranch: "see", targetBranch: "main", state: "merged" as const },
    { projectId: project.id, iid: 3, title: "Other", description: "Fixes #10", sourceBranch: "other", targetBranch: "main" },
    { projectId: project.id, iid: 4, title: "Not a mention", description: "Epic &1 and !1", sourceBranch: "epic", targetBranch: "main" },
    { projectId: noMrs.id, iid: 1, title: "Hidden", description: "Closes #1", sourceBranch: "fix", targetBranch: "main" },
  ]);

  // #1's activity: a thread started at 10:00 and answered at 12:00, a system note, an internal note, resource events.
  const note = (text: string, time: string, discussionId: string, extra: Partial<typeof notes.$inferInsert> = {}) => ({
    projectId: project.id,
    noteableType: "Issue",
    noteableId: rows[0]!.id,
    authorId: owner.id,
    note: text,
    discussionId,
    createdAt: at("2020-02-01", time),
    ...extra,
  });
  const inserted = await db
    .insert(notes)
    .values([note("question", "10:00", "a"), note("changed the description", "10:05", "b", { system: true }), note("answer", "12:00", "a", { authorId: reporter.id }), note("internal remark", "10:10", "c", { internal: true })])
    .returning();
  await db.insert(awardEmoji).values({ awardableType: "Note", awardableId: inserted[0]!.id, name: "thumbsup", userId: guest.id });
  await db.insert(resourceStateEvents).values({ projectId: project.id, issueId: rows[0]!.id, userId: owner.id, state: "closed", createdAt: at("2020-02-01", "11:00") });
  await db.insert(resourceLabelEvents).values({ projectId: project.id, issueId: rows[0]!.id, userId: owner.id, labelId: bug!.id, action: "add", createdAt: at("2020-02-01", "10:20") });
  await db.insert(resourceMilestoneEvents).values({ projectId: project.id, issueId: rows[0]!.id, userId: owner.id, milestoneId: v1!.id, action: "add", createdAt: at("2020-02-01", "10:30") });
});


const scopeOf = async (user: { id: number }) => projectIssueScope(toViewer(user), await as(user));

describe("issue lists", () => {
  it("count open, closed and all under the list's filters, hiding confidential issues from guests", async () => {
    expect(await countIssuesByState(await scopeOf(people.owner), {})).toEqual({ opened: 3, closed: 1, all: 4 });
    expect(await countIssuesByState(await scopeOf(people.guest), {})).toEqual({ opened: 2, closed: 1, all: 3 });
    expect(await countIssuesByState(await scopeOf(people.owner), { labels: ["bug"] })).toEqual({ opened: 1, closed: 0, all: 1 });
    expect(await countIssuesByState(await scopeOf(people.owner), { search: "ALPHA" })).toEqual({ opened: 0, closed: 1, all: 1 });
  });

  it("sort by due date (none last either way) and by title, case aside", async () => {
    const iids = async (orderBy: "due_date" | "title", sort: "asc" | "desc") => (await listIssues(await scopeOf(people.owner), { orderBy, sort, page: 1, perPage: 20 })).rows.map((i) => i.iid);
    expect(await iids("due_date", "asc")).toEqual([2, 1, 3, 4]);
    expect(await iids("due_date", "desc")).toEqual([1, 2, 4, 3]);
    expect(await iids("title", "asc")).toEqual([2, 1, 3, 4]);
    expect(await iids("title", "desc")).toEqual([4, 3, 1, 2]);
  });

  it("offer the authors, assignees, labels and milestones of the issues the viewer may read", async () => {
    const owner = await issueFilterOptions(await scopeOf(people.owner));
    expect(owner.authors.map((u) => u.id).sort()).toEqual([people.owner.id, people.reporter.id, people.guest.id].sort());
    expect(owner.assignees.map((u) => u.id)).toEqual([people.reporter.id]);
    expect(owner).toMatchObject({ labels: ["bug"], milestones: ["v1"] });
  });

  it("span a group's projects and its subgroups' for the group list, and every readable project for the user's", async () => {
    const groupScope = await groupIssueScope(toViewer(people.owner), group);
    expect((await listIssues(groupScope, { page: 1, perPage: 20 })).rows.map((i) => `${i.project.fullPath}#${i.iid}`)).toEqual([
      `${group.fullPath}/sub/lib#1`,
      `${project.fullPath}#4`,
      `${project.fullPath}#3`,
      `${project.fullPath}#2`,
      `${project.fullPath}#1`,
    ]);
    const guestScope = await userIssueScope(toViewer(people.guest));
    const mine = await listIssues(guestScope, { authorId: people.guest.id, page: 1, perPage: 20 });
    expect(mine.rows.map((i) => i.title)).toEqual(["alpha"]);
    // The guest is no member of root/sub: a private project's issues are not theirs to read.
    expect((await listIssues(guestScope, { page: 1, perPage: 100 })).rows.some((i) => i.id === issueIds.lib)).toBe(false);
  });
});

describe("an issue's page", () => {
  const text = (item: ActivityItem) => (item.kind === "note" ? item.note.note : item.kind === "state" ? `[${item.event.state}]` : item.kind === "label" ? `[${item.event.action} ~${item.event.label?.title}]` : `[${item.event.action} %${item.event.milestone?.title}]`);

  it("lists threads where they started, replies after them, resource events in between, internal notes to reporters only", async () => {
    const ref = (canReadConfidential: boolean) => ({ noteableType: "Issue" as const, noteableId: issueIds.one!, canReadConfidential });
    const all = await listActivity(ref(true), { page: 1, perPage: 50 });
    expect(all.items.map(text)).toEqual(["question", "answer", "changed the description", "internal remark", "[add ~bug]", "[add %v1]", "[closed]"]);
    expect(all.total).toBe(7);
    const first = all.items[0]!;
    expect(first.kind === "note" && first.note.awards).toEqual([{ name: "thumbsup", count: 1 }]);
    const guest = await listActivity(ref(false), { page: 2, perPage: 3 });
    expect(guest.items.map(text)).toEqual(["[add ~bug]", "[add %v1]", "[closed]"]);
    expect(guest.total).toBe(6);
  });

  it("relates the merge requests that close or mention the issue, and only for those who may read merge requests", async () => {
    const related = await relatedMergeRequests(toViewer(people.owner), project, 1);
    expect(related.map((mr) => [mr.iid, mr.state, mr.closes])).toEqual([
      [1, "opened", true],
      [2, "merged", false],
    ]);
    expect(await relatedMergeRequests(toViewer(people.reporter), await as(people.reporter), 12)).toMatchObject([{ iid: 2, closes: false }]);
    expect(await relatedMergeRequests(toViewer(people.owner), noMrs, 1)).toEqual([]);
  });

  it("reads GitLab's closing pattern", () => {
    expect(closesIssue("Closes #3", 3)).toBe(true);
    expect(closesIssue("This fixes #2, #3 and #4", 3)).toBe(true);
    expect(closesIssue("Resolved: #3", 3)).toBe(true);
    // Another project's issue of that number is not this one.
    expect(closesIssue("Closes other/project#3", 3)).toBe(false);
    expect(closesIssue("implements issue #3", 3)).toBe(true);
    expect(closesIssue("See #3", 3)).toBe(false);
    expect(closesIssue("Closes #30", 3)).toBe(false);
    expect(closesIssue("Closes #1. Mentions #3", 3)).toBe(false);
  });
});
