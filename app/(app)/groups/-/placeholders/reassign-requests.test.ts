import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb, groupMembers } from "@/lib/db";
import { createGroup } from "@/lib/groups";
import { mapSourceUser } from "@/lib/users";
import { makeUser, unique } from "@/test/helpers/factories";
import { reassignCsvFromForm, reassignFromForm } from "./reassign-requests";

async function withPlaceholder() {
  const owner = await makeUser();
  const group = await createGroup(owner, { name: unique("G"), path: unique("g") });
  const username = unique("src");
  const placeholderId = await getDb().transaction((tx) =>
    mapSourceUser(tx, { sourceUrl: "https://gitlab.example.com", rootGroupId: group.id, sourceUser: { id: Math.floor(Math.random() * 1e9), username } }),
  );
  await getDb().insert(groupMembers).values({ groupId: group.id, userId: placeholderId, accessLevel: 30 });
  return { owner, group, username, placeholderId };
}

const form = (values: Record<string, string | Blob>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(values)) data.append(key, value);
  return data;
};

describe("placeholder page actions", () => {
  it("reassigns from the form and says why when it cannot", async () => {
    const { owner, placeholderId } = await withPlaceholder();
    const target = await makeUser();
    expect(await reassignFromForm(owner, form({ placeholder_id: String(placeholderId), target_user_id: "" }))).toMatchObject({ fieldErrors: { target_user_id: expect.any(String) } });
    const stranger = await makeUser();
    expect(await reassignFromForm(stranger, form({ placeholder_id: String(placeholderId), target_user_id: String(target.id) }))).toEqual({ error: "Group not found." });
    expect(await reassignFromForm(owner, form({ placeholder_id: String(placeholderId), target_user_id: String(target.id) }))).toMatchObject({ success: expect.any(String) });
    const moved = await getDb().select().from(groupMembers).where(eq(groupMembers.userId, target.id));
    expect(moved.map((m) => m.accessLevel)).toEqual([30]);
  });

  it("previews and applies a CSV upload, refusing a missing or oversized file", async () => {
    const { owner, group, username } = await withPlaceholder();
    const target = await makeUser();
    const file = (text: string) => new File([text], "map.csv", { type: "text/csv" });
    expect(await reassignCsvFromForm(owner, form({ group_id: String(group.id), intent: "apply" }))).toEqual({ error: "Choose a CSV file to upload." });
    expect(await reassignCsvFromForm(owner, form({ group_id: String(group.id), intent: "apply", file: file("x".repeat(1024 * 1024 + 1)) }))).toEqual({ error: "The file is too large (maximum is 1 MB)." });
    const preview = await reassignCsvFromForm(owner, form({ group_id: String(group.id), intent: "preview", file: file(`${username},${target.username}\nbad line`) }));
    expect(preview).toMatchObject({ mode: "preview", results: [{ status: "ready" }, { status: "error", message: expect.stringMatching(/Malformed/) }] });
    const applied = await reassignCsvFromForm(owner, form({ group_id: String(group.id), intent: "apply", file: file(`${username},${target.username}`) }));
    expect(applied).toMatchObject({ mode: "apply", results: [{ status: "reassigned" }] });
  });
});
