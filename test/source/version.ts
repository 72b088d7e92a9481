/** A GitLab version string such as "17.8.0-ee", reduced to what the API's behaviour depends on. */
export interface ParsedVersion {
  major: number;
  minor: number;
  patch: number;
  enterprise: boolean;
}

export function parseVersion(version: string): ParsedVersion {
  const match = /^(\d+)\.(\d+)(?:\.(\d+))?/.exec(version);
  if (!match) throw new Error(`Not a GitLab version: ${version}`);
  return {
    major: Number(match[1]),
    minor: Number(match[2]),
    patch: Number(match[3] ?? 0),
    enterprise: /-ee\b/.test(version),
  };
}

/** True when `version` is at least `minimum` ("16.2" or "15.5.0"). */
export function atLeast(version: string, minimum: string): boolean {
  const a = parseVersion(version);
  const b = parseVersion(minimum);
  if (a.major !== b.major) return a.major > b.major;
  if (a.minor !== b.minor) return a.minor > b.minor;
  return a.patch >= b.patch;
}

// The version gates below are the ones GitLab's own importer checks (reference §5.2, §9, §11.1).
export const features = {
  /** `GET /personal_access_tokens/self` appeared in 15.5. */
  tokenSelf: (version: string) => atLeast(version, "15.5.0"),
  /** `GET /metadata` appeared in 15.2; older sources only have `/version`. */
  metadata: (version: string) => atLeast(version, "15.2.0"),
  /** Batched relation exports, and the status fields that describe them, arrived in 16.2. */
  batchedExport: (version: string) => atLeast(version, "16.2.0"),
};
