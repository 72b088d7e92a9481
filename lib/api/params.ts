/**
 * Request parameters the way Grape sees them: the query string merged with a JSON or form body. Form keys such as
 * `entities[0][source_full_path]` or `scopes[]` are folded into nested objects and arrays.
 */
export async function readParams(request: Request): Promise<Record<string, unknown>> {
  const params: Record<string, unknown> = {};
  for (const [key, value] of new URL(request.url).searchParams) assign(params, key, value);
  if (request.method === "GET" || request.method === "HEAD") return params;
  const type = request.headers.get("content-type") ?? "";
  if (type.includes("application/json")) {
    const text = await request.text();
    if (!text.trim()) return params;
    const body: unknown = JSON.parse(text);
    if (body && typeof body === "object" && !Array.isArray(body)) Object.assign(params, body);
    return params;
  }
  if (type.includes("application/x-www-form-urlencoded") || type.includes("multipart/form-data")) {
    const form = await request.formData();
    for (const [key, value] of form) assign(params, key, typeof value === "string" ? value : value);
  }
  return params;
}

export class MalformedParams extends Error {}

function assign(target: Record<string, unknown>, key: string, value: unknown): void {
  const parts = key.replace(/\]/g, "").split("[");
  let node: Record<string, unknown> | unknown[] = target;
  parts.forEach((part, index) => {
    const last = index === parts.length - 1;
    const nextIsArray = !last && (parts[index + 1] === "" || /^\d+$/.test(parts[index + 1]!));
    if (Array.isArray(node)) {
      // Rack's rule for `a[][k]=…`: keep filling the last hash until a key repeats, then start a new one.
      const lastItem = node[node.length - 1] as Record<string, unknown> | undefined;
      const nextKey = parts[index + 1];
      const reuse = part === "" && !last && !nextIsArray && lastItem !== undefined && typeof lastItem === "object" && nextKey !== undefined && !(nextKey in lastItem);
      const slot = part === "" ? (reuse ? node.length - 1 : node.length) : Number(part);
      if (last) node[slot] = value;
      else node = (node[slot] ??= nextIsArray ? [] : {}) as Record<string, unknown> | unknown[];
      return;
    }
    if (last) node[part] = value;
    else node = (node[part] ??= nextIsArray ? [] : {}) as Record<string, unknown> | unknown[];
  });
}

export function boolParam(value: unknown): boolean | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  if (typeof value === "boolean") return value;
  const text = String(value).toLowerCase();
  if (["true", "1", "yes", "t"].includes(text)) return true;
  if (["false", "0", "no", "f"].includes(text)) return false;
  return undefined;
}
