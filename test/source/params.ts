/** Grape's Boolean coercion: undefined when absent, null when the value is not a boolean. */
export function booleanParam(value: string | null): boolean | null | undefined {
  if (value === null) return undefined;
  if (value === "true" || value === "1") return true;
  if (value === "false" || value === "0") return false;
  return null;
}
