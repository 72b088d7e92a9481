import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { ACCESS_LEVELS, getDb, groupMembers } from "@/lib/db";
import { createProject, updateProject } from "@/lib/projects";
import { createRepository, repositoryPath } from "@/lib/repositories";
import { call, tokenFor } from "@/test/helpers/api";
import { documentedExamples, shapeProblems, type Json } from "@/test/helpers/api-shapes";
import { makeUser, unique } from "@/test/helpers/factories";
import { commitFiles, git, newWorktree, temporaryDirectory } from "@/test/helpers/git-client";
import { BINARY, PNG, pushAll, repositoryProject, type RepositoryProject } from "@/test/helpers/repository-project";
import { GET as getArchive } from "./[id]/repository/[archive]/route";
import { GET as getRawBlob } from "./[id]/repository/blobs/[sha]/raw/route";
import { GET as getBlob } from "./[id]/repository/blobs/[sha]/route";
import { GET as getRawFile, HEAD as headRawFile } from "./[id]/repository/files/[file_path]/raw/route";
import { GET as getFile, HEAD as headFile } from "./[id]/repository/files/[file_path]/route";
import { GET as getTree } from "./[id]/repository/tree/route";
import { GET as getProject } from "./[id]/route";
import { GET as getWikiPage } from "./[id]/wikis/[slug]/route";
import { GET as getWikis } from "./[id]/wikis/route";

type Route = (request: Request, context: { params: Promise<Record<string, string | string[] | undefined>> }) => Promise<Response>;
const BASE = "http://ferry.test";

const DOC = documentedExamples("repository.from_doc.json");

/** Calls a route as Next does, for an answer that is not JSON. */
function request(route: Route, address: string, options: { token?: string; method?: string } = {}): Promise<Response> {
  const headers = new Headers(options.token ? { "private-token": options.token } : {});
  return route(new Request(new URL(address, BASE), { method: options.method ?? "GET", headers }), { params: Promise.resolve({}) });
}

const root = temporaryDirectory("ferry-api-repository-");
let sample: RepositoryProject;
let api: (route: Route, tail: string, token?: string | null) => ReturnType<typeof call>;
let tokens: { readApi: string; readRepository: string; guest: string; outsider: string };

beforeAll(async () => {
  sample = await repositoryProject(root);
  api = (route, tail, token = sample.token) => call(route, `/api/v4/projects/${sample.project.id}/${tail}`, { token: token ?? undefined });
  const guest = await makeUser();
  await getDb().insert(groupMembers).values({ groupId: sample.group.id, userId: guest.id, accessLevel: ACCESS_LEVELS.guest });
  tokens = {
    readApi: await tokenFor(sample.owner.id, ["read_api"]),
    readRepository: await tokenFor(sample.owner.id, ["read_repository"]),
    guest: await tokenFor(guest.id),
    outsider: await tokenFor((await makeUser()).id),
  };
});

const projectPath = (tail: string) => `/api/v4/projects/${sample.project.id}/${tail}`;
const gitOut = (args: string[]) => git(sample.worktree, args);
/** Header values carry UTF-8 bytes as Latin-1 characters. */
const utf8Header = (value: string | null) => (value === null ? null : Buffer.from(value, "latin1").toString("utf8"));

describe("GET /projects/:id/repository/tree", () => {
  it("lists the root at the default branch in GitLab's shape and order, with the pagination headers", async () => {
    const tree = await api(getTree, "repository/tree");
    expect(tree.status).toBe(200);
    const items = tree.body as Json[];
    expect(items.map((item) => item.path)).toEqual(["bin", "docs", "files", "README.md", "data.bin", "image.png", "ünïcode.txt"]);
    expect(shapeProblems(items[2]!, DOC["GET /projects/:id/repository/tree (first item)"]!)).toEqual([]);
    expect(items[2]).toEqual({ id: await gitOut(["rev-parse", "main:files"]), name: "files", type: "tree", path: "files", mode: "040000" });
    expect(Object.fromEntries(["x-total", "x-total-pages", "x-page", "x-per-page", "x-next-page", "x-prev-page"].map((h) => [h, tree.headers.get(h)]))).toEqual({
      "x-total": "7",
      "x-total-pages": "1",
      "x-page": "1",
      "x-per-page": "20",
      "x-next-page": "",
      "x-prev-page": "",
    });
  });

  it("lists a directory at a ref, and recursively with paths from the root", async () => {
    const html = await api(getTree, "repository/tree?path=files/html&ref=v1.0");
    expect(html.body).toEqual([{ id: await gitOut(["rev-parse", "v1.0:files/html/index.html"]), name: "index.html", type: "blob", path: "files/html/index.html", mode: "100644" }]);
    const recursive = await api(getTree, "repository/tree?path=files&recursive=true");
    expect((recursive.body as Json[]).map((item) => item.path)).toEqual(["files/html", "files/ruby", "files/html/index.html", "files/ruby/app.rb", "files/whitespace"]);
    const bin = await api(getTree, "repository/tree?path=bin/");
    expect(bin.body).toEqual([expect.objectContaining({ name: "run.sh", mode: "100755" })]);
  });

  it("pages by offset with GitLab's headers and Link", async () => {
    const second = await api(getTree, "repository/tree?per_page=2&page=2");
    expect((second.body as Json[]).map((item) => item.path)).toEqual(["files", "README.md"]);
    expect([second.headers.get("x-total"), second.headers.get("x-total-pages"), second.headers.get("x-next-page"), second.headers.get("x-prev-page")]).toEqual(["7", "4", "3", "1"]);
    const link = second.headers.get("link")!;
    expect(link).toContain(`<${BASE}${projectPath("repository/tree")}?per_page=2&page=1>; rel="prev"`);
    expect(link).toContain(`<${BASE}${projectPath("repository/tree")}?per_page=2&page=3>; rel="next"`);
    expect(link).toContain('rel="first"');
    expect(link).toContain(`page=4>; rel="last"`);
  });

  it("pages by keyset with a page_token Link to the next page, and none on the last", async () => {
    const seen: string[] = [];
    let address: string | null = projectPath("repository/tree?pagination=keyset&per_page=3");
    for (let pages = 0; address && pages < 5; pages++) {
      const page = await call(getTree, address, { token: sample.token });
      seen.push(...(page.body as Json[]).map((item) => item.path as string));
      expect(page.headers.get("x-total")).toBeNull();
      const next = /<([^>]+)>; rel="next"/.exec(page.headers.get("link") ?? "");
      address = next ? new URL(next[1]!).pathname + new URL(next[1]!).search : null;
    }
    expect(seen).toEqual(["bin", "docs", "files", "README.md", "data.bin", "image.png", "ünïcode.txt"]);
  });

  it("lists everything with pagination=none, which GitLab takes only with recursive", async () => {
    expect(await api(getTree, "repository/tree?pagination=none")).toMatchObject({ status: 400, body: { error: 'pagination cannot be "none" unless "recursive" is true' } });
    const all = await api(getTree, "repository/tree?pagination=none&recursive=true");
    expect((all.body as Json[]).length).toBe((await gitOut(["ls-tree", "-r", "-t", "main"])).split("\n").length);
    expect(all.headers.get("x-total")).toBeNull();
  });

  it("answers GitLab's 404s for an unknown ref, a missing path and an empty repository, and 400s for bad parameters", async () => {
    expect(await api(getTree, "repository/tree?ref=nowhere")).toMatchObject({ status: 404, body: { message: "404 Tree Not Found" } });
    expect(await api(getTree, "repository/tree?path=nowhere")).toMatchObject({ status: 404, body: { message: "404 invalid revision or path Not Found" } });
    expect(await api(getTree, "repository/tree?path=README.md")).toMatchObject({ status: 404, body: { message: "404 invalid revision or path Not Found" } });
    const empty = await createProject(sample.owner, { name: unique("Empty"), namespaceId: sample.group.id });
    expect(await call(getTree, `/api/v4/projects/${empty.id}/repository/tree`, { token: sample.token })).toMatchObject({ status: 404, body: { message: "404 Tree Not Found" } });
    expect(await api(getTree, "repository/tree?recursive=maybe&page=x&pagination=pages")).toMatchObject({
      status: 400,
      body: { error: "page is invalid, recursive is invalid, pagination does not have a valid value" },
    });
  });

  it("refuses option-like refs and climbing paths without running git on them", async () => {
    const target = path.join(root, "injected");
    for (const query of [`ref=--output=${target}`, `ref=${encodeURIComponent(`--output=${target}`)}`, "path=../..", "path=..%2F..%2F..", `path=${encodeURIComponent(`--output=${target}`)}`]) {
      const answer = await api(getTree, `repository/tree?${query}`);
      expect(answer.status).toBe(404);
    }
    expect(fs.existsSync(target)).toBe(false);
  });

  it("finds the project by its URL-encoded full path", async () => {
    const byPath = await call(getTree, `/api/v4/projects/${encodeURIComponent(sample.project.fullPath)}/repository/tree?path=docs`, { token: sample.token });
    expect(byPath).toMatchObject({ status: 200, body: [{ path: "docs/a b", type: "tree" }] });
  });
});

describe("GET and HEAD /projects/:id/repository/files/:file_path", () => {
  it("answers a file in GitLab's shape, with its content in base64 and the X-Gitlab-* headers", async () => {
    const file = await api(getFile, "repository/files/files%2Fruby%2Fapp.rb?ref=main");
    expect(file.status).toBe(200);
    const body = file.body as Json;
    expect(shapeProblems(body, DOC["GET /projects/:id/repository/files/:file_path"]!)).toEqual([]);
    const content = "puts 'app'\nputs 'fixed'\n";
    expect(body).toEqual({
      file_name: "app.rb",
      file_path: "files/ruby/app.rb",
      size: content.length,
      encoding: "base64",
      content_sha256: createHash("sha256").update(content).digest("hex"),
      ref: "main",
      blob_id: await gitOut(["rev-parse", "main:files/ruby/app.rb"]),
      commit_id: await gitOut(["rev-parse", "main"]),
      last_commit_id: sample.sha.trailers,
      execute_filemode: false,
      content: Buffer.from(content).toString("base64"),
    });
    // The content last, as GitLab merges it into blob_data.
    expect(Object.keys(body).at(-1)).toBe("content");
    for (const header of Object.keys(DOC["HEAD /projects/:id/repository/files/:file_path (headers)"]!)) expect(file.headers.get(header), header).not.toBeNull();
    expect(file.headers.get("x-gitlab-last-commit-id")).toBe(sample.sha.trailers);
    expect(file.headers.get("x-gitlab-execute-filemode")).toBe("false");
  });

  it("reads names with spaces, % and non-ASCII letters from the encoded address, once decoded", async () => {
    const percent = await api(getFile, "repository/files/docs%2Fa%20b%2F100%25.txt?ref=main");
    expect(percent).toMatchObject({ status: 200, body: { file_name: "100%.txt", file_path: "docs/a b/100%.txt", content: Buffer.from("a hundred percent\n").toString("base64") } });
    const unicode = await api(getFile, `repository/files/${encodeURIComponent("ünïcode.txt")}?ref=main`);
    expect(unicode).toMatchObject({ status: 200, body: { file_name: "ünïcode.txt" } });
    expect(utf8Header(unicode.headers.get("x-gitlab-file-name"))).toBe("ünïcode.txt");
    // `%252F` is a name with `%2F` in it, not a slash.
    expect(await api(getFile, "repository/files/files%252Fruby%252Fapp.rb?ref=main")).toMatchObject({ status: 404, body: { message: "404 File Not Found" } });
  });

  it("reads at a tag, a commit id or HEAD, and tells an executable", async () => {
    expect(await api(getFile, "repository/files/bin%2Frun.sh?ref=HEAD")).toMatchObject({ status: 200, body: { execute_filemode: true, ref: "HEAD", last_commit_id: sample.sha.executable } });
    expect(await api(getFile, `repository/files/files%2Fruby%2Fapp.rb?ref=${sample.sha.files}`)).toMatchObject({ status: 200, body: { content: Buffer.from("puts 'app'\n").toString("base64"), commit_id: sample.sha.files } });
    expect(await api(getFile, "repository/files/files%2Fruby%2Fapp.rb?ref=v1.0")).toMatchObject({ status: 200, body: { commit_id: sample.sha.files } });
    expect(await api(getFile, "repository/files/files%2Fruby%2Fapp.rb?ref=feature%2Fx")).toMatchObject({ status: 200, body: { commit_id: sample.sha.feature } });
  });

  it("answers HEAD with the X-Gitlab-* headers only", async () => {
    const head = await request(headFile, projectPath("repository/files/image.png?ref=main"), { token: sample.token, method: "HEAD" });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe("");
    expect(Object.fromEntries([...head.headers].filter(([key]) => key.startsWith("x-gitlab-")))).toEqual({
      "x-gitlab-blob-id": await gitOut(["rev-parse", "main:image.png"]),
      "x-gitlab-commit-id": await gitOut(["rev-parse", "main"]),
      "x-gitlab-content-sha256": createHash("sha256").update(PNG).digest("hex"),
      "x-gitlab-encoding": "base64",
      "x-gitlab-execute-filemode": "false",
      "x-gitlab-file-name": "image.png",
      "x-gitlab-file-path": "image.png",
      "x-gitlab-last-commit-id": sample.sha.executable,
      "x-gitlab-ref": "main",
      "x-gitlab-size": String(PNG.length),
    });
  });

  it("answers GitLab's 400s and 404s: ref missing or empty, unknown ref, missing file, a directory", async () => {
    expect(await api(getFile, "repository/files/README.md")).toMatchObject({ status: 400, body: { error: "ref is missing" } });
    expect(await api(getFile, "repository/files/README.md?ref=")).toMatchObject({ status: 400, body: { error: "ref is empty" } });
    expect(await api(getFile, "repository/files/README.md?ref=nowhere")).toMatchObject({ status: 404, body: { message: "404 Commit Not Found" } });
    expect(await api(getFile, "repository/files/nothing.txt?ref=main")).toMatchObject({ status: 404, body: { message: "404 File Not Found" } });
    expect(await api(getFile, "repository/files/files%2Fruby?ref=main")).toMatchObject({ status: 404, body: { message: "404 File Not Found" } });
    expect(await api(getFile, "repository/files/files%2Fruby%2Fapp.rb%00?ref=main")).toMatchObject({ status: 400, body: { error: "file_path is invalid" } });
  });

  it("refuses paths that climb out or are absolute, and option-like refs, writing nothing", async () => {
    const target = path.join(root, "injected-file");
    for (const name of ["..%2F..%2Fetc%2Fpasswd", "files%2F..%2F..%2FREADME.md", "files%2F..", "%2Fetc%2Fpasswd"]) {
      expect(await api(getFile, `repository/files/${name}?ref=main`), name).toMatchObject({ status: 400, body: { error: "file_path should be a valid file path" } });
    }
    expect(await api(getFile, "repository/files/..%2FREADME.md")).toMatchObject({ status: 400, body: { error: "file_path should be a valid file path, ref is missing" } });
    expect(await api(getFile, `repository/files/README.md?ref=${encodeURIComponent(`--output=${target}`)}`)).toMatchObject({ status: 404, body: { message: "404 Commit Not Found" } });
    expect(await api(getFile, `repository/files/${encodeURIComponent(`--output=${target}`)}?ref=main`)).toMatchObject({ status: 404, body: { message: "404 File Not Found" } });
    expect(fs.existsSync(target)).toBe(false);
  });
});

describe("GET and HEAD /projects/:id/repository/files/:file_path/raw", () => {
  it("streams a file as it is at the default branch, text as text/plain, with the X-Gitlab-* headers", async () => {
    const raw = await request(getRawFile, projectPath("repository/files/files%2Fruby%2Fapp.rb/raw"), { token: sample.token });
    expect(raw.status).toBe(200);
    expect(await raw.text()).toBe("puts 'app'\nputs 'fixed'\n");
    expect(raw.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(raw.headers.get("content-disposition")).toBe(`inline; filename="app.rb"; filename*=UTF-8''app.rb`);
    expect(raw.headers.get("x-gitlab-file-path")).toBe("files/ruby/app.rb");
    expect(raw.headers.get("x-gitlab-commit-id")).toBe(await gitOut(["rev-parse", "main"]));
    expect(raw.headers.get("cache-control")).toBe("no-cache, no-store, max-age=0, must-revalidate");
    const older = await request(getRawFile, projectPath("repository/files/files%2Fruby%2Fapp.rb/raw?ref=v1.0&lfs=true"), { token: sample.token });
    expect(await older.text()).toBe("puts 'app'\n");
  });

  it("sends images as themselves and other binary files as downloads, byte for byte", async () => {
    const image = await request(getRawFile, projectPath("repository/files/image.png/raw?ref=main"), { token: sample.token });
    expect([image.headers.get("content-type"), image.headers.get("content-length")]).toEqual(["image/png", String(PNG.length)]);
    expect(Buffer.from(await image.arrayBuffer())).toEqual(PNG);
    const data = await request(getRawFile, projectPath("repository/files/data.bin/raw"), { token: sample.token });
    expect(data.headers.get("content-type")).toBe("application/octet-stream");
    expect(data.headers.get("content-disposition")).toMatch(/^attachment; filename="data.bin"/);
    expect(Buffer.from(await data.arrayBuffer()).equals(BINARY)).toBe(true);
  });

  it("answers HEAD with headers only; 404s and 400s as the files endpoint", async () => {
    const head = await request(headRawFile, projectPath("repository/files/data.bin/raw"), { token: sample.token, method: "HEAD" });
    expect([head.status, await head.text(), head.headers.get("x-gitlab-size")]).toEqual([200, "", String(BINARY.length)]);
    expect(await api(getRawFile, "repository/files/nothing/raw")).toMatchObject({ status: 404, body: { message: "404 File Not Found" } });
    expect(await api(getRawFile, "repository/files/README.md/raw?ref=nowhere")).toMatchObject({ status: 404, body: { message: "404 Commit Not Found" } });
    expect(await api(getRawFile, "repository/files/README.md/raw?ref=&lfs=maybe")).toMatchObject({ status: 400, body: { error: "ref is empty, lfs is invalid" } });
    expect(await api(getRawFile, "repository/files/..%2F..%2Fetc%2Fpasswd/raw")).toMatchObject({ status: 400, body: { error: "file_path should be a valid file path" } });
    // A leading slash names the same file (allow_initial_path_separator).
    expect((await request(getRawFile, projectPath("repository/files/%2FREADME.md/raw"), { token: sample.token })).status).toBe(200);
  });
});

describe("GET /projects/:id/repository/blobs/:sha", () => {
  it("answers {size, encoding, content, sha}, the content streamed in base64, for any size", async () => {
    const id = await gitOut(["rev-parse", "main:data.bin"]);
    const blob = await api(getBlob, `repository/blobs/${id}`);
    expect(blob.status).toBe(200);
    expect(shapeProblems(blob.body as Json, DOC["GET /projects/:id/repository/blobs/:sha (lib/api/repositories.rb)"]!)).toEqual([]);
    expect(Object.keys(blob.body as Json)).toEqual(["size", "encoding", "content", "sha"]);
    const body = blob.body as { size: number; encoding: string; content: string; sha: string };
    expect([body.size, body.encoding, body.sha]).toEqual([BINARY.length, "base64", id]);
    expect(Buffer.from(body.content, "base64").equals(BINARY)).toBe(true);
    const short = await api(getBlob, `repository/blobs/${id.slice(0, 10)}`);
    expect((short.body as Json).sha).toBe(id);
  });

  it("streams the raw blob, and answers 404 Blob Not Found for anything but a blob", async () => {
    const id = await gitOut(["rev-parse", "main:README.md"]);
    const raw = await request(getRawBlob, projectPath(`repository/blobs/${id}/raw`), { token: sample.token });
    expect([raw.status, raw.headers.get("content-type"), await raw.text()]).toEqual([200, "text/plain; charset=utf-8", await gitOut(["show", "main:README.md"]).then((text) => `${text}\n`)]);
    for (const sha of ["0".repeat(40), sample.sha.files, "not-a-sha", "--output=x"]) {
      expect(await api(getBlob, `repository/blobs/${sha}`), sha).toMatchObject({ status: 404, body: { message: "404 Blob Not Found" } });
      expect(await api(getRawBlob, `repository/blobs/${sha}/raw`)).toMatchObject({ status: 404, body: { message: "404 Blob Not Found" } });
    }
  });
});

describe("GET /projects/:id/repository/archive[.format]", () => {
  it("streams the default branch as tar.gz, named and prefixed as GitLab does", async () => {
    const archive = await request(getArchive, projectPath("repository/archive"), { token: sample.token });
    expect(archive.status).toBe(200);
    const head = await gitOut(["rev-parse", "main"]);
    const prefix = `${sample.project.path}-main-${head}`;
    expect(archive.headers.get("content-disposition")).toBe(`attachment; filename="${prefix}.tar.gz"; filename*=UTF-8''${prefix}.tar.gz`);
    expect(archive.headers.get("content-type")).toBe("application/octet-stream");
    const tar = gunzipSync(Buffer.from(await archive.arrayBuffer()));
    // tar headers: the name in the first 100 bytes of each 512-byte block.
    const names = new Set<string>();
    for (let at = 0; at + 512 <= tar.length; at += 512) {
      const name = tar.subarray(at, at + 100).toString("utf8").replace(/\0.*$/s, "");
      if (name.startsWith(`${prefix}/`)) names.add(name);
    }
    expect(names).toContain(`${prefix}/README.md`);
    expect(names).toContain(`${prefix}/files/ruby/app.rb`);
  });

  it("takes a format suffix and a sha (a tag or a branch with a slash, shown with a dash)", async () => {
    const zip = await request(getArchive, projectPath("repository/archive.zip?sha=feature%2Fx"), { token: sample.token });
    expect([zip.status, zip.headers.get("content-type")]).toEqual([200, "application/zip"]);
    expect(zip.headers.get("content-disposition")).toContain(`filename="${sample.project.path}-feature-x-${sample.sha.feature}.zip"`);
    expect(Buffer.from(await zip.arrayBuffer()).subarray(0, 2).toString()).toBe("PK");
    const tar = await request(getArchive, projectPath("repository/archive.tar?sha=v1.0"), { token: sample.token });
    expect(tar.headers.get("content-disposition")).toContain(`filename="${sample.project.path}-v1.0-${sample.sha.files}.tar"`);
    expect(Buffer.from(await tar.arrayBuffer()).subarray(257, 262).toString()).toBe("ustar");
    const query = await request(getArchive, projectPath("repository/archive?format=zip"), { token: sample.token });
    expect(query.headers.get("content-type")).toBe("application/zip");
  });

  it("makes GitLab's bzip2 names a tar.bz2, and `path` an archive of that folder alone", async () => {
    const head = await gitOut(["rev-parse", "main"]);
    for (const name of ["archive.tar.bz2", "archive.tbz", "archive?format=bz2"]) {
      const bz2 = await request(getArchive, projectPath(`repository/${name}`), { token: sample.token });
      expect(bz2.status, name).toBe(200);
      expect(bz2.headers.get("content-disposition"), name).toContain(`filename="${sample.project.path}-main-${head}.tar.bz2"`);
      const file = path.join(root, "archive.tar.bz2");
      fs.writeFileSync(file, Buffer.from(await bz2.arrayBuffer()));
      expect(execFileSync("tar", ["-tjf", file]).toString(), name).toContain(`${sample.project.path}-main-${head}/files/ruby/app.rb`);
    }
    const folder = await request(getArchive, projectPath("repository/archive.tar?path=files/ruby/"), { token: sample.token });
    const prefix = `${sample.project.path}-main-${head}-files-ruby`;
    expect(folder.headers.get("content-disposition")).toContain(`filename="${prefix}.tar"`);
    const file = path.join(root, "folder.tar");
    fs.writeFileSync(file, Buffer.from(await folder.arrayBuffer()));
    const entries = execFileSync("tar", ["-tf", file]).toString().trim().split("\n");
    expect(entries).toContain(`${prefix}/files/ruby/app.rb`);
    expect(entries.filter((entry) => !entry.startsWith(`${prefix}/files/`) && entry !== `${prefix}/`)).toEqual([]);
  });

  it("refuses what names nothing with 404s, writing nothing", async () => {
    const target = path.join(root, "injected-archive");
    for (const query of ["path=nowhere", "path=..%2F..", `path=${encodeURIComponent(`--output=${target}`)}`, "path=%2Fetc"]) {
      expect(await api(getArchive, `repository/archive?${query}`), query).toMatchObject({ status: 404, body: { message: "404 File Not Found" } });
    }
    expect(await api(getArchive, "repository/archive.rar")).toMatchObject({ status: 404, body: { error: "404 Not Found" } });
    expect(await api(getArchive, "repository/archive.constructor")).toMatchObject({ status: 404, body: { error: "404 Not Found" } });
    const unknown = await request(getArchive, projectPath("repository/archive?format=toString"), { token: sample.token });
    expect(unknown.headers.get("content-disposition")).toContain(".tar.gz");
    expect(await api(getArchive, "repository/archives")).toMatchObject({ status: 404, body: { error: "404 Not Found" } });
    expect(await api(getArchive, "repository/archive?sha=nowhere")).toMatchObject({ status: 404, body: { message: "404 File Not Found" } });
    expect(await api(getArchive, `repository/archive?sha=${encodeURIComponent(`--output=${target}`)}`)).toMatchObject({ status: 404, body: { message: "404 File Not Found" } });
    expect(fs.existsSync(target)).toBe(false);
    const empty = await createProject(sample.owner, { name: unique("Empty"), namespaceId: sample.group.id });
    expect(await call(getArchive, `/api/v4/projects/${empty.id}/repository/archive`, { token: sample.token })).toMatchObject({ status: 404, body: { message: "404 File Not Found" } });
  });
});

describe("who may read a repository", () => {
  it("lets a read_repository token read files (GET, HEAD, raw) but nothing else of the API, as GitLab", async () => {
    expect(await api(getFile, "repository/files/README.md?ref=main", tokens.readRepository)).toMatchObject({ status: 200 });
    expect((await request(headFile, projectPath("repository/files/README.md?ref=main"), { token: tokens.readRepository, method: "HEAD" })).status).toBe(200);
    expect((await request(getRawFile, projectPath("repository/files/README.md/raw"), { token: tokens.readRepository })).status).toBe(200);
    const refused = { status: 403, body: { error: "insufficient_scope", scope: "api" } };
    expect(await api(getTree, "repository/tree", tokens.readRepository)).toMatchObject(refused);
    expect(await api(getArchive, "repository/archive", tokens.readRepository)).toMatchObject(refused);
    expect(await api(getBlob, `repository/blobs/${sample.sha.files}`, tokens.readRepository)).toMatchObject(refused);
    expect(await api(getTree, "repository/tree", tokens.readApi)).toMatchObject({ status: 200 });
  });

  it("hides a private project from strangers (404), refuses its code to a Guest (403), and takes no bad token (401)", async () => {
    const hidden = { status: 404, body: { message: "404 Project Not Found" } };
    expect(await api(getTree, "repository/tree", null)).toMatchObject(hidden);
    expect(await api(getTree, "repository/tree", tokens.outsider)).toMatchObject(hidden);
    expect(await api(getFile, "repository/files/README.md?ref=main", tokens.outsider)).toMatchObject(hidden);
    const forbidden = { status: 403, body: { message: "403 Forbidden" } };
    expect(await api(getTree, "repository/tree", tokens.guest)).toMatchObject(forbidden);
    expect(await api(getFile, "repository/files/README.md?ref=main", tokens.guest)).toMatchObject(forbidden);
    expect(await api(getArchive, "repository/archive", tokens.guest)).toMatchObject(forbidden);
    expect(await api(getTree, "repository/tree", "glpat-not-a-token")).toMatchObject({ status: 401, body: { message: "401 Unauthorized" } });
    expect(await call(getTree, "/api/v4/projects/2147483647/repository/tree", { token: sample.token })).toMatchObject(hidden);
  });

  it("serves a public project's repository to anyone, a token-less caller included", async () => {
    const open = await repositoryProject(root, "public");
    const tail = (rest: string) => `/api/v4/projects/${open.project.id}/${rest}`;
    expect(await call(getTree, tail("repository/tree"))).toMatchObject({ status: 200, body: expect.arrayContaining([expect.objectContaining({ path: "README.md" })]) });
    expect(await call(getFile, tail("repository/files/README.md?ref=main"))).toMatchObject({ status: 200 });
    expect((await request(getArchive, tail("repository/archive.zip"))).status).toBe(200);
  });

  it("refuses a disabled repository to everyone (403), its owner and administrators too, and a members-only one to non-members", async () => {
    const open = await repositoryProject(root, "public");
    const admin = await tokenFor((await makeUser({ admin: true })).id);
    const tail = (rest: string) => `/api/v4/projects/${open.project.id}/${rest}`;
    const forbidden = { status: 403, body: { message: "403 Forbidden" } };
    await updateProject(open.owner, open.project, { settings: { repository_access_level: "disabled" } });
    for (const token of [undefined, open.token, admin]) {
      expect(await call(getTree, tail("repository/tree"), { token })).toMatchObject(forbidden);
      expect(await call(getFile, tail("repository/files/README.md?ref=main"), { token })).toMatchObject(forbidden);
      expect((await request(getArchive, tail("repository/archive.zip"), { token })).status).toBe(403);
    }
    // The project itself stays visible, without its default branch (GitLab's read_code).
    const shown = await call(getProject, `/api/v4/projects/${open.project.id}`, { token: open.token, params: { id: String(open.project.id) } });
    expect(shown).toMatchObject({ status: 200, body: { repository_access_level: "disabled" } });
    expect(shown.body).not.toHaveProperty("default_branch");

    await updateProject(open.owner, open.project, { settings: { repository_access_level: "private" } });
    expect(await call(getTree, tail("repository/tree"))).toMatchObject(forbidden);
    expect(await call(getTree, tail("repository/tree"), { token: tokens.outsider })).toMatchObject(forbidden);
    expect(await call(getTree, tail("repository/tree"), { token: open.token })).toMatchObject({ status: 200 });
  });
});

describe("GET /projects/:id/wikis", () => {
  it("lists nothing for a wiki that has no repository yet or no commit", async () => {
    expect(await api(getWikis, "wikis")).toMatchObject({ status: 200, body: [] });
    const empty = await createProject(sample.owner, { name: unique("Wikiless"), namespaceId: sample.group.id });
    await createRepository(empty.id, { kind: "wiki", defaultBranch: "main" });
    expect(await call(getWikis, `/api/v4/projects/${empty.id}/wikis?with_content=true`, { token: sample.token })).toMatchObject({ status: 200, body: [] });
  });

  it("lists the pages of the wiki's repository in GitLab's shape, with content on request", async () => {
    const project = await createProject(sample.owner, { name: unique("Wiki"), namespaceId: sample.group.id });
    const wiki = await createRepository(project.id, { kind: "wiki", defaultBranch: "main" });
    expect(wiki).toBe(repositoryPath(project.id, "wiki"));
    const worktree = await newWorktree(root, unique("wiki"));
    await commitFiles(
      worktree,
      {
        "home.md": "*  [Deploy](deploy)\n",
        "deploy.md": "---\ntitle: Deploying\n---\nHere is an instruction how to deploy this project.\n",
        "guides/getting-started.rdoc": "= Start\n",
        "notes.txt": "plain\n",
        "uploads/picture.png": "not a page\n",
      },
      "Add pages",
    );
    await git(worktree, ["rm", "--quiet", "README.md"]);
    await git(worktree, ["commit", "--quiet", "--message", "Drop the readme"]);
    await pushAll(worktree, wiki);
    const address = `/api/v4/projects/${project.id}/wikis`;

    const listed = await call(getWikis, address, { token: sample.token });
    expect(listed.body).toEqual([
      { format: "markdown", slug: "deploy", title: "deploy" },
      { format: "rdoc", slug: "guides/getting-started", title: "getting started" },
      { format: "markdown", slug: "home", title: "home" },
      { format: "plaintext", slug: "notes", title: "notes" },
    ]);
    const full = (await call(getWikis, `${address}?with_content=1`, { token: sample.token })).body as Json[];
    expect(shapeProblems(full[0]!, DOC["GET /projects/:id/wikis?with_content=1 (first item)"]!)).toEqual([]);
    expect(full[0]).toEqual({ format: "markdown", slug: "deploy", title: "deploy", content: "Here is an instruction how to deploy this project.\n", encoding: "UTF-8" });
    expect(full[2]).toMatchObject({ slug: "home", content: "*  [Deploy](deploy)\n" });
    expect(await call(getWikis, `${address}?with_content=perhaps`, { token: sample.token })).toMatchObject({ status: 400, body: { error: "with_content is invalid" } });
  });

  it("answers one page, by its encoded slug, at HEAD or at a version, in GitLab's shape", async () => {
    const project = await createProject(sample.owner, { name: unique("Wiki page"), namespaceId: sample.group.id });
    const wiki = await createRepository(project.id, { kind: "wiki", defaultBranch: "main" });
    const worktree = await newWorktree(root, unique("wiki"));
    const first = await commitFiles(worktree, { "guides/deploy.md": "---\ntitle: Deploying\n---\nFirst version.\n", "notes.org": "* Notes\n" }, "Add pages");
    await commitFiles(worktree, { "guides/deploy.md": "Second version.\n" }, "Rewrite the deploy page");
    await pushAll(worktree, wiki);
    const page = (tail: string, token: string | undefined = sample.token) => call(getWikiPage, `/api/v4/projects/${project.id}/wikis/${tail}`, { token });

    const latest = await page("guides%2Fdeploy");
    expect(latest).toMatchObject({ status: 200 });
    expect(shapeProblems(latest.body as Json, DOC["GET /projects/:id/wikis?with_content=1 (first item)"]!)).toEqual([]);
    expect(latest.body).toEqual({ format: "markdown", slug: "guides/deploy", title: "deploy", content: "Second version.\n", encoding: "UTF-8" });
    expect((await page(`guides%2Fdeploy?version=${first}`)).body).toEqual({ format: "markdown", slug: "guides/deploy", title: "deploy", content: "First version.\n", encoding: "UTF-8" });
    expect((await page("notes")).body).toMatchObject({ format: "org", content: "* Notes\n" });

    const missing = { status: 404, body: { message: "404 Wiki Page Not Found" } };
    expect(await page("nowhere")).toMatchObject(missing);
    expect(await page(`guides%2Fdeploy?version=${"0".repeat(40)}`)).toMatchObject(missing);
    expect(await page("guides%2Fdeploy?version=main")).toMatchObject(missing);
    // `..` stays inside the wiki (GitLab's sluggified_title): it names the wiki's own pages or nothing.
    expect(await page("..%2F..%2Fnotes")).toMatchObject({ status: 200, body: { slug: "notes" } });
    expect(await page("..%2Fconfig")).toMatchObject(missing);
    expect(await page("notes?render_html=maybe")).toMatchObject({ status: 400, body: { error: "render_html is invalid" } });
    expect(await page("notes?render_html=false")).toMatchObject({ status: 200, body: { content: "* Notes\n" } });
    expect(await page("notes", tokens.outsider)).toMatchObject({ status: 404, body: { message: "404 Project Not Found" } });
    expect(await api(getWikiPage, "wikis/home")).toMatchObject(missing);
  });

  it("renders a page to HTML on request (render_html), as the wiki page view does, the rest of its shape unchanged", async () => {
    const project = await createProject(sample.owner, { name: unique("Wiki html"), namespaceId: sample.group.id });
    const wiki = await createRepository(project.id, { kind: "wiki", defaultBranch: "main" });
    const worktree = await newWorktree(root, unique("wiki"));
    await commitFiles(
      worktree,
      {
        "guides/deploy.md": "---\ntitle: Deploying\n---\n# Deploy\n\nRun **make** then see [home](home).\n![Flow](../img/flow.png)\n\n<script>alert(1)</script>\n",
        "notes.rdoc": "= Notes <b>\n",
      },
      "Add pages",
    );
    await pushAll(worktree, wiki);
    const page = (tail: string) => call(getWikiPage, `/api/v4/projects/${project.id}/wikis/${tail}`, { token: sample.token });
    const base = `/${project.fullPath}/-/wikis`;

    const rendered = await page("guides%2Fdeploy?render_html=true");
    expect(rendered.status).toBe(200);
    expect(shapeProblems(rendered.body as Json, DOC["GET /projects/:id/wikis?with_content=1 (first item)"]!)).toEqual([]);
    expect(rendered.body).toEqual({
      format: "markdown",
      slug: "guides/deploy",
      title: "deploy",
      encoding: "UTF-8",
      content:
        "<h1>Deploy</h1>\n" +
        `<p>Run <strong>make</strong> then see <a href="${base}/home" rel="nofollow noreferrer noopener">home</a>.<br>\n<img src="${base}/-/raw/img/flow.png" alt="Flow"></p>\n` +
        "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>",
    });
    expect((await page("notes?render_html=1")).body).toEqual({ format: "rdoc", slug: "notes", title: "notes", encoding: "UTF-8", content: "<pre>= Notes &lt;b&gt;\n</pre>" });
  });

  it("lets whoever sees the project read its wiki (a Guest of a private one too), nobody else", async () => {
    expect(await api(getWikis, "wikis", tokens.guest)).toMatchObject({ status: 200, body: [] });
    expect(await api(getWikis, "wikis", tokens.outsider)).toMatchObject({ status: 404, body: { message: "404 Project Not Found" } });
    expect(await api(getWikis, "wikis", tokens.readRepository)).toMatchObject({ status: 403, body: { error: "insufficient_scope" } });
  });
});
