import { gitRead } from "./git-read";
import { QUICK_MS, SMALL_OUTPUT } from "./limits";
import { cacheKey, objectCache } from "./object-cache";

export type EntryType = "tree" | "blob" | "commit";

/** One entry of a tree as `git ls-tree` prints it. `size` only with `-l`, for blobs. */
export interface TreeEntry {
  mode: string;
  type: EntryType;
  id: string;
  /** The path as printed: relative to the listed tree (or the root for a path lookup). */
  path: string;
  size?: number;
}

/** Parses one `ls-tree -z [-l]` record: `<mode> SP <type> SP <id>[ SP+ <size>] TAB <path>`. */
export function parseTreeEntry(record: Buffer): TreeEntry {
  const text = record.toString("utf8");
  const tab = text.indexOf("\t");
  const [mode, type, id, size] = text.slice(0, tab).split(/ +/);
  if (tab < 0 || !mode || !id || (type !== "tree" && type !== "blob" && type !== "commit")) throw new Error("git printed a tree entry in an unexpected format");
  const entry: TreeEntry = { mode, type, id, path: text.slice(tab + 1) };
  if (size !== undefined && size !== "-") entry.size = Number(size);
  return entry;
}

/**
 * The entry at `path` in a commit's tree, or null when there is none. The root has no entry: ask for its tree id with
 * rootTree. What a path is in a given commit never changes, so answers (nothing included) are cached.
 */
export async function entryAt(repo: string, commit: string, path: string): Promise<TreeEntry | null> {
  return objectCache.getOrLoad(
    cacheKey("entry-at", repo, commit, path),
    async () => {
      // The path comes after `--`; GIT_LITERAL_PATHSPECS (git-read) makes it a plain file name.
      const { stdout } = await gitRead(repo, ["ls-tree", "-z", "-l", "--full-tree", "--end-of-options", commit, "--", path], { timeoutMs: QUICK_MS, maxBytes: SMALL_OUTPUT });
      const record = stdout.subarray(0, stdout.indexOf(0));
      if (record.length === 0) return null;
      const entry = parseTreeEntry(record);
      return entry.path === path ? entry : null;
    },
    (entry) => 200 + 2 * path.length + (entry ? 200 : 0),
  );
}

/** The id of a commit's root tree. */
export async function rootTree(repo: string, commit: string): Promise<string> {
  return objectCache.getOrLoad(
    cacheKey("root-tree", repo, commit),
    async () => (await gitRead(repo, ["rev-parse", "--verify", "--end-of-options", `${commit}^{tree}`], { timeoutMs: QUICK_MS, maxBytes: SMALL_OUTPUT })).stdout.toString().trim(),
    () => 100,
  );
}
