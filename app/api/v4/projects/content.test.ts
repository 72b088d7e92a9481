import { describe, expect, it } from "vitest";
import { badges, boardLists, boards, getDb, groupMembers, labels, milestones } from "@/lib/db";
import { createGroup } from "@/lib/groups";
import { createProject } from "@/lib/projects";
import { repositoryPath, resolveRevision } from "@/lib/repositories";
import { call, tokenFor } from "@/test/helpers/api";
import { makeUser, unique } from "@/test/helpers/factories";
import { GET as getBadge } from "./[id]/badges/[badge_id]/route";
import { GET as getBadges } from "./[id]/badges/route";
import { GET as getList } from "./[id]/boards/[board_id]/lists/[list_id]/route";
import { GET as getLists } from "./[id]/boards/[board_id]/lists/route";
import { GET as getBoard } from "./[id]/boards/[board_id]/route";
import { GET as getBoards } from "./[id]/boards/route";
import { GET as getLabel } from "./[id]/labels/[label_id]/route";
import { GET as getLabels } from "./[id]/labels/route";
import { GET as getMilestone } from "./[id]/milestones/[milestone_id]/route";
import { GET as getMilestones } from "./[id]/milestones/route";

type Json = Record<string, unknown>;

/**
 * A private project in a subgroup of a group, owning labels, milestones, badges and a board, with labels, a milestone
 * and badges of both groups above it.
 */
async function plannedProject(visibility: "private" | "public" = "private") {
  const [owner, stranger] = await Promise.all([makeUser(), makeUser()]);
  const root = await createGroup(owner, { name: "Root", path: unique("root"), visibility });
  const team = await createGroup(owner, { name: "Team", path: unique("team"), parentId: root.id, visibility });
  const project = await createProject(owner, { name: "Planner", path: "planner", namespaceId: team.id, visibility, initializeWithReadme: true });
  const db = getDb();
  const [bug, feature, teamBug, rootLabel] = await db
    .insert(labels)
    .values([
      { projectId: project.id, title: "bug", color: "#d9534f", description: "Something is broken" },
      { projectId: project.id, title: "feature", color: "#ffffff" },
      { groupId: team.id, title: "bug", color: "#000000" },
      { groupId: root.id, title: "Accepting contributions", color: "#428bca" },
    ])
    .returning();
  const [v1, v2, v3, teamMilestone] = await db
    .insert(milestones)
    .values([
      { projectId: project.id, iid: 1, title: "v1.0", state: "closed", dueDate: "2024-01-31", startDate: "2024-01-01", description: "First" },
      { projectId: project.id, iid: 2, title: "v2.0", dueDate: "2999-06-30" },
      { projectId: project.id, iid: 3, title: "Backlog grooming", description: "No dates" },
      { groupId: team.id, iid: 1, title: "Team Q3" },
    ])
    .returning();
  const [own, teamBadge, rootBadge] = await db
    .insert(badges)
    .values([
      { projectId: project.id, name: "Pipeline", linkUrl: "https://ci.example.com/%{project_path}/-/commits/%{default_branch}?id=%{project_id}", imageUrl: "https://ci.example.com/%{project_path}/badges/%{commit_sha}.svg" },
      { groupId: team.id, name: "Team", linkUrl: "https://example.com/%{project_namespace}/%{project_name}", imageUrl: "https://img.example.com/%{group_name}/%{latest_tag}.svg?t=%{project_title}&s=%{gitlab_server}" },
      { groupId: root.id, name: "Root", linkUrl: "https://example.com/root", imageUrl: "https://example.com/root.svg" },
    ])
    .returning();
  const [board, second] = await db
    .insert(boards)
    .values([
      { projectId: project.id, name: "Development", milestoneId: v2!.id },
      { projectId: project.id, name: "alpha" },
    ])
    .returning();
  const lists = await db
    .insert(boardLists)
    .values([
      { boardId: board!.id, listType: "backlog" },
      { boardId: board!.id, listType: "label", position: 0, labelId: bug!.id },
      { boardId: board!.id, listType: "label", position: 1, labelId: teamBug!.id },
      { boardId: board!.id, listType: "milestone", position: 2, milestoneId: teamMilestone!.id },
      { boardId: board!.id, listType: "closed" },
    ])
    .returning();
  return { owner, stranger, root, team, project, labels: { bug: bug!, feature: feature!, teamBug: teamBug!, rootLabel: rootLabel! }, milestones: { v1: v1!, v2: v2!, v3: v3!, teamMilestone: teamMilestone! }, badges: { own: own!, teamBadge: teamBadge!, rootBadge: rootBadge! }, board: board!, second: second!, lists };
}

const at = <E extends Record<string, string> = Record<never, string>>(id: number, extra?: E) => ({ id: String(id), ...extra }) as { id: string } & E;

describe("GET /projects/:id/labels", () => {
  it("lists the project's labels with its ancestor groups' by title, filters, pages, and finds one by id or title", async () => {
    const { owner, project, labels: l } = await plannedProject();
    const token = await tokenFor(owner.id, ["read_api"]);
    const listed = await call(getLabels, `/api/v4/projects/${project.id}/labels?per_page=2`, { token, params: at(project.id) });
    expect(listed.status).toBe(200);
    expect([listed.headers.get("x-total"), listed.headers.get("x-total-pages"), listed.headers.get("x-next-page")]).toEqual(["4", "2", "2"]);
    expect((listed.body as Json[]).map((x) => [x.name, x.is_project_label])).toEqual([
      ["Accepting contributions", false],
      ["bug", true],
    ]);
    const page2 = await call(getLabels, `/api/v4/projects/${project.id}/labels?per_page=2&page=2`, { token, params: at(project.id) });
    expect((page2.body as Json[]).map((x) => [x.id, x.name, x.is_project_label])).toEqual([
      [l.teamBug.id, "bug", false],
      [l.feature.id, "feature", true],
    ]);
    expect(listed.body).toContainEqual({
      id: l.bug.id,
      name: "bug",
      description: "Something is broken",
      description_html: "Something is broken",
      text_color: "#FFFFFF",
      color: "#d9534f",
      subscribed: false,
      priority: null,
      is_project_label: true,
      archived: false,
      created_at: l.bug.createdAt.toISOString(),
      updated_at: l.bug.updatedAt.toISOString(),
    });

    const own = await call(getLabels, `/api/v4/projects/${project.id}/labels?include_ancestor_groups=false`, { token, params: at(project.id) });
    expect((own.body as Json[]).map((x) => x.id)).toEqual([l.bug.id, l.feature.id]);
    const searched = await call(getLabels, `/api/v4/projects/${encodeURIComponent(project.fullPath)}/labels?search=BROKEN`, { token, params: at(project.id) });
    expect((searched.body as Json[]).map((x) => x.id)).toEqual([l.bug.id]);
    expect((await call(getLabels, "/x?include_ancestor_groups=maybe", { token, params: at(project.id) })).status).toBe(400);

    const byId = await call(getLabel, "/x", { token, params: at(project.id, { label_id: String(l.rootLabel.id) }) });
    expect(byId.body).toMatchObject({ id: l.rootLabel.id, name: "Accepting contributions", is_project_label: false });
    // A title the project and its group share names the project's.
    const byTitle = await call(getLabel, "/x", { token, params: at(project.id, { label_id: "bug" }) });
    expect(byTitle.body).toMatchObject({ id: l.bug.id, is_project_label: true });
    const ownOnly = await call(getLabel, "/x?include_ancestor_groups=false", { token, params: at(project.id, { label_id: "Accepting contributions" }) });
    expect([ownOnly.status, ownOnly.body]).toEqual([404, { message: "404 Label Not Found" }]);
  });

  it("hides a private project from strangers and anonymous callers", async () => {
    const { stranger, project, labels: l } = await plannedProject();
    const strangerToken = await tokenFor(stranger.id);
    const asStranger = await call(getLabels, "/x", { token: strangerToken, params: at(project.id) });
    expect([asStranger.status, asStranger.body]).toEqual([404, { message: "404 Project Not Found" }]);
    expect((await call(getLabel, "/x", { token: strangerToken, params: at(project.id, { label_id: String(l.bug.id) }) })).status).toBe(404);
    expect((await call(getLabels, "/x", { params: at(project.id) })).status).toBe(401);
  });
});

describe("GET /projects/:id/milestones", () => {
  it("answers GitLab's project milestone entity, filtered by state, title, search and iids, paginated", async () => {
    const { owner, project, team, milestones: m } = await plannedProject();
    const token = await tokenFor(owner.id);
    const listed = await call(getMilestones, `/api/v4/projects/${project.id}/milestones?per_page=2`, { token, params: at(project.id) });
    expect(listed.status).toBe(200);
    expect([listed.headers.get("x-total"), listed.headers.get("x-total-pages")]).toEqual(["3", "2"]);
    const [first] = listed.body as Json[];
    expect(first).toEqual({
      id: m.v2.id,
      iid: 2,
      project_id: project.id,
      title: "v2.0",
      description: null,
      state: "active",
      created_at: m.v2.createdAt.toISOString(),
      updated_at: m.v2.updatedAt.toISOString(),
      due_date: "2999-06-30",
      start_date: null,
      expired: false,
      web_url: `http://ferry.test/${project.fullPath}/-/milestones/2`,
    });
    expect(first).not.toHaveProperty("group_id");
    const ids = async (query: string) => ((await call(getMilestones, `/x?${query}`, { token, params: at(project.id) })).body as Json[]).map((x) => x.id);
    expect(await ids("state=closed")).toEqual([m.v1.id]);
    expect(await ids("state=active")).toEqual([m.v2.id, m.v3.id]);
    expect(await ids("title=v1.0")).toEqual([m.v1.id]);
    expect(await ids("search=grooming")).toEqual([m.v3.id]);
    expect(await ids("iids[]=1&iids[]=3")).toEqual([m.v1.id, m.v3.id]);
    expect(await ids("include_ancestors=true&search=team")).toEqual([m.teamMilestone.id]);
    const withGroup = await call(getMilestones, "/x?include_ancestors=true&search=team", { token, params: at(project.id) });
    expect(withGroup.body).toEqual([expect.objectContaining({ group_id: team.id, web_url: `http://ferry.test/groups/${team.fullPath}/-/milestones/1` })]);
    expect((await call(getMilestones, "/x?state=open", { token, params: at(project.id) })).status).toBe(400);

    const one = await call(getMilestone, "/x", { token, params: at(project.id, { milestone_id: String(m.v1.id) }) });
    expect(one.body).toMatchObject({ id: m.v1.id, iid: 1, project_id: project.id, state: "closed", expired: true, start_date: "2024-01-01" });
    // A group's milestone is not one of the project's.
    const groupOne = await call(getMilestone, "/x", { token, params: at(project.id, { milestone_id: String(m.teamMilestone.id) }) });
    expect([groupOne.status, groupOne.body]).toEqual([404, { message: "404 Not found" }]);
    expect((await call(getMilestone, "/x", { token, params: at(project.id, { milestone_id: "v1" }) })).status).toBe(400);
  });

  it("answers 404 to strangers, 401 without a token, and 403 when issues and merge requests are closed to the caller", async () => {
    const { owner, stranger, project, milestones: m } = await plannedProject();
    expect((await call(getMilestones, "/x", { token: await tokenFor(stranger.id), params: at(project.id) })).status).toBe(404);
    expect((await call(getMilestone, "/x", { params: at(project.id, { milestone_id: String(m.v1.id) }) })).status).toBe(401);
    const closed = await createProject(owner, { name: "Closed", namespaceId: project.namespaceId, settings: { issues_access_level: "disabled", merge_requests_access_level: "disabled" } });
    const refused = await call(getMilestones, "/x", { token: await tokenFor(owner.id), params: at(closed.id) });
    expect([refused.status, refused.body]).toEqual([403, { message: "403 Forbidden" }]);
  });
});

describe("GET /projects/:id/badges", () => {
  it("lists the project's badges and its groups', rendered with the project's placeholders, and finds one", async () => {
    const { owner, project, team, root, badges: b } = await plannedProject("public");
    const sha = await resolveRevision(repositoryPath(project.id, "project"), "main");
    const listed = await call(getBadges, `/api/v4/projects/${project.id}/badges?per_page=2`, { params: at(project.id) });
    expect(listed.status).toBe(200);
    expect([listed.headers.get("x-total"), listed.headers.get("x-next-page")]).toEqual(["3", "2"]);
    expect(listed.body).toEqual([
      {
        id: b.own.id,
        name: "Pipeline",
        link_url: b.own.linkUrl,
        image_url: b.own.imageUrl,
        rendered_link_url: `https://ci.example.com/${project.fullPath}/-/commits/main?id=${project.id}`,
        rendered_image_url: `https://ci.example.com/${project.fullPath}/badges/${sha}.svg`,
        kind: "project",
      },
      {
        id: b.teamBadge.id,
        name: "Team",
        link_url: b.teamBadge.linkUrl,
        image_url: b.teamBadge.imageUrl,
        rendered_link_url: `https://example.com/${team.fullPath}/planner`,
        // No tag yet: the placeholder renders as nothing.
        rendered_image_url: `https://img.example.com/${root.path}/.svg?t=Planner&s=ferry.test`,
        kind: "group",
      },
    ]);
    const named = await call(getBadges, "/x?name=Root", { params: at(project.id) });
    expect((named.body as Json[]).map((x) => [x.id, x.kind])).toEqual([[b.rootBadge.id, "group"]]);
    const one = await call(getBadge, "/x", { token: await tokenFor(owner.id), params: at(project.id, { badge_id: String(b.teamBadge.id) }) });
    expect(one.body).toMatchObject({ id: b.teamBadge.id, kind: "group", rendered_link_url: `https://example.com/${team.fullPath}/planner` });
    expect((await call(getBadge, "/x", { params: at(project.id, { badge_id: "999999999" }) })).body).toEqual({ message: "404 Not found" });
  });

  it("hides a private project's badges from strangers and anonymous callers", async () => {
    const { stranger, project, badges: b } = await plannedProject();
    expect((await call(getBadges, "/x", { params: at(project.id) })).body).toEqual({ message: "404 Project Not Found" });
    expect((await call(getBadge, "/x", { token: await tokenFor(stranger.id), params: at(project.id, { badge_id: String(b.own.id) }) })).status).toBe(404);
  });
});

describe("GET /projects/:id/boards", () => {
  it("answers GitLab's project board entity with its project, no group, and its movable lists", async () => {
    const { owner, project, team, board, second, lists, labels: l, milestones: m } = await plannedProject();
    const token = await tokenFor(owner.id);
    const listed = await call(getBoards, `/api/v4/projects/${project.id}/boards?per_page=1`, { token, params: at(project.id) });
    expect(listed.status).toBe(200);
    expect([listed.headers.get("x-total"), listed.headers.get("x-total-pages")]).toEqual(["2", "2"]);
    expect((listed.body as Json[]).map((x) => x.id)).toEqual([second.id]);

    const one = await call(getBoard, "/x", { token, params: at(project.id, { board_id: String(board.id) }) });
    const body = one.body as Json;
    expect(body).toMatchObject({ id: board.id, name: "Development", group: null, hide_backlog_list: false, labels: [], weight: null, assignee: null });
    expect(body.project).toMatchObject({ id: project.id, name: "Planner", path_with_namespace: project.fullPath, web_url: `http://ferry.test/${project.fullPath}` });
    expect(body.milestone).toMatchObject({ id: m.v2.id, project_id: project.id, web_url: `http://ferry.test/${project.fullPath}/-/milestones/2` });
    const [, bugList, teamBugList, milestoneList] = lists;
    expect((body.lists as Json[]).map((x) => x.id)).toEqual([bugList!.id, teamBugList!.id, milestoneList!.id]);

    const listPage = await call(getLists, "/x?per_page=2&page=2", { token, params: at(project.id, { board_id: String(board.id) }) });
    expect(listPage.headers.get("x-total")).toBe("3");
    expect(listPage.body).toEqual([expect.objectContaining({ id: milestoneList!.id, label: null, milestone: expect.objectContaining({ id: m.teamMilestone.id, group_id: team.id }) })]);
    const list = await call(getList, "/x", { token, params: at(project.id, { board_id: String(board.id), list_id: String(bugList!.id) }) });
    expect(list.body).toMatchObject({ id: bugList!.id, position: 0, label: { id: l.bug.id, name: "bug" } });
    const backlog = await call(getList, "/x", { token, params: at(project.id, { board_id: String(board.id), list_id: String(lists[0]!.id) }) });
    expect([backlog.status, backlog.body]).toEqual([404, { message: "404 Not found" }]);
  });

  it("answers 404 to strangers and for another owner's board, 401 without a token, 403 when issues are closed", async () => {
    const { owner, stranger, team, project, board } = await plannedProject();
    const token = await tokenFor(owner.id);
    expect((await call(getBoards, "/x", { token: await tokenFor(stranger.id), params: at(project.id) })).body).toEqual({ message: "404 Project Not Found" });
    expect((await call(getBoards, "/x", { params: at(project.id) })).status).toBe(401);
    const [groupBoard] = await getDb().insert(boards).values({ groupId: team.id, name: "Team board" }).returning();
    expect((await call(getBoard, "/x", { token, params: at(project.id, { board_id: String(groupBoard!.id) }) })).body).toEqual({ message: "404 Not found" });
    // A Guest reads boards; with issues members-only, a non-member of the public project does not.
    const guest = await makeUser();
    await getDb().insert(groupMembers).values({ groupId: team.id, userId: guest.id, accessLevel: 10 });
    expect((await call(getBoard, "/x", { token: await tokenFor(guest.id), params: at(project.id, { board_id: String(board.id) }) })).status).toBe(200);
    const open = await createGroup(owner, { name: "Open", path: unique("open"), visibility: "public" });
    const closed = await createProject(owner, { name: "Open", namespaceId: open.id, visibility: "public", settings: { issues_access_level: "private" } });
    expect((await call(getBoards, "/x", { token: await tokenFor(stranger.id), params: at(closed.id) })).body).toEqual({ message: "403 Forbidden" });
    expect((await call(getBoards, "/x", { token, params: at(closed.id) })).status).toBe(200);
  });
});
