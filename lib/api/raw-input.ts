import { invalid, malformedBody, MAX_PARAM_DEPTH } from "./param-error";

/**
 * Text from a request as GitLab's Gitlab::Middleware::HandleMalformedStrings vets it: a NUL (which PostgreSQL text
 * cannot hold) or bytes that are not UTF-8 (`%ff`) make a parameter invalid, a 400 naming it, before any route code
 * (or query) sees it. URLSearchParams would turn `%ff` into U+FFFD silently, so encoded text is decoded here, strictly.
 */

const hasNul = (text: string) => text.includes("\0");

/** A percent-encoded component (a path segment, a query or form key or value), or a ParamError naming `name`. */
export function decodeComponent(raw: string, name: string, { plusIsSpace = false } = {}): string {
  let text: string;
  try {
    text = decodeURIComponent(plusIsSpace ? raw.replace(/\+/g, " ") : raw);
  } catch {
    throw invalid(name);
  }
  if (hasNul(text)) throw invalid(name);
  return text;
}

/** The name to report for a key: itself when it decodes, else as it came. */
function keyName(rawKey: string): string {
  try {
    return decodeURIComponent(rawKey.replace(/\+/g, " ")).replace(/\0/g, "");
  } catch {
    return rawKey;
  }
}

/** `a=1&b=2` (a query string without `?`, or a form body) as decoded pairs, every key and value checked. */
export function decodeUrlEncoded(text: string): [string, string][] {
  const pairs: [string, string][] = [];
  for (const part of text.split("&")) {
    if (part === "") continue;
    const at = part.indexOf("=");
    const [rawKey, rawValue] = at === -1 ? [part, ""] : [part.slice(0, at), part.slice(at + 1)];
    const name = keyName(rawKey);
    pairs.push([decodeComponent(rawKey, name, { plusIsSpace: true }), decodeComponent(rawValue, name, { plusIsSpace: true })]);
  }
  return pairs;
}

/**
 * Every key and string of a parsed body (JSON, multipart fields): a NUL is a ParamError naming its place, as
 * `entities[0][source_full_path]`. Nesting past MAX_PARAM_DEPTH is a malformed body, as Ruby's JSON parser finds it.
 */
export function checkValues(value: unknown, name = "", depth = 0): void {
  if (typeof value === "string") {
    if (hasNul(value)) throw invalid(name);
    return;
  }
  if (!value || typeof value !== "object") return;
  if (depth >= MAX_PARAM_DEPTH) throw malformedBody();
  if (Array.isArray(value)) {
    value.forEach((item, index) => checkValues(item, `${name}[${index}]`, depth + 1));
    return;
  }
  for (const [key, item] of Object.entries(value)) {
    const child = name ? `${name}[${key}]` : key;
    if (hasNul(key)) throw invalid(child.replace(/\0/g, ""));
    checkValues(item, child, depth + 1);
  }
}

/** Path parameters decoded once, here, for every route: GitLab's `:id` is an id or a URL-encoded full path. */
export function decodePathParams<P>(params: P): P {
  if (!params || typeof params !== "object") return params;
  const decoded: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(params)) {
    decoded[name] = typeof value === "string" ? decodeComponent(value, name) : Array.isArray(value) ? value.map((v) => decodeComponent(String(v), name)) : value;
  }
  return decoded as P;
}
