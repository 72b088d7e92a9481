export interface GitLabVersion {
  major: number;
  minor: number;
  patch: number;
  /** What follows the numbers, without its separator: "ee", "pre", "rc1"... Empty for a plain release. */
  suffix: string;
  raw: string;
}

export const MINIMUM_SOURCE_VERSION = "14.0.0";
/** GET /personal_access_tokens/self exists from here on (GitLab's PAT_ENDPOINT_MIN_VERSION). */
export const TOKEN_SELF_MIN_VERSION = "15.5.0";
export const BATCHED_EXPORT_MIN_VERSION = "16.2.0";

/** Parses GitLab's version strings ("17.8.0-ee", "16.2.0-pre", "15.2-pre", "8.13.0-pre"); null when it is not one. */
export function parseVersion(raw: string): GitLabVersion | null {
  const match = /^\s*v?(\d+)\.(\d+)(?:\.(\d+))?(?:[-+~.]?([0-9A-Za-z][0-9A-Za-z.+-]*))?\s*$/.exec(raw);
  if (!match) return null;
  return {
    major: Number(match[1]),
    minor: Number(match[2]),
    patch: match[3] === undefined ? 0 : Number(match[3]),
    suffix: match[4] ?? "",
    raw: raw.trim(),
  };
}

function asVersion(value: GitLabVersion | string): GitLabVersion {
  if (typeof value !== "string") return value;
  const parsed = parseVersion(value);
  if (!parsed) throw new Error(`Not a GitLab version: ${value}`);
  return parsed;
}

/**
 * Compares major.minor.patch only. Suffixes are ignored on purpose: a "16.2.0-pre" nightly already has 16.2's
 * features, and GitLab itself compares source versions without them.
 */
export function compareVersions(a: GitLabVersion | string, b: GitLabVersion | string): number {
  const x = asVersion(a);
  const y = asVersion(b);
  return x.major - y.major || x.minor - y.minor || x.patch - y.patch;
}

export function isAtLeast(version: GitLabVersion | string, minimum: GitLabVersion | string): boolean {
  return compareVersions(version, minimum) >= 0;
}

/** Whether the source can export relations in batches (`batched=true`), GitLab 16.2 and later. */
export function supportsBatchedExport(version: GitLabVersion | string): boolean {
  return isAtLeast(version, BATCHED_EXPORT_MIN_VERSION);
}

export function formatVersion(version: GitLabVersion): string {
  return `${version.major}.${version.minor}.${version.patch}`;
}
