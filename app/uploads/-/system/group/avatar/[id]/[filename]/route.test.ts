import fs from "node:fs";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { createGroup, saveGroupAvatar } from "@/lib/groups";
import type { PublicUser } from "@/lib/users";
import { makeUser, unique } from "@/test/helpers/factories";

// The seam: a real session needs Next's request context; the route only asks currentUser() who is signed in.
const session = vi.hoisted(() => ({ user: null as PublicUser | null }));
vi.mock("@/lib/auth", () => ({ currentUser: async () => session.user }));

const { GET } = await import("./route");
const PNG = fs.readFileSync("test/fixtures/ferry/group-avatar.png");

const get = (id: string, filename: string) =>
  GET(new Request(`http://ferry.test/uploads/-/system/group/avatar/${id}/${filename}`), { params: Promise.resolve({ id, filename }) });

beforeEach(() => {
  session.user = null;
});

describe("GET /uploads/-/system/group/avatar/:id/:filename", () => {
  it("shows a group's avatar inline to a signed-in user who can see the group, and to nobody else", async () => {
    const [owner, stranger] = await Promise.all([makeUser(), makeUser()]);
    const group = await createGroup(owner, { name: "Shown", path: unique("shown") });
    await saveGroupAvatar(group.id, PNG, "logo.png");

    expect((await get(String(group.id), "logo.png")).status).toBe(404);
    session.user = owner;
    const shown = await get(String(group.id), "logo.png");
    expect(shown.status).toBe(200);
    expect(shown.headers.get("content-type")).toBe("image/png");
    expect(shown.headers.get("content-disposition")).toBe('inline; filename="logo.png"');
    expect(shown.headers.get("content-security-policy")).toContain("sandbox");
    expect(Buffer.from(await shown.arrayBuffer()).equals(PNG)).toBe(true);
    // Only under its current name, and only for a group id.
    expect((await get(String(group.id), "old.png")).status).toBe(404);
    expect((await get("..", "logo.png")).status).toBe(404);

    session.user = stranger;
    expect((await get(String(group.id), "logo.png")).status).toBe(404);
  });
});
