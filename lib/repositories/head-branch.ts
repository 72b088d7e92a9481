import { runGit, type RunGitOptions } from "./git-process";

const SMALL_RUN: Pick<RunGitOptions, "timeoutMs" | "maxStdoutBytes"> = { timeoutMs: 60_000, maxStdoutBytes: 64 * 1024 };

/**
 * The branch HEAD should name once a repository's refs have arrived (from a bundle or a mirror fetch). The
 * repository's own HEAD comes first when that branch arrived: the importer creates the repository on the source's
 * default branch (from the project's attributes). Else the source's HEAD, when known, which names a commit, not a
 * branch: the branch at that commit; `main`, then `master`, then the first branch by name among those (or among all).
 * Null when no branch arrived.
 */
function headBranch(refs: ReadonlyMap<string, string>, current: string | null): string | null {
  const branches = [...refs.keys()].filter((name) => name.startsWith("refs/heads/")).sort();
  if (branches.length === 0) return null;
  if (current && branches.includes(current)) return current;
  const head = refs.get("HEAD");
  const candidates = head === undefined ? branches : branches.filter((name) => refs.get(name) === head);
  return ["refs/heads/main", "refs/heads/master"].find((name) => candidates.includes(name)) ?? candidates[0] ?? branches[0]!;
}

/** Points HEAD of the bare repository at the branch `headBranch` chooses; gives it short (`main`), null for none. */
export async function pointHead(repoPath: string, refs: ReadonlyMap<string, string>): Promise<string | null> {
  const run = { gitDir: repoPath, ...SMALL_RUN };
  const { stdout } = await runGit(["symbolic-ref", "--quiet", "HEAD"], { ...run, okCodes: [0, 1] });
  const branch = headBranch(refs, stdout.toString("utf8").trim() || null);
  if (branch) await runGit(["symbolic-ref", "HEAD", branch], run);
  return branch?.slice("refs/heads/".length) ?? null;
}
