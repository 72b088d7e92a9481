/**
 * What a read names does not exist: a ref, a commit, a path. `message` is GitLab's answer for it ("404 Commit Not
 * Found", "404 invalid revision or path Not Found"), so an API route can send `{ message }` with `status`.
 * Names git would refuse (`--output=x`, `HEAD@{1}`, `../x`) end here too, before git runs: they cannot name anything,
 * and GitLab answers them the same way.
 */
export class GitNotFoundError extends Error {
  readonly status = 404;

  constructor(readonly what: string) {
    super(`404 ${what} Not Found`);
    this.name = "GitNotFoundError";
  }
}

export const notFound = (what: string) => new GitNotFoundError(what);
