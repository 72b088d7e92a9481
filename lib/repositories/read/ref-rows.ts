import { gitRecords } from "./git-read";
import { MAX_REFS, QUICK_MS } from "./limits";

export type RefNamespace = "refs/heads/" | "refs/tags/";

/** A branch or tag as for-each-ref prints it: what it points to, and (for an annotated tag) what that peels to. */
export interface RefRow {
  /** The short name (`main`, `v1.0`). */
  name: string;
  id: string;
  type: string;
  /** For a tag object: the object it tags, and that object's type. */
  peeledId: string;
  peeledType: string;
  /** HEAD points to it: the default branch. */
  head: boolean;
}

export interface RefRowsOptions {
  /** A --sort key (`refname`, `-committerdate`, `version:refname`...). */
  sort: string;
  /** Only these exact names; all refs of the namespace when absent. */
  names?: readonly string[];
  /** Keeps the names for which it is true. */
  filter?: (name: string) => boolean;
  /** Rows kept: offset and count, after filtering. All when absent. */
  offset?: number;
  limit?: number;
}

const FORMAT = "--format=%(refname)%00%(objectname)%00%(objecttype)%00%(*objectname)%00%(*objecttype)%00%(HEAD)";

/**
 * The refs of a namespace in git's order, filtered, with only the asked window kept while all are counted: one
 * streamed `for-each-ref`, as cheap for thousands of refs as reading their names.
 */
export async function refRows(repo: string, namespace: RefNamespace, options: RefRowsOptions): Promise<{ rows: RefRow[]; total: number }> {
  // Exact names are patterns too, but a pattern also matches what is below it (`a` matches `a/b`): filtered again.
  const wanted = options.names ? new Set(options.names) : null;
  if (wanted && wanted.size === 0) return { rows: [], total: 0 };
  const patterns = wanted ? [...wanted].map((name) => `${namespace}${name}`) : [namespace];
  const offset = options.offset ?? 0;
  const limit = options.limit ?? Infinity;
  const rows: RefRow[] = [];
  let total = 0;
  await gitRecords(repo, ["for-each-ref", `--sort=${options.sort}`, FORMAT, "--end-of-options", ...patterns], { separator: 10, timeoutMs: QUICK_MS }, (record) => {
    const [ref = "", id = "", type = "", peeledId = "", peeledType = "", head = ""] = record.toString("utf8").split("\0");
    if (!ref.startsWith(namespace)) return "more";
    const name = ref.slice(namespace.length);
    if (wanted && !wanted.has(name)) return "more";
    if (options.filter && !options.filter(name)) return "more";
    const index = total++;
    if (total > MAX_REFS) throw new Error(`The repository has more than ${MAX_REFS} refs in ${namespace}.`);
    if (index >= offset && rows.length < limit) rows.push({ name, id, type, peeledId, peeledType, head: head === "*" });
    return "more";
  });
  return { rows, total };
}

/**
 * GitLab's search of branch and tag names: `^text` for a prefix, `text$` for a suffix, both for an exact name,
 * otherwise a substring; case does not matter.
 */
export function nameSearch(search: string | undefined): ((name: string) => boolean) | undefined {
  if (!search) return undefined;
  const prefix = search.startsWith("^");
  const suffix = search.endsWith("$") && search.length > (prefix ? 1 : 0);
  const text = search.slice(prefix ? 1 : 0, suffix ? -1 : undefined).toLowerCase();
  return (name) => {
    const value = name.toLowerCase();
    if (prefix && suffix) return value === text;
    if (prefix) return value.startsWith(text);
    if (suffix) return value.endsWith(text);
    return value.includes(text);
  };
}

/** Runs `work` on each item, at most `limit` at a time (git processes compete for a few cores). */
export async function mapLimit<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
