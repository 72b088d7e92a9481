import { describe, expect, it } from "vitest";
import { badges, getDb } from "@/lib/db";
import { createGroup } from "@/lib/groups";
import { call, tokenFor } from "@/test/helpers/api";
import { makeUser, unique } from "@/test/helpers/factories";
import { GET as getBadge } from "./[badge_id]/route";
import { GET as getBadges } from "./route";

describe("/api/v4/groups/:id/badges", () => {
  it("lists a group's badges in GitLab's shape with pagination and the name filter, one by id, and hides private groups", async () => {
    const [owner, stranger] = await Promise.all([makeUser(), makeUser()]);
    const group = await createGroup(owner, { name: "Badged", path: unique("badged") });
    const other = await createGroup(owner, { name: "Other", path: unique("other") });
    const link = "https://gitlab.example.com/%{project_path}/-/pipelines?ref=%{default_branch}";
    const [first, second, third, foreign] = await getDb()
      .insert(badges)
      .values([
        { groupId: group.id, name: "Coverage", linkUrl: link, imageUrl: "https://shields.example.com/coverage.svg" },
        { groupId: group.id, name: null, linkUrl: "https://example.com/a", imageUrl: "https://example.com/a.png" },
        { groupId: group.id, name: "coverage", linkUrl: "https://example.com/b", imageUrl: "https://example.com/b.png" },
        { groupId: other.id, name: "Coverage", linkUrl: "https://example.com/c", imageUrl: "https://example.com/c.png" },
      ])
      .returning();
    const token = await tokenFor(owner.id, ["read_api"]);
    const params = { id: group.fullPath };

    const page1 = await call(getBadges, `/api/v4/groups/${encodeURIComponent(group.fullPath)}/badges?per_page=2`, { token, params });
    expect(page1.status).toBe(200);
    expect(page1.headers.get("x-total")).toBe("3");
    expect(page1.headers.get("x-next-page")).toBe("2");
    expect(page1.body).toEqual([
      { id: first!.id, name: "Coverage", link_url: link, image_url: "https://shields.example.com/coverage.svg", rendered_link_url: link, rendered_image_url: "https://shields.example.com/coverage.svg", kind: "group" },
      expect.objectContaining({ id: second!.id, name: null, kind: "group" }),
    ]);
    const named = await call(getBadges, `/api/v4/groups/${group.id}/badges?name=Coverage`, { token, params: { id: String(group.id) } });
    expect((named.body as { id: number }[]).map((b) => b.id)).toEqual([first!.id]);

    const one = await call(getBadge, `/api/v4/groups/${group.id}/badges/${third!.id}`, { token, params: { id: String(group.id), badge_id: String(third!.id) } });
    expect(one.body).toMatchObject({ id: third!.id, name: "coverage", link_url: "https://example.com/b" });
    expect((await call(getBadge, "/x", { token, params: { id: String(group.id), badge_id: String(foreign!.id) } })).body).toEqual({ message: "404 Not found" });
    expect((await call(getBadge, "/x", { token, params: { id: String(group.id), badge_id: "abc" } })).status).toBe(400);

    const strangerToken = await tokenFor(stranger.id);
    expect((await call(getBadges, "/x", { token: strangerToken, params })).status).toBe(404);
    expect((await call(getBadge, "/x", { token: strangerToken, params: { id: String(group.id), badge_id: String(first!.id) } })).body).toEqual({ message: "404 Group Not Found" });
    // Anonymous callers see public groups only, as on GitLab: a private one is not found rather than unauthorized.
    expect((await call(getBadges, "/x", { params })).status).toBe(404);
  });
});
