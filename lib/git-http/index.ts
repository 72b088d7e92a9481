// Public face of lib/git-http: git's smart HTTP at GitLab's addresses (`<full path>.git/info/refs`, `git-upload-pack`,
// `git-receive-pack`, wikis at `.wiki.git`), authenticated as GitLab does (HTTP Basic, a personal access token as the
// password) and answered by git through lib/repositories. app/-/git/[...path] serves it; next.config.js routes there.
export { serveGitHttp } from "./serve";
