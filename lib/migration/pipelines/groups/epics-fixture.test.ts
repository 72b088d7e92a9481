import { and, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { awardEmoji, epics, getDb, groupMembers, notes, sourceUserMappings, sourceUsers, users } from "@/lib/db";
import { makeUser, unique } from "@/test/helpers/factories";
import { importSourceGroup } from "@/test/exchange/fixture-import";
import { runImportWorker } from "@/test/helpers/import-worker";
import { runTestSource } from "@/test/helpers/test-source";
import { importResult } from "@/test/helpers/imports";
import { treeRecords } from "@/test/source";
import { STATUS, TRACKER_STATUS } from "../../index";

runImportWorker("pgboss_epics_fixture_test");

const GROUPS = [4351, 4352, 4353];

interface FixtureAward {
  name: string;
  user_id: number;
}
interface FixtureNote {
  id: number;
  author_id: number;
  system: boolean;
  discussion_id: string;
  award_emoji?: FixtureAward[];
}
interface FixtureEpic {
  id: number;
  iid: number;
  title: string;
  author_id: number;
  state?: string;
  state_id?: string;
  parent_id: number | null;
  notes: FixtureNote[];
  award_emoji?: FixtureAward[];
}
const fixtureEpics = (id: number) => treeRecords<FixtureEpic>(id, "epics");

// An enterprise source (the `-ee` version) exports epics; batches of 2 split each group's five epics over three.
const source = runTestSource({ version: "17.8.0-ee", batchSize: 2, exportDelayMs: 20 });

describe("epics of GitLab's complex group export", () => {
  it("imports exactly the fixture's epics per group: iids, titles, states, parents, notes, award emoji and authors", async () => {
    const user = await makeUser();
    const imported = await importSourceGroup(source(), source().group(4351).path, user, unique("epics-fixture"));
    expect(imported).toMatchObject({ status: STATUS.finished, hasFailures: false });
    const result = await importResult(imported.bulkImportId);
    const rootGroup = imported.byPath.get(source().group(4351).path)!;

    // Every author in the fixture is the source's user 1, a member of each group: the same mapped user everywhere.
    const [mapping] = await getDb()
      .select({ userId: sourceUserMappings.userId })
      .from(sourceUserMappings)
      .innerJoin(sourceUsers, eq(sourceUsers.id, sourceUserMappings.sourceUserId))
      .where(and(eq(sourceUsers.sourceUrl, source().url), eq(sourceUsers.sourceUserId, 1), eq(sourceUserMappings.rootGroupId, rootGroup.id)));
    const [author] = await getDb().select().from(users).where(eq(users.id, mapping!.userId));
    expect(author).toMatchObject({ userType: "placeholder", name: `Placeholder ${source().store.users.get(1)!.name}` });
    // ...the placeholder the members pipeline made of the source's `root` member.
    const memberships = await getDb().select().from(groupMembers).where(and(eq(groupMembers.groupId, rootGroup.id), eq(groupMembers.userId, author!.id)));
    expect(memberships).toHaveLength(1);

    for (const id of GROUPS) {
      const sourcePath = id === 4351 ? source().group(4351).path : `${source().group(4351).path}/${source().group(id).path}`;
      const entry = result.get(sourcePath)!;
      const expected = fixtureEpics(id);
      expect(entry.trackers.get("epics"), sourcePath).toMatchObject({ status: TRACKER_STATUS.finished, sourceObjectsCount: expected.length, importedObjectsCount: expected.length });

      const rows = await getDb().select().from(epics).where(eq(epics.groupId, entry.group!.id)).orderBy(epics.iid);
      const iidById = new Map(expected.map((e) => [e.id, e.iid]));
      const iidOfRow = new Map(rows.map((r) => [r.id, r.iid]));
      expect(rows.map((r) => ({ iid: r.iid, title: r.title, state: r.state, parent: r.parentId === null ? null : iidOfRow.get(r.parentId), authorId: r.authorId }))).toEqual(
        expected
          .map((e) => ({ iid: e.iid, title: e.title, state: e.state ?? e.state_id, parent: e.parent_id === null ? null : iidById.get(e.parent_id), authorId: author!.id }))
          .sort((a, b) => a.iid - b.iid),
      );

      const epicIds = rows.map((r) => r.id);
      const storedNotes = await getDb().select().from(notes).where(and(eq(notes.noteableType, "Epic"), inArray(notes.noteableId, epicIds)));
      const noteView = (iid: number, n: { authorId: number | null; system: boolean; discussionId: string | null }) => [iid, n.authorId, n.system, n.discussionId];
      expect(storedNotes.map((n) => noteView(iidOfRow.get(n.noteableId)!, n)).sort()).toEqual(
        expected.flatMap((e) => e.notes.map((n) => noteView(e.iid, { authorId: author!.id, system: n.system, discussionId: n.discussion_id }))).sort(),
      );

      const noteIds = storedNotes.map((n) => n.id);
      const awards = [
        ...(await getDb().select().from(awardEmoji).where(and(eq(awardEmoji.awardableType, "Epic"), inArray(awardEmoji.awardableId, epicIds)))),
        ...(noteIds.length ? await getDb().select().from(awardEmoji).where(and(eq(awardEmoji.awardableType, "Note"), inArray(awardEmoji.awardableId, noteIds))) : []),
      ];
      const noteKey = new Map(storedNotes.map((n) => [n.id, n.importKey]));
      const awardView = (a: typeof awards[number]) => `${a.awardableType}:${a.awardableType === "Epic" ? iidOfRow.get(a.awardableId) : noteKey.get(a.awardableId)}:${a.name}:${a.userId}`;
      expect(awards.map(awardView).sort()).toEqual(
        expected
          .flatMap((e) => [
            ...(e.award_emoji ?? []).map((a) => `Epic:${e.iid}:${a.name}:${author!.id}`),
            ...e.notes.flatMap((n) => (n.award_emoji ?? []).map((a) => `Note:id:${e.id}/note:${n.id}:${a.name}:${author!.id}`)),
          ])
          .sort(),
      );
    }
    // The fixture has both kinds of award: the test would not notice a kind going missing otherwise.
    expect(fixtureEpics(4351).flatMap((e) => [...(e.award_emoji ?? []), ...e.notes.flatMap((n) => n.award_emoji ?? [])])).toHaveLength(2);
  }, 120_000);
});
