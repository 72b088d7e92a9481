import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { baseUrlOf, groupEntity } from "@/lib/api";
import { createGroup, findGroup, saveGroupAvatar } from "@/lib/groups";
import { tokenFor } from "@/test/helpers/api";
import { makeUser, unique } from "@/test/helpers/factories";
import { GET } from "./route";

const PNG = fs.readFileSync("test/fixtures/ferry/group-avatar.png");

async function get(id: string, token?: string) {
  const request = new Request(`http://ferry.test/api/v4/groups/${id}/avatar`, { headers: token ? { "private-token": token } : {} });
  const response = await GET(request, { params: Promise.resolve({ id }) });
  return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
}

describe("GET /api/v4/groups/:id/avatar", () => {
  it("serves the stored avatar as the image it is, what GET /groups/:id's avatar_url points at", async () => {
    const [owner, stranger] = await Promise.all([makeUser(), makeUser()]);
    const group = await createGroup(owner, { name: "Pictured", path: unique("pictured") });
    const token = await tokenFor(owner.id, ["read_api"]);
    const none = await get(String(group.id), token);
    expect([none.status, JSON.parse(none.bytes.toString())]).toEqual([404, { message: "404 Avatar Not Found" }]);
    expect(groupEntity((await findGroup(owner, group.id))!, "http://ferry.test").avatar_url).toBeNull();

    await saveGroupAvatar(group.id, PNG, "logo.png");
    const found = await get(encodeURIComponent(group.fullPath), token);
    expect(found.status).toBe(200);
    expect(found.bytes.equals(PNG)).toBe(true);
    expect(Object.fromEntries(["content-type", "content-disposition", "x-content-type-options"].map((h) => [h, found.headers.get(h)]))).toEqual({
      "content-type": "image/png",
      "content-disposition": 'attachment; filename="logo.png"',
      "x-content-type-options": "nosniff",
    });
    const entity = groupEntity((await findGroup(owner, group.id))!, baseUrlOf(new Request("http://ferry.test/api/v4/groups/1")));
    expect(entity.avatar_url).toBe(`http://ferry.test/uploads/-/system/group/avatar/${group.id}/logo.png`);

    expect((await get(String(group.id), await tokenFor(stranger.id))).status).toBe(404);
    // Anonymous callers see public groups only, as on GitLab: a private one is not found rather than unauthorized.
    expect((await get(String(group.id))).status).toBe(404);
  });
});
