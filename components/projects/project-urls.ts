/**
 * The addresses of a project's pages, as GitLab lays them out (`/<full path>/-/<page>/...`). next.config.js rewrites
 * them onto the routes under app/(app)/projects/-/. Refs and file paths are encoded segment by segment: a branch or a
 * file may hold `#`, `?`, `%` or spaces, and its slashes stay slashes.
 */
const segments = (value: string) => value.split("/").map(encodeURIComponent).join("/");
const withPath = (base: string, path: string | undefined) => (path ? `${base}/${segments(path)}` : base);

export const projectUrl = (fullPath: string) => `/${fullPath}`;
export const projectPageUrl = (fullPath: string, page: "branches" | "tags" | "edit" | "releases" | "settings/repository" | "pipeline_schedules" | "project_members" | "labels" | "milestones" | "boards" | "pipelines" | "merge_requests") => `/${fullPath}/-/${page}`;
/** A milestone's page (`/-/milestones/<iid>`) and a board's (`/-/boards/<id>`). */
export const milestoneUrl = (fullPath: string, iid: number) => `/${fullPath}/-/milestones/${iid}`;
export const boardUrl = (fullPath: string, id: number) => `/${fullPath}/-/boards/${id}`;
/** One pipeline's page: `/-/pipelines/<id>`. */
/** A merge request's page, or one of its tabs (GitLab's `/commits`, `/diffs`, `/pipelines`). */
export const mergeRequestUrl = (fullPath: string, iid: number, tab?: "commits" | "diffs" | "pipelines") => `/${fullPath}/-/merge_requests/${iid}${tab ? `/${tab}` : ""}`;
export const pipelineUrl = (fullPath: string, id: number) => `/${fullPath}/-/pipelines/${id}`;
/** One release's page: `/-/releases/<tag>`, the tag encoded as one segment (GitLab's). */
export const releaseUrl = (fullPath: string, tagName: string) => `/${fullPath}/-/releases/${encodeURIComponent(tagName)}`;
/** A release asset's permanent address (GitLab's direct_asset_url): `filepath` starts with `/`; it redirects to the link. */
export const releaseAssetUrl = (fullPath: string, tagName: string, filepath: string) => `${releaseUrl(fullPath, tagName)}/downloads/${segments(filepath.replace(/^\//, ""))}`;
/** The tag's own page in the tags list (Ferry has no page per tag: the list filtered to it). */
export const tagUrl = (fullPath: string, tagName: string) => `/${fullPath}/-/tags?search=${encodeURIComponent(`^${tagName}$`)}`;
export const treeUrl = (fullPath: string, ref: string, path?: string) => withPath(`/${fullPath}/-/tree/${segments(ref)}`, path);
export const blobUrl = (fullPath: string, ref: string, path: string) => withPath(`/${fullPath}/-/blob/${segments(ref)}`, path);
/** The file itself; `download` asks for it as an attachment (GitLab's `?inline=false`). */
export const rawUrl = (fullPath: string, ref: string, path: string, download = false) => withPath(`/${fullPath}/-/raw/${segments(ref)}`, path) + (download ? "?inline=false" : "");
export const commitsUrl = (fullPath: string, ref: string, path?: string) => withPath(`/${fullPath}/-/commits/${segments(ref)}`, path);
export const commitUrl = (fullPath: string, sha: string) => `/${fullPath}/-/commit/${sha}`;
/** The archives GitLab's download menus offer, in their order. */
export const ARCHIVE_FORMATS = ["zip", "tar.gz", "tar.bz2", "tar"] as const;
/** GitLab's archive address: `/-/archive/<ref>/<project>-<ref>.<format>`, slashes in the ref made dashes in the name. */
export const archiveUrl = (fullPath: string, ref: string, format: (typeof ARCHIVE_FORMATS)[number]) =>
  `/${fullPath}/-/archive/${segments(ref)}/${encodeURIComponent(`${fullPath.split("/").pop()}-${ref.replaceAll("/", "-")}.${format}`)}`;
/** What `git clone` takes: `<origin>/<full path>.git`. */
export const cloneUrl = (origin: string, fullPath: string) => `${origin.replace(/\/$/, "")}/${fullPath}.git`;
/** The project's issues (`/-/issues`), one issue (`/-/issues/<iid>`), one CI job (`/-/jobs/<id>`). */
export const issuesUrl = (fullPath: string) => `/${fullPath}/-/issues`;
export const issueUrl = (fullPath: string, iid: number) => `/${fullPath}/-/issues/${iid}`;
export const jobUrl = (fullPath: string, id: number) => `/${fullPath}/-/jobs/${id}`;
/** A design's image (GitLab's `raw_image`): at the version of commit `sha`, an address that never changes, else its latest. */
export const designImageUrl = (fullPath: string, designId: number, sha?: string) => `/${fullPath}/-/design_management/designs/${designId}${sha ? `/${sha}` : ""}/raw_image`;
