import type { StoredRepositoryKind } from "@/lib/repositories";

export type GitAction = "info/refs" | "git-upload-pack" | "git-receive-pack";

/**
 * What a smart HTTP address names: a project's repository, its wiki's or one of its snippets', by the project's full
 * path, and the step of the protocol.
 */
export interface GitAddress {
  /** `group/sub/project`, as typed: lib/projects looks it up whatever its case. */
  fullPath: string;
  kind: StoredRepositoryKind;
  /** For a snippet's repository (`<full path>/snippets/<id>.git`): the snippet's id. */
  snippetId?: number;
  action: GitAction;
  /** `<full path>/info/refs`, which GitLab redirects to `<full path>.git/info/refs`. */
  withoutGitSuffix: boolean;
}

// A GitLab namespace or project path segment (Gitlab::PathRegex): letters, digits, '_', '-', '.', not starting with
// '-', not ending in '.'. Keep in step with GIT_SEGMENT in next.config.js and proxy.ts's matcher. `.` and `..` fail it,
// and so does anything still percent-encoded or decoded into a slash.
const SEGMENT = /^(?:[\w.][\w.-]*[\w-]|\w)$/;
const RESERVED_SUFFIX = /\.(git|atom)$/i;
const MAX_FULL_PATH = 1024;
const SNIPPET_ID = /^[1-9]\d{0,9}$/;

/**
 * The address in the path segments after `/-/git/` (see next.config.js): `<full path>.git/info/refs`,
 * `<full path>.git/git-upload-pack`, `<full path>.git/git-receive-pack`, `.wiki.git` for the wiki,
 * `<full path>/snippets/<id>.git` for a snippet, and `<full path>/info/refs`. Null for anything else: a segment GitLab would not take as a path, `.git` anywhere but at
 * the end, a project outside a group. Nothing here ever reaches the disk: repositories are found by project id.
 */
export function parseGitAddress(segments: readonly string[]): GitAddress | null {
  let action: GitAction;
  let pathSegments: string[];
  if (segments.length >= 2 && segments.at(-2) === "info" && segments.at(-1) === "refs") {
    action = "info/refs";
    pathSegments = segments.slice(0, -2);
  } else if (segments.at(-1) === "git-upload-pack" || segments.at(-1) === "git-receive-pack") {
    action = segments.at(-1) as GitAction;
    pathSegments = segments.slice(0, -1);
  } else {
    return null;
  }
  const repository = repositoryOf(pathSegments);
  if (!repository) return null;
  if (repository.withoutGitSuffix && action !== "info/refs") return null;
  return { ...repository, action };
}

/** `<full path>[.wiki].git` (or without `.git`) as segments: whose repository it names, or null when GitLab would take none. */
function repositoryOf(pathSegments: readonly string[]): Omit<GitAddress, "action"> | null {
  if (pathSegments.length < 2 || !pathSegments.every((segment) => SEGMENT.test(segment))) return null;
  let last = pathSegments.at(-1)!;
  const withoutGitSuffix = !/\.git$/i.test(last);
  if (!withoutGitSuffix) last = last.slice(0, -".git".length);
  // `<project>/snippets/<id>.git`, GitLab's address of a project snippet's repository, before any project path.
  if (pathSegments.length >= 4 && pathSegments.at(-2) === "snippets" && SNIPPET_ID.test(last) && Number(last) <= 2 ** 31 - 1) {
    const project = pathSegments.slice(0, -2);
    if (!project.every((name) => !RESERVED_SUFFIX.test(name))) return null;
    const fullPath = project.join("/");
    return fullPath.length <= MAX_FULL_PATH ? { fullPath, kind: "snippet", snippetId: Number(last), withoutGitSuffix } : null;
  }
  const kind: StoredRepositoryKind = /\.wiki$/i.test(last) ? "wiki" : "project";
  if (kind === "wiki") last = last.slice(0, -".wiki".length);
  const names = [...pathSegments.slice(0, -1), last];
  if (!names.every((name) => SEGMENT.test(name) && !RESERVED_SUFFIX.test(name))) return null;
  const fullPath = names.join("/");
  return fullPath.length <= MAX_FULL_PATH ? { fullPath, kind, withoutGitSuffix } : null;
}

/** What a Git LFS address names: the batch API of a project's repository, or one object to download. */
export type LfsAddress = { fullPath: string; action: "batch" } | { fullPath: string; action: "object"; oid: string };

const LFS_BATCH = ["info", "lfs", "objects", "batch"];
const OID = /^[0-9a-f]{64}$/;

/**
 * The Git LFS address in the segments after `/-/git/` (see next.config.js): `<full path>.git/info/lfs/objects/batch`,
 * where git-lfs finds the batch API of a clone from `<full path>.git`, and `<full path>.git/gitlab-lfs/objects/<oid>`,
 * GitLab's address of an object's content (the batch API's download href). A project's code only: not its wiki.
 */
export function parseLfsAddress(segments: readonly string[]): LfsAddress | null {
  const tail = segments.slice(-4);
  let address: { action: "batch" } | { action: "object"; oid: string };
  let pathSegments: readonly string[];
  if (tail.length === 4 && tail.every((segment, i) => segment === LFS_BATCH[i])) {
    address = { action: "batch" };
    pathSegments = segments.slice(0, -4);
  } else if (segments.length > 3 && segments.at(-3) === "gitlab-lfs" && segments.at(-2) === "objects" && OID.test(segments.at(-1)!)) {
    address = { action: "object", oid: segments.at(-1)! };
    pathSegments = segments.slice(0, -3);
  } else {
    return null;
  }
  const repository = repositoryOf(pathSegments);
  if (!repository || repository.withoutGitSuffix || repository.kind !== "project") return null;
  return { fullPath: repository.fullPath, ...address };
}
