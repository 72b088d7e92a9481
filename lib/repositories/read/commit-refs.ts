import { gitRead } from "./git-read";
import { HISTORY_MS } from "./limits";
import { resolveRevision } from "./resolve";

export type RefScope = "branch" | "tag" | "all";

/** An item of GitLab's GET /projects/:id/repository/commits/:sha/refs (Entities::BasicRef). */
export interface CommitRef {
  type: "branch" | "tag";
  name: string;
}

export interface CommitRefs {
  refs: CommitRef[];
  /** More refs contain the commit than `limit`. */
  truncated: boolean;
}

const SCOPES: Record<RefScope, string[]> = { branch: ["refs/heads/"], tag: ["refs/tags/"], all: ["refs/heads/", "refs/tags/"] };

/** The branches and tags that contain a commit, branches first, at most `limit` of them. */
export async function commitRefs(repo: string, sha: string, type: RefScope = "all", options: { limit?: number } = {}): Promise<CommitRefs> {
  const id = await resolveRevision(repo, sha);
  const limit = Math.max(1, options.limit ?? 1000);
  const { stdout } = await gitRead(repo, ["for-each-ref", `--contains=${id}`, `--count=${limit + 1}`, "--sort=refname", "--format=%(refname)", "--end-of-options", ...SCOPES[type]], {
    timeoutMs: HISTORY_MS,
    maxBytes: (limit + 1) * 512,
  });
  const refs = stdout
    .toString("utf8")
    .split("\n")
    .filter(Boolean)
    .map((ref): CommitRef => (ref.startsWith("refs/heads/") ? { type: "branch", name: ref.slice("refs/heads/".length) } : { type: "tag", name: ref.slice("refs/tags/".length) }));
  return { refs: refs.slice(0, limit), truncated: refs.length > limit };
}
