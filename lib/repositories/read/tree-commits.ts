import { filePathProblem } from "../refs";
import type { Commit } from "./commit-format";
import { commitsById } from "./commits";
import { gitRead, gitRecords } from "./git-read";
import { HISTORY_MS, QUICK_MS } from "./limits";
import { cacheKey, objectCache } from "./object-cache";

// A walk that has seen this many commits without finding every entry gives up on the rest (shown as unknown): an
// entry untouched since the first of a million commits is not worth a core for half a minute.
const MAX_COMMITS_WALKED = 20_000;
const MAX_NAMES = 1000;

const COMMIT_MARK = "\x01";

interface Walk {
  /** Entry name → the first commit of the walk that is not a merge and changed it. */
  found: Map<string, string>;
  /** Entry name → merges that changed it against some parent, newer than its `found` commit, newest first. */
  merges: Map<string, string[]>;
  /** A merge's parents. */
  parents: Map<string, string[]>;
}

/**
 * Which of the merges the walk saw for each entry really changed it: those whose entry differs from the entry of
 * every parent, as `git log -1 -- <entry>` keeps a merge only when it is TREESAME to no parent. One
 * `git cat-file --batch-check` answers for every merge, parent and entry.
 */
async function mergesThatChanged(repo: string, prefix: string, walk: Walk): Promise<Map<string, string>> {
  const asked: string[] = [];
  for (const [name, merges] of walk.merges) {
    if (name.includes("\n")) continue;
    for (const merge of merges) for (const commit of [merge, ...walk.parents.get(merge)!]) asked.push(`${commit}:${prefix}${name}`);
  }
  const chosen = new Map<string, string>();
  if (asked.length === 0) return chosen;
  const input = [...new Set(asked)].join("\n") + "\n";
  const { stdout } = await gitRead(repo, ["cat-file", "--batch-check=%(objectname)"], { timeoutMs: QUICK_MS, maxBytes: 2 * input.length + 1024, input });
  const lines = stdout.toString("utf8").split("\n");
  const ids = new Map([...new Set(asked)].map((question, index) => [question, (lines[index] ?? "").split(" ")[0]!]));
  const idOf = (commit: string, name: string) => ids.get(`${commit}:${prefix}${name}`);
  for (const [name, merges] of walk.merges) {
    const merge = merges.find((candidate) => walk.parents.get(candidate)!.every((parent) => idOf(parent, name) !== idOf(candidate, name)));
    if (merge) chosen.set(name, merge);
  }
  return chosen;
}

/**
 * The commit that last changed each of `names`, entries of the directory `dir` ("" for the root) of `commit`: what the
 * Files page shows beside each entry (GitLab's ListLastCommitsForTree). Instead of one `git log -1 -- <entry>` per
 * entry, one `git log -m --name-only` over just those entries, newest first, stopped as soon as every entry has a
 * commit that is not a merge; the merges it passed on the way are then kept for an entry only where `git log -1` keeps
 * them (mergesThatChanged). It can differ from `git log -1` only when a merge took an entry from its first parent and
 * threw away a newer change of a side branch, whose commit one walk for all entries still sees. A name that has no
 * commit within the walk's bound is left out. Cached by commit, directory and names: history never changes.
 */
export async function lastCommitsForTree(repo: string, commit: string, dir: string, names: readonly string[]): Promise<Map<string, Commit>> {
  if ((dir !== "" && filePathProblem(dir)) || names.length === 0) return new Map();
  const wanted = [...new Set(names)].slice(0, MAX_NAMES).filter((name) => name !== "" && !name.includes("/"));
  const prefix = dir === "" ? "" : `${dir}/`;
  const ids = await objectCache.getOrLoad(
    cacheKey("tree-commits", repo, commit, dir, ...wanted),
    async () => {
      const walk: Walk = { found: new Map(), merges: new Map(), parents: new Map() };
      let current = "";
      let merge = false;
      let walked = 0;
      // `-z`: each commit is "\x01<id> <parents>", then the paths it changed (the first after a newline), each
      // NUL-ended. With -m a merge comes once per parent whose diff is not empty.
      const args = ["log", "-z", `--format=${COMMIT_MARK}%H %P`, "--name-only", "-m", "--no-renames", "--end-of-options", commit, "--", ...wanted.map((name) => prefix + name)];
      await gitRecords(repo, args, { separator: 0, timeoutMs: HISTORY_MS }, (record) => {
        const text = record.toString("utf8");
        if (text.startsWith(COMMIT_MARK)) {
          const [id = "", ...parents] = text.slice(1).split(" ");
          if (id === current) return "more";
          current = id;
          merge = parents.length > 1;
          if (merge) walk.parents.set(id, parents);
          return ++walked > MAX_COMMITS_WALKED ? "stop" : "more";
        }
        const path = text.startsWith("\n") ? text.slice(1) : text;
        if (!path.startsWith(prefix)) return "more";
        const rest = path.slice(prefix.length);
        const slash = rest.indexOf("/");
        const name = slash < 0 ? rest : rest.slice(0, slash);
        if (walk.found.has(name)) return "more";
        if (merge) {
          const merges = walk.merges.get(name) ?? [];
          if (merges.at(-1) !== current) merges.push(current);
          walk.merges.set(name, merges);
          return "more";
        }
        walk.found.set(name, current);
        return walk.found.size >= wanted.length ? "stop" : "more";
      });
      const merges = await mergesThatChanged(repo, prefix, walk);
      return wanted.flatMap((name): [string, string][] => {
        const id = merges.get(name) ?? walk.found.get(name);
        return id ? [[name, id]] : [];
      });
    },
    (pairs) => 100 + pairs.reduce((sum, [name]) => sum + 2 * name.length + 100, 0),
  );
  const commits = await commitsById(
    repo,
    ids.map(([, id]) => id),
  );
  return new Map(ids.map(([name], index) => [name, commits[index]!]));
}
