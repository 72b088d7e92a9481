import type { IncomingMessage, ServerResponse } from "node:http";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { advertiseRefs, isGitService, runGit, serviceRpc } from "@/lib/repositories";
import type { FixtureStore } from "./fixture-store";
import { ACCESS, type RequestLogEntry } from "./types";

/**
 * `/<group>/<project>.git/info/refs` and `.../git-upload-pack`, as GitLab's Workhorse routes them (read only); the wiki
 * at `<project>.wiki.git` and snippets at `<project>/snippets/<id>.git` alike.
 */
export const GIT_PATH = /^\/(.+)\.git\/(info\/refs|git-upload-pack)$/;

// Scopes that may clone over HTTP on GitLab.
const CLONE_SCOPES = ["api", "read_api", "read_repository"];

let empty: Promise<string> | undefined;

/** One empty bare repository for every project the test source has none for, made on first use. */
function emptyRepository(): Promise<string> {
  empty ??= (async () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), "ferry-source-empty-"));
    // Made once per process and kept for its life: gone with it.
    process.once("exit", () => fs.rmSync(home, { recursive: true, force: true }));
    const dir = path.join(home, "empty.git");
    await runGit(["init", "--quiet", "--bare", dir], { timeoutMs: 30_000, maxStdoutBytes: 4096 });
    return dir;
  })();
  return empty;
}

function unauthorized(res: ServerResponse, log: RequestLogEntry): void {
  log.status = 401;
  res.writeHead(401, { "www-authenticate": 'Basic realm="GitLab"', "content-type": "text/plain" });
  res.end("HTTP Basic: Access denied.\n");
}

/**
 * Smart HTTP for a project's repository, as GitLab serves `http_url_to_repo`: HTTP Basic with any user name and a
 * personal access token as the password (importers send `oauth2:<token>`), the token's user at least Reporter. A
 * project without a repository on disk answers as GitLab does for an empty one: nothing to fetch. Unknown projects
 * and projects the user cannot read are 404, as GitLab hides them.
 */
export async function serveGit(req: IncomingMessage, res: ServerResponse, url: URL, store: FixtureStore, log: RequestLogEntry): Promise<void> {
  const [, fullPath = "", action = ""] = GIT_PATH.exec(url.pathname) ?? [];
  log.route = `/:path.git/${action}`;
  const basic = /^Basic\s+(.+)$/i.exec(req.headers.authorization ?? "");
  const password = basic ? Buffer.from(basic[1]!, "base64").toString("utf8").split(":").slice(1).join(":") : "";
  const token = store.tokens.get(password);
  log.tokenVia = basic ? "basic" : null;
  if (!token || !token.scopes.some((scope) => CLONE_SCOPES.includes(scope))) return unauthorized(res, log);
  // `<project>.wiki.git` is the project's wiki; `<project>/snippets/<id>.git` one of its snippets.
  const wiki = /\.wiki$/i.test(fullPath);
  const snippetAddress = /^(.+)\/snippets\/(\d+)$/.exec(fullPath);
  const projectPath = snippetAddress ? snippetAddress[1]! : wiki ? fullPath.slice(0, -".wiki".length) : fullPath;
  const project = store.findProject(decodeURIComponent(projectPath));
  const snippet = snippetAddress ? project?.snippets.find((s) => s.id === Number(snippetAddress[2]) && s.repository) : undefined;
  const service = action === "info/refs" ? url.searchParams.get("service") : action;
  if (!project || (snippetAddress && !snippet) || store.projectAccessLevel(project, token.userId) < ACCESS.reporter || service !== "git-upload-pack" || !isGitService(service)) {
    log.status = 404;
    res.writeHead(404, { "content-type": "text/plain" }).end("The project you were looking for could not be found.\n");
    return;
  }
  // A project without a repository on disk is an empty one: git reads an advertisement with no refs.
  const repository = (snippet ? snippet.repository : wiki ? project.wiki : project.repository) ?? (await emptyRepository());
  const abort = new AbortController();
  res.on("close", () => {
    if (!res.writableFinished) abort.abort();
  });
  const gitProtocol = typeof req.headers["git-protocol"] === "string" ? req.headers["git-protocol"] : undefined;
  const result =
    action === "info/refs"
      ? advertiseRefs(repository, service, gitProtocol)
      : await serviceRpc(repository, service, {
          body: req,
          contentType: req.headers["content-type"],
          contentEncoding: typeof req.headers["content-encoding"] === "string" ? req.headers["content-encoding"] : undefined,
          gitProtocol,
          signal: abort.signal,
        });
  log.status = result.status;
  res.writeHead(result.status, result.headers);
  await pipeline(result.body, res);
}
