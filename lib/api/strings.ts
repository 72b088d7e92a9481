import { invalid, notAValue } from "./param-error";

/** A String parameter: undefined when absent; a number is taken as its text, as Grape coerces it; objects are a 400. */
export function stringParam(value: unknown, name: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "string") return value;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  throw invalid(name);
}

/** A parameter Grape declares with `values:`: undefined when absent or blank, else one of them or a 400. */
export function choiceParam<const T extends string>(value: unknown, name: string, values: readonly T[]): T | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  if (typeof value !== "string" || !(values as readonly string[]).includes(value)) throw notAValue(name);
  return value as T;
}
