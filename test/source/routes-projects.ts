import { runGit } from "@/lib/repositories";
import type { RequestContext } from "./context";
import type { SourceProject } from "./fixture-store";
import { projectBasicJson, projectJson, projectWithAccessJson } from "./presenters";
import { repositoryFacts } from "./repository-archive";
import { apiError, sendJson } from "./respond";
import { ACCESS } from "./types";

/** GitLab's read_project: any project that is not private, and a private one to its members (through its group). */
export function canSeeProject(ctx: RequestContext, project: SourceProject): boolean {
  return ctx.user.isAdmin || project.visibilityLevel >= 10 || ctx.store.projectAccessLevel(project, ctx.user.id) >= ACCESS.guest;
}

/** The `:id` project (numeric id or URL-encoded full path), or a 404 as GitLab's `find_project!` answers. */
export async function routeProject(ctx: RequestContext): Promise<SourceProject | undefined> {
  const project = ctx.store.findProject(ctx.params.id ?? "");
  if (project && canSeeProject(ctx, project)) return project;
  await apiError(ctx, 404, "404 Project Not Found");
  return undefined;
}

/** Project entities (BasicProjectDetails with `simple`), each repository asked what the API tells of it. */
export function presentProjects(ctx: RequestContext, projects: SourceProject[], options: { simple?: boolean } = {}): Promise<unknown[]> {
  return Promise.all(
    projects.map(async (project) => {
      const facts = await repositoryFacts(project.repository);
      return options.simple ? projectBasicJson(ctx, project, facts) : projectJson(ctx, project, facts);
    }),
  );
}

/** GET /projects/:id: the Project entity with the caller's `permissions` (ProjectWithAccess). */
export async function getProject(ctx: RequestContext): Promise<void> {
  const project = await routeProject(ctx);
  if (!project) return;
  return sendJson(ctx, 200, projectWithAccessJson(ctx, project, await repositoryFacts(project.repository)));
}

// Wiki::MARKUPS' extensions: the files of a wiki that are pages.
const PAGE = /\.(md|mkdn?|mdown|markdown|rdoc|adoc|asciidoc|org|textile|creole|re?st(\.txt)?|mediawiki|wiki|pod|txt)$/i;

/** GET /projects/:id/wikis: the wiki's pages (format, slug, title); none for a project without a wiki. */
export async function listWikis(ctx: RequestContext): Promise<void> {
  const project = await routeProject(ctx);
  if (!project) return;
  if (!project.wiki) return sendJson(ctx, 200, []);
  const { stdout } = await runGit(["ls-tree", "-r", "--name-only", "HEAD"], { gitDir: project.wiki, okCodes: [0, 128], timeoutMs: 30_000, maxStdoutBytes: 16 * 1024 * 1024 });
  const pages = stdout
    .toString("utf8")
    .split("\n")
    .filter((path) => PAGE.test(path))
    .map((path) => ({ format: /\.(md|mkdn?|mdown|markdown)$/i.test(path) ? "markdown" : "plaintext", slug: path.replace(/\.[^.]+$/, ""), title: path.slice(path.lastIndexOf("/") + 1).replace(/\.[^.]+$/, "").replace(/-/g, " ") }));
  return sendJson(ctx, 200, pages);
}
