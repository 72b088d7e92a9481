import { beforeAll, describe, expect, it } from "vitest";
import { ACCESS_LEVELS, getDb, issues, notes, projectMembers } from "@/lib/db";
import { createGroup } from "@/lib/groups";
import { createProject } from "@/lib/projects";
import { call, tokenFor } from "@/test/helpers/api";
import { makeUser, unique } from "@/test/helpers/factories";
import { BIG_FILE, DIFF_THREAD, fixtureMergeRequests, RESOLVED_THREAD, seedMergeRequests } from "@/test/helpers/merge-request-seed";
import { GET as listGroupMergeRequests } from "./groups/[id]/merge_requests/route";
import { GET as listUserMergeRequests } from "./merge_requests/route";
import { GET as getIssueDiscussions } from "./projects/[id]/issues/[issue_iid]/discussions/route";
import { GET as getApprovals } from "./projects/[id]/merge_requests/[merge_request_iid]/approvals/route";
import { GET as getChanges } from "./projects/[id]/merge_requests/[merge_request_iid]/changes/route";
import { GET as getCommits } from "./projects/[id]/merge_requests/[merge_request_iid]/commits/route";
import { GET as getDiffs } from "./projects/[id]/merge_requests/[merge_request_iid]/diffs/route";
import { GET as getDiscussions } from "./projects/[id]/merge_requests/[merge_request_iid]/discussions/route";
import { GET as getNotes } from "./projects/[id]/merge_requests/[merge_request_iid]/notes/route";
import { GET as getPipelines } from "./projects/[id]/merge_requests/[merge_request_iid]/pipelines/route";
import { GET as getMergeRequest } from "./projects/[id]/merge_requests/[merge_request_iid]/route";
import { GET as listMergeRequests } from "./projects/[id]/merge_requests/route";

type Json = Record<string, unknown>;

/**
 * A private group with project `app` (!9 MR1 open, !8 MR2 merged, !7 closed: see merge-request-seed.ts) and project
 * `closed` (merge requests disabled). The owner authored !9 and !8; the reporter reviewed and approved !9 and authored
 * !7; a guest of the group may see the project but not its merge requests (private: Reporter and up).
 */
let ids: { group: number; app: number; closed: number; issue: number };
let users: { owner: number; reporter: number };
let tokens: { owner: string; reporter: string; guest: string; stranger: string };

beforeAll(async () => {
  const db = getDb();
  const [owner, reporter, guest, stranger] = await Promise.all([makeUser(), makeUser(), makeUser(), makeUser()]);
  const group = await createGroup(owner, { name: "MRs", path: unique("mrs") });
  const app = await createProject(owner, { name: "App", namespaceId: group.id });
  const closed = await createProject(owner, { name: "Closed", namespaceId: group.id, settings: { merge_requests_access_level: "disabled" } });
  await db.insert(projectMembers).values([
    { projectId: app.id, userId: reporter.id, accessLevel: ACCESS_LEVELS.reporter },
    { projectId: app.id, userId: guest.id, accessLevel: ACCESS_LEVELS.guest },
  ]);
  await seedMergeRequests(app.id, { author: owner.id, reviewer: reporter.id });
  const [issue] = await db.insert(issues).values({ projectId: app.id, iid: 1, title: "An issue", authorId: owner.id }).returning();
  await db.insert(notes).values([
    { projectId: app.id, noteableType: "Issue", noteableId: issue!.id, authorId: owner.id, note: "Alone" },
    { projectId: app.id, noteableType: "Issue", noteableId: issue!.id, authorId: owner.id, note: "Thread start", type: "DiscussionNote", discussionId: "1".repeat(40), createdAt: new Date("2030-01-01T00:00:00Z") },
    { projectId: app.id, noteableType: "Issue", noteableId: issue!.id, authorId: reporter.id, note: "Thread reply", type: "DiscussionNote", discussionId: "1".repeat(40), createdAt: new Date("2030-01-02T00:00:00Z") },
  ]);
  ids = { group: group.id, app: app.id, closed: closed.id, issue: issue!.id };
  users = { owner: owner.id, reporter: reporter.id };
  tokens = { owner: await tokenFor(owner.id), reporter: await tokenFor(reporter.id, ["read_api"]), guest: await tokenFor(guest.id), stranger: await tokenFor(stranger.id) };
});

const list = (query: string, token?: string, id: string | number = ids.app) => call(listMergeRequests, `/api/v4/projects/${id}/merge_requests${query}`, { token, params: { id: String(id) } });
const iids = (body: unknown) => (body as Json[]).map((mr) => mr.iid);
const mrCall = <P>(route: (request: Request, context: { params: Promise<P> }) => Promise<Response>, iid: number | string, tail = "", token = tokens.owner, query = "") =>
  call(route as never, `/api/v4/projects/${ids.app}/merge_requests/${iid}${tail}${query}`, { token, params: { id: String(ids.app), merge_request_iid: String(iid) } as never });

describe("GET /projects/:id/merge_requests", () => {
  it("lists newest first with pagination headers, and filters as GitLab does", async () => {
    const all = await list("", tokens.owner);
    expect(all.status).toBe(200);
    expect(iids(all.body)).toEqual([9, 8, 7]);
    expect(all.headers.get("x-total")).toBe("3");
    expect(iids((await list("?per_page=1&page=2", tokens.owner)).body)).toEqual([8]);
    const cases: [string, number[]][] = [
      ["?state=opened", [9]],
      ["?state=merged", [8]],
      ["?state=closed", [7]],
      ["?labels=bug", [9]],
      ["?labels=None", [8, 7]],
      ["?milestone=v1", [9]],
      [`?assignee_id=${users.owner}`, [9]],
      ["?assignee_id=None", [8, 7]],
      [`?reviewer_id=${users.reporter}`, [9]],
      [`?author_id=${users.reporter}`, [7]],
      ["?target_branch=feature", [9]],
      ["?search=mr2", [8]],
      ["?iids[]=7&iids[]=9", [9, 7]],
      ["?order_by=title&sort=desc", [7, 8, 9]],
      ["?order_by=updated_at&sort=asc", [7, 8, 9].sort((a, b) => updated(a) - updated(b))],
    ];
    for (const [query, expected] of cases) expect(iids((await list(query, tokens.owner)).body), query).toEqual(expected);
  });

  it("refuses bad parameters with Grape's 400", async () => {
    expect(await list("?state=nope", tokens.owner)).toMatchObject({ status: 400, body: { error: "state does not have a valid value" } });
    expect(await list(`?assignee_id=${users.owner}&assignee_username=x`, tokens.owner)).toMatchObject({ status: 400, body: { error: "assignee_id, assignee_username are mutually exclusive" } });
  });

  it("lets Reporters in, keeps Guests of a private project and strangers out, and answers 403 where the feature is off", async () => {
    expect(iids((await list("", tokens.reporter)).body)).toEqual([9, 8, 7]);
    expect(await list("", tokens.guest)).toMatchObject({ status: 403, body: { message: "403 Forbidden" } });
    expect(await list("", tokens.stranger)).toMatchObject({ status: 404, body: { message: "404 Project Not Found" } });
    expect(await list("")).toMatchObject({ status: 404 });
    expect(await list("", tokens.owner, ids.closed)).toMatchObject({ status: 403 });
  });
});

const updated = (iid: number) => new Date(fixtureMergeRequests().get(iid)!.updated_at).getTime();

describe("GET /groups/:id/merge_requests and /merge_requests", () => {
  it("lists the group's merge requests the caller may read", async () => {
    const { status, body } = await call(listGroupMergeRequests, `/api/v4/groups/${ids.group}/merge_requests?state=opened`, { token: tokens.owner, params: { id: String(ids.group) } });
    expect(status).toBe(200);
    expect(iids(body)).toEqual([9]);
    expect((body as Json[])[0]!.references).toMatchObject({ short: "!9", relative: expect.stringContaining("!9") });
    // A Guest of the private project (not of the group) reads none of its merge requests, whether the group shows or not.
    const guest = await call(listGroupMergeRequests, `/api/v4/groups/${ids.group}/merge_requests`, { token: tokens.guest, params: { id: String(ids.group) } });
    expect(guest.status === 404 || (guest.body as Json[]).length === 0).toBe(true);
  });

  it("lists the token's own by default, and what is assigned, to review or all by scope", async () => {
    const mine = (query: string, token: string) => call(listUserMergeRequests, `/api/v4/merge_requests${query}`, { token });
    expect(iids((await mine("", tokens.owner)).body)).toEqual([9, 8]);
    expect(iids((await mine("", tokens.reporter)).body)).toEqual([7]);
    expect(iids((await mine("?scope=reviews_for_me", tokens.reporter)).body)).toEqual([9]);
    expect(iids((await mine("?scope=assigned_to_me", tokens.owner)).body)).toEqual([9]);
    expect(iids((await mine("?scope=all&state=merged", tokens.reporter)).body)).toEqual([8]);
    expect(iids((await mine("?scope=all", tokens.guest)).body)).toEqual([]);
    expect((await mine("?scope=mine", tokens.owner)).status).toBe(400);
  });
});

describe("GET /projects/:id/merge_requests/:iid and below", () => {
  it("gives GitLab's MergeRequest entity", async () => {
    const { status, body } = await mrCall(getMergeRequest, 9);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      iid: 9,
      project_id: ids.app,
      title: "MR1",
      state: "opened",
      source_branch: "feature_conflict",
      target_branch: "feature",
      labels: ["bug"],
      milestone: { title: "v1" },
      assignees: [{ id: users.owner }],
      reviewers: [{ id: users.reporter }],
      upvotes: 1,
      changes_count: "10",
      references: { short: "!9", relative: "!9" },
      detailed_merge_status: "mergeable",
      diff_refs: { base_sha: "ae73cb07c9eeaf35924a10f713b364d32b2dd34f", head_sha: "bb5206fee213d983da88c47f9cf4cc6caf9c66dc" },
    });
    expect((body as Json).web_url).toMatch(/\/-\/merge_requests\/9$/);
    const merged = (await mrCall(getMergeRequest, 8)).body as Json;
    expect(merged).toMatchObject({ state: "merged", merged_by: { id: users.reporter }, merged_at: "2016-06-15T10:00:00.000Z" });
    expect(await mrCall(getMergeRequest, 99)).toMatchObject({ status: 404, body: { message: "404 Merge Request Not Found" } });
    expect(await mrCall(getMergeRequest, "x")).toMatchObject({ status: 400 });
    expect(await mrCall(getMergeRequest, 9, "", tokens.guest)).toMatchObject({ status: 403 });
  });

  it("gives the changes, collapsing the large file unless raw diffs are asked for, and the diffs page by page", async () => {
    const changes = (await mrCall(getChanges, 9, "/changes")).body as { changes: Json[]; overflow: boolean };
    expect(changes.changes).toHaveLength(10);
    expect(changes.overflow).toBe(false);
    expect(changes.changes[5]).toMatchObject({ new_path: "files/ruby/popen.rb", collapsed: false, diff: expect.stringContaining("@@") });
    expect(changes.changes[9]).toMatchObject({ new_path: BIG_FILE, collapsed: true, diff: "", new_file: true });
    const raw = (await mrCall(getChanges, 9, "/changes", tokens.owner, "?access_raw_diffs=true")).body as { changes: Json[] };
    expect((raw.changes[9]!.diff as string).length).toBeGreaterThan(100 * 1024);
    const diffs = await mrCall(getDiffs, 9, "/diffs", tokens.owner, "?per_page=4&page=3");
    expect(diffs.headers.get("x-total")).toBe("10");
    expect((diffs.body as Json[]).map((d) => d.new_path)).toEqual(["gitlab-shell", BIG_FILE]);
  });

  it("gives the commits newest first, the approvals, and the pipelines", async () => {
    const commits = (await mrCall(getCommits, 9, "/commits")).body as Json[];
    expect(commits.map((c) => c.short_id)).toEqual(["bb5206fe", "5937ac0a", "570e7b2a", "6f6d7e7e", "d14d6c0a", "c1acaa58"]);
    expect(commits[0]).toMatchObject({ title: "Feature conflict added", author_name: "Dmitriy Zaporozhets" });
    const approvals = (await mrCall(getApprovals, 9, "/approvals", tokens.reporter)).body as Json;
    expect(approvals).toMatchObject({ approved: true, approved_by: [{ user: { id: users.reporter } }], user_has_approved: true });
    const pipelines = (await mrCall(getPipelines, 9, "/pipelines")).body as Json[];
    expect(pipelines).toHaveLength(1);
    expect(pipelines[0]).toMatchObject({ status: "success", ref: "feature_conflict", source: "merge_request_event" });
    expect((await mrCall(getPipelines, 8, "/pipelines")).body).toEqual([]);
  });

  it("gives notes and discussions: a diff thread with its position, a resolved thread saying by whom", async () => {
    const notesPage = await mrCall(getNotes, 9, "/notes", tokens.owner, "?sort=asc&per_page=100");
    expect(notesPage.headers.get("x-total")).toBe(String(10 + 4));
    const discussions = (await mrCall(getDiscussions, 9, "/discussions", tokens.owner, "?per_page=100")).body as { id: string; individual_note: boolean; notes: Json[] }[];
    expect(discussions).toHaveLength(10 + 2);
    const diffThread = discussions.find((d) => d.notes[0]!.type === "DiffNote")!;
    expect(diffThread.individual_note).toBe(false);
    expect(diffThread.notes.map((n) => n.body)).toEqual([expect.stringContaining(DIFF_THREAD.body), DIFF_THREAD.reply]);
    expect(diffThread.notes[0]).toMatchObject({ noteable_iid: 9, resolvable: true, resolved: false, position: { new_path: DIFF_THREAD.path, new_line: DIFF_THREAD.newLine, position_type: "text" } });
    const resolved = discussions.find((d) => d.notes[0]!.body === RESOLVED_THREAD.body)!;
    expect(resolved.notes[0]).toMatchObject({ type: "DiscussionNote", resolved: true, resolved_by: { id: users.owner } });
    const individual = discussions.filter((d) => d.individual_note);
    expect(individual.length).toBe(10);
    expect(individual[0]!.id).toMatch(/^[0-9a-f]{40}$/);
    const paged = await mrCall(getDiscussions, 9, "/discussions", tokens.owner, "?per_page=5&page=3");
    expect(paged.headers.get("x-total")).toBe("12");
    expect(paged.body as Json[]).toHaveLength(2);
  });
});

describe("GET /projects/:id/issues/:iid/discussions", () => {
  it("builds the same discussions for an issue", async () => {
    const { status, body } = await call(getIssueDiscussions, `/api/v4/projects/${ids.app}/issues/1/discussions`, { token: tokens.guest, params: { id: String(ids.app), issue_iid: "1" } });
    expect(status).toBe(200);
    const list = body as { individual_note: boolean; notes: Json[] }[];
    expect(list.map((d) => [d.individual_note, d.notes.map((n) => n.body)])).toEqual([
      [true, ["Alone"]],
      [false, ["Thread start", "Thread reply"]],
    ]);
    expect(list[1]!.notes[0]).toMatchObject({ noteable_iid: 1, noteable_type: "Issue", resolvable: true, resolved: false });
  });
});
