/** Grape's errors for parameters: `{"error": "<name> is missing"}` and friends, 400. */
export const paramError = (error: string): Response =>
  new Response(JSON.stringify({ error }), { status: 400, headers: { "content-type": "application/json" } });

/** `{"message": ...}` with a status: render_api_error!, not_found!, forbidden!. */
export const apiError = (status: number, message: string): Response =>
  new Response(JSON.stringify({ message }), { status, headers: { "content-type": "application/json" } });

const TRUE = new Set(["1", "t", "true", "y", "yes", "on"]);
const FALSE = new Set(["0", "f", "false", "n", "no", "off"]);

/** Grape's Boolean coercion: undefined when absent, null when present but not a boolean (→ "is invalid"). */
export function grapeBoolean(value: unknown): boolean | null | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "boolean") return value;
  const text = String(value).trim().toLowerCase();
  if (TRUE.has(text)) return true;
  if (FALSE.has(text)) return false;
  return null;
}

/** Grape's Integer coercion: undefined when absent, null when not an integer. */
export function grapeInteger(value: unknown): number | null | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "number") return Number.isInteger(value) ? value : null;
  const text = String(value).trim();
  return /^[-+]?\d+$/.test(text) ? Number(text) : null;
}

export function stringParam(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}
