// Refusals as GitLab's git HTTP controller words them. Plain text: git shows such a body to the user as `remote: ...`.

export const MESSAGES = {
  unauthorized:
    "HTTP Basic: Access denied. Git over HTTP takes a personal access token as the password (any username). " +
    "If a token was provided, it was either incorrect, expired, revoked, or its user is blocked.",
  projectNotFound: "The project you were looking for could not be found or you don't have permission to view it.",
  download: "You are not allowed to download code from this project.",
  downloadScope: "You are not allowed to download code. The token needs the read_repository, write_repository, read_api or api scope.",
  upload: "You are not allowed to upload code. The token needs the write_repository or api scope to push.",
  pushCode: "You are not allowed to push code to this project.",
  writeWiki: "You are not allowed to write to this project's wiki.",
  archived: "You are not allowed to push code to an archived project.",
  noRepository: "A repository for this project does not exist yet.",
  noWikiRepository: "A repository for this wiki does not exist yet.",
  snippetNotFound: "The snippet you were looking for could not be found or you don't have permission to view it.",
  noSnippetRepository: "A repository for this snippet does not exist yet.",
  pushSnippet: "You are not allowed to push to this snippet.",
  notFound: "Not Found",
} as const;

// Nothing in between may keep an answer that depends on who asked.
const TEXT = { "content-type": "text/plain; charset=utf-8", "cache-control": "no-cache" };

export const textResponse = (status: number, message: string, headers: Record<string, string> = {}) =>
  new Response(`${message}\n`, { status, headers: { ...TEXT, ...headers } });

/** 401 with a Basic challenge, so that git asks for credentials (or its credential helper gives them) and retries. */
export const unauthorized = () => textResponse(401, MESSAGES.unauthorized, { "www-authenticate": 'Basic realm="Ferry"' });
export const forbidden = (message: string) => textResponse(403, message);
export const notFound = (message: string = MESSAGES.notFound) => textResponse(404, message);
