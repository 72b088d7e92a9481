import { readBodyBytes } from "./body";
import { invalid, malformedBody, MAX_PARAM_DEPTH } from "./param-error";
import { checkValues, decodeUrlEncoded } from "./raw-input";

type Params = Record<string, unknown>;
type Node = Record<string, unknown> | unknown[];

// Keys that would reach Object.prototype through `params[key] ??= {}`: dropped, as no GitLab parameter is named so.
const UNSAFE_KEYS = new Set(["__proto__", "constructor", "prototype"]);

/** The query string's pairs, strictly decoded: a NUL or invalid UTF-8 in a key or value is a ParamError. */
export const queryPairs = (url: URL): [string, string][] => decodeUrlEncoded(url.search.slice(1));

/** A query parameter given as `name[]=…` and/or `name=…`, the two ways GitLab's clients send arrays. */
export const queryList = (search: URLSearchParams, name: string): string[] => [...search.getAll(`${name}[]`), ...search.getAll(name)];

function utf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw malformedBody();
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw malformedBody();
  }
}

async function multipartFields(bytes: Uint8Array, type: string): Promise<[string, unknown][]> {
  try {
    return [...(await new Response(bytes as BodyInit, { headers: { "content-type": type } }).formData())];
  } catch {
    throw malformedBody();
  }
}

/**
 * Request parameters the way Grape sees them: the query string merged with a JSON or form body. Form keys such as
 * `entities[0][source_full_path]` or `scopes[]` are folded into nested objects and arrays. A body that starts with `{`
 * is JSON whatever its content type says, unless it is multipart: `curl --data '{...}'` sends JSON as a form, and
 * GitLab's docs show calls that way. The body is read with the size cap (BodyTooLarge past it), and every value is
 * vetted for NULs and invalid UTF-8 (ParamError), so no route sees either.
 */
export async function readParams(request: Request): Promise<Params> {
  const form = new FormFolder();
  for (const [key, value] of queryPairs(new URL(request.url))) form.add(key, value);
  if (request.method === "GET" || request.method === "HEAD") return form.result();
  const type = request.headers.get("content-type") ?? "";
  const bytes = await readBodyBytes(request);
  if (bytes.byteLength === 0) return form.result();
  if (type.includes("multipart/form-data")) {
    for (const [key, value] of await multipartFields(bytes, type)) {
      checkValues({ [key]: value });
      form.add(key, value);
    }
    return form.result();
  }
  const text = utf8(bytes);
  if (type.includes("application/json") || text.trimStart().startsWith("{")) {
    const params = form.result();
    if (!text.trim()) return params;
    const body = parseJson(text);
    checkValues(body);
    if (body && typeof body === "object" && !Array.isArray(body)) {
      for (const [key, value] of Object.entries(body)) if (!UNSAFE_KEYS.has(key)) params[key] = value;
    }
    return params;
  }
  if (type.includes("application/x-www-form-urlencoded")) for (const [key, value] of decodeUrlEncoded(text)) form.add(key, value);
  return form.result();
}

/**
 * Rack's folding of form keys into nested params. `a[]` appends (and `a[][k]` keeps filling the last hash until a key
 * repeats, then starts a new one); any other `a[k]`, digits included, is a hash key, so `a[4294967294]` makes no
 * sparse array to walk. Hashes whose keys are all digits become arrays in index order at the end, as Grape coerces them.
 */
class FormFolder {
  private readonly root: Params = {};

  add(key: string, value: unknown): void {
    const parts = key.replace(/\]/g, "").split("[");
    if (parts.length > MAX_PARAM_DEPTH) throw invalid(parts[0]!);
    if (parts.some((part) => UNSAFE_KEYS.has(part))) return;
    let node: Node = this.root;
    parts.forEach((part, index) => {
      const last = index === parts.length - 1;
      const next = parts[index + 1];
      const fresh = (): Node => (next === "" ? [] : {});
      if (Array.isArray(node)) {
        if (part !== "") {
          // `a[][0]`-like mixes: the array's last hash takes the key, as Rack has it.
          node = this.hashIn(node);
        } else {
          const lastItem = node[node.length - 1];
          const reuse = !last && next !== "" && isHash(lastItem) && next !== undefined && !(next in lastItem);
          if (last) node.push(value);
          else if (reuse) node = lastItem as Params;
          else node = node[node.push(fresh()) - 1] as Node;
          return;
        }
      }
      const hash = node as Params;
      if (last) hash[part] = value;
      else node = (hash[part] = isNode(hash[part]) ? (hash[part] as Node) : fresh());
    });
  }

  private hashIn(list: unknown[]): Params {
    const lastItem = list[list.length - 1];
    if (isHash(lastItem)) return lastItem;
    const hash: Params = {};
    list.push(hash);
    return hash;
  }

  result(): Params {
    return arraysFromIndexes(this.root) as Params;
  }
}

const isHash = (value: unknown): value is Params => typeof value === "object" && value !== null && !Array.isArray(value);
const isNode = (value: unknown): value is Node => typeof value === "object" && value !== null;

function arraysFromIndexes(value: unknown, depth = 0): unknown {
  if (depth > MAX_PARAM_DEPTH || typeof value !== "object" || value === null) return value;
  if (Array.isArray(value)) return value.map((item) => arraysFromIndexes(item, depth + 1));
  const keys = Object.keys(value);
  const entries = keys.map((key) => [key, arraysFromIndexes((value as Params)[key], depth + 1)] as const);
  if (keys.length > 0 && keys.every((key) => /^\d+$/.test(key))) return entries.sort(([a], [b]) => Number(a) - Number(b)).map(([, item]) => item);
  return Object.fromEntries(entries);
}
