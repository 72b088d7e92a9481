import { describe, expect, it } from "vitest";
import { ACCESS_LEVELS, awardEmoji, epics, getDb, groupMembers, notes, resourceStateEvents } from "@/lib/db";
import { makeUser, unique } from "@/test/helpers/factories";
import { createGroup, findEpic } from "@/lib/groups";
import { listEpicActivity, type ActivityItem } from "./index";

const at = (time: string) => new Date(`2021-03-01T${time}:00.000Z`);
const describeItem = (item: ActivityItem) => (item.kind === "note" ? item.note.note : `[${item.kind === "state" ? item.event.state : item.kind}]`);

describe("listEpicActivity", () => {
  it("shows threads where they started with replies after them, state changes in between, internal notes to reporters only", async () => {
    const [owner, guest] = await Promise.all([makeUser(), makeUser()]);
    const group = await createGroup(owner, { name: "Activity", path: unique("activity") });
    await getDb().insert(groupMembers).values({ groupId: group.id, userId: guest.id, accessLevel: ACCESS_LEVELS.guest });
    const [epic] = await getDb().insert(epics).values({ groupId: group.id, iid: 1, title: "Timeline", authorId: owner.id }).returning();
    const note = (text: string, time: string, discussionId: string, extra: Partial<typeof notes.$inferInsert> = {}) => ({
      groupId: group.id,
      noteableType: "Epic",
      noteableId: epic!.id,
      authorId: owner.id,
      note: text,
      discussionId,
      createdAt: at(time),
      ...extra,
    });
    const inserted = await getDb()
      .insert(notes)
      .values([
        note("question", "10:00", "a"),
        note("changed the description", "10:05", "b", { system: true }),
        note("answer", "10:30", "a", { authorId: guest.id }),
        note("internal remark", "10:10", "c", { internal: true }),
        note("closing thoughts", "10:40", "d"),
      ])
      .returning();
    await getDb().insert(resourceStateEvents).values([
      { groupId: group.id, epicId: epic!.id, userId: owner.id, state: "closed", createdAt: at("10:20") },
      { groupId: group.id, epicId: epic!.id, userId: guest.id, state: "reopened", createdAt: at("10:50") },
    ]);
    await getDb().insert(awardEmoji).values([
      { awardableType: "Note", awardableId: inserted[0]!.id, name: "thumbsup", userId: owner.id },
      { awardableType: "Note", awardableId: inserted[0]!.id, name: "thumbsup", userId: guest.id },
      { awardableType: "Note", awardableId: inserted[0]!.id, name: "drum", userId: guest.id },
    ]);

    const asOwner = await findEpic(owner, group, 1);
    const all = await listEpicActivity(asOwner!, { page: 1, perPage: 20 });
    expect(all.items.map(describeItem)).toEqual(["question", "answer", "changed the description", "internal remark", "[closed]", "closing thoughts", "[reopened]"]);
    expect(all.total).toBe(7);
    const first = all.items[0]!;
    expect(first.kind === "note" && first.note.awards).toEqual([
      { name: "thumbsup", count: 2 },
      { name: "drum", count: 1 },
    ]);
    const reopened = all.items[6]!;
    expect(reopened.kind === "state" && reopened.event.user?.username).toBe(guest.username);

    const asGuest = await findEpic(guest, group, 1);
    const page2 = await listEpicActivity(asGuest!, { page: 2, perPage: 3 });
    expect(page2.total).toBe(6);
    expect(page2.items.map(describeItem)).toEqual(["[closed]", "closing thoughts", "[reopened]"]);
  });
});
