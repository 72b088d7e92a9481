import { beforeAll, describe, expect, it } from "vitest";
import { ACCESS_LEVELS, getDb, issueAssignees, issues, projectMembers } from "@/lib/db";
import { createGroup } from "@/lib/groups";
import { createProject } from "@/lib/projects";
import { call, tokenFor } from "@/test/helpers/api";
import { makeUser, unique } from "@/test/helpers/factories";
import { GET as listUserIssues } from "./issues/route";

type IssueJson = { title: string; project_id: number; [key: string]: unknown };

/**
 * A private project (the reporter and the guest are members) with: "Mine" and "Secret of mine" (the guest's, the second
 * confidential), "Assigned" (the owner's, assigned to the guest), "Owner secret" (confidential, the owner's); a public
 * project with "Public one" (the owner's).
 */
let tokens: { owner: string; guest: string };
let ids: { privateProject: number; publicProject: number };

beforeAll(async () => {
  const db = getDb();
  const [owner, guest] = await Promise.all([makeUser(), makeUser()]);
  const group = await createGroup(owner, { name: "Mine", path: unique("mine"), visibility: "public" });
  const closed = await createProject(owner, { name: "Closed", namespaceId: group.id, visibility: "private" });
  const open = await createProject(owner, { name: "Open", namespaceId: group.id, visibility: "public" });
  await db.insert(projectMembers).values({ projectId: closed.id, userId: guest.id, accessLevel: ACCESS_LEVELS.guest });
  const rows = await db
    .insert(issues)
    .values([
      { projectId: closed.id, iid: 1, title: "Mine", authorId: guest.id, createdAt: new Date("2020-01-01T00:00:00Z") },
      { projectId: closed.id, iid: 2, title: "Secret of mine", confidential: true, authorId: guest.id, createdAt: new Date("2020-01-02T00:00:00Z") },
      { projectId: closed.id, iid: 3, title: "Assigned", authorId: owner.id, createdAt: new Date("2020-01-03T00:00:00Z") },
      { projectId: closed.id, iid: 4, title: "Owner secret", confidential: true, authorId: owner.id, createdAt: new Date("2020-01-04T00:00:00Z") },
      { projectId: open.id, iid: 1, title: "Public one", authorId: owner.id, createdAt: new Date("2020-01-05T00:00:00Z") },
    ])
    .returning();
  await db.insert(issueAssignees).values({ issueId: rows[2]!.id, userId: guest.id });
  tokens = { owner: await tokenFor(owner.id), guest: await tokenFor(guest.id, ["read_api"]) };
  ids = { privateProject: closed.id, publicProject: open.id };
});

const list = (query: string, token?: string) => call(listUserIssues, `/api/v4/issues${query}`, { token });
const titles = (body: unknown) => (body as IssueJson[]).filter((i) => i.project_id === ids.privateProject || i.project_id === ids.publicProject).map((i) => i.title);

describe("GET /issues", () => {
  it("lists the issues the caller created by default, newest first, with GitLab's pagination headers", async () => {
    const mine = await list("", tokens.guest);
    expect(mine.status).toBe(200);
    expect(titles(mine.body)).toEqual(["Secret of mine", "Mine"]);
    expect(mine.headers.get("x-total")).toBe("2");
    expect(titles((await list("?scope=created-by-me&confidential=false", tokens.guest)).body)).toEqual(["Mine"]);
  });

  it("lists those assigned to the caller, or all they may read, with the project list's filters", async () => {
    expect(titles((await list("?scope=assigned_to_me", tokens.guest)).body)).toEqual(["Assigned"]);
    // A guest reads confidential issues only of their own: not the owner's secret.
    expect(titles((await list("?scope=all", tokens.guest)).body)).toEqual(["Public one", "Assigned", "Secret of mine", "Mine"]);
    expect(titles((await list("?scope=all&search=secret", tokens.owner)).body)).toEqual(["Owner secret", "Secret of mine"]);
    expect(titles((await list("?scope=all&sort=asc&order_by=title&state=opened", tokens.owner)).body)).toEqual(["Assigned", "Mine", "Owner secret", "Public one", "Secret of mine"]);
  });

  it("answers without a token for scope=all only (public issues), and refuses bad parameters with a 400", async () => {
    expect((await list("")).status).toBe(401);
    const anonymous = await list("?scope=all");
    expect(anonymous.status).toBe(200);
    expect(titles(anonymous.body)).toEqual(["Public one"]);
    expect(await list("?scope=everything", tokens.owner)).toMatchObject({ status: 400, body: { error: "scope does not have a valid value" } });
    expect((await list("?order_by=nope", tokens.owner)).status).toBe(400);
  });
});
