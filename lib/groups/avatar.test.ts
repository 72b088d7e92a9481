import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getConfig } from "@/lib/config";
import { getDb, groups } from "@/lib/db";
import { makeUser, unique } from "@/test/helpers/factories";
import { avatarFilename, avatarRefusal, detectAvatarType, groupAvatarUrl, readGroupAvatar, saveGroupAvatar } from "./avatar";
import { createGroup } from "./create";

const PNG = fs.readFileSync("test/fixtures/ferry/group-avatar.png");
const bytes = (...values: (number | string)[]) => Buffer.concat(values.map((v) => (typeof v === "string" ? Buffer.from(v, "latin1") : Buffer.from([v]))));

describe("group avatars", () => {
  it("knows an image by its magic bytes and refuses the rest, SVG and oversized files included", () => {
    expect(detectAvatarType(PNG)).toEqual({ ext: "png", mime: "image/png" });
    expect(detectAvatarType(bytes(0xff, 0xd8, 0xff, 0xe0, "JFIF"))?.ext).toBe("jpg");
    expect(detectAvatarType(bytes("GIF89a", 1, 0))?.ext).toBe("gif");
    expect(detectAvatarType(bytes("RIFF", 0, 0, 0, 0, "WEBPVP8 "))?.ext).toBe("webp");
    expect(detectAvatarType(bytes(0, 0, 1, 0, 1, 0, 16, 16))?.ext).toBe("ico");
    // A cursor (type 2) and an icon directory with no image are not icons.
    expect(detectAvatarType(bytes(0, 0, 2, 0, 1, 0))).toBeNull();
    expect(detectAvatarType(bytes(0, 0, 1, 0, 0, 0))).toBeNull();
    expect(avatarRefusal(Buffer.from('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'))).toMatch(/SVG/);
    expect(avatarRefusal(Buffer.from("<html>not found</html>"))).toMatch(/not a PNG, JPEG, GIF, WebP or ICO/);
    expect(avatarRefusal(Buffer.alloc(0))).toMatch(/not a PNG/);
    expect(avatarRefusal(Buffer.concat([PNG, Buffer.alloc(200 * 1024)]))).toMatch(/over the limit of 204800/);
    expect(avatarRefusal(PNG)).toBeNull();
  });

  it("names the file after the source's, made safe, with the extension of what it really is", () => {
    const png = { ext: "png", mime: "image/png" } as const;
    expect(avatarFilename("logo.png", png)).toBe("logo.png");
    expect(avatarFilename("../../etc/passwd", png)).toBe("passwd.png");
    expect(avatarFilename("..\\..\\evil.svg", png)).toBe("evil.png");
    expect(avatarFilename("Team Logo (final).JPG", png)).toBe("Team_Logo_final_.png");
    expect(avatarFilename(".hidden", png)).toBe("avatar.png");
    expect(avatarFilename(null, png)).toBe("avatar.png");
  });

  it("stores the avatar at GitLab's path under the data directory, replaces an older one, and reads it back", async () => {
    const user = await makeUser();
    const group = await createGroup(user, { name: "Avatar", path: unique("avatar") });
    const first = await saveGroupAvatar(group.id, PNG, "first.png");
    expect(first).toBe(`uploads/-/system/group/avatar/${group.id}/first.png`);
    const second = await saveGroupAvatar(group.id, PNG, "second.png");
    const dir = path.join(getConfig().dataDir, "uploads/-/system/group/avatar", String(group.id));
    expect(fs.readdirSync(dir)).toEqual(["second.png"]);
    const [row] = await getDb().select().from(groups).where(eq(groups.id, group.id));
    expect(row!.avatarPath).toBe(second);
    expect(groupAvatarUrl(row!, "https://ferry.example")).toBe(`https://ferry.example/uploads/-/system/group/avatar/${group.id}/second.png`);
    const stored = await readGroupAvatar(row!);
    expect(stored).toMatchObject({ filename: "second.png", type: { mime: "image/png" } });
    expect(stored!.bytes.equals(PNG)).toBe(true);

    await expect(saveGroupAvatar(group.id, Buffer.from("<svg/>"), "x.svg")).rejects.toThrow(/SVG/);
    // A stored path that leaves the group's folder is never read, nor is a file that is gone.
    expect(await readGroupAvatar({ id: group.id, avatarPath: "secrets.json" })).toBeNull();
    expect(await readGroupAvatar({ id: group.id, avatarPath: `uploads/-/system/group/avatar/${group.id}/../../../../../secrets.json` })).toBeNull();
    expect(await readGroupAvatar({ id: group.id, avatarPath: `uploads/-/system/group/avatar/${group.id}/gone.png` })).toBeNull();
    expect(await readGroupAvatar({ id: group.id, avatarPath: null })).toBeNull();
  });
});
