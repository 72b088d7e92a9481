import { describe, expect, it } from "vitest";
import { getDb, groupMembers } from "@/lib/db";
import { createGroup } from "@/lib/groups";
import { mapSourceUser } from "@/lib/users";
import { call, tokenFor } from "@/test/helpers/api";
import { makeUser, unique } from "@/test/helpers/factories";
import { GET as allMembers } from "./all/route";
import { GET as members } from "./route";

describe("GET /groups/:id/members with placeholder users", () => {
  it("shows imported placeholders in GitLab's Member shape, inherited ones under /members/all, private groups hidden", async () => {
    const owner = await makeUser();
    const root = await createGroup(owner, { name: unique("Root"), path: unique("root") });
    const sub = await createGroup(owner, { name: "Sub", path: "sub", parentId: root.id });
    const username = unique("src");
    const placeholderId = await getDb().transaction((tx) =>
      mapSourceUser(tx, { sourceUrl: "https://gitlab.example.com", rootGroupId: root.id, sourceUser: { id: Math.floor(Math.random() * 1e9), username, name: "Sam Source" } }),
    );
    await getDb().insert(groupMembers).values({ groupId: root.id, userId: placeholderId, accessLevel: 30, expiresAt: "2031-01-02" });
    const token = await tokenFor(owner.id, ["read_api"]);

    const direct = await call(members, `/api/v4/groups/${root.id}/members?per_page=1&page=1&query=${username}`, { token, params: { id: String(root.id) } });
    expect(direct.status).toBe(200);
    expect(direct.headers.get("x-total")).toBe("1");
    expect(direct.body).toEqual([
      {
        id: placeholderId,
        username: expect.stringMatching(new RegExp(`^${username}_placeholder_user_\\d+$`)),
        name: "Placeholder Sam Source",
        state: "active",
        locked: false,
        avatar_url: null,
        web_url: expect.stringMatching(/^http:\/\/ferry\.test\//),
        access_level: 30,
        created_at: expect.any(String),
        expires_at: "2031-01-02",
        membership_state: "active",
      },
    ]);
    const subDirect = await call(members, `/api/v4/groups/${sub.id}/members`, { token, params: { id: String(sub.id) } });
    expect((subDirect.body as { id: number }[]).map((m) => m.id)).toEqual([owner.id]);
    const inherited = await call(allMembers, `/api/v4/groups/${sub.id}/members/all`, { token, params: { id: String(sub.id) } });
    expect((inherited.body as { id: number }[]).map((m) => m.id).sort()).toEqual([owner.id, placeholderId].sort());
    expect(inherited.headers.get("x-total")).toBe("2");

    const stranger = await makeUser();
    const hidden = await call(members, `/api/v4/groups/${root.id}/members`, { token: await tokenFor(stranger.id), params: { id: String(root.id) } });
    expect(hidden.status).toBe(404);
  });
});
