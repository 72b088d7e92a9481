import fs from "node:fs";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { ACCESS_LEVELS, getDb, groupMembers, uploads } from "@/lib/db";
import { createGroup, type Group } from "@/lib/groups";
import { groupUploadPath, storeUploadFile } from "@/lib/uploads";
import type { PublicUser } from "@/lib/users";
import { makeUser, unique } from "@/test/helpers/factories";

// The seam: a real session needs Next's request context; the route only asks currentUser() who is signed in.
const session = vi.hoisted(() => ({ user: null as PublicUser | null }));
vi.mock("@/lib/auth", () => ({ currentUser: async () => session.user }));

const { GET } = await import("./route");

const PIXEL = fs.readFileSync("test/fixtures/ferry/uploads/pixel.png");
const SECRET = "72a497a02fe3ee09edae2ed06d390038";

/** GET /groups/<path>/-/uploads/<secret>/<file>, as the rewrite hands it to the route: the segments, encoded. */
const get = (group: Pick<Group, "fullPath">, secret: string, filename: string) => {
  const parts = [...group.fullPath.split("/"), secret, encodeURIComponent(filename)];
  return GET(new Request(`http://ferry.test/uploads/-/groups/${parts.join("/")}`), { params: Promise.resolve({ parts }) });
};

async function upload(group: Group, filename: string, data: Buffer, contentType: string) {
  const storagePath = groupUploadPath(group.id, SECRET, filename);
  const stored = await storeUploadFile(storagePath, [data], { maxBytes: 1024 * 1024 });
  await getDb().insert(uploads).values({ groupId: group.id, secret: SECRET, filename, storagePath, size: stored.size, sha256: stored.sha256, contentType });
}

beforeEach(() => {
  session.user = null;
});

describe("GET /groups/:path/-/uploads/:secret/:filename", () => {
  it("shows an image inline, and makes anything else a sandboxed download that is never sniffed", async () => {
    const owner = await makeUser();
    const group = await createGroup(owner, { name: "Files", path: unique("files") });
    await upload(group, "pixel.png", PIXEL, "image/png");
    await upload(group, "page.html", Buffer.from("<script>alert(1)</script>"), "text/html; charset=utf-8");
    await upload(group, "drawing.svg", Buffer.from("<svg onload='alert(1)'/>"), "image/svg+xml");
    await upload(group, "naïve notes.txt", Buffer.from("hello"), "text/plain; charset=utf-8");
    session.user = owner;

    const image = await get(group, SECRET, "pixel.png");
    expect(image.status).toBe(200);
    expect(Object.fromEntries(["content-type", "content-length", "content-disposition", "x-content-type-options", "content-security-policy"].map((h) => [h, image.headers.get(h)]))).toEqual({
      "content-type": "image/png",
      "content-length": String(PIXEL.length),
      "content-disposition": `inline; filename="pixel.png"; filename*=UTF-8''pixel.png`,
      "x-content-type-options": "nosniff",
      "content-security-policy": "default-src 'none'; sandbox",
    });
    expect(Buffer.from(await image.arrayBuffer()).equals(PIXEL)).toBe(true);

    for (const name of ["page.html", "drawing.svg"]) {
      const response = await get(group, SECRET, name);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("application/octet-stream");
      expect(response.headers.get("content-disposition")).toMatch(/^attachment; /);
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    }
    const text = await get(group, SECRET, "naïve notes.txt");
    expect(text.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(text.headers.get("content-disposition")).toBe(`attachment; filename="na_ve notes.txt"; filename*=UTF-8''na%C3%AFve%20notes.txt`);
    expect(await text.text()).toBe("hello");
  });

  it("serves a private group's uploads to its members (and those of its parents) and admins; 404 to anyone else, and for what is not there", async () => {
    const [owner, member, stranger, admin] = await Promise.all([makeUser(), makeUser(), makeUser(), makeUser({ admin: true })]);
    const parent = await createGroup(owner, { name: "Parent", path: unique("parent"), visibility: "private" });
    const group = await createGroup(owner, { name: "Child", path: unique("child"), parentId: parent.id, visibility: "private" });
    await getDb().insert(groupMembers).values({ groupId: parent.id, userId: member.id, accessLevel: ACCESS_LEVELS.guest });
    await upload(group, "pixel.png", PIXEL, "image/png");

    expect((await get(group, SECRET, "pixel.png")).status).toBe(404);
    for (const user of [owner, member, admin]) {
      session.user = user;
      expect((await get(group, SECRET, "pixel.png")).status, user.username).toBe(200);
    }
    session.user = stranger;
    expect((await get(group, SECRET, "pixel.png")).status).toBe(404);

    session.user = owner;
    expect((await get({ fullPath: group.fullPath.toUpperCase() }, SECRET, "pixel.png")).status).toBe(200);
    expect((await get(group, "0123456789abcdef0123456789abcdef", "pixel.png")).status).toBe(404);
    expect((await get(group, SECRET, "other.png")).status).toBe(404);
    expect((await get(parent, SECRET, "pixel.png")).status).toBe(404);
    expect((await get(group, "..", "pixel.png")).status).toBe(404);
    expect((await get(group, SECRET, "../pixel.png")).status).toBe(404);
  });

  it("serves a public group's uploads to any signed-in user", async () => {
    const [owner, stranger] = await Promise.all([makeUser(), makeUser()]);
    const group = await createGroup(owner, { name: "Open", path: unique("open"), visibility: "public" });
    await upload(group, "pixel.png", PIXEL, "image/png");
    session.user = stranger;
    expect((await get(group, SECRET, "pixel.png")).status).toBe(200);
  });
});
