import type { TokenIdentity, TokenScope } from "@/lib/auth/tokens";
import { canFetchRepository, findProject, type ProjectWithAccess } from "@/lib/projects";
import { GitNotFoundError, repositoryPath, type RepositoryKind } from "@/lib/repositories";
import { baseUrlOf } from "./base-url";
import { apiRoute, type ApiContext } from "./request-auth";
import { forbidden, json, notFound } from "./responses";

export interface RepositoryContext<S extends string> extends ApiContext<Record<S | "id", string>, TokenIdentity | null> {
  project: ProjectWithAccess;
  /** The repository on disk (the project's, or its wiki's). */
  repo: string;
  /** `https://host/group/project`: what web_url fields start with. */
  projectUrl: string;
}

export interface RepositoryRouteOptions {
  /**
   * The route's path after `:id`, as `repository/files/:file_path/raw`. Its `:names` (and `:id`) are read from the
   * address the client asked for, still encoded, and decoded once by apiRoute: Next has already decoded its params,
   * and decoding those again would misread `a%2525b` or refuse `100%.txt`.
   */
  tail: string;
  /** `wiki`: the project's wiki repository, readable by whoever sees the project and its wiki (GitLab's read_wiki). */
  kind?: RepositoryKind;
  /** Scopes a GET or HEAD takes besides `api` and `read_api` (the files API takes `read_repository`). */
  readScopes?: readonly TokenScope[];
}

type NextParams = Record<string, string | string[] | undefined>;

/**
 * The named segments of `pathname` that `pattern` (`:id/repository/files/:file_path`) names, still encoded; null when it
 * does not end so. A last `*name` takes every segment left (`:id/releases/:tag_name/downloads/*direct_asset_path`),
 * joined by `/`: the pattern is then matched from its first place in the address.
 */
export function rawSegments(pathname: string, pattern: string): Record<string, string> | null {
  const want = pattern.split("/");
  const have = pathname.split("/");
  if (want.at(-1)?.startsWith("*")) return globSegments(have, want);
  if (have.length < want.length) return null;
  const tail = have.slice(have.length - want.length);
  const found: Record<string, string> = {};
  for (const [index, part] of want.entries()) {
    const actual = tail[index]!;
    if (part.startsWith(":")) found[part.slice(1)] = actual;
    else if (part !== actual) return null;
  }
  return found;
}

function globSegments(have: string[], want: string[]): Record<string, string> | null {
  const fixed = want.slice(0, -1);
  for (let start = 0; start + fixed.length < have.length; start += 1) {
    const found: Record<string, string> = {};
    const matches = fixed.every((part, index) => {
      const actual = have[start + index]!;
      if (!part.startsWith(":")) return part === actual;
      found[part.slice(1)] = actual;
      return actual !== "";
    });
    const rest = have.slice(start + fixed.length);
    if (matches && rest.every((segment) => segment !== "")) return { ...found, [want.at(-1)!.slice(1)]: rest.join("/") };
  }
  return null;
}

/**
 * A read of a project's repository, as GitLab's repository endpoints run: public projects answer without a token, a
 * project the caller cannot see is "404 Project Not Found", one whose code they may not read (a Guest of a private
 * project, a repository disabled or members-only) "403 Forbidden", and a ref, path or object that is not there the
 * reader's own 404 ("404 File Not Found").
 */
export function repositoryRoute<S extends string = never>(options: RepositoryRouteOptions, handler: (context: RepositoryContext<S>) => Promise<Response>) {
  const pattern = `:id/${options.tail}`;
  const kind = options.kind ?? "project";
  const route = apiRoute<Record<S | "id", string>>(
    "public",
    async (context) => {
      const project = await findProject(context.viewer, context.params.id);
      if (!project) return notFound("Project Not");
      if (!canFetchRepository(context.viewer, project, kind)) return forbidden();
      const projectUrl = `${baseUrlOf(context.request)}/${project.fullPath}`;
      try {
        return await handler({ ...context, project, repo: repositoryPath(project.id, kind), projectUrl });
      } catch (error) {
        if (error instanceof GitNotFoundError) return json({ message: error.message }, { status: 404 });
        throw error;
      }
    },
    { readScopes: options.readScopes },
  );
  return async (request: Request, context: { params: Promise<NextParams> }): Promise<Response> => {
    const raw = rawSegments(new URL(request.url).pathname, pattern);
    // Only when the address does not end as the route's folders do (never under Next): Next's decoded params, encoded
    // back so that apiRoute's one decoding gives them again.
    const params = raw ?? Object.fromEntries(Object.entries(await context.params).map(([key, value]) => [key, encodeURIComponent(String(value ?? ""))]));
    return route(request, { params: Promise.resolve(params as Record<S | "id", string>) });
  };
}
