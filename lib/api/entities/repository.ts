import type { Branch, Commit, CommitDetail, DiffFile, Tag } from "@/lib/repositories";

/** Git trailers as GitLab's API shows them: the last value of each key, and every value of each (`extended_trailers`). */
export interface Trailers {
  trailers: Record<string, string>;
  extended_trailers: Record<string, string[]>;
}

const TRAILER = /^([A-Za-z0-9][A-Za-z0-9-]*)[ \t]*:[ \t]*(.*)$/;

/**
 * The trailers of a commit message as git reads them (`%(trailers:unfold)`): the lines of its last paragraph, when
 * that is not the subject and every line of it is `Key: value` (or folds into the one above).
 */
export function commitTrailers(message: string): Trailers {
  const result: Trailers = { trailers: {}, extended_trailers: {} };
  const paragraphs = message.replace(/\s+$/, "").split(/\n[ \t]*\n/);
  if (paragraphs.length < 2) return result;
  const found: [string, string][] = [];
  for (const line of paragraphs.at(-1)!.split("\n")) {
    const folded = /^[ \t]/.test(line) && found.length > 0;
    if (folded) {
      found.at(-1)![1] += ` ${line.trim()}`;
      continue;
    }
    const match = TRAILER.exec(line);
    if (!match) return result;
    found.push([match[1]!, match[2]!.trim()]);
  }
  for (const [key, value] of found) {
    result.trailers[key] = value;
    (result.extended_trailers[key] ??= []).push(value);
  }
  return result;
}

/** Entities::Commit. `projectUrl` is the project's web address; trailers only when asked, as GitLab parses them then. */
export function commitEntity(commit: Commit, projectUrl: string, options: { trailers?: boolean } = {}) {
  const { trailers, extended_trailers } = options.trailers ? commitTrailers(commit.message) : { trailers: {}, extended_trailers: {} };
  return {
    id: commit.id,
    short_id: commit.short_id,
    created_at: commit.created_at,
    parent_ids: commit.parent_ids,
    title: commit.title,
    message: commit.message,
    author_name: commit.author_name,
    author_email: commit.author_email,
    authored_date: commit.authored_date,
    committer_name: commit.committer_name,
    committer_email: commit.committer_email,
    committed_date: commit.committed_date,
    trailers,
    extended_trailers,
    web_url: `${projectUrl}/-/commit/${commit.id}`,
  };
}

/** Entities::CommitDetail: Ferry runs no pipelines, so `status` and `last_pipeline` are null. */
export function commitDetailEntity(commit: CommitDetail, projectUrl: string, projectId: number) {
  return {
    ...commitEntity(commit, projectUrl, { trailers: true }),
    ...(commit.stats ? { stats: commit.stats } : {}),
    status: null,
    project_id: projectId,
    last_pipeline: null,
  };
}

/**
 * Entities::Diff. With `unidiff` the patch gets the `---`/`+++` header lines a unified diff has (Gitlab::Git::Diff#unidiff),
 * except for an empty or binary patch.
 */
export function diffEntity(file: DiffFile, unidiff = false) {
  let diff = file.diff;
  if (unidiff && diff !== "" && !file.binary) {
    const from = file.new_file ? "/dev/null" : `a/${file.old_path}`;
    const to = file.deleted_file ? "/dev/null" : `b/${file.new_path}`;
    diff = `--- ${from}\n+++ ${to}\n${diff}`;
  }
  return {
    diff,
    collapsed: file.collapsed,
    too_large: file.too_large,
    new_path: file.new_path,
    old_path: file.old_path,
    a_mode: file.a_mode,
    b_mode: file.b_mode,
    new_file: file.new_file,
    renamed_file: file.renamed_file,
    deleted_file: file.deleted_file,
    generated_file: false,
  };
}

/** How a branch is protected, for the viewer asking (see branchProtection in repository-refs.ts). */
export interface BranchProtection {
  protected: boolean;
  developers_can_push: boolean;
  developers_can_merge: boolean;
  can_push: boolean;
}

/** Entities::Branch. */
export function branchEntity(branch: Branch, projectUrl: string, protection: BranchProtection) {
  return {
    name: branch.name,
    commit: commitEntity(branch.commit, projectUrl),
    merged: branch.merged,
    protected: protection.protected,
    developers_can_push: protection.developers_can_push,
    developers_can_merge: protection.developers_can_merge,
    can_push: protection.can_push,
    default: branch.default,
    web_url: `${projectUrl}/-/tree/${encodeRefPath(branch.name)}`,
  };
}

/** Entities::Tag, with its release (Entities::TagRelease) when the tag has one. Ferry keeps no protected tags here yet: false. */
export function tagEntity(tag: Tag, projectUrl: string, release: { tagName: string; description: string | null } | undefined) {
  return {
    name: tag.name,
    message: tag.message,
    target: tag.target,
    commit: tag.commit ? commitEntity(tag.commit, projectUrl) : null,
    release: release ? { tag_name: release.tagName, description: release.description } : null,
    protected: false,
    created_at: tag.created_at,
  };
}

/** A ref name in a web address, its slashes kept as Rails' routes print them (`/-/tree/feature/x`). */
export const encodeRefPath = (name: string) => name.split("/").map(encodeURIComponent).join("/");
