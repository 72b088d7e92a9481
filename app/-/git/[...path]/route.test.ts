import { randomBytes } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import v8 from "node:v8";
import vm from "node:vm";
import { gzipSync } from "node:zlib";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { createPersonalAccessToken, revokePersonalAccessToken, type TokenScope } from "@/lib/auth/tokens";
import { ACCESS_LEVELS, getDb, groupMembers, personalAccessTokens, projects } from "@/lib/db";
import { createGroup, type Group } from "@/lib/groups";
import { createProject, setArchived, type ProjectWithAccess } from "@/lib/projects";
import { createRepository, repositoryExists } from "@/lib/repositories";
import type { PublicUser } from "@/lib/users";
import { tokenFor } from "@/test/helpers/api";
import { makeUser, unique } from "@/test/helpers/factories";
import { commitFiles, git, gitFailure, gitRun, newWorktree, temporaryDirectory } from "@/test/helpers/git-client";
import { runRouteServer } from "@/test/helpers/route-server";
import { GET, POST } from "./route";

// Real git against the route handler, reached as Next.js reaches it: through next.config.js's rewrites.
const server = runRouteServer({ prefix: "/-/git/", handlers: { GET, POST } });
const work = temporaryDirectory("ferry-git-http-");

const V0 = ["-c", "protocol.version=0"];
const V2 = ["-c", "protocol.version=2"];
const MESSAGES = {
  unauthorized: "HTTP Basic: Access denied.",
  notFound: "remote: The project you were looking for could not be found or you don't have permission to view it.",
  upload: "remote: You are not allowed to upload code.",
  pushCode: "remote: You are not allowed to push code to this project.",
  download: "remote: You are not allowed to download code from this project.",
  archived: "remote: You are not allowed to push code to an archived project.",
  protected: "remote: You are not allowed to push code to protected branches on this project.",
  forcePush: "remote: You are not allowed to force push code to a protected branch on this project.",
};

let owner: PublicUser;
let group: Group;
const users = {} as Record<"maintainer" | "developer" | "reporter" | "guest" | "outsider", PublicUser>;

beforeAll(async () => {
  owner = await makeUser();
  group = await createGroup(owner, { name: unique("Git"), path: unique("git"), visibility: "public" });
  const levels = { maintainer: ACCESS_LEVELS.maintainer, developer: ACCESS_LEVELS.developer, reporter: ACCESS_LEVELS.reporter, guest: ACCESS_LEVELS.guest, outsider: null };
  for (const [role, level] of Object.entries(levels) as [keyof typeof users, number | null][]) {
    users[role] = await makeUser();
    if (level !== null) await getDb().insert(groupMembers).values({ groupId: group.id, userId: users[role].id, accessLevel: level });
  }
});

async function newProject(visibility: "private" | "internal" | "public", readme = true): Promise<ProjectWithAccess> {
  return createProject(owner, { name: unique("Project"), namespaceId: group.id, visibility, initializeWithReadme: readme });
}

/** The project's clone URL, with `user:token` in it when given (git sends them once the server asks). */
function cloneUrl(project: { fullPath: string }, token?: string, user = "oauth2", suffix = ".git"): string {
  const base = token ? server().url.replace("://", `://${user}:${token}@`) : server().url;
  return `${base}/${project.fullPath}${suffix}`;
}

let clones = 0;
async function clone(url: string, options: string[] = []): Promise<string> {
  const target = path.join(work, `clone-${++clones}`);
  await git(work, [...options, "clone", "--quiet", url, target]);
  return target;
}
const cloneFailure = (url: string, options: string[] = []) => gitFailure(work, [...options, "clone", url, path.join(work, `failed-${++clones}`)]);

const refsOf = (repository: string) => git(repository, ["for-each-ref", "--format=%(objectname) %(objecttype) %(refname)", "refs/heads", "refs/tags"]);

async function lastActivity(projectId: number): Promise<Date> {
  const [row] = await getDb().select({ at: projects.lastActivityAt }).from(projects).where(eq(projects.id, projectId));
  return row!.at;
}
const LONG_AGO = new Date("2001-01-01T00:00:00Z");
const setLastActivity = (projectId: number, at: Date) => getDb().update(projects).set({ lastActivityAt: at }).where(eq(projects.id, projectId));

/** A raw request, path as given (fetch would resolve `..` before sending). */
function request(pathAndQuery: string, options: { method?: string; headers?: Record<string, string>; body?: Buffer } = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const { port } = new URL(server().url);
    const req = http.request({ host: "127.0.0.1", port, path: pathAndQuery, method: options.method ?? "GET", headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(options.body);
  });
}
/**
 * The most memory held in buffers (where packs would sit) while `work` runs, measured after a garbage collection every
 * 100 ms: what is kept, not chunks that merely await collection.
 */
async function peakRetainedBuffers(work: () => Promise<void>): Promise<number> {
  v8.setFlagsFromString("--expose-gc");
  const collect = vm.runInNewContext("gc") as () => void;
  collect();
  const baseline = process.memoryUsage().arrayBuffers;
  let peak = 0;
  const sampler = setInterval(() => {
    collect();
    peak = Math.max(peak, process.memoryUsage().arrayBuffers - baseline);
  }, 100);
  try {
    await work();
  } finally {
    clearInterval(sampler);
  }
  return peak;
}

const basic = (user: string, password: string) => ({ authorization: `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}` });
const ADVERTISE = "/info/refs?service=git-upload-pack";

describe("git over smart HTTP, at GitLab's addresses", () => {
  it("clones over protocol v0 and v2 and fetches what was pushed since, through the rewrite to /-/git/", async () => {
    const project = await newProject("private");
    const reader = await tokenFor(users.reporter.id, ["read_repository"]);
    const pusher = await tokenFor(users.developer.id, ["write_repository"]);
    const v0 = await clone(cloneUrl(project, reader), V0);
    const v2 = await clone(cloneUrl(project, reader), V2);
    expect(fs.readFileSync(path.join(v0, "README.md"), "utf8")).toBe(`# ${project.name}\n`);
    expect(await git(v2, ["rev-parse", "HEAD"])).toBe(await git(v0, ["rev-parse", "HEAD"]));

    const writer = await clone(cloneUrl(project, pusher));
    await git(writer, ["switch", "--quiet", "--create", "feature"]);
    const pushed = await commitFiles(writer, { "notes.txt": "more\n" }, "Add notes");
    await git(writer, ["push", "--quiet", "origin", "feature"]);
    for (const [repository, protocol] of [[v0, V0], [v2, V2]] as const) {
      await git(repository, [...protocol, "fetch", "--quiet", "origin"]);
      expect(await git(repository, ["rev-parse", "origin/feature"])).toBe(pushed);
    }

    const own = server().requests.filter((r) => r.url.startsWith(`/${project.fullPath}.git/`));
    expect(own.every((r) => r.routedTo === `/-/git${r.url.split("?")[0]}`)).toBe(true);
    const upload = own.filter((r) => r.url.endsWith("/git-upload-pack"));
    expect(upload.some((r) => r.gitProtocol === "version=2")).toBe(true);
    expect(upload.some((r) => r.gitProtocol === undefined)).toBe(true);
    expect(own.some((r) => r.url.endsWith("/git-receive-pack"))).toBe(true);
  });

  it("answers with GitLab's headers, and a gzipped request body as a plain one", async () => {
    const project = await newProject("public");
    const advertised = await request(`/${project.fullPath}.git${ADVERTISE}`);
    expect(advertised.status).toBe(200);
    expect(advertised.headers["content-type"]).toBe("application/x-git-upload-pack-advertisement");
    expect(advertised.headers["cache-control"]).toBe("no-cache");
    expect(advertised.body.toString("latin1").startsWith("001e# service=git-upload-pack\n0000")).toBe(true);
    const head = advertised.body.toString("latin1").match(/([0-9a-f]{40}) HEAD\0/)![1]!;

    const want = Buffer.from(`0032want ${head}\n00000009done\n`);
    const headers = { "content-type": "application/x-git-upload-pack-request" };
    const plain = await request(`/${project.fullPath}.git/git-upload-pack`, { method: "POST", headers, body: want });
    const gzipped = await request(`/${project.fullPath}.git/git-upload-pack`, { method: "POST", headers: { ...headers, "content-encoding": "gzip" }, body: gzipSync(want) });
    for (const answer of [plain, gzipped]) {
      expect(answer.status).toBe(200);
      expect(answer.headers["content-type"]).toBe("application/x-git-upload-pack-result");
      expect(answer.body.subarray(0, 12).toString()).toBe("0008NAK\nPACK");
    }
    expect(gzipped.body.equals(plain.body)).toBe(true);
  });

  it("takes many branches and tags by push and gives them back identical; git gzips its large fetch request", async () => {
    const source = await newWorktree(work, "round-trip-source");
    for (let index = 0; index < 30; index++) {
      await git(source, ["commit", "--quiet", "--allow-empty", "--message", `Commit ${index}`]);
      await git(source, ["branch", `feature/${index}`]);
      await git(source, index % 2 ? ["tag", `v0.${index}`] : ["tag", "--annotate", "--message", `Release ${index}`, `v0.${index}`]);
    }
    const project = await newProject("private", false);
    const maintainer = await tokenFor(users.maintainer.id, ["write_repository"]);
    await git(source, ["push", "--quiet", cloneUrl(project, maintainer), "refs/heads/*:refs/heads/*", "refs/tags/*:refs/tags/*"]);
    const expected = await refsOf(source);
    expect(expected.split("\n")).toHaveLength(1 + 30 + 30);

    const reader = await tokenFor(users.reporter.id, ["read_repository"]);
    for (const protocol of [V0, V2]) {
      const mirror = path.join(work, `mirror-${++clones}.git`);
      await git(work, [...protocol, "clone", "--quiet", "--mirror", cloneUrl(project, reader), mirror]);
      expect(await refsOf(mirror)).toBe(expected);
      expect(await git(mirror, ["fsck", "--strict", "--no-dangling"])).toBe("");
    }
    const fetches = server().requests.filter((r) => r.url === `/${project.fullPath}.git/git-upload-pack`);
    expect(fetches.some((r) => r.contentEncoding === "gzip")).toBe(true);
  });

  it("streams a large push and clone through without holding the pack in memory", async () => {
    const source = await newWorktree(work, "large-source");
    // Random bytes: git cannot compress them, so the pack is as large as the file.
    fs.writeFileSync(path.join(source, "large.bin"), randomBytes(24 * 1024 * 1024));
    await git(source, ["add", "large.bin"]);
    await git(source, ["commit", "--quiet", "--message", "Add a large file"]);
    const project = await newProject("private", false);
    const token = await tokenFor(users.maintainer.id, ["write_repository"]);

    // Git runs in processes of its own: the buffers this process keeps are the server's.
    const retained = await peakRetainedBuffers(async () => {
      await git(source, ["push", "--quiet", cloneUrl(project, token), "main"]);
      const cloned = await clone(cloneUrl(project, token));
      expect(fs.statSync(path.join(cloned, "large.bin")).size).toBe(24 * 1024 * 1024);
    });
    expect(retained).toBeLessThan(12 * 1024 * 1024);
  }, 120_000);

  it("sends a client of `<full path>/info/refs` on to the .git address, as GitLab does", async () => {
    const project = await newProject("public");
    const redirected = await request(`/${project.fullPath}${ADVERTISE}`);
    expect(redirected.status).toBe(302);
    expect(redirected.headers.location).toBe(`/${project.fullPath}.git${ADVERTISE}`);
    expect((await request(`/${project.fullPath}/info/refs?service=git-upload-archive`)).status).toBe(404);
    const cloned = await clone(cloneUrl(project, undefined, undefined, ""));
    expect(fs.existsSync(path.join(cloned, "README.md"))).toBe(true);

    const hidden = await newProject("private");
    expect((await request(`/${hidden.fullPath}${ADVERTISE}`)).status).toBe(401);
    const reader = await tokenFor(users.reporter.id, ["read_repository"]);
    expect((await request(`/${hidden.fullPath}${ADVERTISE}`, { headers: basic("oauth2", reader) })).status).toBe(302);
  });

  it("serves a project's wiki at .wiki.git: a Guest reads it (not the code), a Developer pushes to it", async () => {
    const project = await newProject("private");
    await createRepository(project.id, { kind: "wiki", readme: { content: "# Home\n", authorName: "Ada", authorEmail: "ada@example.com", message: "Create home" } });
    const guest = await tokenFor(users.guest.id, ["read_repository"]);
    const wiki = await clone(cloneUrl(project, guest, "oauth2", ".wiki.git"));
    expect(fs.readFileSync(path.join(wiki, "README.md"), "utf8")).toBe("# Home\n");
    expect(await cloneFailure(cloneUrl(project, guest))).toContain(MESSAGES.download);

    const developer = await tokenFor(users.developer.id, ["write_repository"]);
    const writable = await clone(cloneUrl(project, developer, "oauth2", ".wiki.git"));
    await commitFiles(writable, { "README.md": "# Home, edited\n" }, "Edit home");
    await git(writable, ["push", "--quiet", "origin", "main"]);

    const missing = await newProject("private");
    const answer = await request(`/${missing.fullPath}.wiki.git${ADVERTISE}`, { headers: basic("oauth2", developer) });
    expect(answer.status).toBe(404);
    expect(answer.body.toString()).toBe("A repository for this wiki does not exist yet.\n");

    // The first push of pages makes the wiki's repository, as GitLab makes it on first use; a Guest's push makes none.
    const pages = await newWorktree(work, "new-wiki");
    await commitFiles(pages, { "home.md": "# Home\n" }, "Create home");
    await git(pages, ["remote", "add", "guest", cloneUrl(missing, await tokenFor(users.guest.id, ["write_repository"]), "oauth2", ".wiki.git")]);
    expect((await gitRun(pages, ["push", "--quiet", "guest", "main"])).stderr).toContain("You are not allowed to write to this project's wiki.");
    expect(await repositoryExists(missing.id, "wiki")).toBe(false);
    await git(pages, ["push", "--quiet", cloneUrl(missing, developer, "oauth2", ".wiki.git"), "main"]);
    expect(fs.readFileSync(path.join(await clone(cloneUrl(missing, guest, "oauth2", ".wiki.git")), "home.md"), "utf8")).toBe("# Home\n");
  });
});

describe("who may fetch", () => {
  it("lets anyone clone a public project, asks for credentials (401) for a private or missing one, and 404s a non-member", async () => {
    const open = await newProject("public");
    expect(fs.existsSync(path.join(await clone(cloneUrl(open)), "README.md"))).toBe(true);

    const hidden = await newProject("private");
    for (const target of [hidden.fullPath, `${group.fullPath}/no-such-project`]) {
      const answer = await request(`/${target}.git${ADVERTISE}`);
      expect(answer.status, target).toBe(401);
      expect(answer.headers["www-authenticate"]).toBe('Basic realm="Ferry"');
      expect(answer.body.toString()).toContain(MESSAGES.unauthorized);
    }
    // Git cannot prompt here (GIT_TERMINAL_PROMPT=0): the 401 is where it would.
    expect(await cloneFailure(cloneUrl(hidden))).toContain("could not read Username");

    const outsider = await tokenFor(users.outsider.id, ["read_repository"]);
    for (const target of [hidden, { fullPath: `${group.fullPath}/no-such-project` }]) {
      const refused = await cloneFailure(cloneUrl(target, outsider));
      expect(refused).toContain(MESSAGES.notFound);
      expect(refused).toContain("not found");
      expect(refused).not.toContain(outsider);
    }
    const answer = await request(`/${hidden.fullPath}.git${ADVERTISE}`, { headers: basic("oauth2", outsider) });
    expect(answer.status).toBe(404);
    expect(answer.headers["www-authenticate"]).toBeUndefined();
  });

  it("lets any signed-in user clone an internal project, but nobody anonymous", async () => {
    const internal = await newProject("internal");
    expect((await request(`/${internal.fullPath}.git${ADVERTISE}`)).status).toBe(401);
    const outsider = await tokenFor(users.outsider.id, ["read_repository"]);
    expect(fs.existsSync(path.join(await clone(cloneUrl(internal, outsider)), "README.md"))).toBe(true);
  });

  it("takes a token as the password under any username, and refuses a wrong, revoked or expired one (401) even on a public project", async () => {
    const open = await newProject("public");
    const hidden = await newProject("private");
    const token = await tokenFor(users.reporter.id, ["read_repository"]);
    for (const user of ["oauth2", users.reporter.username, "anyone", ""]) {
      expect((await request(`/${hidden.fullPath}.git${ADVERTISE}`, { headers: basic(user, token) })).status, user).toBe(200);
    }
    await clone(cloneUrl(hidden, token, users.reporter.username));

    const revoked = await createPersonalAccessToken(users.reporter.id, { name: "revoked", scopes: ["read_repository"] });
    await revokePersonalAccessToken(users.reporter.id, revoked.record.id);
    const expired = await createPersonalAccessToken(users.reporter.id, { name: "expired", scopes: ["read_repository"] });
    await getDb().update(personalAccessTokens).set({ expiresAt: "2020-01-01" }).where(eq(personalAccessTokens.id, expired.record.id));
    const wrong = [basic("oauth2", "glpat-wrong"), basic("oauth2", revoked.token), basic("oauth2", expired.token), basic("oauth2", ""), { authorization: "Basic !!!" }];
    for (const headers of wrong) {
      const answer = await request(`/${open.fullPath}.git${ADVERTISE}`, { headers });
      expect(answer.status, headers.authorization).toBe(401);
      expect(answer.headers["www-authenticate"]).toBe('Basic realm="Ferry"');
    }
    expect(await cloneFailure(cloneUrl(hidden, "glpat-wrong"))).toContain("Authentication failed");
  });
});

describe("who may push", () => {
  async function writable(visibility: "private" | "public", role: keyof typeof users, scopes: TokenScope[] = ["write_repository"]) {
    const project = await newProject(visibility);
    const token = await tokenFor(users[role].id, scopes);
    return { project, token, clone: await clone(cloneUrl(project, token)) };
  }

  it("takes a Developer's new branch and records the activity; refuses their push to the protected default branch", async () => {
    const { project, clone: repository } = await writable("private", "developer");
    await setLastActivity(project.id, LONG_AGO);
    const initial = await git(repository, ["rev-parse", "HEAD"]);
    const commit = await commitFiles(repository, { "a.txt": "a\n" }, "Change main");

    expect(await gitFailure(repository, ["push", "origin", "main"])).toContain(MESSAGES.protected);
    expect(await lastActivity(project.id)).toEqual(LONG_AGO);

    await git(repository, ["push", "--quiet", "origin", "main:feature/login"]);
    expect(await git(repository, ["ls-remote", "origin", "refs/heads/feature/login", "refs/heads/main"])).toBe(`${commit}\trefs/heads/feature/login\n${initial}\trefs/heads/main`);
    expect((await lastActivity(project.id)).getTime()).toBeGreaterThan(Date.now() - 60_000);
  });

  it("lets a Maintainer fast-forward the default branch, but not force push it", async () => {
    const { clone: repository } = await writable("private", "maintainer", ["api"]);
    const pushed = await commitFiles(repository, { "a.txt": "a\n" }, "Change main");
    await git(repository, ["push", "--quiet", "origin", "main"]);
    await git(repository, ["reset", "--quiet", "--hard", "HEAD~1"]);
    await commitFiles(repository, { "b.txt": "b\n" }, "Rewrite history");
    expect(await gitFailure(repository, ["push", "--force", "origin", "main"])).toContain(MESSAGES.forcePush);
    expect(await git(repository, ["ls-remote", "origin", "refs/heads/main"])).toBe(`${pushed}\trefs/heads/main`);
  });

  it("needs write_repository or api to push: a read_repository token clones but gets a 403", async () => {
    const { clone: repository } = await writable("private", "developer", ["read_repository", "read_api"]);
    await commitFiles(repository, { "a.txt": "a\n" }, "Try");
    const refused = await gitFailure(repository, ["push", "origin", "main:feature"]);
    expect(refused).toContain(MESSAGES.upload);
    expect(refused).toContain("The requested URL returned error: 403");
  });

  it("refuses a Reporter (403), an anonymous client (401) and any push to an archived project", async () => {
    const reporter = await writable("public", "reporter");
    await commitFiles(reporter.clone, { "a.txt": "a\n" }, "Try");
    expect(await gitFailure(reporter.clone, ["push", "origin", "main:feature"])).toContain(MESSAGES.pushCode);

    const anonymous = await clone(cloneUrl(reporter.project));
    await commitFiles(anonymous, { "a.txt": "a\n" }, "Try");
    expect(await gitFailure(anonymous, ["push", "origin", "main:feature"])).toContain("could not read Username");
    const answer = await request(`/${reporter.project.fullPath}.git/info/refs?service=git-receive-pack`);
    expect(answer.status).toBe(401);
    expect(answer.headers["www-authenticate"]).toBe('Basic realm="Ferry"');

    const archived = await writable("private", "maintainer");
    await setArchived(owner, archived.project, true);
    await commitFiles(archived.clone, { "a.txt": "a\n" }, "Try");
    expect(await gitFailure(archived.clone, ["push", "origin", "main:feature"])).toContain(MESSAGES.archived);
    // Still readable, as GitLab keeps archived projects.
    await git(archived.clone, ["fetch", "--quiet", "origin"]);
  });
});

describe("addresses that name no repository", () => {
  it("refuses path tricks, .git in odd places and dumb HTTP with a 404, never an advertisement", async () => {
    const project = await newProject("public");
    const [namespace, name] = [group.fullPath, project.path];
    const refused = [
      `/${namespace}%2F${name}.git${ADVERTISE}`,
      `/-/git/${namespace}%2F${name}.git${ADVERTISE}`,
      `/-/git/${namespace}/${name}%00.git${ADVERTISE}`,
      `/-/git/${namespace}/${name}.git%2Finfo/refs?service=git-upload-pack`,
      `/${namespace}/${name}.git.git${ADVERTISE}`,
      `/${namespace}.git/${name}.git${ADVERTISE}`,
      `/${name}.git${ADVERTISE}`,
      `/${namespace}/${name}/-/tree/main/x.git${ADVERTISE}`,
      `/${namespace}/${name}.git/info/refs`,
      `/${namespace}/${name}.git/info/refs?service=git-upload-archive`,
      `/${namespace}/${name}.git/HEAD`,
      `/${namespace}/${name}.git/objects/info/packs`,
      `/${namespace}/${name}.git/git-upload-pack`,
      `/${namespace}/${name}/git-upload-pack`,
    ];
    for (const target of refused) {
      const answer = await request(target);
      expect(answer.status, target).toBe(404);
      expect(answer.body.toString("latin1"), target).not.toContain("# service=");
    }
    const posted = await request(`/${namespace}/${name}.git/info/refs?service=git-upload-pack`, { method: "POST" });
    expect(posted.status).toBe(404);

    // Dot segments (`..`, `%2E%2E`) are resolved by URL parsing before any routing, as Next.js does: they can only
    // name another address, here one of no project, which an anonymous client is asked to sign in for.
    const token = await tokenFor(users.reporter.id, ["read_repository"]);
    for (const target of [`/${namespace}/../../../etc/passwd.git${ADVERTISE}`, `/-/git/${namespace}/%2E%2E/etc/passwd.git${ADVERTISE}`]) {
      expect((await request(target)).status, target).toBe(401);
      const answer = await request(target, { headers: basic("oauth2", token) });
      expect(answer.status, target).toBe(404);
      expect(answer.body.toString()).toBe(`${MESSAGES.notFound.slice("remote: ".length)}\n`);
    }
    // The same address, written plainly, is served.
    expect((await request(`/${namespace}/${name}.git${ADVERTISE}`)).status).toBe(200);
    expect((await request(`/-/git/${namespace}/${name}.git${ADVERTISE}`)).status).toBe(200);
  });
});
