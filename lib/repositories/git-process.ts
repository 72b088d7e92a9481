import { spawn } from "node:child_process";
import os from "node:os";
import path from "node:path";
import type { Readable, Writable } from "node:stream";

// Enough for any message git prints when it fails; a chatty command cannot make it grow without bound.
const STDERR_LIMIT = 64 * 1024;
// How much of stderr a GitError's message repeats (the error keeps all of the bounded stderr).
const MESSAGE_STDERR_CHARS = 1000;
// How long git has after SIGTERM to stop before its whole process group gets SIGKILL.
const KILL_GRACE_MS = 2000;

export type GitFailure = "exit" | "timeout" | "aborted" | "killed" | "output-limit" | "spawn";

/**
 * A git run that failed: why (`reason`), its exit code when it exited by itself, and the end of what it printed on
 * stderr with any credentials in URLs masked. The message names the git command only, never its arguments, which
 * may hold a URL with a token.
 */
export class GitError extends Error {
  constructor(
    message: string,
    readonly reason: GitFailure,
    readonly exitCode: number | null,
    readonly stderr: string,
  ) {
    super(message);
    this.name = "GitError";
  }
}

export interface GitOptions {
  /** Absolute working directory. By default the file system root, never Ferry's own checkout (a git repository). */
  cwd?: string;
  /** Absolute path of the repository, given to git as `--git-dir`. */
  gitDir?: string;
  /** `-c name=value` settings for this run only. */
  config?: Readonly<Record<string, string>>;
  /** Variables added to git's clean environment (GIT_PROTOCOL, an author identity...). */
  env?: Readonly<Record<string, string>>;
  /** Exit codes that are answers rather than failures (`merge-base --is-ancestor` exits 1 for "no"). */
  okCodes?: readonly number[];
  /** Stops git (and what it started) after this long. */
  timeoutMs?: number;
  /** Stops git (and what it started) when aborted. */
  signal?: AbortSignal;
}

export interface GitExit {
  code: number;
  stderr: string;
}

/** A running git, for work that streams (pack transfer). */
export interface GitProcess {
  readonly stdin: Writable;
  readonly stdout: Readable;
  /** Settles once git has exited and its output is all read; rejects with a GitError unless it exited with an ok code. */
  readonly done: Promise<GitExit>;
  /** Stops git and what it started; `done` then rejects with reason "aborted". */
  kill(): void;
}

export interface RunGitOptions extends GitOptions {
  input?: string | Uint8Array;
  timeoutMs: number;
  /** Past this much output git is stopped and the run fails: runGit is for small reads. */
  maxStdoutBytes: number;
}

export interface GitResult {
  stdout: Buffer;
  stderr: string;
  code: number;
}

/** The first line of what git said on failure, without its `error:` or `fatal:`: a message for a user. */
export const firstErrorLine = (stderr: string) =>
  stderr
    .split("\n")
    .map((line) => line.replace(/^(error|fatal): /, "").trim())
    .find((line) => line.length > 0) ?? "";

/** Masks the user and password of URLs (`https://oauth2:<token>@host/...`), as git may echo a remote's URL. */
function maskCredentials(text: string): string {
  return text.replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@]+@/gi, "$1***@");
}

function absolute(value: string, name: string): string {
  if (!path.isAbsolute(value)) throw new Error(`git's ${name} must be an absolute path: ${value}`);
  return value;
}

/**
 * Git's environment, built from nothing so that no GIT_DIR, GIT_CONFIG_* or credential helper of Ferry's own
 * environment reaches it. HOME is a file, not a directory: `~/.gitconfig` and `~/.config/git/config` are then missing
 * (git ignores ENOTDIR as it does ENOENT) and nobody can ever put one there. No LANG: messages stay in English.
 */
function gitEnvironment(extra: Readonly<Record<string, string>> = {}): NodeJS.ProcessEnv {
  return {
    ...extra,
    // Node's own directory last: the pre-receive hook is a Node script (`#!/usr/bin/env node`).
    PATH: [process.env.PATH, path.dirname(process.execPath)].filter(Boolean).join(path.delimiter),
    HOME: os.devNull,
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_TERMINAL_PROMPT: "0",
    // Next.js's types make NODE_ENV required; git has no use for it.
  } as unknown as NodeJS.ProcessEnv;
}

/**
 * Starts git with an argument array (never a shell). Git runs in a process group of its own, so that stopping it on
 * a timeout or an abort also stops what it started (pack-objects, index-pack, hooks): SIGTERM, then SIGKILL after a
 * grace period.
 */
export function spawnGit(args: readonly string[], options: GitOptions = {}): GitProcess {
  options.signal?.throwIfAborted();
  const command = args[0] ?? "";
  const argv = [
    ...Object.entries(options.config ?? {}).flatMap(([name, value]) => ["-c", `${name}=${value}`]),
    ...(options.gitDir === undefined ? [] : [`--git-dir=${absolute(options.gitDir, "gitDir")}`]),
    ...args,
  ];
  const cwd = options.cwd === undefined ? path.parse(process.cwd()).root : absolute(options.cwd, "cwd");
  const child = spawn("git", argv, { cwd, env: gitEnvironment(options.env), stdio: "pipe", shell: false, detached: true });

  let stderr = "";
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (chunk: string) => {
    stderr = (stderr + chunk).slice(-STDERR_LIMIT);
  });
  // Git may exit without reading all of its input (a failed command, a refused push): its exit says what happened,
  // the EPIPE of a late write adds nothing.
  child.stdin.on("error", () => undefined);

  let settled = false;
  let stopped: { reason: GitFailure; detail: string } | undefined;
  let killTimer: NodeJS.Timeout | undefined;
  const signalGroup = (signal: NodeJS.Signals) => {
    if (child.pid === undefined) return;
    try {
      process.kill(-child.pid, signal);
    } catch {
      // Already gone.
    }
  };
  const stop = (reason: GitFailure, detail: string) => {
    // Once git has exited by itself its own exit status tells what happened, even before its output is all read.
    if (stopped || settled || child.exitCode !== null || child.signalCode !== null) return;
    stopped = { reason, detail };
    signalGroup("SIGTERM");
    killTimer = setTimeout(() => signalGroup("SIGKILL"), KILL_GRACE_MS);
  };
  const timeout = options.timeoutMs === undefined ? undefined : setTimeout(() => stop("timeout", `timed out after ${options.timeoutMs} ms`), options.timeoutMs);
  const onAbort = () => {
    const why = options.signal?.reason;
    stop("aborted", `was stopped${why instanceof Error ? `: ${why.message}` : ""}`);
  };
  options.signal?.addEventListener("abort", onAbort, { once: true });

  const done = new Promise<GitExit>((resolve, reject) => {
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timeout);
      clearTimeout(killTimer);
      options.signal?.removeEventListener("abort", onAbort);
      outcome();
    };
    child.once("error", (error) => settle(() => reject(new GitError(`git could not be started in ${cwd}: ${error.message}`, "spawn", null, ""))));
    child.once("close", (code, signal) =>
      settle(() => {
        const tail = maskCredentials(stderr).trim();
        const said = tail ? `: ${tail.slice(-MESSAGE_STDERR_CHARS)}` : "";
        if (stopped) reject(new GitError(`git ${command} ${stopped.detail}`, stopped.reason, code, tail));
        else if (code === null) reject(new GitError(`git ${command} was killed by ${signal}${said}`, "killed", null, tail));
        else if (!(options.okCodes ?? [0]).includes(code)) reject(new GitError(`git ${command} failed with exit code ${code}${said}`, "exit", code, tail));
        else resolve({ code, stderr: tail });
      }),
    );
  });
  // Callers that only stream may never look at `done`; its failure must not become an unhandled rejection.
  done.catch(() => undefined);

  return { stdin: child.stdin, stdout: child.stdout, done, kill: () => stop("aborted", "was stopped") };
}

/** Runs git to completion for a small read: its whole stdout, bounded by `maxStdoutBytes`. */
export async function runGit(args: readonly string[], options: RunGitOptions): Promise<GitResult> {
  const git = spawnGit(args, options);
  git.stdin.end(options.input);
  const chunks: Buffer[] = [];
  let size = 0;
  git.stdout.on("data", (chunk: Buffer) => {
    size += chunk.length;
    if (size <= options.maxStdoutBytes) chunks.push(chunk);
    else git.kill();
  });
  let exit: GitExit | undefined;
  let failure: unknown;
  try {
    exit = await git.done;
  } catch (error) {
    failure = error;
  }
  if (size > options.maxStdoutBytes) {
    const stderr = failure instanceof GitError ? failure.stderr : (exit?.stderr ?? "");
    throw new GitError(`git ${args[0]} printed more than ${options.maxStdoutBytes} bytes`, "output-limit", null, stderr);
  }
  if (!exit) throw failure;
  return { stdout: Buffer.concat(chunks), stderr: exit.stderr, code: exit.code };
}
