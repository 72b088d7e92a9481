import { listBadges } from "@/lib/content";
import { listTags, repositoryPath, resolveRevision } from "@/lib/repositories";
import type { ProjectWithAccess } from "./queries";

/** What a badge's `%{name}` placeholders become for one project; null renders as nothing, as Ruby's gsub does. */
export type BadgePlaceholders = Record<string, string | null>;

const PLACEHOLDER = /%\{(project_path|project_title|project_name|project_id|project_namespace|group_name|gitlab_server|gitlab_pages_domain|default_branch|commit_sha|latest_tag)\}/g;

/** A badge URL with the project's values in its placeholders (GitLab's Badge#build_rendered_url); unknown ones stay. */
export const renderBadgeUrl = (url: string, values: BadgePlaceholders) => url.replace(PLACEHOLDER, (_, name: string) => values[name] ?? "");

/** Whether any of these URLs asks for a value only the repository knows. */
const needsRepository = (urls: readonly string[]) => urls.some((url) => url.includes("%{commit_sha}") || url.includes("%{latest_tag}"));

/**
 * The placeholder values of a project (GitLab's Badge::PLACEHOLDERS): path, title, name (its path segment), id,
 * namespace, top-level group, server host, default branch, and, only when a badge asks for them, the default branch's
 * head commit and the newest tag. Ferry serves no GitLab Pages, so that domain is empty. A repository that cannot be
 * read (none yet, or no commit) gives nothing for its two.
 */
export async function badgePlaceholders(project: ProjectWithAccess, host: string, urls: readonly string[]): Promise<BadgePlaceholders> {
  const branch = project.defaultBranch ?? "main";
  let commit: string | null = null;
  let tag: string | null = null;
  if (needsRepository(urls)) {
    const repo = repositoryPath(project.id, "project");
    [commit, tag] = await Promise.all([resolveRevision(repo, branch).catch(() => null), listTags(repo, { perPage: 1 }).then((page) => page.tags[0]?.name ?? null, () => null)]);
  }
  return {
    project_path: project.fullPath,
    project_title: project.name,
    project_name: project.path,
    project_id: String(project.id),
    project_namespace: project.namespace.fullPath,
    group_name: project.namespace.fullPath.split("/")[0]!,
    gitlab_server: host,
    gitlab_pages_domain: null,
    default_branch: branch,
    commit_sha: commit,
    latest_tag: tag,
  };
}

export interface RenderedBadge {
  id: number;
  name: string | null;
  linkUrl: string;
  imageUrl: string;
  kind: "project" | "group";
}

// The overview shows them all; GitLab's project settings page at most lists this many too.
const OVERVIEW_BADGES = 100;

/** The project's badges and its groups' (nearest group first after its own), their URLs rendered for the project. */
export async function renderedProjectBadges(project: ProjectWithAccess, host: string): Promise<RenderedBadge[]> {
  const groups = [...project.namespace.traversalIds].reverse().map((groupId) => ({ groupId }));
  const { rows } = await listBadges([{ projectId: project.id }, ...groups], { page: 1, perPage: OVERVIEW_BADGES });
  const values = await badgePlaceholders(project, host, rows.flatMap((b) => [b.linkUrl, b.imageUrl]));
  return rows.map((badge) => ({
    id: badge.id,
    name: badge.name,
    linkUrl: renderBadgeUrl(badge.linkUrl, values),
    imageUrl: renderBadgeUrl(badge.imageUrl, values),
    kind: badge.projectId !== null ? "project" : "group",
  }));
}
