import { tokenAllows } from "@/lib/auth/scopes";
import { canFetchRepository, canPushRepository, findProject, protectedRefsFor, pushPolicyFor, type ProjectWithAccess } from "@/lib/projects";
import { createRepository, repositoryExists, repositoryPath, RepositoryExistsError, type GitService, type PushPolicy, type StoredRepositoryKind } from "@/lib/repositories";
import { findProjectSnippet } from "@/lib/snippets";
import { ANONYMOUS_VIEWER, type Viewer } from "@/lib/viewer";
import { gitClient } from "./credentials";
import { forbidden, MESSAGES, notFound, unauthorized } from "./responses";

export interface GitGrant {
  project: ProjectWithAccess;
  repositoryPath: string;
  /** For git-receive-pack only. */
  pushPolicy?: PushPolicy;
}

/**
 * Whether this request may run `service` on the repository at `fullPath`, in the order of GitLab's git HTTP
 * controller and Gitlab::GitAccess: credentials, the token's scope, the project (hidden ones are not found), the
 * user's role and the repository's (or wiki's) access level, an archived project, the repository on disk. A project
 * whose repository is disabled, or members-only to a non-member, is found but refused (403), as GitLab's
 * download_code and push_code are then. Anonymous clients may fetch what is public and are asked to sign in (401) for
 * anything else, a private project and a missing one alike, so that nothing tells them apart.
 * Run for `info/refs` and again for the RPC that follows: each HTTP request stands alone.
 */
export async function authorizeGit(request: Request, fullPath: string, kind: StoredRepositoryKind, service: GitService, snippetId?: number): Promise<GitGrant | Response> {
  const client = await gitClient(request);
  if (client.kind === "rejected") return unauthorized();
  const push = service === "git-receive-pack";
  const identity = client.kind === "user" ? client.identity : null;
  if (!identity && push) return unauthorized();
  if (identity && !tokenAllows(identity.scopes, push ? "write_repository" : "read_repository")) return forbidden(push ? MESSAGES.upload : MESSAGES.downloadScope);

  const viewer = identity?.user ?? ANONYMOUS_VIEWER;
  const project = await findProject(viewer, fullPath);
  if (!project) return identity ? notFound(MESSAGES.projectNotFound) : unauthorized();
  if (kind === "snippet") return authorizeSnippet(project, snippetId!, viewer, identity !== null, push);
  if (push) {
    if (project.archived) return forbidden(MESSAGES.archived);
    if (!canPushRepository(viewer, project, kind)) return forbidden(kind === "wiki" ? MESSAGES.writeWiki : MESSAGES.pushCode);
  } else if (!canFetchRepository(viewer, project, kind)) {
    return identity ? forbidden(MESSAGES.download) : unauthorized();
  }
  if (!(await repositoryExists(project.id, kind))) {
    // A wiki's repository is made when it is first used (GitLab's Wiki#create_wiki_repository): the first push of
    // pages by someone who may write the wiki creates it, as GitLab does.
    if (!(push && kind === "wiki")) return notFound(kind === "wiki" ? MESSAGES.noWikiRepository : MESSAGES.noRepository);
    await createRepository(project.id, { kind }).catch((error: unknown) => {
      // Made meanwhile by another push or by an import: pushed into all the same.
      if (!(error instanceof RepositoryExistsError)) throw error;
    });
  }
  return {
    project,
    repositoryPath: repositoryPath(project.id, kind),
    pushPolicy: identity && push ? pushPolicyFor(project, identity.user, await protectedRefsFor(project, kind)) : undefined,
  };
}

/**
 * A project snippet's repository: read by whoever may read the snippet (the project's snippets feature, then the
 * snippet's visibility), as GitLab's download_snippet_code; hidden ones are not found (anonymous callers are asked to
 * sign in). Ferry takes no pushes to snippets: they arrive by import.
 */
async function authorizeSnippet(project: ProjectWithAccess, snippetId: number, viewer: Viewer, signedIn: boolean, push: boolean): Promise<GitGrant | Response> {
  const snippet = await findProjectSnippet(viewer, project, snippetId);
  if (!snippet) return signedIn ? notFound(MESSAGES.snippetNotFound) : unauthorized();
  if (push) return forbidden(MESSAGES.pushSnippet);
  if (!(await repositoryExists(snippet.id, "snippet"))) return notFound(MESSAGES.noSnippetRepository);
  return { project, repositoryPath: repositoryPath(snippet.id, "snippet") };
}
