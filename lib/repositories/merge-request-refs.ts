import { runGit } from "./git-process";

const SHA = /^[0-9a-f]{40}([0-9a-f]{24})?$/;
const RUN = { timeoutMs: 10 * 60_000 };

/** A merge request's number and the commit its head ref should name. */
export interface MergeRequestHead {
  iid: number;
  sha: string;
}

/**
 * Writes `refs/merge-requests/<iid>/head` in the bare repository for each merge request whose head commit is in it, as
 * GitLab keeps one per merge request: three git processes whatever their number (which commits exist, which refs
 * exist, then one atomic `update-ref --stdin`). A ref already there (from the source's bundle, or a replay) is left as
 * it is. Gives the number of refs written.
 */
export async function writeMergeRequestRefs(repoPath: string, heads: readonly MergeRequestHead[]): Promise<number> {
  const candidates = heads.filter((head) => SHA.test(head.sha));
  if (candidates.length === 0) return 0;
  const shas = [...new Set(candidates.map((head) => head.sha))];
  const checked = await runGit(["cat-file", "--batch-check=%(objectname) %(objecttype)"], { gitDir: repoPath, ...RUN, input: `${shas.join("\n")}\n`, maxStdoutBytes: shas.length * 128 + 1024 });
  const commits = new Set(
    checked.stdout
      .toString("utf8")
      .split("\n")
      .flatMap((line) => {
        const [sha, type] = line.split(" ");
        return type === "commit" && sha ? [sha] : [];
      }),
  );
  const listed = await runGit(["for-each-ref", "--format=%(refname)", "refs/merge-requests/"], { gitDir: repoPath, ...RUN, maxStdoutBytes: 64 * 1024 * 1024 });
  const existing = new Set(listed.stdout.toString("utf8").split("\n"));
  const wanted = new Map<string, string>();
  for (const head of candidates) {
    const ref = `refs/merge-requests/${head.iid}/head`;
    if (commits.has(head.sha) && !existing.has(ref)) wanted.set(ref, head.sha);
  }
  if (wanted.size === 0) return 0;
  const commands = [...wanted].map(([ref, sha]) => `create ${ref} ${sha}\n`).join("");
  await runGit(["update-ref", "--stdin"], { gitDir: repoPath, ...RUN, input: commands, maxStdoutBytes: 64 * 1024 });
  return wanted.size;
}
