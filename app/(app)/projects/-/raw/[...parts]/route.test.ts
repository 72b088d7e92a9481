import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { ACCESS_LEVELS, getDb, projectMembers } from "@/lib/db";
import { createGroup } from "@/lib/groups";
import { createProject, type ProjectWithAccess } from "@/lib/projects";
import { repositoryPath } from "@/lib/repositories";
import type { PublicUser } from "@/lib/users";
import { makeUser, unique } from "@/test/helpers/factories";
import { commitFiles, git, newWorktree, temporaryDirectory } from "@/test/helpers/git-client";
import { rewrittenPath } from "@/test/helpers/next-rewrites";
import { servedPathOf } from "../../../served-file";

// The seam: a real session needs Next's request context; the routes only ask currentUser() who is signed in.
const session = vi.hoisted(() => ({ user: null as PublicUser | null }));
vi.mock("@/lib/auth", () => ({ currentUser: async () => session.user }));

const { GET: raw } = await import("./route");
const { GET: archive } = await import("../../archive/[...parts]/route");

const root = temporaryDirectory("ferry-raw-route-");
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
const BIG = 3 * 1024 * 1024;

let owner: PublicUser;
let reporter: PublicUser;
let guest: PublicUser;
let stranger: PublicUser;
let project: ProjectWithAccess;
let head: string;

beforeAll(async () => {
  [owner, reporter, guest, stranger] = await Promise.all([makeUser(), makeUser(), makeUser(), makeUser()]);
  const group = await createGroup(owner, { name: "Raw", path: unique("raw"), visibility: "private" });
  project = await createProject(owner, { name: "Shelf", path: "shelf", namespaceId: group.id, visibility: "private" });
  await getDb()
    .insert(projectMembers)
    .values([
      { projectId: project.id, userId: reporter.id, accessLevel: ACCESS_LEVELS.reporter },
      { projectId: project.id, userId: guest.id, accessLevel: ACCESS_LEVELS.guest },
    ]);
  const worktree = await newWorktree(root, "shelf");
  fs.mkdirSync(path.join(worktree, "img"));
  fs.writeFileSync(path.join(worktree, "img/logo.png"), PNG);
  fs.writeFileSync(path.join(worktree, "tool.bin"), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 3]));
  fs.writeFileSync(path.join(worktree, "big.txt"), Buffer.alloc(BIG, "x\n"));
  await commitFiles(worktree, { "index.html": "<script>alert(1)</script>\n", "drawing.svg": '<svg onload="alert(1)"/>\n', "src/deep/app.ts": "export {};\n", "-rf": "option-like\n", "100%.txt": "percent\n" }, "Add files");
  await git(worktree, ["checkout", "--quiet", "-b", "feature/x"]);
  await commitFiles(worktree, { "src/deep/app.ts": "export const x = 1;\n" }, "On a branch");
  await git(worktree, ["checkout", "--quiet", "main"]);
  await git(worktree, ["tag", "v1.0"]);
  await git(worktree, ["push", "--quiet", repositoryPath(project.id, "project"), "main", "feature/x", "v1.0"]);
  head = await git(worktree, ["rev-parse", "HEAD"]);
});

beforeEach(() => {
  session.user = owner;
});

/** A request as the rewrite hands it to the route: the rewritten path, the raw tail kept encoded. */
const request = (page: "raw" | "archive", tail: string, query = "") => new Request(`http://ferry.test/projects/-/${page}/${tail}/-/${project.fullPath}${query}`);
const getRaw = (tail: string, query = "") => raw(request("raw", tail, query));
const getArchive = (tail: string) => archive(request("archive", tail));

const SAFE_HEADERS = { "x-content-type-options": "nosniff", "content-security-policy": "default-src 'none'; sandbox" };

describe("GET /:project/-/raw/:ref/*path", () => {
  it("sends text as text/plain (HTML and SVG included), images as images, other binaries as downloads, never sniffed", async () => {
    const readme = await getRaw("main/README.md");
    expect(readme.status).toBe(200);
    expect(Object.fromEntries(["content-type", "content-length", "content-disposition", "x-content-type-options", "content-security-policy"].map((h) => [h, readme.headers.get(h)]))).toEqual({
      "content-type": "text/plain; charset=utf-8",
      "content-length": String("# shelf\n".length),
      "content-disposition": `inline; filename="README.md"; filename*=UTF-8''README.md`,
      ...SAFE_HEADERS,
    });
    expect(await readme.text()).toBe("# shelf\n");

    for (const name of ["index.html", "drawing.svg"]) {
      const response = await getRaw(`main/${name}`);
      expect(response.headers.get("content-type"), name).toBe("text/plain; charset=utf-8");
      expect(response.headers.get("content-security-policy")).toBe(SAFE_HEADERS["content-security-policy"]);
    }
    const logo = await getRaw("main/img/logo.png");
    expect([logo.headers.get("content-type"), logo.headers.get("content-disposition")]).toEqual(["image/png", `inline; filename="logo.png"; filename*=UTF-8''logo.png`]);
    expect(Buffer.from(await logo.arrayBuffer()).equals(PNG)).toBe(true);
    const tool = await getRaw("main/tool.bin");
    expect([tool.headers.get("content-type"), tool.headers.get("content-disposition")]).toEqual(["application/octet-stream", `attachment; filename="tool.bin"; filename*=UTF-8''tool.bin`]);
    expect((await getRaw("main/README.md", "?inline=false")).headers.get("content-disposition")).toMatch(/^attachment; filename="README.md"/);
  });

  it("finds the file at branches with slashes, tags and commit ids, and names that need encoding or look like options", async () => {
    expect(await (await getRaw("feature/x/src/deep/app.ts")).text()).toBe("export const x = 1;\n");
    expect(await (await getRaw("v1.0/src/deep/app.ts")).text()).toBe("export {};\n");
    expect(await (await getRaw(`${head}/src/deep/app.ts`)).text()).toBe("export {};\n");
    expect(await (await getRaw("main/100%25.txt")).text()).toBe("percent\n");
    expect(await (await getRaw("main/-rf")).text()).toBe("option-like\n");
  });

  it("streams a large file as it is read, and stops when the client goes away", async () => {
    const response = await getRaw("main/big.txt");
    expect(response.headers.get("content-length")).toBe(String(BIG));
    const reader = response.body!.getReader();
    const first = await reader.read();
    expect(first.done).toBe(false);
    expect(first.value!.length).toBeLessThan(BIG);
    await reader.cancel();
    const whole = await getRaw("main/big.txt");
    expect((await whole.arrayBuffer()).byteLength).toBe(BIG);
  });

  it("is 404 (never 403) for whoever may not read the code, and for what is not a file", async () => {
    for (const user of [null, stranger, guest]) {
      session.user = user;
      const response = await getRaw("main/README.md");
      expect(response.status, user?.username ?? "signed out").toBe(404);
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    }
    session.user = reporter;
    expect((await getRaw("main/README.md")).status).toBe(200);
    session.user = owner;
    for (const tail of ["main", "main/src", "main/nope.txt", "nope/README.md", "-p/README.md", "--output=x/README.md", "main~1/README.md", "HEAD@%7B1%7D/README.md", "main/src%2F..%2F..%2FREADME.md", "main/%ZZ"]) {
      expect((await getRaw(tail)).status, tail).toBe(404);
    }
  });
});

describe("GET /:project/-/archive/:ref/:name.:format", () => {
  it("streams zip, tar.gz, tar and tar.bz2 archives of a ref, every file under <project>-<ref>-<sha>/", async () => {
    const zip = await getArchive("main/shelf-main.zip");
    expect(zip.status).toBe(200);
    expect([zip.headers.get("content-type"), zip.headers.get("content-disposition"), zip.headers.get("x-content-type-options"), zip.headers.get("content-security-policy")]).toEqual([
      "application/zip",
      `attachment; filename="shelf-main.zip"; filename*=UTF-8''shelf-main.zip`,
      ...Object.values(SAFE_HEADERS),
    ]);
    expect(Buffer.from(await zip.arrayBuffer()).subarray(0, 2).toString()).toBe("PK");

    const gz = Buffer.from(await (await getArchive("feature/x/shelf-feature-x.tar.gz")).arrayBuffer());
    const branchHead = await git(repositoryPath(project.id, "project"), ["rev-parse", "feature/x"]);
    const listing = execFileSync("tar", ["-tzf", "-"], { input: gz }).toString().split("\n");
    expect(listing).toContain(`shelf-feature-x-${branchHead}/src/deep/app.ts`);
    expect(listing).toContain(`shelf-feature-x-${branchHead}/-rf`);

    const tar = await getArchive(`v1.0/shelf-v1.0.tar`);
    expect(tar.headers.get("content-type")).toBe("application/x-tar");
    expect(execFileSync("tar", ["-tf", "-"], { input: Buffer.from(await tar.arrayBuffer()) }).toString()).toContain(`shelf-v1.0-${head}/README.md`);

    const bz2 = await getArchive(`main/shelf-main.tar.bz2`);
    expect([bz2.headers.get("content-type"), bz2.headers.get("content-disposition")]).toEqual(["application/x-bzip2", `attachment; filename="shelf-main.tar.bz2"; filename*=UTF-8''shelf-main.tar.bz2`]);
    expect(execFileSync("tar", ["-tjf", "-"], { input: Buffer.from(await bz2.arrayBuffer()) }).toString()).toContain(`shelf-main-${head}/README.md`);
  });

  it("is 404 for whoever may not read the code, unknown refs and formats, and names that cannot be one", async () => {
    session.user = stranger;
    expect((await getArchive("main/shelf-main.zip")).status).toBe(404);
    session.user = guest;
    expect((await getArchive("main/shelf-main.zip")).status).toBe(404);
    session.user = owner;
    for (const tail of ["main/shelf-main.rar", "main.zip", "nope/files-nope.zip", "-p/x.zip", "main/%2E%2E.zip", "main/.zip", "main~1/x.zip"]) {
      expect((await getArchive(tail)).status, tail).toBe(404);
    }
  });
});

describe("servedPathOf", () => {
  it("reads the tail and the full path from the address as asked and as rewritten, decoding each segment once", async () => {
    expect(await rewrittenPath("/g/sub/p/-/raw/feature/x/a%2525/-/b.txt")).toBe("/projects/-/raw/feature/x/a%2525/-/b.txt/-/g/sub/p");
    const expected = { fullPath: "g/sub/p", tail: ["feature", "x", "a%25", "-", "b.txt"] };
    expect(servedPathOf("/projects/-/raw/feature/x/a%2525/-/b.txt/-/g/sub/p", "raw")).toEqual(expected);
    expect(servedPathOf("/g/sub/p/-/raw/feature/x/a%2525/-/b.txt", "raw")).toEqual(expected);
    expect(servedPathOf("/g/p/-/archive/main/p-main.zip", "archive")).toEqual({ fullPath: "g/p", tail: ["main", "p-main.zip"] });
    // URL parsing resolves `..` (%2E%2E too) before a route sees it; one that gets through is a segment splitRefPath refuses.
    expect(servedPathOf("/g/p/-/raw/main/%2E%2E/x", "raw")).toEqual({ fullPath: "g/p", tail: ["main", "..", "x"] });
    for (const bad of ["/projects/-/raw/main/a/-/p", "/p/-/raw/main/a", "/g/p/-/raw/%E0%A4%A", "/-/raw/x"]) expect(servedPathOf(bad, "raw"), bad).toBeUndefined();
  });

  it("reads a wiki's file the same way, and the wiki's pages reach their own routes", async () => {
    expect(await rewrittenPath("/g/sub/p/-/wikis/-/raw/uploads/a%2525.png")).toBe("/projects/-/wiki-raw/uploads/a%2525.png/-/g/sub/p");
    const expected = { fullPath: "g/sub/p", tail: ["uploads", "a%25.png"] };
    expect(servedPathOf("/projects/-/wiki-raw/uploads/a%2525.png/-/g/sub/p", "wiki-raw")).toEqual(expected);
    expect(servedPathOf("/g/sub/p/-/wikis/-/raw/uploads/a%2525.png", "wiki-raw")).toEqual(expected);
    expect(await rewrittenPath("/g/p/-/wikis")).toBe("/projects/-/wikis/-/g/p");
    expect(await rewrittenPath("/g/p/-/wikis/pages")).toBe("/projects/-/wiki-pages/-/g/p");
    expect(await rewrittenPath("/g/p/-/wikis/guides/start/history")).toBe("/projects/-/wikis/guides/start/history/-/g/p");
  });
});
