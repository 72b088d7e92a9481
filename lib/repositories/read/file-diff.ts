import { filePathProblem } from "../refs";
import { commitsById } from "./commits";
import { DiffParser, type DiffFile, type DiffLimits } from "./diff-parse";
import { DIFF_ARGS } from "./diffs";
import { gitChunks } from "./git-read";
import { DIFF_MS } from "./limits";
import { cacheKey, objectCache } from "./object-cache";
import { resolveRevision } from "./resolve";

/**
 * One file's change in a commit (against its first parent, as commitDiff), for a page that expands a file the
 * commit's diff left collapsed or too large: git diffs only that file (both paths of a rename, so that it is still
 * seen as one), bounded by `limits`. Null when the commit did not change it.
 */
export async function commitFileDiff(repo: string, sha: string, paths: { oldPath: string; newPath: string }, limits: DiffLimits): Promise<DiffFile | null> {
  const { oldPath, newPath } = paths;
  if (filePathProblem(oldPath) || filePathProblem(newPath)) return null;
  const id = await resolveRevision(repo, sha);
  const [commit] = await commitsById(repo, [id]);
  const parent = commit!.parent_ids[0];
  const sides = parent ? ["--end-of-options", parent, id] : ["--root", "--end-of-options", id];
  const result = await objectCache.getOrLoad(
    cacheKey("file-diff", repo, id, oldPath, newPath, JSON.stringify(limits)),
    async () => {
      const parser = new DiffParser({ ...limits, maxFiles: 2 });
      await gitChunks(repo, [...DIFF_ARGS, ...sides, "--", ...new Set([oldPath, newPath])], { timeoutMs: DIFF_MS }, (chunk) => parser.push(chunk));
      return parser.result();
    },
    (value) => value.diffs.reduce((sum, file) => sum + 2 * file.diff.length + 200, 100),
  );
  return result.diffs.find((file) => file.old_path === oldPath && file.new_path === newPath) ?? null;
}
