import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { blobUrl, commitsUrl, treeUrl } from "@/components/projects/project-urls";
import { defaultBranch, fileAt, getCommit, GitNotFoundError, isEmptyRepository, listTree, splitRefPath, type RefPath } from "@/lib/repositories";
import { codeOf, projectPartsRoute, projectRoute, type ProjectParams, type ProjectPartsParams } from "./project-route";

/**
 * What the repository pages (files, commits, branches, tags) share on top of project-route: the user must be allowed
 * the code (404 otherwise, as GitLab), and a `<ref>/<path>` tail is split where GitLab's ExtractsRef splits it.
 *
 * A route's layout calls its function below and so answers 404 (or redirects) before anything streams: a page's own
 * notFound() would come after its loading state, with a 200 already sent. The page calls the same function again:
 * the project lookup and the ref split are once a request (React cache), the git reads cached by object id.
 */

/** Larger files are not put in the file page (only their first 8000 bytes are ever read): they are a download. */
export const MAX_SHOWN_BYTES = 1024 * 1024;

/** The project of a `[...path]` route whose code the user may read, and its repository. */
export async function repositoryRoute(params: Promise<ProjectParams>) {
  const { user, project } = await projectRoute(params);
  return { user, project, ...codeOf(user, project) };
}

const split = cache((repo: string, tail: string) => splitRefPath(repo, JSON.parse(tail) as string[]));

/** A `[...parts]` route's project, repository, and the tail's ref (at the commit it names now) and path, or null. */
async function refPathRoute(params: Promise<ProjectPartsParams>) {
  const { user, project, tail } = await projectPartsRoute(params);
  const { repo } = codeOf(user, project);
  const at = tail.length > 0 ? await split(repo, JSON.stringify(tail)) : null;
  return { user, project, repo, tail, at };
}

/** A read that names what is not there (GitNotFoundError) is the page's 404; anything else stays an error. */
export async function orNotFound<T>(read: Promise<T>): Promise<T> {
  try {
    return await read;
  } catch (error) {
    if (error instanceof GitNotFoundError) notFound();
    throw error;
  }
}

/**
 * A route that shows a ref (`/-/tree`, `/-/commits`): without one it opens the default branch; `at` is null only for
 * an empty repository (the page says so); a tail that names no ref is 404.
 */
async function refRoute(params: Promise<ProjectPartsParams>, urlOf: (fullPath: string, ref: string) => string) {
  const route = await refPathRoute(params);
  if (route.at) return { ...route, at: route.at as RefPath | null };
  if (route.tail.length === 0) redirect(urlOf(route.project.fullPath, (await defaultBranch(route.repo)) ?? route.project.defaultBranch ?? "main"));
  if (await isEmptyRepository(route.repo)) return { ...route, at: null };
  notFound();
}

/** Files (`/-/tree/<ref>[/<dir>]`): the directory must exist; a file's address opens the file (GitLab's redirect). */
export async function treeRoute(params: Promise<ProjectPartsParams>) {
  const route = await refRoute(params, treeUrl);
  const at = route.at;
  if (at) {
    try {
      await listTree(route.repo, { ref: at.commit, path: at.path, perPage: 1 });
    } catch (error) {
      if (!(error instanceof GitNotFoundError)) throw error;
      if (at.path && (await fileAt(route.repo, at.commit, at.path, { maxBytes: 0 }).catch(() => null))) redirect(blobUrl(route.project.fullPath, at.ref, at.path));
      notFound();
    }
  }
  return route;
}

/** Commits (`/-/commits/<ref>[/<path>]`): any path, as GitLab (one no commit changed lists nothing). */
export const commitsRoute = (params: Promise<ProjectPartsParams>) => refRoute(params, commitsUrl);

/** A file (`/-/blob/<ref>/<path>`): the file, its content read up to MAX_SHOWN_BYTES; a directory's address lists it. */
export async function blobRoute(params: Promise<ProjectPartsParams>) {
  const route = await refPathRoute(params);
  const at = route.at;
  if (!at?.path) notFound();
  try {
    return { ...route, at, file: await fileAt(route.repo, at.commit, at.path, { maxBytes: MAX_SHOWN_BYTES }) };
  } catch (error) {
    if (!(error instanceof GitNotFoundError)) throw error;
    // A README's link to `docs/` names a directory.
    if (await listTree(route.repo, { ref: at.commit, path: at.path, perPage: 1 }).catch(() => null)) redirect(treeUrl(route.project.fullPath, at.ref, at.path));
    notFound();
  }
}

/** A commit (`/-/commit/<sha>`): with its stats; 404 when the repository has no such commit. */
export async function commitRoute(params: Promise<ProjectParams & { sha: string }>) {
  const route = await repositoryRoute(params);
  return { ...route, commit: await orNotFound(getCommit(route.repo, (await params).sha)) };
}
