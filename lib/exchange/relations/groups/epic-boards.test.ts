import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { epicBoardLabels, epicBoards, getDb, labels } from "@/lib/db";
import { findEpicBoardsById } from "@/lib/groups";
import { STATUS } from "@/lib/migration";
import { call, tokenFor } from "@/test/helpers/api";
import { makeUser, unique } from "@/test/helpers/factories";
import { comparable } from "@/test/exchange/compare";
import { exportGroupOverHttp } from "@/test/exchange/export-client";
import { runFerryExchange } from "@/test/exchange/ferry-exchange";
import { importSourceGroup } from "@/test/exchange/fixture-import";
import { fromFile, ndjsonRecords } from "@/test/source";
import { versionRoute } from "../../index";

const ROOT = 4351;
const FIXTURE = "test/fixtures/ferry/epic_boards.ndjson";
const LIST_TYPES = ["backlog", "label", "closed"];

const { source, ferry } = runFerryExchange("pgboss_epic_boards_exchange_test", { version: "18.5.0-ee", batchSize: 2, exportDelayMs: 20 }, (gitlab) => {
  gitlab.setRelation(ROOT, "epic_boards", fromFile(FIXTURE));
});

type Json = Record<string, unknown>;
/** A board as any instance holding it exports it: no ids of its own, list types by name, labels by what they show. */
const portable = (record: Json): Json => {
  const { group_id: _g, epic_lists: lists, labels: scope, ...rest } = record;
  void _g;
  const label = (l: Json) => ({ title: l.title, color: l.color, description: l.description });
  return {
    ...rest,
    epic_lists: (lists as Json[]).map(({ group_id: _l, label: nested, list_type: type, ...list }) => {
      void _l;
      return { ...list, list_type: typeof type === "number" ? LIST_TYPES[type] : type, ...(nested ? { label: label(nested as Json) } : {}) };
    }),
    ...(scope ? { labels: (scope as Json[]).map(label) } : {}),
  };
};
const byName = (records: Json[]) => [...records].sort((a, b) => String(a.name).localeCompare(String(b.name)));

/** The boards of a group as stored, without the instance's ids. */
async function stored(groupId: number) {
  const ids = (await getDb().select({ id: epicBoards.id }).from(epicBoards).where(eq(epicBoards.groupId, groupId))).map((b) => b.id);
  return byName(
    (await findEpicBoardsById(groupId, ids)).map((b) => ({
      name: b.name,
      flags: [b.hideBacklogList, b.hideClosedList, b.displayColors],
      times: [b.createdAt.toISOString(), b.updatedAt.toISOString()],
      scope: b.labels.map((l) => l.title),
      lists: b.lists.map((l) => [l.listType, l.position, l.label?.title ?? null, l.createdAt.toISOString(), l.updatedAt.toISOString()]),
    })) as unknown as Json[],
  );
}

describe("epic_boards export", () => {
  it("gives back GitLab's records, so that one Ferry migrating from another keeps every board, list and scope", async () => {
    const user = await makeUser();
    const token = await tokenFor(user.id);
    const fromGitlab = await importSourceGroup(source(), source().group(ROOT).path, user, unique("epic-boards-a"));
    expect(fromGitlab).toMatchObject({ status: STATUS.finished, hasFailures: false });
    const a = [...fromGitlab.byPath.values()].find((g) => g.parentId === null)!;

    // Ferry answers as a GitLab whose importers take epic boards (they skip the relation before 18.4).
    expect((await call(versionRoute, "/api/v4/version", { token })).body).toMatchObject({ version: "18.4.0", enterprise: true });

    // A scope Ferry holds goes out as `labels` (GitLab's tree has none), so that it comes back in.
    const [review] = await getDb().select().from(epicBoards).where(and(eq(epicBoards.groupId, a.id), eq(epicBoards.name, "Portfolio review")));
    const [pons] = await getDb().select().from(labels).where(and(eq(labels.groupId, a.id), eq(labels.title, "Pons")));
    await getDb().insert(epicBoardLabels).values({ epicBoardId: review!.id, labelId: pons!.id });

    const exported = (await exportGroupOverHttp(ferry().url, token, a.id)).get("epic_boards")!;
    expect(exported.batched).toBe(true);
    const expected = ndjsonRecords(FIXTURE).map((r) => (r.name === "Portfolio review" ? { ...r, labels: [{ title: "Pons", color: "#47f440", description: null }] } : r));
    expect(byName(exported.records).map(portable)).toEqual(byName(expected).map(portable));
    // GitLab's attribute order (included_attributes, lists last), its excluded ids left out, and Ferry's own group id.
    const roadmap = exported.records.find((r) => r.name === "Epic roadmap")!;
    expect(Object.keys(roadmap)).toEqual(["hide_backlog_list", "hide_closed_list", "group_id", "created_at", "updated_at", "name", "display_colors", "epic_lists"]);
    const lists = roadmap.epic_lists as Json[];
    expect(Object.keys(lists[0]!)).toEqual(["created_at", "updated_at", "position", "list_type", "group_id"]);
    expect(Object.keys(lists[1]!)).toEqual(["created_at", "updated_at", "position", "list_type", "group_id", "label"]);
    expect(exported.records.every((r) => r.group_id === a.id && (r.epic_lists as Json[]).every((l) => l.group_id === a.id))).toBe(true);
    expect(lists[1]!.label).toMatchObject({ id: expect.any(Number), title: "TSL", group_id: a.id });
    expect(exported.records.find((r) => r.name === "Portfolio review")!.labels).toMatchObject([{ title: "Pons", group_id: a.id }]);

    const fromFerry = await importSourceGroup({ url: ferry().url, token }, a.fullPath, user, unique("epic-boards-b"));
    expect(fromFerry).toMatchObject({ status: STATUS.finished, hasFailures: false });
    const b = [...fromFerry.byPath.values()].find((g) => g.parentId === null)!;
    expect(await stored(b.id)).toEqual(await stored(a.id));
    expect((await stored(b.id)).find((r) => r.name === "Portfolio review")).toMatchObject({ scope: ["Pons"] });
    const again = (await exportGroupOverHttp(ferry().url, token, b.id)).get("epic_boards")!;
    expect(comparable(again)).toEqual(comparable(exported));
  }, 180_000);
});
