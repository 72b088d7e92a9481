import { and, asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { badges, boardLabels, boardLists, boards, getDb, groupMembers, labels, milestones, sourceUserMappings, sourceUsers } from "@/lib/db";
import { createGroup } from "@/lib/groups";
import { STATUS } from "@/lib/migration";
import { tokenFor } from "@/test/helpers/api";
import { makeUser, unique } from "@/test/helpers/factories";
import { comparable } from "@/test/exchange/compare";
import { exportGroupOverHttp } from "@/test/exchange/export-client";
import { runFerryExchange } from "@/test/exchange/ferry-exchange";
import { importSourceGroup } from "@/test/exchange/fixture-import";
import { importResult } from "@/test/helpers/imports";

// No test source: this Ferry's API server is the only source.
const { ferry } = runFerryExchange("pgboss_boards_exchange_test");

/** A group's boards as titles and names, nothing of this instance's ids: what must survive a migration. */
async function boardsOf(groupId: number) {
  const db = getDb();
  const rows = await db.select().from(boards).where(eq(boards.groupId, groupId)).orderBy(asc(boards.name));
  const title = async (table: typeof labels | typeof milestones, id: number | null) => (id === null ? null : ((await db.select({ title: table.title }).from(table).where(eq(table.id, id)))[0]?.title ?? "?"));
  return Promise.all(
    rows.map(async (board) => {
      const lists = await db.select().from(boardLists).where(eq(boardLists.boardId, board.id)).orderBy(asc(boardLists.listType), asc(boardLists.position));
      const scope = await db.select({ title: labels.title }).from(boardLabels).innerJoin(labels, eq(labels.id, boardLabels.labelId)).where(eq(boardLabels.boardId, board.id));
      return {
        name: board.name,
        milestone: await title(milestones, board.milestoneId),
        milestoneScope: board.milestoneScope,
        weight: board.weight,
        hide: [board.hideBacklogList, board.hideClosedList],
        hasAssignee: board.assigneeId !== null,
        labels: scope.map((s) => s.title).sort(),
        lists: await Promise.all(
          lists.map(async (l) => ({
            type: l.listType,
            position: l.position,
            label: await title(labels, l.labelId),
            milestone: await title(milestones, l.milestoneId),
            hasUser: l.userId !== null,
            limits: [l.maxIssueCount, l.maxIssueWeight],
            limitMetric: l.sourceAttributes.limit_metric ?? null,
          })),
        ),
      };
    }),
  );
}

// Iteration lists are left out: an importer reads Ferry's GET /version first, which names no enterprise edition, so it
// asks for no iterations (the boards pipeline's own test covers iteration lists).
describe("boards and badges exported by Ferry", () => {
  it("come back identical when another Ferry imports the group: every list, scope and badge", async () => {
    const owner = await makeUser();
    const alice = await makeUser();
    const top = await createGroup(owner, { name: "Planning", path: unique("planning") });
    const team = await createGroup(owner, { name: "Team", path: unique("team"), parentId: top.id });
    const db = getDb();
    await db.insert(groupMembers).values({ groupId: top.id, userId: alice.id, accessLevel: 30 });
    const [shared] = await db.insert(labels).values({ groupId: top.id, title: "Shared", color: "#111111" }).returning();
    const [doing] = await db.insert(labels).values({ groupId: team.id, title: "Doing", color: "#ffecdb", description: "In progress" }).returning();
    const [m1] = await db.insert(milestones).values({ groupId: top.id, iid: 1, title: "M1", dueDate: "2030-01-01" }).returning();
    const [main, upcoming] = await db
      .insert(boards)
      .values([
        { groupId: team.id, name: "Main", milestoneId: m1!.id, weight: 1, hideBacklogList: true, assigneeId: alice.id },
        { groupId: team.id, name: "Upcoming", milestoneScope: -2, hideClosedList: true },
      ])
      .returning();
    void upcoming;
    await db.insert(boardLabels).values({ boardId: main!.id, labelId: shared!.id });
    await db.insert(boardLists).values([
      { boardId: main!.id, listType: "backlog" },
      { boardId: main!.id, listType: "label", position: 0, labelId: doing!.id, maxIssueCount: 3, sourceAttributes: { limit_metric: "issue_count" } },
      { boardId: main!.id, listType: "label", position: 1, labelId: shared!.id, maxIssueWeight: 8 },
      { boardId: main!.id, listType: "milestone", position: 2, milestoneId: m1!.id },
      { boardId: main!.id, listType: "assignee", position: 3, userId: alice.id },
      { boardId: main!.id, listType: "closed" },
    ]);
    await db.insert(badges).values([
      { groupId: team.id, name: "Pipeline", linkUrl: "https://ci.example.com/%{project_path}", imageUrl: "https://ci.example.com/%{project_path}/badge.svg" },
      { groupId: top.id, linkUrl: "https://docs.example.com", imageUrl: "https://docs.example.com/badge.png" },
    ]);

    const token = await tokenFor(owner.id);
    const slug = unique("copy");
    const copy = await importSourceGroup({ url: ferry().url, token }, top.fullPath, owner, slug);
    const failures = [...(await importResult(copy.bulkImportId)).values()].flatMap((e) => e.failures.map((f) => `${f.relation}: ${f.sourceTitle}: ${f.exceptionMessage}`));
    expect(failures).toEqual([]);
    expect(copy).toMatchObject({ status: STATUS.finished, hasFailures: false });
    const copyTop = copy.byPath.get(top.fullPath)!;
    const copyTeam = copy.byPath.get(team.fullPath)!;

    for (const [a, b] of [
      [top, copyTop],
      [team, copyTeam],
    ] as const) {
      expect(await boardsOf(b.id)).toEqual(await boardsOf(a.id));
      const badgeRows = async (groupId: number) => (await db.select().from(badges).where(eq(badges.groupId, groupId)).orderBy(asc(badges.id))).map((r) => [r.name, r.linkUrl, r.imageUrl]);
      expect(await badgeRows(b.id)).toEqual(await badgeRows(a.id));
      const [aExport, bExport] = await Promise.all([exportGroupOverHttp(ferry().url, token, a.id), exportGroupOverHttp(ferry().url, token, b.id)]);
      for (const relation of ["badges", "boards"]) expect(comparable(bExport.get(relation)!), `${relation} of ${b.fullPath}`).toEqual(comparable(aExport.get(relation)!));
    }
    // The assignee (list and scope) is the user the copy maps Alice to, the one her membership went to.
    const [aliceHere] = await db
      .select({ userId: sourceUserMappings.userId })
      .from(sourceUserMappings)
      .innerJoin(sourceUsers, eq(sourceUsers.id, sourceUserMappings.sourceUserId))
      .where(and(eq(sourceUsers.sourceUrl, ferry().url), eq(sourceUsers.sourceUserId, alice.id), eq(sourceUserMappings.rootGroupId, copyTop.id)));
    expect((await db.select().from(groupMembers).where(and(eq(groupMembers.groupId, copyTop.id), eq(groupMembers.userId, aliceHere!.userId))))[0]?.accessLevel).toBe(30);
    const [copiedMain] = await db.select().from(boards).where(eq(boards.groupId, copyTeam.id)).orderBy(asc(boards.name));
    const assigneeLists = await db.select().from(boardLists).where(and(eq(boardLists.boardId, copiedMain!.id), eq(boardLists.listType, "assignee")));
    expect(assigneeLists.map((l) => l.userId)).toEqual([aliceHere!.userId]);
    expect(copiedMain!.assigneeId).toBe(aliceHere!.userId);
  }, 180_000);
});
