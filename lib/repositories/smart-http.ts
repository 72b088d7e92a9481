import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import zlib from "node:zlib";
import { logger } from "@/lib/log";
import { GitError, spawnGit, type GitProcess } from "./git-process";
import { FLUSH_PKT, pktLine } from "./pkt-line";
import { pushPolicyGitOptions, type PushPolicy } from "./push-policy";

// Git's smart HTTP, served as Gitea and GitLab's Workhorse + Gitaly serve it: the route has authorized the request and
// found the repository; git itself answers, `upload-pack` or `receive-pack --stateless-rpc` with the request piped in
// and its answer piped out, so no pack is ever held in memory. Framework-agnostic: a route turns the result into its
// own response.

const GIT_SERVICES = ["git-upload-pack", "git-receive-pack"] as const;
export type GitService = (typeof GIT_SERVICES)[number];

export function isGitService(value: unknown): value is GitService {
  return (GIT_SERVICES as readonly unknown[]).includes(value);
}

export interface GitHttpResponse {
  status: number;
  headers: Record<string, string>;
  body: Readable;
}

export interface ServiceRpcOptions {
  /** The request body as it came, gzipped or not. */
  body: AsyncIterable<Uint8Array>;
  contentType: string | null | undefined;
  contentEncoding?: string | null;
  /** The Git-Protocol request header. */
  gitProtocol?: string | null;
  /** Aborted when the client goes away: git is stopped. */
  signal?: AbortSignal;
  /** How long reading the request body may take before git is stopped; Workhorse's 10 minutes by default. */
  timeoutMs?: number;
  /** What a push may do. Required for git-receive-pack: without one every push is refused. */
  pushPolicy?: PushPolicy;
}

const REQUEST_READ_TIMEOUT_MS = 10 * 60 * 1000;

// As git http-backend and Gitea send them: nothing in between may keep an answer about refs.
const NO_CACHE = { "cache-control": "no-cache", expires: "Fri, 01 Jan 1980 00:00:00 GMT", pragma: "no-cache" };

// Gitea's check of the header (`version=2`, `version=2:object-format=sha1`) before it becomes git's GIT_PROTOCOL.
const GIT_PROTOCOL = /^[0-9a-zA-Z]+=[0-9a-zA-Z]+(:[0-9a-zA-Z]+=[0-9a-zA-Z]+)*$/;

function protocolEnv(header: string | null | undefined): Record<string, string> {
  return header && GIT_PROTOCOL.test(header) ? { GIT_PROTOCOL: header } : {};
}

const command = (service: GitService) => service.slice("git-".length);

function plainResponse(status: number, message: string): GitHttpResponse {
  return { status, headers: { "content-type": "text/plain; charset=utf-8", ...NO_CACHE }, body: Readable.from([Buffer.from(`${message}\n`)]) };
}

/**
 * Git's output as a response body, pulled as the client reads it. When git fails, the body fails too (the response
 * breaks off and the client reports it), except where git has already told the client why in the protocol.
 */
function responseBody(git: GitProcess, service: GitService, preamble: readonly Buffer[], failuresInBand: boolean): Readable {
  async function* chunks() {
    let complete = false;
    try {
      yield* preamble;
      yield* git.stdout;
      try {
        await git.done;
      } catch (error) {
        // upload-pack and receive-pack send an `ERR` line or a refused ref before exiting: end the answer so that the
        // client shows that rather than a broken transfer.
        if (!(failuresInBand && error instanceof GitError && error.reason === "exit")) throw error;
        logger.warn({ err: error, service }, "git failed while answering a request");
      }
      complete = true;
    } finally {
      // The reader went away, or git's answer broke off: git must not run on for nobody.
      if (!complete) git.kill();
    }
  }
  return Readable.from(chunks(), { objectMode: false });
}

/**
 * `GET <repo>.git/info/refs?service=<service>`: the refs and capabilities of the repository at `repoPath` (absolute,
 * found by the caller from the database, never from the URL), after the `# service` line that smart HTTP adds for
 * protocol v0 and v1.
 */
export function advertiseRefs(repoPath: string, service: GitService, gitProtocol?: string | null): GitHttpResponse {
  const env = protocolEnv(gitProtocol);
  const git = spawnGit([command(service), "--stateless-rpc", "--advertise-refs", "."], { cwd: repoPath, env });
  // Protocol v2 opens with its own `version 2` line, and git http-backend then leaves the `# service` line out.
  const version2 = env.GIT_PROTOCOL?.split(":").includes("version=2") ?? false;
  const preamble = version2 ? [] : [pktLine(`# service=${service}\n`), FLUSH_PKT];
  return { status: 200, headers: { "content-type": `application/x-${service}-advertisement`, ...NO_CACHE }, body: responseBody(git, service, preamble, false) };
}

/**
 * `POST <repo>.git/<service>`: the request body streamed into `git <service> --stateless-rpc` and its answer streamed
 * back, with back-pressure both ways. Refuses (415) a request that is not the service's and an encoding other than
 * gzip, and (403) a push without a push policy. Git is stopped when `signal` aborts or the request takes longer than
 * `timeoutMs` to arrive.
 */
export async function serviceRpc(repoPath: string, service: GitService, options: ServiceRpcOptions): Promise<GitHttpResponse> {
  const expected = `application/x-${service}-request`;
  if ((options.contentType ?? "").split(";")[0]!.trim().toLowerCase() !== expected) return plainResponse(415, `The Content-Type must be ${expected}.`);
  const encoding = (options.contentEncoding ?? "").trim().toLowerCase();
  const gzipped = encoding === "gzip" || encoding === "x-gzip";
  if (!gzipped && encoding !== "" && encoding !== "identity") return plainResponse(415, `The Content-Encoding ${encoding} is not supported.`);

  const env = protocolEnv(options.gitProtocol);
  let config: Record<string, string> = {};
  if (service === "git-receive-pack") {
    if (!options.pushPolicy) return plainResponse(403, "You are not allowed to push code to this project.");
    const push = await pushPolicyGitOptions(options.pushPolicy);
    config = push.config;
    Object.assign(env, push.env);
  }

  const timeoutMs = options.timeoutMs ?? REQUEST_READ_TIMEOUT_MS;
  const readLimit = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, readLimit.signal]) : readLimit.signal;
  const git = spawnGit([command(service), "--stateless-rpc", "."], { cwd: repoPath, config, env, signal });
  const timer = setTimeout(() => readLimit.abort(new Error(`the request was not read within ${timeoutMs} ms`)), timeoutMs);
  const stopTimer = () => clearTimeout(timer);
  git.done.then(stopTimer, stopTimer);
  const request = gzipped ? pipeline(options.body, zlib.createGunzip(), git.stdin) : pipeline(options.body, git.stdin);
  request.then(stopTimer, (error: unknown) => {
    stopTimer();
    // A client gone, a broken gzip stream, or git done early: without the whole request git cannot answer.
    git.kill();
    logger.debug({ err: error, service }, "git request body not passed on");
  });
  return { status: 200, headers: { "content-type": `application/x-${service}-result`, ...NO_CACHE }, body: responseBody(git, service, [], true) };
}
