// Public face of lib/repositories: bare git repositories on disk in GitLab's hashed layout, and the system git behind
// one small module: spawned with argument arrays and a clean environment, streamed, with timeouts. Serves git's smart
// HTTP for a repository the caller has authorized, with GitLab's push rules enforced by a pre-receive hook, and tidies a
// repository after pushes (housekeeping). Reads trees, files, history, diffs and refs for pages and the API (read/).
export { BundleError, createBundle, restoreFromBundle } from "./bundle";
export { fetchMirror, MirrorError, type MirrorRemote } from "./remote-mirror";
export { checkGitVersion } from "./git-version";
export { GitError, runGit, spawnGit, type GitExit, type GitFailure, type GitOptions, type GitProcess, type GitResult, type RunGitOptions } from "./git-process";
export { housekeepingIdle, scheduleHousekeeping } from "./housekeeping";
export { writeMergeRequestRefs, type MergeRequestHead } from "./merge-request-refs";
export { repositoryPath, type RepositoryKind, type StoredRepositoryKind } from "./layout";
export type { BranchPushRule, PushPolicy, TagPushRule } from "./push-policy";
export { filePathProblem, refNameProblem, revisionProblem } from "./refs";
export * from "./read";
export { advertiseRefs, isGitService, serviceRpc, type GitHttpResponse, type GitService, type ServiceRpcOptions } from "./smart-http";
export { createRepository, removeRepository, repositoryExists, RepositoryExistsError, setDefaultBranch, type CreateRepositoryOptions, type ReadmeCommit } from "./storage";
