import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { commitFiles, git, newWorktree } from "./git-client";

// Bare repositories with scripted history, for a test source's projects (their `repository` relation): what a GitLab
// project's repository holds that an importer must carry over whole. Made with the real git client (git-client.ts:
// no configuration of the machine or the user, a fixed identity).

export interface SourceRepositoryOptions {
  /** Commits on `main` (the first adds a README). 0 makes an empty repository (no refs; the other options are ignored). Default 3. */
  commits?: number;
  /** Branches `feature/<n>` off `main`, each with a commit of its own. Default 2. */
  branches?: number;
  /** Tags `v1.<n>` on commits of `main`: odd ones lightweight, even ones annotated. Default 2. */
  tags?: number;
  /** Lightweight tags of these names at the tip of `main` (the tags a project's releases name). Default none. */
  namedTags?: string[];
  /** `refs/merge-requests/<iid>/head` refs (iid from 1) at the branches' tips (at `main` without branches). Default 1. */
  mergeRequestRefs?: number;
  /** A binary file (`assets/logo.bin`, with NULs) in the second commit of `main` (the first when there is one). Default true. */
  binary?: boolean;
  /**
   * Files committed as Git LFS pointers (with their `.gitattributes`) in a last commit on `main`, by path: the
   * repository holds the pointers, the contents are the project's LFS objects (serve them with fromLfsObjects).
   */
  lfs?: Record<string, Buffer>;
}

/** The pointer git-lfs commits in place of `data` (the spec's exact text: version, oid, size, in this order). */
export function lfsPointer(data: Buffer): string {
  return `version https://git-lfs.github.com/spec/v1\noid sha256:${createHash("sha256").update(data).digest("hex")}\nsize ${data.length}\n`;
}

/** Bytes with NULs and every value (binary to git), starting as a PNG does. */
export const SOURCE_BINARY = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 31) % 256))]);

let made = 0;

/**
 * Makes a bare repository in `dir` (created if needed; `<dir>/source-<n>.git`, next to the working tree it was pushed
 * from) and gives its path. HEAD names `main`.
 */
export async function makeSourceRepository(dir: string, options: SourceRepositoryOptions = {}): Promise<string> {
  const { commits = 3, branches = 2, tags = 2, namedTags = [], mergeRequestRefs = 1, binary = true, lfs } = options;
  fs.mkdirSync(dir, { recursive: true });
  made += 1;
  const name = `source-${process.pid}-${made}`;
  const bare = path.join(dir, `${name}.git`);
  await git(dir, ["init", "--quiet", "--bare", "--initial-branch=main", bare]);
  if (commits < 1) return bare;

  const worktree = await newWorktree(dir, `${name}-work`);
  const writeBinary = () => {
    fs.mkdirSync(path.join(worktree, "assets"), { recursive: true });
    fs.writeFileSync(path.join(worktree, "assets/logo.bin"), SOURCE_BINARY);
  };
  if (binary && commits === 1) {
    writeBinary();
    await git(worktree, ["add", "--all"]);
    await git(worktree, ["commit", "--quiet", "--amend", "--no-edit"]);
  }
  const mainCommits = [await git(worktree, ["rev-parse", "HEAD"])];
  for (let n = 2; n <= commits; n += 1) {
    if (binary && n === 2) writeBinary();
    const files: Record<string, string> = { [`src/file-${n}.txt`]: `Line ${n}\n`, "CHANGELOG.md": `${Array.from({ length: n }, (_, i) => `- change ${i + 1}`).join("\n")}\n` };
    mainCommits.push(await commitFiles(worktree, files, `Change ${n}\n\nCommit ${n} on main.`));
  }

  if (lfs) {
    const attributes = Object.keys(lfs).map((name) => `${name.replaceAll(" ", "[[:space:]]")} filter=lfs diff=lfs merge=lfs -text\n`).join("");
    const pointers = Object.fromEntries(Object.entries(lfs).map(([name, data]) => [name, lfsPointer(data)]));
    mainCommits.push(await commitFiles(worktree, { ".gitattributes": attributes, ...pointers }, "Track large files with Git LFS"));
  }

  const branchNames: string[] = [];
  for (let n = 1; n <= branches; n += 1) {
    const branch = `feature/${n}`;
    const base = mainCommits[(n - 1) % mainCommits.length] as string;
    await git(worktree, ["checkout", "--quiet", "-b", branch, base]);
    await commitFiles(worktree, { [`features/${n}.md`]: `# Feature ${n}\n` }, `Add feature ${n}`);
    branchNames.push(branch);
  }
  await git(worktree, ["checkout", "--quiet", "main"]);

  for (let n = 1; n <= tags; n += 1) {
    const target = mainCommits[(n - 1) % mainCommits.length] as string;
    if (n % 2 === 1) await git(worktree, ["tag", `v1.${n}`, target]);
    else await git(worktree, ["tag", "--annotate", "--message", `Release 1.${n}`, `v1.${n}`, target]);
  }

  for (const name of namedTags) await git(worktree, ["tag", name, "main"]);

  const mergeRequests = Array.from({ length: mergeRequestRefs }, (_, i) => {
    const head = branchNames.length > 0 ? branchNames[i % branchNames.length] : "main";
    return `refs/heads/${head}:refs/merge-requests/${i + 1}/head`;
  });
  await git(worktree, ["push", "--quiet", bare, "refs/heads/*:refs/heads/*", "refs/tags/*:refs/tags/*", ...mergeRequests]);
  return bare;
}

/**
 * A snippet's repository as GitLab makes one: a single branch (`main`, HEAD) whose commits hold the snippet's files,
 * one commit per entry of `history` (the last is what the snippet shows). `tag` adds a tag, which GitLab's snippet
 * repository validation refuses.
 */
export async function makeSnippetRepository(dir: string, history: Record<string, string>[], options: { tag?: boolean } = {}): Promise<string> {
  fs.mkdirSync(dir, { recursive: true });
  made += 1;
  const name = `snippet-${process.pid}-${made}`;
  const bare = path.join(dir, `${name}.git`);
  await git(dir, ["init", "--quiet", "--bare", "--initial-branch=main", bare]);
  const worktree = await newWorktree(dir, `${name}-work`);
  for (const [n, files] of history.entries()) await commitFiles(worktree, files, `Update snippet (${n + 1})`);
  if (options.tag) await git(worktree, ["tag", "v1"]);
  await git(worktree, ["push", "--quiet", bare, "refs/heads/*:refs/heads/*", "refs/tags/*:refs/tags/*"]);
  return bare;
}
