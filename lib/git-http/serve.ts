import { Readable } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { logger } from "@/lib/log";
import { recordPush } from "@/lib/projects";
import { advertiseRefs, isGitService, scheduleHousekeeping, serviceRpc, type GitHttpResponse, type GitService } from "@/lib/repositories";
import { authorizeGit, type GitGrant } from "./authorize";
import { pushReport } from "./push-report";
import { serveLfs } from "./lfs";
import { parseGitAddress, parseLfsAddress, type GitAddress } from "./repository-url";
import { notFound, textResponse } from "./responses";
import { webStreamOf } from "./web-stream";

/** The service a request asks for: `?service=` on `info/refs` (none is dumb HTTP, which GitLab does not serve), else its path. */
function requestedService(address: GitAddress, request: Request, url: URL): GitService | null {
  if (address.action === "info/refs") {
    const service = url.searchParams.get("service");
    return request.method === "GET" && isGitService(service) ? service : null;
  }
  return request.method === "POST" ? address.action : null;
}

/**
 * `<full path>/info/refs` without `.git`: GitLab sends git clients on to the `.git` address (git follows a redirect
 * of its first request), after authorizing the request as a fetch, when the service is git's own or none.
 */
async function redirectToGitAddress(request: Request, url: URL, address: GitAddress): Promise<Response> {
  const service = url.searchParams.get("service");
  if (request.method !== "GET" || (service !== null && !isGitService(service))) return notFound();
  const grant = await authorizeGit(request, address.fullPath, address.kind, "git-upload-pack", address.snippetId);
  if (grant instanceof Response) return grant;
  const suffix = address.kind === "wiki" ? ".wiki.git" : address.kind === "snippet" ? `/snippets/${address.snippetId}.git` : ".git";
  // Relative, so that it holds behind any proxy; the path as the client wrote it, as GitLab keeps it.
  const location = `/${address.fullPath}${suffix}/info/refs${service ? `?service=${service}` : ""}`;
  return new Response(null, { status: 302, headers: { location, "cache-control": "no-cache" } });
}

async function gitAnswer(request: Request, address: GitAddress, service: GitService, grant: GitGrant): Promise<GitHttpResponse> {
  const gitProtocol = request.headers.get("git-protocol");
  if (address.action === "info/refs") return advertiseRefs(grant.repositoryPath, service, gitProtocol);
  const body = request.body ? Readable.fromWeb(request.body as unknown as WebReadableStream<Uint8Array>) : Readable.from([]);
  return serviceRpc(grant.repositoryPath, service, {
    body,
    contentType: request.headers.get("content-type"),
    contentEncoding: request.headers.get("content-encoding"),
    gitProtocol,
    signal: request.signal,
    pushPolicy: grant.pushPolicy,
  });
}

/**
 * Git's smart HTTP for a project's repository or wiki (and Git LFS for its code, lfs.ts), at the address in `segments` (the path after `/-/git/`, where
 * next.config.js sends GitLab's git URLs): authorized as GitLab does, then answered by git through lib/repositories,
 * both ways streamed. After a push that updated a ref the project's last activity is now; after any push the
 * repository's housekeeping is scheduled.
 */
export async function serveGitHttp(request: Request, segments: readonly string[]): Promise<Response> {
  const lfs = parseLfsAddress(segments);
  if (lfs) return serveLfs(request, lfs);
  const address = parseGitAddress(segments);
  if (!address) return notFound();
  const url = new URL(request.url);
  if (address.withoutGitSuffix) return redirectToGitAddress(request, url, address);
  const service = requestedService(address, request, url);
  if (!service) return notFound();

  const grant = await authorizeGit(request, address.fullPath, address.kind, service, address.snippetId);
  if (grant instanceof Response) return grant;
  let answer: GitHttpResponse;
  try {
    answer = await gitAnswer(request, address, service, grant);
  } catch (error) {
    logger.error({ err: error, projectId: grant.project.id, service }, "git could not answer a smart HTTP request");
    return textResponse(500, "Internal Server Error");
  }
  const report = address.action === "git-receive-pack" && answer.status === 200 ? pushReport() : null;
  const body = webStreamOf(answer.body, {
    onChunk: report ? (chunk) => report.scan(chunk) : undefined,
    onEnd: async () => {
      if (!report) return;
      if (report.accepted) {
        // Awaited before the answer ends, so the push is visible once git reports it; a failure must not fail the push.
        await recordPush(grant.project.id).catch((error: unknown) => logger.error({ err: error, projectId: grant.project.id }, "could not record a push"));
      }
      // Not awaited: the client has its answer while the repository is tidied, as Gitaly does after a push. After a
      // refused one too: a stale lock left by a crash refuses pushes until housekeeping removes it.
      scheduleHousekeeping(grant.repositoryPath);
    },
  });
  return new Response(body, { status: answer.status, headers: answer.headers });
}
