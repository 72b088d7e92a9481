import { describe, expect, it } from "vitest";
import { badges, boards, getDb, labels, milestones, projects, uploads } from "@/lib/db";
import { createGroup } from "@/lib/groups";
import { makeUser, unique } from "@/test/helpers/factories";
import { countGroupRelations, countRelations, findBadge, findBoard, listBadges, listBoardNames, listBoards, listLabels, listMilestones, type Owner } from "./index";

// What PostgreSQL says about a broken constraint: drizzle wraps the driver's error, its `cause` has the code.
const violation = (code: string, constraint: string) => expect.objectContaining({ cause: expect.objectContaining({ code, constraint }) });

async function groupWithProject() {
  const owner = await makeUser();
  const group = await createGroup(owner, { name: "Owners", path: unique("owners") });
  const [project] = await getDb().insert(projects).values({ namespaceId: group.id, name: "App", path: "app" }).returning();
  return { group, project: project!, asGroup: { groupId: group.id } as Owner, asProject: { projectId: project!.id } as Owner };
}

describe("content owned by a group or a project", () => {
  it("keeps titles and iids unique per owner, not across a group and its project", async () => {
    const { group, project, asGroup, asProject } = await groupWithProject();
    await getDb()
      .insert(labels)
      .values([
        { groupId: group.id, title: "bug" },
        { projectId: project.id, title: "bug" },
        { projectId: project.id, title: "feature" },
      ]);
    await expect(getDb().insert(labels).values({ projectId: project.id, title: "bug" })).rejects.toEqual(violation("23505", "labels_project_title_idx"));
    await expect(getDb().insert(labels).values({ groupId: group.id, title: "bug" })).rejects.toEqual(violation("23505", "labels_group_title_idx"));
    await getDb()
      .insert(milestones)
      .values([
        { groupId: group.id, iid: 1, title: "Group 1" },
        { projectId: project.id, iid: 1, title: "Project 1" },
      ]);
    await expect(getDb().insert(milestones).values({ projectId: project.id, iid: 1, title: "Again" })).rejects.toEqual(violation("23505", "milestones_project_iid_idx"));

    expect((await listLabels(asGroup, { page: 1, perPage: 20 })).rows.map((l) => [l.title, l.groupId, l.projectId])).toEqual([["bug", group.id, null]]);
    const projectLabels = await listLabels(asProject, { page: 1, perPage: 20 });
    expect(projectLabels).toMatchObject({ total: 2, rows: [{ title: "bug", projectId: project.id, groupId: null }, { title: "feature" }] });
    expect((await listMilestones(asProject, { page: 1, perPage: 20 })).rows.map((m) => m.title)).toEqual(["Project 1"]);
  });

  it("refuses a row with no owner or with both", async () => {
    const { group, project } = await groupWithProject();
    await expect(getDb().insert(labels).values({ title: "orphan" })).rejects.toEqual(violation("23514", "labels_one_owner"));
    await expect(getDb().insert(badges).values({ groupId: group.id, projectId: project.id, linkUrl: "https://x.test", imageUrl: "https://x.test/i.png" })).rejects.toEqual(
      violation("23514", "badges_one_owner"),
    );
    await expect(
      getDb().insert(uploads).values({ secret: "0".repeat(32), filename: "a.png", storagePath: "x", size: 1, sha256: "0" }),
    ).rejects.toEqual(violation("23514", "uploads_one_owner"));
  });

  it("reads badges and boards by owner, and counts an owner's relations from the catalog", async () => {
    const { group, project, asGroup, asProject } = await groupWithProject();
    const [groupBadge, projectBadge] = await getDb()
      .insert(badges)
      .values([
        { groupId: group.id, name: "g", linkUrl: "https://g.test", imageUrl: "https://g.test/i.png" },
        { projectId: project.id, name: "p", linkUrl: "https://p.test", imageUrl: "https://p.test/i.png" },
      ])
      .returning();
    await getDb()
      .insert(boards)
      .values([
        { groupId: group.id, name: "Group board" },
        { projectId: project.id, name: "Project board" },
        { projectId: project.id, name: "another" },
      ]);
    expect((await listBadges(asProject, { page: 1, perPage: 20 })).rows.map((b) => b.name)).toEqual(["p"]);
    expect(await findBadge(asProject, groupBadge!.id)).toBeUndefined();
    expect(await findBadge(asProject, projectBadge!.id)).toMatchObject({ name: "p" });
    const projectBoards = await listBoards(asProject, { page: 1, perPage: 20 });
    expect(projectBoards.rows.map((b) => b.name)).toEqual(["another", "Project board"]);
    expect(await findBoard(asGroup, projectBoards.rows[0]!.id)).toBeUndefined();
    expect((await listBoardNames(asGroup)).map((b) => b.name)).toEqual(["Group board"]);

    expect(await countGroupRelations(group.id)).toEqual({ boards: 1, epicBoards: 0, iterations: 0, badges: 1 });
    expect(await countRelations(asProject, ["boards", "badges", "labels", "epic_boards"])).toEqual({ boards: 2, badges: 1, labels: 0 });
    // Every counted relation the catalog gives a group, the owner's members (its creator) among them.
    expect(await countRelations(asGroup)).toMatchObject({ labels: 0, milestones: 0, badges: 1, boards: 1, members: 1, uploads: 0, epics: 0, epic_boards: 0 });
  });
});
