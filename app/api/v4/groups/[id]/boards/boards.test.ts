import { describe, expect, it } from "vitest";
import { boardLabels, boardLists, boards, getDb, iterations, labels, milestones } from "@/lib/db";
import { createGroup } from "@/lib/groups";
import { call, tokenFor } from "@/test/helpers/api";
import { makeUser, unique } from "@/test/helpers/factories";
import { GET as getList } from "./[board_id]/lists/[list_id]/route";
import { GET as getLists } from "./[board_id]/lists/route";
import { GET as getBoard } from "./[board_id]/route";
import { GET as getBoards } from "./route";

describe("/api/v4/groups/:id/boards", () => {
  it("answers GitLab's board and list entities, by name, without backlog and closed lists, and hides private groups", async () => {
    const [owner, stranger] = await Promise.all([makeUser(), makeUser()]);
    const parent = await createGroup(owner, { name: "Planning", path: unique("planning") });
    const group = await createGroup(owner, { name: "Team", path: unique("team"), parentId: parent.id });
    const db = getDb();
    const [doing, review] = await db
      .insert(labels)
      .values([
        { groupId: group.id, title: "Doing", color: "#ffecdb", description: "Work in progress" },
        { groupId: parent.id, title: "Review", color: "#428BCA" },
      ])
      .returning();
    const [release] = await db.insert(milestones).values({ groupId: parent.id, iid: 3, title: "Release 3", dueDate: "2999-01-01" }).returning();
    const [sprint] = await db.insert(iterations).values({ groupId: group.id, iid: 1, title: "Sprint 1", startDate: "2024-01-01", dueDate: "2024-01-14" }).returning();
    const [dev, upcoming, zeta] = await db
      .insert(boards)
      .values([
        { groupId: group.id, name: "development", milestoneId: release!.id, weight: 2, hideClosedList: true },
        { groupId: group.id, name: "Alpha", milestoneScope: -2 },
        { groupId: group.id, name: "Zeta" },
      ])
      .returning();
    await db.insert(boardLabels).values({ boardId: dev!.id, labelId: review!.id });
    const lists = await db
      .insert(boardLists)
      .values([
        { boardId: dev!.id, listType: "closed" },
        { boardId: dev!.id, listType: "label", position: 1, labelId: review!.id, maxIssueCount: 4 },
        { boardId: dev!.id, listType: "backlog" },
        { boardId: dev!.id, listType: "label", position: 0, labelId: doing!.id, sourceAttributes: { limit_metric: "issue_count" } },
        { boardId: dev!.id, listType: "milestone", position: 2, milestoneId: release!.id },
        { boardId: dev!.id, listType: "iteration", position: 3, iterationId: sprint!.id },
        { boardId: dev!.id, listType: "assignee", position: 4, userId: owner.id },
      ])
      .returning();
    const [closedList, reviewList, , doingList, milestoneList, iterationList, assigneeList] = lists;
    const token = await tokenFor(owner.id);
    const params = { id: String(group.id) };

    const all = await call(getBoards, `/api/v4/groups/${group.id}/boards?per_page=2`, { token, params });
    expect(all.headers.get("x-total")).toBe("3");
    expect(all.headers.get("x-total-pages")).toBe("2");
    // GitLab orders by name, case-insensitively.
    expect((all.body as { name: string }[]).map((b) => b.name)).toEqual(["Alpha", "development"]);
    const [alpha, development] = all.body as Record<string, unknown>[];
    expect(alpha).toEqual({
      id: upcoming!.id,
      name: "Alpha",
      hide_backlog_list: false,
      hide_closed_list: false,
      project: null,
      lists: [],
      group: { id: group.id, web_url: `http://ferry.test/groups/${group.fullPath}`, name: "Team" },
      milestone: { title: "Upcoming" },
      assignee: null,
      labels: [],
      weight: null,
    });
    expect(development).toMatchObject({
      id: dev!.id,
      hide_closed_list: true,
      weight: 2,
      milestone: { id: release!.id, iid: 3, title: "Release 3", group_id: parent.id, web_url: `http://ferry.test/groups/${parent.fullPath}/-/milestones/3` },
      labels: [{ id: review!.id, name: "Review", color: "#428BCA", description: null, description_html: "", text_color: "#FFFFFF", remove_on_close: false }],
    });
    // GitLab's `ordered` lists (label, assignee, milestone, iteration; by position), never backlog or closed.
    const shown = development!.lists as Record<string, unknown>[];
    expect(shown.map((l) => l.id)).toEqual([doingList!.id, reviewList!.id, assigneeList!.id, milestoneList!.id, iterationList!.id]);
    expect(shown[0]).toEqual({
      id: doingList!.id,
      label: { id: doing!.id, name: "Doing", color: "#ffecdb", description: "Work in progress", description_html: "Work in progress", text_color: "#1F1E24", remove_on_close: false },
      position: 0,
      max_issue_count: 0,
      max_issue_weight: 0,
      limit_metric: "issue_count",
    });
    expect(shown[1]).toMatchObject({ position: 1, max_issue_count: 4, limit_metric: null });
    expect(shown[2]).toMatchObject({ label: null, assignee: { id: owner.id, username: owner.username, name: owner.name } });
    expect(shown[3]).toMatchObject({ label: null, milestone: { id: release!.id, title: "Release 3" } });
    expect(shown[4]).toMatchObject({ label: null, iteration: { id: sprint!.id, title: "Sprint 1", state: 3, group_id: group.id } });

    const second = await call(getBoards, `/api/v4/groups/${group.id}/boards?per_page=2&page=2`, { token, params });
    expect((second.body as { id: number }[]).map((b) => b.id)).toEqual([zeta!.id]);

    const boardParams = { id: group.fullPath, board_id: String(dev!.id) };
    expect((await call(getBoard, "/x", { token, params: boardParams })).body).toEqual(development);
    const listed = await call(getLists, `/api/v4/groups/${group.id}/boards/${dev!.id}/lists?per_page=2&page=2`, { token, params: boardParams });
    expect(listed.headers.get("x-total")).toBe("5");
    expect(listed.body).toEqual(shown.slice(2, 4));
    expect((await call(getList, "/x", { token, params: { ...boardParams, list_id: String(reviewList!.id) } })).body).toEqual(shown[1]);
    expect((await call(getList, "/x", { token, params: { ...boardParams, list_id: String(closedList!.id) } })).body).toEqual({ message: "404 Not found" });
    expect((await call(getList, "/x", { token, params: { ...boardParams, list_id: "x" } })).status).toBe(400);
    expect((await call(getBoard, "/x", { token, params: { id: String(parent.id), board_id: String(dev!.id) } })).body).toEqual({ message: "404 Not found" });
    expect((await call(getBoard, "/x", { token, params: { id: String(group.id), board_id: "1.5" } })).status).toBe(400);

    const strangerToken = await tokenFor(stranger.id);
    expect((await call(getBoards, "/x", { token: strangerToken, params })).body).toEqual({ message: "404 Group Not Found" });
    expect((await call(getLists, "/x", { token: strangerToken, params: boardParams })).status).toBe(404);
  });
});
