import fs from "node:fs";
import path from "node:path";
import type { Visibility } from "@/lib/db";
import { createGroup, type Group } from "@/lib/groups";
import { createProject, type ProjectWithAccess } from "@/lib/projects";
import { repositoryPath } from "@/lib/repositories";
import { tokenFor } from "./api";
import { makeUser, unique } from "./factories";
import { commitFiles, git, newWorktree } from "./git-client";

// A project whose repository was built with the real git client and pushed into its bare repository on disk, holding
// what the repository API must show: nested directories, names with spaces, `%` and non-ASCII letters, an executable,
// binary files, trailers, a branch with a slash in its name, and lightweight and annotated tags.

/** Bytes with NULs (binary to git), starting as a PNG does. */
export const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 1, 2, 3, 0, 0, 255]);

/** 100 000 bytes of every value, in an order no 3-byte boundary lines up with. */
export const BINARY = Buffer.from(Array.from({ length: 100_000 }, (_, index) => (index * 7 + (index >> 8)) % 256));

export const TRAILER_MESSAGE = "Fix the app\n\nA longer explanation.\n\nCc: John Doe <john@example.com>\nCc: Jane Doe <jane@example.com>\n";

export interface RepositoryProject {
  owner: Awaited<ReturnType<typeof makeUser>>;
  group: Group;
  project: ProjectWithAccess;
  /** An `api` token of the owner. */
  token: string;
  /** The project's bare repository. */
  repo: string;
  /** The working tree it was pushed from (for asking git the expected answers). */
  worktree: string;
  sha: { initial: string; files: string; executable: string; trailers: string; feature: string };
}

/** Pushes every branch and tag of `worktree` into the bare repository `repo`. */
export const pushAll = (worktree: string, repo: string) => git(worktree, ["push", "--quiet", repo, "refs/heads/*:refs/heads/*", "refs/tags/*:refs/tags/*"]);

/** A group and a project in it (`visibility`), its repository filled as described above. */
export async function repositoryProject(parent: string, visibility: Visibility = "private"): Promise<RepositoryProject> {
  const owner = await makeUser();
  const group = await createGroup(owner, { name: unique("Repository Group"), path: unique("repo"), visibility });
  const project = await createProject(owner, { name: "Sample", path: unique("sample"), namespaceId: group.id, visibility });
  const repo = repositoryPath(project.id, "project");
  const worktree = await newWorktree(parent, unique("worktree"));
  const initial = await git(worktree, ["rev-parse", "HEAD"]);

  const files = await commitFiles(
    worktree,
    {
      "files/html/index.html": "<h1>Hello</h1>\n",
      "files/ruby/app.rb": "puts 'app'\n",
      "files/whitespace": "   \n",
      "docs/a b/100%.txt": "a hundred percent\n",
      "ünïcode.txt": "unicode\n",
    },
    "Add files",
  );
  fs.writeFileSync(path.join(worktree, "image.png"), PNG);
  fs.writeFileSync(path.join(worktree, "data.bin"), BINARY);
  fs.mkdirSync(path.join(worktree, "bin"));
  fs.writeFileSync(path.join(worktree, "bin/run.sh"), "#!/bin/sh\necho run\n");
  fs.chmodSync(path.join(worktree, "bin/run.sh"), 0o755);
  await git(worktree, ["add", "--all"]);
  await git(worktree, ["commit", "--quiet", "--date=2012-09-20T09:06:12+03:00", "--message", "Add an executable and binary files"]);
  const executable = await git(worktree, ["rev-parse", "HEAD"]);
  await git(worktree, ["tag", "v1.0", files]);

  const trailers = await commitFiles(worktree, { "files/ruby/app.rb": "puts 'app'\nputs 'fixed'\n" }, TRAILER_MESSAGE);
  await git(worktree, ["tag", "--annotate", "--message", "Release 1.1\n\nThe second release.", "release/1.1"]);

  await git(worktree, ["checkout", "--quiet", "-b", "feature/x"]);
  const feature = await commitFiles(worktree, { "feature.txt": "feature\n", "files/ruby/app.rb": "puts 'feature'\n" }, "Add a feature");
  await git(worktree, ["checkout", "--quiet", "main"]);
  await pushAll(worktree, repo);
  return { owner, group, project, token: await tokenFor(owner.id), repo, worktree, sha: { initial, files, executable, trailers, feature } };
}
