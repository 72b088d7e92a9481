import fs from "node:fs";
import path from "node:path";
import { FIXTURES_ROOT } from "@/test/source";

export type Json = Record<string, unknown>;

/** One of GitLab's documented API example files (fixtures/gitlab/api_examples), by file name. */
export const documentedExamples = (file: string) => JSON.parse(fs.readFileSync(path.join(FIXTURES_ROOT, "api_examples", file), "utf8")) as Record<string, Json>;

const typeOf = (value: unknown) => (value === null ? "null" : Array.isArray(value) ? "array" : typeof value);

/**
 * How Ferry's answer differs from GitLab's documented example: keys of `doc` missing from `ours`, and keys whose
 * values have different JSON types (a null on either side matches anything, as examples fill in what may be null).
 * `notGiven` lists dotted keys Ferry leaves out on purpose; the caller says why.
 */
export function shapeProblems(ours: Json, doc: Json, notGiven: readonly string[] = [], prefix = ""): string[] {
  const problems: string[] = [];
  for (const [key, value] of Object.entries(doc)) {
    if (notGiven.includes(`${prefix}${key}`)) continue;
    if (!(key in ours)) {
      problems.push(`missing ${prefix}${key}`);
      continue;
    }
    const mine = ours[key];
    if (value !== null && mine !== null && typeOf(value) !== typeOf(mine)) problems.push(`${prefix}${key}: ${typeOf(mine)} instead of ${typeOf(value)}`);
    else if (typeOf(value) === "object" && typeOf(mine) === "object") problems.push(...shapeProblems(mine as Json, value as Json, notGiven, `${prefix}${key}.`));
  }
  return problems;
}
