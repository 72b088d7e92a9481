import { invalid } from "./param-error";

// Grape's Boolean coercion (dry-types' Params::Bool), compared without case.
const TRUE = new Set(["1", "on", "t", "true", "y", "yes"]);
const FALSE = new Set(["0", "off", "f", "false", "n", "no"]);

/** A Boolean parameter: undefined when absent or blank, anything Grape would not coerce a 400 `<name> is invalid`. */
export function booleanParam(value: unknown, name: string): boolean | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  if (typeof value === "boolean") return value;
  const text = typeof value === "string" ? value.trim().toLowerCase() : typeof value === "number" ? String(value) : undefined;
  if (text !== undefined && TRUE.has(text)) return true;
  if (text !== undefined && FALSE.has(text)) return false;
  throw invalid(name);
}
