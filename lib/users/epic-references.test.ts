import { and, eq, or } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { awardEmoji, epics, events, getDb, notes, resourceStateEvents } from "@/lib/db";
import { makeUser } from "@/test/helpers/factories";
import { groupWithPlaceholder } from "@/test/helpers/placeholder";
import { listPlaceholders, reassignPlaceholder } from "./index";

/** An imported group with an epic that a source user (a placeholder) wrote, closed, commented, reacted to and reopened. */
async function importedEpic() {
  const { owner, group, placeholder } = await groupWithPlaceholder();
  const db = getDb();
  const [epic] = await db
    .insert(epics)
    .values({ groupId: group.id, iid: 1, title: "Epic", authorId: placeholder, closedById: placeholder, lastEditedById: placeholder, state: "closed" })
    .returning();
  const [note] = await db.insert(notes).values({ groupId: group.id, noteableType: "Epic", noteableId: epic!.id, authorId: placeholder, note: "hi" }).returning();
  await db.insert(awardEmoji).values([
    { awardableType: "Epic", awardableId: epic!.id, name: "thumbsup", userId: placeholder },
    { awardableType: "Epic", awardableId: epic!.id, name: "tada", userId: placeholder },
    { awardableType: "Note", awardableId: note!.id, name: "thumbsup", userId: placeholder },
  ]);
  await db.insert(events).values({ groupId: group.id, authorId: placeholder, action: "closed", targetType: "Epic", targetId: epic!.id });
  await db.insert(resourceStateEvents).values({ groupId: group.id, epicId: epic!.id, userId: placeholder, state: "closed" });
  return { owner, group, placeholder, epic: epic!, note: note! };
}

describe("reassigning a placeholder's epic contributions", () => {
  it("counts them on the Placeholders page", async () => {
    const { owner, group } = await importedEpic();
    const { rows } = await listPlaceholders(owner, group.id, { page: 1, perPage: 20 });
    expect(rows[0]!.contributions).toEqual({ epics: 1, epicsClosed: 1, epicsEdited: 1, notes: 1, awardEmoji: 3, events: 1, stateEvents: 1 });
  });

  it("moves authorship, notes, events and state changes, and keeps one award where the account already gave it", async () => {
    const { owner, placeholder, epic, note } = await importedEpic();
    const target = await makeUser();
    // The account had already reacted with the same emoji on the epic: the placeholder's duplicate is dropped.
    await getDb().insert(awardEmoji).values({ awardableType: "Epic", awardableId: epic.id, name: "thumbsup", userId: target.id });

    await reassignPlaceholder(owner, placeholder, target.id);

    const [moved] = await getDb().select().from(epics).where(eq(epics.id, epic.id));
    expect(moved).toMatchObject({ authorId: target.id, closedById: target.id, lastEditedById: target.id });
    expect((await getDb().select().from(notes).where(eq(notes.id, note.id)))[0]!.authorId).toBe(target.id);
    expect((await getDb().select().from(events).where(and(eq(events.targetType, "Epic"), eq(events.targetId, epic.id))))[0]!.authorId).toBe(target.id);
    expect((await getDb().select().from(resourceStateEvents).where(eq(resourceStateEvents.epicId, epic.id)))[0]!.userId).toBe(target.id);
    const awards = await getDb()
      .select({ type: awardEmoji.awardableType, name: awardEmoji.name, userId: awardEmoji.userId })
      .from(awardEmoji)
      .where(
        or(
          and(eq(awardEmoji.awardableType, "Epic"), eq(awardEmoji.awardableId, epic.id)),
          and(eq(awardEmoji.awardableType, "Note"), eq(awardEmoji.awardableId, note.id)),
        ),
      );
    expect(awards.map((a) => `${a.type}:${a.name}:${a.userId === target.id ? "account" : a.userId}`).sort()).toEqual(["Epic:tada:account", "Epic:thumbsup:account", "Note:thumbsup:account"]);
  });
});
