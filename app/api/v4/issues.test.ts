import { beforeAll, describe, expect, it } from "vitest";
import { ACCESS_LEVELS, awardEmoji, getDb, groupMembers, issueAssignees, issueLabels, issues, labels, milestones, notes, projectMembers, resourceLabelEvents, resourceMilestoneEvents, resourceStateEvents, timelogs } from "@/lib/db";
import { createGroup } from "@/lib/groups";
import { createProject } from "@/lib/projects";
import { call, tokenFor } from "@/test/helpers/api";
import { makeUser, unique } from "@/test/helpers/factories";
import { GET as listGroupIssues } from "./groups/[id]/issues/route";
import { GET as getAwards } from "./projects/[id]/issues/[issue_iid]/award_emoji/route";
import { GET as getNotes } from "./projects/[id]/issues/[issue_iid]/notes/route";
import { GET as getLabelEvents } from "./projects/[id]/issues/[issue_iid]/resource_label_events/route";
import { GET as getMilestoneEvents } from "./projects/[id]/issues/[issue_iid]/resource_milestone_events/route";
import { GET as getStateEvents } from "./projects/[id]/issues/[issue_iid]/resource_state_events/route";
import { GET as getIssue } from "./projects/[id]/issues/[issue_iid]/route";
import { GET as listIssues } from "./projects/[id]/issues/route";

type IssueJson = { iid: number; title: string; [key: string]: unknown };
const at = (day: string) => new Date(`${day}T10:00:00.000Z`);

/**
 * root (private) / app: #1 Open bug (bug, v1, assigned to the reporter, a comment, a system note, an internal note, a
 * thumbsup, state/label/milestone events, 90 minutes spent), #2 Closed thing (by the guest), #3 Secret (confidential,
 * the owner's), #4 Guest secret (confidential, the guest's); root/sub / lib: #1 Lib issue; root / closed: issues
 * feature disabled, #1 Hidden.
 */
let ids: { root: number; sub: number; app: number; lib: number; closed: number; appPath: string };
let users: { owner: number; reporter: number; guest: number };
let tokens: { owner: string; reporter: string; guest: string; stranger: string };
let milestoneId: number;

beforeAll(async () => {
  const db = getDb();
  const [owner, reporter, guest, stranger] = await Promise.all([makeUser(), makeUser(), makeUser(), makeUser()]);
  const root = await createGroup(owner, { name: "Issues", path: unique("issues") });
  const sub = await createGroup(owner, { name: "Sub", path: "sub", parentId: root.id });
  const app = await createProject(owner, { name: "App", namespaceId: root.id });
  const lib = await createProject(owner, { name: "Lib", namespaceId: sub.id });
  const closed = await createProject(owner, { name: "Closed", namespaceId: root.id, settings: { issues_access_level: "disabled" } });
  await db.insert(groupMembers).values({ groupId: root.id, userId: guest.id, accessLevel: ACCESS_LEVELS.guest });
  await db.insert(projectMembers).values({ projectId: app.id, userId: reporter.id, accessLevel: ACCESS_LEVELS.reporter });
  const [bug] = await db.insert(labels).values({ groupId: root.id, title: "bug", color: "#d9534f" }).returning();
  const [v1] = await db.insert(milestones).values({ projectId: app.id, iid: 1, title: "v1" }).returning();
  milestoneId = v1!.id;
  const [one, , secret] = await db
    .insert(issues)
    .values([
      { projectId: app.id, iid: 1, title: "Open bug", description: "It **breaks**", authorId: owner.id, milestoneId: v1!.id, timeEstimate: 3600, createdAt: at("2020-01-01"), updatedAt: at("2020-06-01") },
      { projectId: app.id, iid: 2, title: "Closed thing", state: "closed" as const, closedAt: at("2020-03-01"), closedById: owner.id, authorId: guest.id, createdAt: at("2020-02-01"), updatedAt: at("2020-03-01") },
      { projectId: app.id, iid: 3, title: "Secret", confidential: true, authorId: owner.id, createdAt: at("2020-03-01"), updatedAt: at("2020-03-01") },
      { projectId: app.id, iid: 4, title: "Guest secret", confidential: true, authorId: guest.id, createdAt: at("2020-04-01"), updatedAt: at("2020-04-01") },
      { projectId: lib.id, iid: 1, title: "Lib issue", authorId: owner.id, createdAt: at("2020-05-01"), updatedAt: at("2020-05-01") },
      { projectId: closed.id, iid: 1, title: "Hidden", authorId: owner.id },
    ])
    .returning();
  await db.insert(issueLabels).values({ issueId: one!.id, labelId: bug!.id });
  await db.insert(issueAssignees).values({ issueId: one!.id, userId: reporter.id });
  await db.insert(notes).values([
    { projectId: app.id, noteableType: "Issue", noteableId: one!.id, authorId: owner.id, note: "A comment", createdAt: at("2020-01-02") },
    { projectId: app.id, noteableType: "Issue", noteableId: one!.id, authorId: owner.id, note: "changed the description", system: true, createdAt: at("2020-01-03") },
    { projectId: app.id, noteableType: "Issue", noteableId: one!.id, authorId: owner.id, note: "Internal only", internal: true, createdAt: at("2020-01-04") },
    { projectId: app.id, noteableType: "Issue", noteableId: secret!.id, authorId: owner.id, note: "On the secret" },
  ]);
  await db.insert(awardEmoji).values({ awardableType: "Issue", awardableId: one!.id, name: "thumbsup", userId: guest.id });
  await db.insert(resourceStateEvents).values({ projectId: app.id, issueId: one!.id, userId: owner.id, state: "reopened", createdAt: at("2020-01-05") });
  await db.insert(resourceLabelEvents).values({ projectId: app.id, issueId: one!.id, userId: owner.id, labelId: bug!.id, action: "add", createdAt: at("2020-01-06") });
  await db.insert(resourceMilestoneEvents).values({ projectId: app.id, issueId: one!.id, userId: owner.id, milestoneId: v1!.id, action: "add", state: "opened", createdAt: at("2020-01-07") });
  await db.insert(timelogs).values({ issueId: one!.id, userId: owner.id, timeSpent: 5400 });
  ids = { root: root.id, sub: sub.id, app: app.id, lib: lib.id, closed: closed.id, appPath: app.fullPath };
  users = { owner: owner.id, reporter: reporter.id, guest: guest.id };
  tokens = { owner: await tokenFor(owner.id), reporter: await tokenFor(reporter.id, ["read_api"]), guest: await tokenFor(guest.id), stranger: await tokenFor(stranger.id) };
});

const list = (query: string, token?: string, id: string | number = ids.app) => call(listIssues, `/api/v4/projects/${id}/issues${query}`, { token, params: { id: String(id) } });
const iids = (body: unknown) => (body as IssueJson[]).map((issue) => issue.iid);
const issuePath = (iid: number | string, tail = "") => ({ path: `/api/v4/projects/${ids.app}/issues/${iid}${tail}`, params: { id: String(ids.app), issue_iid: String(iid) } });

describe("GET /projects/:id/issues", () => {
  it("lists newest first with GitLab's pagination headers, and filters as GitLab does", async () => {
    const all = await list("", tokens.owner);
    expect(all.status).toBe(200);
    expect(iids(all.body)).toEqual([4, 3, 2, 1]);
    expect(all.headers.get("x-total")).toBe("4");
    const paged = await list("?per_page=2&page=2", tokens.owner);
    expect(iids(paged.body)).toEqual([2, 1]);
    expect(paged.headers.get("x-page")).toBe("2");
    expect(paged.headers.get("x-prev-page")).toBe("1");
    const cases: [string, number[]][] = [
      ["?state=opened", [4, 3, 1]],
      ["?state=closed", [2]],
      ["?labels=bug", [1]],
      ["?labels=None", [4, 3, 2]],
      ["?milestone=v1", [1]],
      ["?milestone=None", [4, 3, 2]],
      [`?assignee_id=${users.reporter}`, [1]],
      ["?assignee_id=None", [4, 3, 2]],
      ["?assignee_id=any", [1]],
      [`?author_id=${users.guest}`, [4, 2]],
      ["?search=SECRET", [4, 3]],
      ["?iids[]=1&iids[]=2", [2, 1]],
      ["?order_by=updated_at&sort=asc", [2, 3, 4, 1]],
      ["?confidential=true", [4, 3]],
    ];
    for (const [query, expected] of cases) expect(iids((await list(query, tokens.owner)).body), query).toEqual(expected);
    // Also by the project's full path.
    expect(iids((await list("?state=closed", tokens.owner, encodeURIComponent(ids.appPath))).body)).toEqual([2]);
  });

  it("refuses bad parameters with Grape's 400 naming each", async () => {
    const bad = await list("?state=nope&order_by=nope&assignee_id=x", tokens.owner);
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({ error: "state does not have a valid value, order_by does not have a valid value, assignee_id is invalid" });
  });

  it("shows confidential issues to Reporters and up, and to their authors and assignees only", async () => {
    expect(iids((await list("", tokens.reporter)).body)).toEqual([4, 3, 2, 1]);
    expect(iids((await list("", tokens.guest)).body)).toEqual([4, 2, 1]);
    expect((await list("", tokens.guest)).headers.get("x-total")).toBe("3");
  });

  it("hides a private project from strangers and anonymous callers, and answers 403 where the issues feature is off", async () => {
    expect(await list("", tokens.stranger)).toMatchObject({ status: 404, body: { message: "404 Project Not Found" } });
    expect(await list("")).toMatchObject({ status: 404, body: { message: "404 Project Not Found" } });
    expect(await list("", tokens.owner, ids.closed)).toMatchObject({ status: 403, body: { message: "403 Forbidden" } });
    expect(await list("", "not-a-token")).toMatchObject({ status: 401 });
  });
});

describe("GET /projects/:id/issues/:issue_iid", () => {
  it("gives GitLab's Issue entity", async () => {
    const { path, params } = issuePath(1);
    const { status, body } = await call(getIssue, path, { token: tokens.owner, params });
    expect(status).toBe(200);
    expect(body).toMatchObject({
      iid: 1,
      project_id: ids.app,
      title: "Open bug",
      description: "It **breaks**",
      state: "opened",
      type: "ISSUE",
      issue_type: "issue",
      labels: ["bug"],
      milestone: { id: milestoneId, iid: 1, project_id: ids.app, title: "v1", state: "active" },
      assignees: [{ id: users.reporter }],
      assignee: { id: users.reporter },
      author: { id: users.owner },
      closed_by: null,
      // The comment and the internal note: the owner reads both.
      user_notes_count: 2,
      upvotes: 1,
      downvotes: 0,
      confidential: false,
      time_stats: { time_estimate: 3600, total_time_spent: 5400, human_time_estimate: "1h", human_total_time_spent: "1h 30m" },
      references: { short: "#1", relative: "#1", full: `${ids.appPath}#1` },
      subscribed: false,
      imported: false,
      imported_from: "none",
      created_at: "2020-01-01T10:00:00.000Z",
      _links: { self: `http://ferry.test/api/v4/projects/${ids.app}/issues/1`, notes: `http://ferry.test/api/v4/projects/${ids.app}/issues/1/notes` },
    });
    expect((await call(getIssue, path, { token: tokens.guest, params })).body).toMatchObject({ user_notes_count: 1 });
    expect((body as IssueJson).web_url).toBe(`http://ferry.test/${ids.appPath}/-/issues/1`);
    const closed = await call(getIssue, issuePath(2).path, { token: tokens.owner, params: issuePath(2).params });
    expect(closed.body).toMatchObject({ state: "closed", closed_at: "2020-03-01T10:00:00.000Z", closed_by: { id: users.owner } });
    const detailed = await call(getIssue, `${path}?with_labels_details=true`, { token: tokens.owner, params });
    expect((detailed.body as IssueJson).labels).toEqual([expect.objectContaining({ name: "bug", color: "#d9534f" })]);
  });

  it("answers 404 for what the caller may not read, 400 for an iid that is no integer", async () => {
    expect(await call(getIssue, issuePath(3).path, { token: tokens.guest, params: issuePath(3).params })).toMatchObject({ status: 404, body: { message: "404 Issue Not Found" } });
    expect(await call(getIssue, issuePath(4).path, { token: tokens.guest, params: issuePath(4).params })).toMatchObject({ status: 200 });
    expect(await call(getIssue, issuePath(99).path, { token: tokens.owner, params: issuePath(99).params })).toMatchObject({ status: 404 });
    expect(await call(getIssue, issuePath("abc").path, { token: tokens.owner, params: issuePath("abc").params })).toMatchObject({ status: 400, body: { error: "issue_iid is invalid" } });
  });
});

describe("GET /groups/:id/issues", () => {
  it("lists the issues of the group's projects and its subgroups' the caller may read", async () => {
    const group = (id: number, token: string, query = "") => call(listGroupIssues, `/api/v4/groups/${id}/issues${query}`, { token, params: { id: String(id) } });
    const root = await group(ids.root, tokens.owner);
    expect((root.body as IssueJson[]).map((i) => `${i.project_id}#${i.iid}`)).toEqual([`${ids.lib}#1`, `${ids.app}#4`, `${ids.app}#3`, `${ids.app}#2`, `${ids.app}#1`]);
    // A group's list names each issue by its full reference.
    expect((root.body as IssueJson[])[0]!.references).toMatchObject({ relative: expect.stringMatching(/\/sub\/lib#1$/) });
    expect(iids((await group(ids.sub, tokens.owner)).body)).toEqual([1]);
    expect(iids((await group(ids.root, tokens.guest, "?state=opened")).body)).toEqual([1, 4, 1]);
    expect(await group(ids.root, tokens.stranger)).toMatchObject({ status: 404, body: { message: "404 Group Not Found" } });
  });
});

describe("an issue's notes, award emoji and resource events", () => {
  it("lists notes newest first, internal ones for Reporters and up, with the issue's iid", async () => {
    const { path, params } = issuePath(1, "/notes");
    const owner = await call(getNotes, path, { token: tokens.owner, params });
    expect((owner.body as { body: string }[]).map((n) => n.body)).toEqual(["Internal only", "changed the description", "A comment"]);
    expect(owner.body).toEqual(expect.arrayContaining([expect.objectContaining({ noteable_type: "Issue", noteable_iid: 1, system: true })]));
    const guest = await call(getNotes, `${path}?sort=asc&activity_filter=only_comments`, { token: tokens.guest, params });
    expect((guest.body as { body: string }[]).map((n) => n.body)).toEqual(["A comment"]);
    expect(await call(getNotes, issuePath(3, "/notes").path, { token: tokens.guest, params: issuePath(3).params })).toMatchObject({ status: 404 });
  });

  it("lists award emoji and state, label and milestone events in GitLab's shapes", async () => {
    const get = async (route: typeof getAwards, tail: string) => (await call(route, issuePath(1, tail).path, { token: tokens.reporter, params: issuePath(1).params })).body;
    expect(await get(getAwards, "/award_emoji")).toEqual([expect.objectContaining({ name: "thumbsup", user: expect.objectContaining({ id: users.guest }), awardable_type: "Issue" })]);
    const issueId = ((await call(getIssue, issuePath(1).path, { token: tokens.owner, params: issuePath(1).params })).body as { id: number }).id;
    expect(await get(getStateEvents, "/resource_state_events")).toEqual([
      expect.objectContaining({ resource_type: "Issue", resource_id: issueId, state: "reopened", user: expect.objectContaining({ id: users.owner }), created_at: "2020-01-05T10:00:00.000Z" }),
    ]);
    expect(await get(getLabelEvents, "/resource_label_events")).toEqual([expect.objectContaining({ resource_type: "Issue", resource_id: issueId, action: "add", label: expect.objectContaining({ name: "bug" }) })]);
    expect(await get(getMilestoneEvents, "/resource_milestone_events")).toEqual([
      expect.objectContaining({ resource_type: "Issue", action: "add", state: "opened", milestone: expect.objectContaining({ id: milestoneId, title: "v1", web_url: `http://ferry.test/${ids.appPath}/-/milestones/1` }) }),
    ]);
  });
});
