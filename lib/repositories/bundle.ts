import { firstErrorLine, GitError, runGit, type RunGitOptions } from "./git-process";
import { pointHead } from "./head-branch";

// Repositories as git bundles, the form GitLab's direct transfer moves a project's repository (and its designs) in:
// `repository.bundle` inside repository.tar.gz. Written with `git bundle create --all` as GitLab's
// RepositoryBundleExportService does, restored as Gitaly's CreateRepositoryFromBundle restores one.

// A large repository's bundle takes minutes to write or to index; a stuck git must still end.
const BUNDLE_RUN: Pick<RunGitOptions, "timeoutMs" | "maxStdoutBytes"> = { timeoutMs: 60 * 60_000, maxStdoutBytes: 64 * 1024 };
// `bundle list-heads` prints a line per ref: room for some hundreds of thousands of them.
const HEADS_OUTPUT = 64 * 1024 * 1024;

/** A bundle that cannot become a repository: not a bundle, damaged, or one that needs history the target lacks. */
export class BundleError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "BundleError";
  }
}


/**
 * Writes every ref of the bare repository at `repoPath` (branches, tags, merge request refs, HEAD) into a bundle at
 * `file`. An empty repository has nothing to bundle: false, and no file, as GitLab then leaves the bundle out.
 */
export async function createBundle(repoPath: string, file: string): Promise<boolean> {
  const { stdout } = await runGit(["for-each-ref", "--count=1", "--format=%(refname)"], { gitDir: repoPath, ...BUNDLE_RUN });
  if (stdout.length === 0) return false;
  // `file` is absolute (runGit's callers never pass a relative path), so it cannot be read as an option.
  await runGit(["bundle", "create", "--quiet", file, "--all"], { gitDir: repoPath, ...BUNDLE_RUN });
  return true;
}

/** The refs a bundle holds, HEAD included when it has one: name → object id. */
async function bundleHeads(repoPath: string, file: string): Promise<Map<string, string>> {
  const { stdout } = await runGit(["bundle", "list-heads", file], { gitDir: repoPath, timeoutMs: BUNDLE_RUN.timeoutMs, maxStdoutBytes: HEADS_OUTPUT });
  const heads = new Map<string, string>();
  for (const line of stdout.toString("utf8").split("\n")) {
    const [id, name] = line.split(" ");
    if (id && name) heads.set(name, id);
  }
  return heads;
}

/**
 * Restores a bundle into the empty bare repository at `repoPath`: checked with `git bundle verify` (a file that is
 * not a bundle, is cut short, or needs commits the repository lacks is a BundleError naming why), every ref fetched
 * in one atomic update (all or none), and HEAD set to the bundle's HEAD branch. Gives the number of refs restored and
 * the branch HEAD names (short), null when the bundle has no branch.
 */
export async function restoreFromBundle(repoPath: string, file: string): Promise<{ refs: number; head: string | null }> {
  const run = { gitDir: repoPath, ...BUNDLE_RUN };
  try {
    // Not --quiet, which also silences why a bundle is refused; on success it lists the refs (hence the larger bound).
    await runGit(["bundle", "verify", file], { ...run, maxStdoutBytes: HEADS_OUTPUT });
  } catch (error) {
    if (error instanceof GitError && error.reason === "exit") throw new BundleError(`The repository bundle is not valid: ${firstErrorLine(error.stderr) || "git bundle verify failed"}.`, { cause: error });
    throw error;
  }
  const heads = await bundleHeads(repoPath, file);
  try {
    // No refspec is forced: the repository is empty, so a ref that is already there means something went wrong.
    await runGit(["fetch", "--quiet", "--atomic", "--no-write-fetch-head", file, "refs/*:refs/*"], run);
  } catch (error) {
    // verify reads the bundle's header only: a pack cut short is found here, and --atomic has then written no ref.
    if (error instanceof GitError && error.reason === "exit") throw new BundleError(`The repository bundle is not valid: ${firstErrorLine(error.stderr) || "git fetch failed"}.`, { cause: error });
    throw error;
  }
  return { refs: [...heads.keys()].filter((name) => name !== "HEAD").length, head: await pointHead(repoPath, heads) };
}
