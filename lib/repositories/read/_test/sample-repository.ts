import fs from "node:fs";
import path from "node:path";
import { commitFiles, git, newWorktree } from "@/test/helpers/git-client";

// A small bare repository built with the real git client, holding what the readers must show: nested directories,
// an executable, a binary file, a symbolic link, a rename, a merge, a large file, branches, and lightweight and
// annotated tags. `sha` names its commits for the tests' expectations.

export interface SampleRepository {
  /** The bare repository the readers read. */
  repo: string;
  /** The working tree it was cloned from (for asking git the expected answers). */
  worktree: string;
  sha: {
    initial: string;
    files: string;
    executable: string;
    rename: string;
    binary: string;
    login: string;
    merge: string;
    big: string;
    head: string;
    ahead: string;
  };
}

/** Bytes with NULs: git and Ferry both call this binary. */
export const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 1, 2, 3, 0, 0, 255]);
export const BIG_LINES = 3000;

export async function buildSampleRepository(parent: string, name = "sample"): Promise<SampleRepository> {
  const worktree = await newWorktree(parent, `${name}-worktree`);
  const initial = await git(worktree, ["rev-parse", "HEAD"]);

  const files = await commitFiles(
    worktree,
    {
      "src/app.ts": 'export const app = "ferry";\n',
      "src/lib/util.ts": "export const add = (a: number, b: number) => a + b;\n",
      "src/lib/deep/nested/leaf.txt": "leaf\n",
      "docs/guide.md": `# Guide\n\n${Array.from({ length: 20 }, (_, index) => `Step ${index + 1}: do the thing.`).join("\n")}\n`,
      "bin/run.sh": "#!/bin/sh\necho run\n",
      "-p": "a file whose name looks like an option\n",
      "with space.txt": "spaced\n",
    },
    "Add sources and docs\n\nWith a body line.",
  );
  fs.chmodSync(path.join(worktree, "bin/run.sh"), 0o755);
  fs.symlinkSync("src/app.ts", path.join(worktree, "app-link"));
  await git(worktree, ["add", "--all"]);
  // A fixed author date in another time zone: GitLab keeps the zone it was recorded in.
  await git(worktree, ["commit", "--quiet", "--date=2012-09-20T09:06:12+03:00", "--message", "Make run.sh executable and link the app"]);
  const executable = await git(worktree, ["rev-parse", "HEAD"]);

  await git(worktree, ["mv", "docs/guide.md", "docs/manual.md"]);
  fs.appendFileSync(path.join(worktree, "docs/manual.md"), "One more step.\n");
  await git(worktree, ["add", "--all"]);
  await git(worktree, ["commit", "--quiet", "--message", "Rename the guide to the manual"]);
  const rename = await git(worktree, ["rev-parse", "HEAD"]);

  fs.mkdirSync(path.join(worktree, "assets"), { recursive: true });
  fs.writeFileSync(path.join(worktree, "assets/logo.png"), PNG);
  await git(worktree, ["add", "--all"]);
  await git(worktree, ["commit", "--quiet", "--message", "Add the logo"]);
  const binary = await git(worktree, ["rev-parse", "HEAD"]);

  await git(worktree, ["checkout", "--quiet", "-b", "feature/login"]);
  const login = await commitFiles(worktree, { "src/login.ts": "export const login = () => true;\n" }, "Add login");
  await git(worktree, ["checkout", "--quiet", "main"]);
  await commitFiles(worktree, { "src/app.ts": 'export const app = "ferry";\nexport const version = 2;\n' }, "Bump the version");
  await git(worktree, ["merge", "--quiet", "--no-ff", "--message", "Merge branch 'feature/login' into 'main'", "feature/login"]);
  const merge = await git(worktree, ["rev-parse", "HEAD"]);

  fs.writeFileSync(path.join(worktree, "big.txt"), Array.from({ length: BIG_LINES }, (_, index) => `line ${index} of a file too large to show\n`).join(""));
  await git(worktree, ["add", "big.txt"]);
  // A submodule: a tree entry of type "commit" (no working tree for it, so `add --all` must not run again).
  await git(worktree, ["update-index", "--add", "--cacheinfo", `160000,${initial},vendor/lib`]);
  await git(worktree, ["commit", "--quiet", "--message", "Add a big file and a submodule"]);
  const big = await git(worktree, ["rev-parse", "HEAD"]);

  // Branches for pagination and search, and one that is ahead of main.
  for (const branch of ["alpha", "beta", "gamma", "release/1.x", "Feature/UPPER"]) await git(worktree, ["branch", branch, files]);
  await git(worktree, ["checkout", "--quiet", "-b", "ahead"]);
  await git(worktree, ["rm", "--quiet", "with space.txt"]);
  fs.writeFileSync(path.join(worktree, "ahead.txt"), "ahead\n");
  await git(worktree, ["add", "ahead.txt"]);
  await git(worktree, ["commit", "--quiet", "--message", "Ahead of main"]);
  const ahead = await git(worktree, ["rev-parse", "HEAD"]);
  await git(worktree, ["checkout", "--quiet", "main"]);
  await git(worktree, ["tag", "v1.0", files]);
  await git(worktree, ["tag", "--annotate", "--message", "Release 2.0\n\nThe notes.", "v2.0", merge]);
  await git(worktree, ["tag", "v2.1", big]);

  const repo = path.join(parent, `${name}.git`);
  // A bare clone copies every branch and tag as they are, and HEAD on main.
  await git(parent, ["clone", "--quiet", "--bare", "--no-local", worktree, repo]);
  return { repo, worktree, sha: { initial, files, executable, rename, binary, login, merge, big, head: big, ahead } };
}
