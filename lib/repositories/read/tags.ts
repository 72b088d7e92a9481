import { refNameProblem } from "../refs";
import type { Commit } from "./commit-format";
import { commitsById } from "./commits";
import { gitlabDateFromRaw } from "./dates";
import { notFound } from "./errors";
import { gitRead } from "./git-read";
import { LOG_OUTPUT, QUICK_MS } from "./limits";
import { cacheKey, objectCache } from "./object-cache";
import { nameSearch, refRows, type RefRow } from "./ref-rows";

/** GitLab's Entities::Tag. `release` and `protected` are Ferry's database's: callers fill them in. */
export interface Tag {
  name: string;
  /** An annotated tag's message; null for a lightweight tag. */
  message: string | null;
  /** The tag object's id for an annotated tag, the commit's otherwise. */
  target: string;
  /** The tagged commit; null when the tag points at a tree or blob. */
  commit: Commit | null;
  release: null;
  protected: false;
  /** An annotated tag's date; null for a lightweight tag. */
  created_at: string | null;
}

export interface ListTagsOptions {
  /** GitLab's search: `^prefix`, `suffix$`, or a substring; any case. */
  search?: string;
  /** GitLab's order_by: `updated` (the default: the tag's date, or its commit's), `name`, or `version`. */
  orderBy?: "updated" | "name" | "version";
  /** `desc` by default, as GitLab. */
  sort?: "asc" | "desc";
  page?: number;
  perPage?: number;
}

export interface TagPage {
  tags: Tag[];
  total: number;
}

interface TagObject {
  message: string;
  date: string | null;
}

const SORT_KEYS = { updated: "creatordate", name: "refname", version: "version:refname" } as const;

// A signed tag carries its signature at the end of its message; GitLab shows the message without it.
const SIGNATURE = /\n?-----BEGIN (PGP|SSH) SIGNATURE-----[\s\S]*$/;

function parseTagObject(content: string): TagObject {
  const split = content.indexOf("\n\n");
  const headers = split < 0 ? content : content.slice(0, split);
  const body = split < 0 ? "" : content.slice(split + 2);
  const tagger = /^tagger .*> (-?\d+ [+-]\d{4})$/m.exec(headers);
  return { message: body.replace(SIGNATURE, "").replace(/\n+$/, ""), date: tagger ? gitlabDateFromRaw(tagger[1]!) : null };
}

/** Annotated tags' objects by id, from the cache or one `git cat-file --batch` for the rest. */
async function tagObjects(repo: string, ids: readonly string[]): Promise<Map<string, TagObject>> {
  const found = new Map<string, TagObject>();
  const missing = [...new Set(ids)].filter((id) => {
    const cached = objectCache.get<TagObject>(cacheKey("tag-object", repo, id));
    if (cached) found.set(id, cached);
    return !cached;
  });
  if (missing.length === 0) return found;
  // Ids on stdin, where nothing is an option; each answer is "<id> <type> <size>\n<content>\n".
  const { stdout } = await gitRead(repo, ["cat-file", "--batch"], { timeoutMs: QUICK_MS, maxBytes: LOG_OUTPUT, input: `${missing.join("\n")}\n` });
  let at = 0;
  while (at < stdout.length) {
    const newline = stdout.indexOf(10, at);
    const [id = "", type, size] = stdout.subarray(at, newline).toString().split(" ");
    if (newline < 0 || size === undefined) throw new Error("git cat-file printed an unexpected answer");
    const end = newline + 1 + Number(size);
    if (type === "tag") {
      const tag = parseTagObject(stdout.subarray(newline + 1, end).toString("utf8"));
      objectCache.set(cacheKey("tag-object", repo, id), tag, 2 * tag.message.length + 100);
      found.set(id, tag);
    }
    at = end + 1;
  }
  return found;
}

async function tagsOf(repo: string, rows: readonly RefRow[]): Promise<Tag[]> {
  const commitOf = (row: RefRow) => (row.type === "commit" ? row.id : row.type === "tag" && row.peeledType === "commit" ? row.peeledId : null);
  const commitIds = rows.map(commitOf).filter((id): id is string => id !== null);
  const [commits, objects] = await Promise.all([commitsById(repo, commitIds), tagObjects(repo, rows.filter((row) => row.type === "tag").map((row) => row.id))]);
  const byId = new Map(commits.map((commit) => [commit.id, commit]));
  return rows.map((row) => {
    const object = row.type === "tag" ? objects.get(row.id) : undefined;
    const commitId = commitOf(row);
    return { name: row.name, message: object?.message ?? null, target: row.id, commit: commitId ? byId.get(commitId)! : null, release: null, protected: false, created_at: object?.date ?? null };
  });
}

/** A page of GitLab's GET /projects/:id/repository/tags, newest first by default. */
export async function listTags(repo: string, options: ListTagsOptions = {}): Promise<TagPage> {
  const perPage = Math.max(1, options.perPage ?? 20);
  const offset = (Math.max(1, options.page ?? 1) - 1) * perPage;
  const key = SORT_KEYS[options.orderBy ?? "updated"];
  const sort = (options.sort ?? "desc") === "desc" ? `-${key}` : key;
  const { rows, total } = await refRows(repo, "refs/tags/", { sort, filter: nameSearch(options.search), offset, limit: perPage });
  return { tags: await tagsOf(repo, rows), total };
}

/** One tag (GET /projects/:id/repository/tags/:tag_name); "404 Tag Not Found" when there is none. */
export async function tag(repo: string, name: string): Promise<Tag> {
  if (refNameProblem(name)) throw notFound("Tag");
  const { rows } = await refRows(repo, "refs/tags/", { sort: "refname", names: [name] });
  const [found] = await tagsOf(repo, rows);
  if (!found) throw notFound("Tag");
  return found;
}
