import { beforeAll, describe, expect, it } from "vitest";
import { ACCESS_LEVELS, awardEmoji, epicLabels, epics, getDb, groupMembers, labels, notes, users } from "@/lib/db";
import { createGroup, type Group } from "@/lib/groups";
import { call, tokenFor } from "@/test/helpers/api";
import { makeUser, unique } from "@/test/helpers/factories";
import { GET as getChildren } from "./groups/[id]/epics/[epic_iid]/epics/route";
import { GET as getNote } from "./groups/[id]/epics/[epic_iid]/notes/[note_id]/route";
import { GET as getNotes } from "./groups/[id]/epics/[epic_iid]/notes/route";
import { GET as getEpic } from "./groups/[id]/epics/[epic_iid]/route";
import { GET as listEpics } from "./groups/[id]/epics/route";

type EpicJson = { iid: number; title: string; group_id: number; [key: string]: unknown };
type NoteJson = { id: number; body: string; [key: string]: unknown };

const at = (day: string) => new Date(`${day}T10:00:00.000Z`);

/**
 * root (private): &1 Roadmap (open, bug) with children &2 Backend (closed, bug + feature), &3 Secret plan
 * (confidential) and sub's &1 Sub work; sub: &1 Sub work, written by a placeholder of an imported user.
 */
let root: Group;
let sub: Group;
let owner: Awaited<ReturnType<typeof makeUser>>;
let guest: Awaited<ReturnType<typeof makeUser>>;
let placeholderId: number;
let ids: { roadmap: number; backend: number; secret: number; subWork: number };
let noteIds: { system: number; comment: number; reply: number; internal: number };
let tokens: { owner: string; guest: string; stranger: string };

beforeAll(async () => {
  const db = getDb();
  [owner, guest] = await Promise.all([makeUser(), makeUser()]);
  const stranger = await makeUser();
  root = await createGroup(owner, { name: "Epics", path: unique("epics") });
  sub = await createGroup(owner, { name: "Sub", path: "sub", parentId: root.id });
  await db.insert(groupMembers).values({ groupId: root.id, userId: guest.id, accessLevel: ACCESS_LEVELS.guest });
  const [placeholder] = await db
    .insert(users)
    .values({ username: unique("ada_placeholder_user_"), email: `${unique("p")}@placeholder.ferry.invalid`, name: "Ada Source", userType: "placeholder" })
    .returning();
  placeholderId = placeholder!.id;
  const [bug, feature] = await db
    .insert(labels)
    .values([
      { groupId: root.id, title: "bug", color: "#d9534f", description: "Broken" },
      { groupId: root.id, title: "feature", color: "#eeeeee" },
    ])
    .returning();
  const [roadmap] = await db
    .insert(epics)
    .values({ groupId: root.id, iid: 1, title: "Roadmap", description: "The **plan** for 2020", authorId: owner.id, createdAt: at("2020-01-01"), updatedAt: at("2020-06-01"), startDate: "2020-01-01", dueDate: "2020-12-31", startDateIsFixed: false, dueDateIsFixed: true, dueDateFixed: "2020-12-31", color: "#1068bf" })
    .returning();
  const children = await db
    .insert(epics)
    .values([
      { groupId: root.id, iid: 2, title: "Backend", description: "APIs and workers", state: "closed" as const, closedAt: at("2020-05-01"), parentId: roadmap!.id, relativePosition: 10, authorId: guest.id, createdAt: at("2020-02-01"), updatedAt: at("2020-05-01") },
      { groupId: root.id, iid: 3, title: "Secret plan", confidential: true, parentId: roadmap!.id, relativePosition: 20, authorId: owner.id, createdAt: at("2020-03-01"), updatedAt: at("2020-03-01") },
      { groupId: sub.id, iid: 1, title: "Sub work", parentId: roadmap!.id, relativePosition: 30, authorId: placeholderId, createdAt: at("2020-04-01"), updatedAt: at("2020-04-02") },
    ])
    .returning();
  const [backend, secret, subWork] = children;
  ids = { roadmap: roadmap!.id, backend: backend!.id, secret: secret!.id, subWork: subWork!.id };
  await db.insert(epicLabels).values([
    { epicId: roadmap!.id, labelId: bug!.id },
    { epicId: backend!.id, labelId: bug!.id },
    { epicId: backend!.id, labelId: feature!.id },
  ]);
  const inserted = await db
    .insert(notes)
    .values([
      { groupId: root.id, noteableType: "Epic", noteableId: roadmap!.id, authorId: owner.id, note: "added epic &2 as child epic", system: true, systemAction: "relate_epic", discussionId: "d-system", createdAt: at("2020-02-01"), updatedAt: at("2020-02-01") },
      { groupId: root.id, noteableType: "Epic", noteableId: roadmap!.id, authorId: owner.id, note: "Shall we split it?", discussionId: "d-thread", createdAt: at("2020-02-02"), updatedAt: at("2020-02-02"), sourceAttributes: { type: "DiscussionNote" } },
      { groupId: root.id, noteableType: "Epic", noteableId: roadmap!.id, authorId: guest.id, note: "Yes, by team.", discussionId: "d-thread", createdAt: at("2020-02-04"), updatedAt: at("2020-02-05") },
      { groupId: root.id, noteableType: "Epic", noteableId: roadmap!.id, authorId: owner.id, note: "Budget is tight", internal: true, discussionId: "d-internal", createdAt: at("2020-02-03"), updatedAt: at("2020-02-03") },
    ])
    .returning();
  noteIds = { system: inserted[0]!.id, comment: inserted[1]!.id, reply: inserted[2]!.id, internal: inserted[3]!.id };
  await db.insert(awardEmoji).values([
    { awardableType: "Epic", awardableId: roadmap!.id, name: "thumbsup", userId: owner.id },
    { awardableType: "Epic", awardableId: roadmap!.id, name: "thumbsup", userId: guest.id },
    { awardableType: "Epic", awardableId: roadmap!.id, name: "thumbsdown", userId: placeholderId },
    { awardableType: "Note", awardableId: noteIds.comment, name: "drum", userId: guest.id },
  ]);
  tokens = { owner: await tokenFor(owner.id), guest: await tokenFor(guest.id, ["read_api"]), stranger: await tokenFor(stranger.id) };
});

const list = (query = "", token = tokens.owner, group: Group = root) =>
  call(listEpics, `/api/v4/groups/${group.id}/epics${query ? `?${query}` : ""}`, { token, params: { id: String(group.id) } });
const titles = (body: unknown) => (body as EpicJson[]).map((e) => e.title);

describe("GET /groups/:id/epics", () => {
  it("lists the group's and its subgroups' epics, newest first, with GitLab's entity", async () => {
    const all = await list();
    expect(all.status).toBe(200);
    expect(titles(all.body)).toEqual(["Sub work", "Secret plan", "Backend", "Roadmap"]);
    expect(all.headers.get("x-total")).toBe("4");
    const roadmap = (all.body as EpicJson[]).find((e) => e.iid === 1 && e.group_id === root.id)!;
    expect(roadmap).toEqual({
      id: ids.roadmap,
      iid: 1,
      color: "#1068bf",
      text_color: "#FFFFFF",
      group_id: root.id,
      parent_id: null,
      parent_iid: null,
      imported: false,
      imported_from: "none",
      title: "Roadmap",
      description: "The **plan** for 2020",
      confidential: false,
      author: { id: owner.id, username: owner.username, name: owner.name, state: "active", locked: false, avatar_url: null, web_url: `http://ferry.test/users/${owner.username}` },
      start_date: "2020-01-01",
      start_date_is_fixed: false,
      start_date_fixed: null,
      start_date_from_inherited_source: "2020-01-01",
      start_date_from_milestones: "2020-01-01",
      end_date: "2020-12-31",
      due_date: "2020-12-31",
      due_date_is_fixed: true,
      due_date_fixed: "2020-12-31",
      due_date_from_inherited_source: null,
      due_date_from_milestones: null,
      state: "opened",
      web_edit_url: `/groups/${root.fullPath}/-/epics/1`,
      web_url: `http://ferry.test/groups/${root.fullPath}/-/epics/1`,
      references: { short: "&1", relative: "&1", full: `${root.fullPath}&1` },
      created_at: "2020-01-01T10:00:00.000Z",
      updated_at: "2020-06-01T10:00:00.000Z",
      closed_at: null,
      labels: ["bug"],
      upvotes: 2,
      downvotes: 1,
      _links: {
        self: `http://ferry.test/api/v4/groups/${root.id}/epics/1`,
        epic_issues: `http://ferry.test/api/v4/groups/${root.id}/epics/1/issues`,
        group: `http://ferry.test/api/v4/groups/${root.id}`,
        parent: null,
      },
    });
    const subWork = (all.body as EpicJson[]).find((e) => e.group_id === sub.id)!;
    expect(subWork).toMatchObject({
      parent_id: ids.roadmap,
      parent_iid: 1,
      references: { short: "&1", relative: "sub&1", full: `${root.fullPath}/sub&1` },
      web_url: `http://ferry.test/groups/${root.fullPath}/sub/-/epics/1`,
      author: { id: placeholderId, name: "Ada Source" },
      _links: { parent: `http://ferry.test/api/v4/groups/${root.id}/epics/1` },
    });
  });

  it("hides confidential epics from members below reporter, and private groups from strangers", async () => {
    expect(titles((await list("", tokens.guest)).body)).toEqual(["Sub work", "Backend", "Roadmap"]);
    expect((await list("", tokens.guest)).headers.get("x-total")).toBe("3");
    const hidden = await list("", tokens.stranger);
    expect(hidden).toMatchObject({ status: 404, body: { message: "404 Group Not Found" } });
  });

  it("filters by state, labels, search, author, iids, dates and confidentiality", async () => {
    expect(titles((await list("state=opened")).body)).toEqual(["Sub work", "Secret plan", "Roadmap"]);
    expect(titles((await list("state=closed")).body)).toEqual(["Backend"]);
    expect(titles((await list("labels=bug")).body)).toEqual(["Backend", "Roadmap"]);
    expect(titles((await list("labels=bug,feature")).body)).toEqual(["Backend"]);
    expect(titles((await list("labels[]=bug&labels[]=feature")).body)).toEqual(["Backend"]);
    expect(titles((await list("labels=None")).body)).toEqual(["Sub work", "Secret plan"]);
    expect(titles((await list("not[labels]=feature")).body)).toEqual(["Sub work", "Secret plan", "Roadmap"]);
    expect(titles((await list("search=WORKERS")).body)).toEqual(["Backend"]);
    expect(titles((await list("search=plan")).body)).toEqual(["Secret plan", "Roadmap"]);
    expect(titles((await list(`author_id=${guest.id}`)).body)).toEqual(["Backend"]);
    expect(titles((await list(`author_username=${owner.username.toUpperCase()}`)).body)).toEqual(["Secret plan", "Roadmap"]);
    expect(titles((await list(`not[author_id]=${owner.id}`)).body)).toEqual(["Sub work", "Backend"]);
    expect(titles((await list("iids[]=2&iids[]=3")).body)).toEqual(["Secret plan", "Backend"]);
    expect(titles((await list("created_after=2020-02-15T00:00:00Z&created_before=2020-03-15")).body)).toEqual(["Secret plan"]);
    expect(titles((await list("updated_after=2020-05-01T10:00:00Z")).body)).toEqual(["Backend", "Roadmap"]);
    expect(titles((await list("confidential=true")).body)).toEqual(["Secret plan"]);
    expect(titles((await list("my_reaction_emoji=thumbsup")).body)).toEqual(["Roadmap"]);
    expect(titles((await list("my_reaction_emoji=None")).body)).toEqual(["Sub work", "Secret plan", "Backend"]);
  });

  it("orders, paginates, and includes subgroups or ancestors on request", async () => {
    expect(titles((await list("order_by=title&sort=asc")).body)).toEqual(["Backend", "Roadmap", "Secret plan", "Sub work"]);
    expect(titles((await list("order_by=updated_at")).body)).toEqual(["Roadmap", "Backend", "Sub work", "Secret plan"]);
    const first = await list("per_page=3&sort=asc");
    expect(titles(first.body)).toEqual(["Roadmap", "Backend", "Secret plan"]);
    expect(first.headers.get("x-total-pages")).toBe("2");
    expect(first.headers.get("x-next-page")).toBe("2");
    expect(first.headers.get("link")).toContain('rel="next"');
    expect(titles((await list("per_page=3&sort=asc&page=2")).body)).toEqual(["Sub work"]);
    expect(titles((await list("include_descendant_groups=false")).body)).toEqual(["Secret plan", "Backend", "Roadmap"]);
    expect(titles((await list("", tokens.owner, sub)).body)).toEqual(["Sub work"]);
    const withAncestors = await list("include_ancestor_groups=true", tokens.owner, sub);
    expect(titles(withAncestors.body)).toEqual(["Sub work", "Secret plan", "Backend", "Roadmap"]);
    // As seen from the subgroup, the parent's epics are referenced by full path.
    expect((withAncestors.body as EpicJson[])[3]!.references).toEqual({ short: "&1", relative: `${root.fullPath}&1`, full: `${root.fullPath}&1` });
  });

  it("gives label details on request and refuses bad parameters as Grape does", async () => {
    const detailed = await list("with_labels_details=true&labels=feature");
    expect((detailed.body as EpicJson[])[0]!.labels).toEqual([
      { id: expect.any(Number), name: "bug", color: "#d9534f", description: "Broken", description_html: "Broken", text_color: "#FFFFFF" },
      { id: expect.any(Number), name: "feature", color: "#eeeeee", description: null, description_html: "", text_color: "#1F1E24" },
    ]);
    expect(await list("state=bogus")).toMatchObject({ status: 400, body: { error: "state does not have a valid value" } });
    expect(await list("order_by=id")).toMatchObject({ status: 400, body: { error: "order_by does not have a valid value" } });
    expect(await list("author_id=abc")).toMatchObject({ status: 400, body: { error: "author_id is invalid" } });
    expect(await list("include_descendant_groups=maybe")).toMatchObject({ status: 400, body: { error: "include_descendant_groups is invalid" } });
    expect(await list(`author_id=1&author_username=x`)).toMatchObject({ status: 400, body: { error: "author_id, author_username are mutually exclusive" } });
  });
});

const one = (iid: string | number, token = tokens.owner, group: Group = root) =>
  call(getEpic, `/api/v4/groups/${group.id}/epics/${iid}`, { token, params: { id: String(group.id), epic_iid: String(iid) } });

describe("GET /groups/:id/epics/:epic_iid and its child epics", () => {
  it("finds an epic by iid in the group (by id or path), with subscribed; unknown or hidden ones are not found", async () => {
    const found = await one(2);
    expect(found.status).toBe(200);
    expect(found.body).toMatchObject({ id: ids.backend, iid: 2, state: "closed", closed_at: "2020-05-01T10:00:00.000Z", labels: ["bug", "feature"], parent_iid: 1, subscribed: false, upvotes: 0 });
    const byPath = await call(getEpic, `/api/v4/groups/${encodeURIComponent(sub.fullPath)}/epics/1`, { token: tokens.owner, params: { id: encodeURIComponent(sub.fullPath), epic_iid: "1" } });
    expect(byPath.body).toMatchObject({ id: ids.subWork, references: { relative: "&1" } });
    expect(await one(99)).toMatchObject({ status: 404, body: { message: "404 Not found" } });
    expect(await one(3, tokens.guest)).toMatchObject({ status: 404, body: { message: "404 Not found" } });
    expect(await one(3)).toMatchObject({ status: 200, body: { confidential: true } });
    expect(await one(1, tokens.stranger)).toMatchObject({ status: 404, body: { message: "404 Group Not Found" } });
    expect(await one("abc")).toMatchObject({ status: 400, body: { error: "epic_iid is invalid" } });
  });

  it("lists the children by their position in the tree, without the ones the user may not see", async () => {
    const children = (token: string) => call(getChildren, `/api/v4/groups/${root.id}/epics/1/epics`, { token, params: { id: String(root.id), epic_iid: "1" } });
    expect(titles((await children(tokens.owner)).body)).toEqual(["Backend", "Secret plan", "Sub work"]);
    expect(titles((await children(tokens.guest)).body)).toEqual(["Backend", "Sub work"]);
    const none = await call(getChildren, `/api/v4/groups/${root.id}/epics/2/epics`, { token: tokens.owner, params: { id: String(root.id), epic_iid: "2" } });
    expect(none).toMatchObject({ status: 200, body: [] });
  });
});

const notesOf = (query = "", token = tokens.owner, iid = 1) =>
  call(getNotes, `/api/v4/groups/${root.id}/epics/${iid}/notes${query ? `?${query}` : ""}`, { token, params: { id: String(root.id), epic_iid: String(iid) } });
const bodies = (body: unknown) => (body as NoteJson[]).map((n) => n.body);

describe("GET /groups/:id/epics/:epic_iid/notes[/:note_id]", () => {
  it("lists notes newest first in GitLab's Note entity; internal notes only for reporters and up", async () => {
    const all = await notesOf();
    expect(bodies(all.body)).toEqual(["Yes, by team.", "Budget is tight", "Shall we split it?", "added epic &2 as child epic"]);
    expect(all.headers.get("x-total")).toBe("4");
    expect((all.body as NoteJson[])[2]).toEqual({
      id: noteIds.comment,
      type: "DiscussionNote",
      body: "Shall we split it?",
      attachment: null,
      author: expect.objectContaining({ id: owner.id, username: owner.username }),
      created_at: "2020-02-02T10:00:00.000Z",
      updated_at: expect.any(String),
      system: false,
      noteable_id: ids.roadmap,
      noteable_type: "Epic",
      project_id: null,
      resolvable: false,
      confidential: false,
      internal: false,
      imported: false,
      imported_from: "none",
      noteable_iid: null,
      commands_changes: {},
    });
    expect((all.body as NoteJson[])[1]).toMatchObject({ internal: true, confidential: true });
    expect((all.body as NoteJson[])[3]).toMatchObject({ system: true, type: null });
    expect(bodies((await notesOf("", tokens.guest)).body)).toEqual(["Yes, by team.", "Shall we split it?", "added epic &2 as child epic"]);
  });

  it("sorts, orders, filters by activity and paginates", async () => {
    expect(bodies((await notesOf("sort=asc")).body)).toEqual(["added epic &2 as child epic", "Shall we split it?", "Budget is tight", "Yes, by team."]);
    expect(bodies((await notesOf("activity_filter=only_activity")).body)).toEqual(["added epic &2 as child epic"]);
    expect(bodies((await notesOf("activity_filter=only_comments&sort=asc&per_page=2")).body)).toEqual(["Shall we split it?", "Budget is tight"]);
    expect(bodies((await notesOf("activity_filter=only_comments&sort=asc&per_page=2&page=2")).body)).toEqual(["Yes, by team."]);
    expect(bodies((await notesOf("order_by=updated_at&per_page=1")).body)).toEqual(["Yes, by team."]);
    expect((await notesOf("per_page=1")).headers.get("x-total-pages")).toBe("4");
    expect(await notesOf("order_by=title")).toMatchObject({ status: 400, body: { error: "order_by does not have a valid value" } });
    expect(await notesOf("", tokens.owner, 42)).toMatchObject({ status: 404, body: { message: "404 Not found" } });
  });

  it("finds one note of the epic; internal notes, other epics' notes and unknown ids are not found", async () => {
    const note = (noteId: number, token = tokens.owner, iid = 1) =>
      call(getNote, `/api/v4/groups/${root.id}/epics/${iid}/notes/${noteId}`, { token, params: { id: String(root.id), epic_iid: String(iid), note_id: String(noteId) } });
    expect(await note(noteIds.reply, tokens.guest)).toMatchObject({ status: 200, body: { id: noteIds.reply, body: "Yes, by team.", updated_at: "2020-02-05T10:00:00.000Z" } });
    expect(await note(noteIds.internal)).toMatchObject({ status: 200, body: { internal: true } });
    expect(await note(noteIds.internal, tokens.guest)).toMatchObject({ status: 404, body: { message: "404 Not found" } });
    expect(await note(noteIds.reply, tokens.owner, 2)).toMatchObject({ status: 404 });
    expect(await note(2_000_000_000)).toMatchObject({ status: 404 });
  });
});
