import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { buffer } from "node:stream/consumers";
import { describe, expect, it } from "vitest";
import { temporaryDirectory } from "@/test/helpers/git-client";
import { GitError, runGit, spawnGit } from "./git-process";

const root = temporaryDirectory("ferry-git-process-");
const SMALL = { timeoutMs: 20_000, maxStdoutBytes: 1024 * 1024 };
// A git command that runs a shell that runs `sleep`: two processes git did not start itself, holding git's stdout.
const PAUSE = { config: { "alias.pause": "!sleep 30" } };

async function bareRepository(name: string): Promise<string> {
  const directory = path.join(root, name);
  await runGit(["init", "--bare", "--quiet", directory], SMALL);
  return directory;
}

async function failure(promise: Promise<unknown>): Promise<GitError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(GitError);
  return error as GitError;
}

const gitObjectId = (data: Buffer) => createHash("sha1").update(`blob ${data.length}\0`).update(data).digest("hex");

describe("runGit", () => {
  it("passes arguments as they are (no shell), feeds stdin and returns stdout", async () => {
    const repository = await bareRepository("objects.git");
    const hashed = await runGit(["hash-object", "-w", "--stdin"], { ...SMALL, gitDir: repository, input: "hello\n" });
    expect(hashed.code).toBe(0);
    expect(hashed.stdout.toString().trim()).toBe(gitObjectId(Buffer.from("hello\n")));
    const hostile = "$(touch pwned); `id` | cat > x";
    const quoted = await runGit(["rev-parse", "--sq-quote", hostile], { ...SMALL, cwd: root });
    expect(quoted.stdout.toString().trim()).toBe(`'${hostile}'`);
    expect(fs.existsSync(path.join(root, "pwned"))).toBe(false);
  });

  it("fails with a GitError holding the exit code and stderr; okCodes makes an exit code an answer", async () => {
    const repository = await bareRepository("config.git");
    const error = await failure(runGit(["config", "--get", "no.such"], { ...SMALL, gitDir: repository }));
    expect(error).toMatchObject({ reason: "exit", exitCode: 1, message: "git config failed with exit code 1" });
    const answer = await runGit(["config", "--get", "no.such"], { ...SMALL, gitDir: repository, okCodes: [1] });
    expect(answer.code).toBe(1);
    const missing = await failure(runGit(["rev-parse", "HEAD"], { ...SMALL, gitDir: path.join(root, "missing.git") }));
    expect(missing.exitCode).toBe(128);
    expect(missing.stderr).toMatch(/^fatal: not a git repository/);
    expect(missing.message).toContain("git rev-parse failed with exit code 128: fatal: not a git repository");
  });

  it("masks credentials of URLs in stderr and in the message", async () => {
    const repository = await bareRepository("credentials.git");
    const url = "https://oauth2:glpat-s3cret@gitlab.example.com/group/project.git";
    const error = await failure(runGit(["update-ref", "refs/heads/x", url], { ...SMALL, gitDir: repository }));
    expect(error.stderr).toContain("https://***@gitlab.example.com/group/project.git");
    expect(`${error.message} ${error.stderr}`).not.toContain("s3cret");
  });

  it("stops git at its timeout, with what git started (the shell and sleep holding its output)", async () => {
    const started = Date.now();
    const error = await failure(runGit(["pause"], { ...SMALL, ...PAUSE, timeoutMs: 300 }));
    expect(error).toMatchObject({ reason: "timeout", message: "git pause timed out after 300 ms" });
    // Had only git been killed, sleep would have kept its stdout open for 30 s.
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it("fails past the stdout cap instead of buffering on", async () => {
    const repository = await bareRepository("large.git");
    const data = randomBytes(512 * 1024);
    const oid = (await runGit(["hash-object", "-w", "--stdin"], { ...SMALL, gitDir: repository, input: data })).stdout.toString().trim();
    const error = await failure(runGit(["cat-file", "blob", oid], { ...SMALL, gitDir: repository, maxStdoutBytes: 64 * 1024 }));
    expect(error).toMatchObject({ reason: "output-limit", message: "git cat-file printed more than 65536 bytes" });
    const whole = await runGit(["cat-file", "blob", oid], { ...SMALL, gitDir: repository, maxStdoutBytes: data.length });
    expect(whole.stdout.equals(data)).toBe(true);
  });

  it("reads no inherited git variables, no system config and no user config", async () => {
    const repository = await bareRepository("env.git");
    const home = path.join(root, "home");
    fs.mkdirSync(home);
    fs.writeFileSync(path.join(home, ".gitconfig"), "[ferry]\n\tleak = home\n");
    const planted = { GIT_DIR: repository, GIT_CONFIG_PARAMETERS: "'ferry.leak'='parameters'", GIT_CONFIG_GLOBAL: path.join(home, ".gitconfig"), HOME: home, XDG_CONFIG_HOME: home };
    const saved = Object.fromEntries(Object.keys(planted).map((name) => [name, process.env[name]]));
    Object.assign(process.env, planted);
    try {
      // This machine's /etc/gitconfig has settings: none may show.
      expect((await runGit(["config", "--list"], SMALL)).stdout.toString()).toBe("");
      // No GIT_DIR: from the file system root, there is no repository to find.
      const error = await failure(runGit(["rev-parse", "--git-dir"], SMALL));
      expect(error.stderr).toMatch(/not a git repository/);
    } finally {
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  });

  it("takes only absolute paths", async () => {
    await expect(runGit(["rev-parse", "HEAD"], { ...SMALL, gitDir: "relative.git" })).rejects.toThrow("git's gitDir must be an absolute path: relative.git");
    await expect(runGit(["status"], { ...SMALL, cwd: "." })).rejects.toThrow("git's cwd must be an absolute path: .");
  });
});

describe("spawnGit", () => {
  it("streams large input and output through git", async () => {
    const repository = await bareRepository("stream.git");
    const data = randomBytes(4 * 1024 * 1024);
    const writer = spawnGit(["hash-object", "-w", "--stdin"], { gitDir: repository });
    writer.stdin.end(data);
    const [oid] = await Promise.all([buffer(writer.stdout), writer.done]);
    expect(oid.toString().trim()).toBe(gitObjectId(data));
    const reader = spawnGit(["cat-file", "blob", oid.toString().trim()], { gitDir: repository });
    reader.stdin.end();
    const [read] = await Promise.all([buffer(reader.stdout), reader.done]);
    expect(read.equals(data)).toBe(true);
  });

  it("stops git and what it started when the signal aborts, and does not start once aborted", async () => {
    const abort = new AbortController();
    const started = Date.now();
    const git = spawnGit(["pause"], { ...PAUSE, signal: abort.signal });
    setTimeout(() => abort.abort(new Error("the client went away")), 200);
    const error = await failure(git.done);
    expect(error).toMatchObject({ reason: "aborted", message: "git pause was stopped: the client went away" });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(() => spawnGit(["version"], { signal: abort.signal })).toThrow("the client went away");
  });

  it("kill() stops git; done rejects as aborted", async () => {
    const git = spawnGit(["pause"], PAUSE);
    setTimeout(() => git.kill(), 100);
    expect(await failure(git.done)).toMatchObject({ reason: "aborted", message: "git pause was stopped" });
  });
});
