import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import zlib from "node:zlib";
import { writeTar, type TarInput } from "@/lib/archive";
import { createBundle, runGit } from "@/lib/repositories";
import type { RelationSource } from "./relation-source";
import type { OutgoingBody } from "./types";

type RepositorySource = Extract<RelationSource, { kind: "repository" }>;

/** The repository's git directory: a bare repository as given, or the `.git` of a working tree. */
function gitDirOf(repository: string | null): string | null {
  if (repository === null || !fs.existsSync(repository)) return null;
  const dotGit = path.join(repository, ".git");
  return fs.existsSync(dotGit) ? dotGit : repository;
}

/**
 * `<relation>.tar.gz` of a repository relation, made in `folder` as GitLab's FileExportService makes it: the bundle
 * written by `git bundle create <file> --all` (Ferry's createBundle), then `tar -cf <relation>.tar -C <dir> .` (so
 * `./` and `./repository.bundle`), gzipped. An empty or missing repository has no bundle: the tar holds `./` alone.
 * Made once per export and sent from disk with its Content-Length, as GitLab serves the stored file.
 */
export async function repositoryArchive(source: RepositorySource, relation: string, folder: string, gzipLevel: number): Promise<OutgoingBody> {
  const gitDir = gitDirOf(source.path);
  const bundle = path.join(folder, source.bundle);
  const bundled = gitDir !== null && (await createBundle(gitDir, bundle));
  const entries: TarInput[] = [{ name: "./", type: "directory", size: 0 }];
  if (bundled) entries.push({ name: `./${source.bundle}`, size: fs.statSync(bundle).size, body: fs.createReadStream(bundle) });
  const file = path.join(folder, `${relation}.tar.gz`);
  await pipeline(Readable.from(writeTar(entries)), zlib.createGzip({ level: gzipLevel }), fs.createWriteStream(file));
  fs.rmSync(bundle, { force: true });
  const length = fs.statSync(file).size;
  return { length, chunks: () => fs.createReadStream(file) };
}

/** What the project API says of a repository: whether it is empty, and the branch HEAD names (its root ref). */
export interface RepositoryFacts {
  empty: boolean;
  rootRef: string | null;
}

/**
 * Asks git, as GitLab asks Gitaly: a repository without refs is empty; the root ref is HEAD's branch when it exists,
 * else `main`, `master` or the first branch (FindDefaultBranchName).
 */
export async function repositoryFacts(repository: string | null): Promise<RepositoryFacts> {
  const gitDir = gitDirOf(repository);
  if (gitDir === null) return { empty: true, rootRef: null };
  const read = { gitDir, timeoutMs: 60_000, maxStdoutBytes: 64 * 1024 * 1024 };
  const refs = await runGit(["for-each-ref", "--format=%(refname)"], read);
  const names = refs.stdout.toString("utf8").split("\n").filter(Boolean);
  if (names.length === 0) return { empty: true, rootRef: null };
  const branches = names.filter((name) => name.startsWith("refs/heads/")).map((name) => name.slice("refs/heads/".length));
  const head = (await runGit(["symbolic-ref", "--quiet", "HEAD"], { ...read, okCodes: [0, 1] })).stdout.toString("utf8").trim();
  const headBranch = head.startsWith("refs/heads/") ? head.slice("refs/heads/".length) : null;
  const rootRef = headBranch && branches.includes(headBranch) ? headBranch : (["main", "master"].find((name) => branches.includes(name)) ?? branches.sort()[0] ?? null);
  return { empty: false, rootRef };
}
