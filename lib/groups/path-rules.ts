// GitLab's namespace path rules (Gitlab::PathRegex): letters, digits, '_', '-' and '.'; cannot start with '-',
// cannot end in '.', '.git' or '.atom'; some words are reserved because routes would mask them.
const NAMESPACE_FORMAT = /^(?:[a-zA-Z0-9_.][a-zA-Z0-9_\-.]*[a-zA-Z0-9_-]|[a-zA-Z0-9_])$/;
const FORBIDDEN_SUFFIX = /\.(git|atom)$/i;
export const MAX_PATH_LENGTH = 255;

/** Paths GitLab reserves at the top level (its TOP_LEVEL_ROUTES), plus Ferry's own top-level routes. */
const RESERVED_TOP_LEVEL = new Set(
  [
    "-", ".well-known", "404.html", "422.html", "500.html", "502.html", "503.html", "abuse_reports", "admin", "api",
    "apple-touch-icon-precomposed.png", "apple-touch-icon.png", "assets", "autocomplete", "ci", "dashboard",
    "deploy.html", "explore", "favicon.ico", "favicon.png", "files", "groups", "health_check", "help", "import",
    "invites", "jwt", "login", "oauth", "profile", "projects", "public", "robots.txt", "s", "search",
    "sent_notifications", "slash-command-logo.png", "snippets", "unsubscribes", "uploads", "users", "v2",
    "_next", "new", "settings",
  ].map((w) => w.toLowerCase()),
);

/**
 * Words that would be read as a route of the namespace above (GitLab's PROJECT_WILDCARD_ROUTES): a subgroup cannot
 * take them (ILLEGAL_GROUP_PATH_WORDS) nor can a project (ILLEGAL_PROJECT_PATH_WORDS), since both sit in that place.
 */
const RESERVED_IN_NAMESPACE = new Set([
  "-", "badges", "blame", "blob", "builds", "commits", "create", "create_dir", "edit", "files", "find_file", "new",
  "preview", "raw", "refs", "tree", "update", "wikis",
]);

export const PATH_FORMAT_MESSAGE =
  "Please choose a group URL with no special characters or spaces. It can contain only letters, digits, '_', '-' and '.', cannot start with '-' and cannot end in '.', '.git' or '.atom'.";

/** The first problem with a group path, or null when it is valid. `topLevel` picks the reserved-word list. */
export function groupPathError(path: string, topLevel: boolean): string | null {
  if (path.length === 0) return "This field is required.";
  if (path.length > MAX_PATH_LENGTH) return `Path is too long (maximum is ${MAX_PATH_LENGTH} characters).`;
  if (!NAMESPACE_FORMAT.test(path) || FORBIDDEN_SUFFIX.test(path)) return PATH_FORMAT_MESSAGE;
  const reserved = topLevel ? RESERVED_TOP_LEVEL : RESERVED_IN_NAMESPACE;
  if (reserved.has(path.toLowerCase())) return `"${path}" is a reserved name. Please choose another path.`;
  return null;
}

export function isValidGroupPath(path: string, topLevel: boolean): boolean {
  return groupPathError(path, topLevel) === null;
}

/** A path made from a name the way GitLab's "New group" form suggests one. */
export function pathFromName(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9_.-]+/g, "-")
    .replace(/^[-.]+|[-.]+$/g, "")
    .replace(/\.(git|atom)$/, "")
    .slice(0, MAX_PATH_LENGTH);
}

export const GROUP_NAME_MESSAGE =
  "Name can contain only letters, digits, emoji, '_', '.', dash, space, parenthesis. It must start with a letter, digit, emoji or '_'.";
const GROUP_NAME_FORMAT = /^[\p{L}\p{N}_\p{Extended_Pictographic}][\p{L}\p{N}_.\-\s()+\p{Extended_Pictographic}]*$/u;

export function groupNameError(name: string): string | null {
  if (name.trim().length === 0) return "Name can't be blank.";
  if (name.length > 255) return "Name is too long (maximum is 255 characters).";
  if (!GROUP_NAME_FORMAT.test(name)) return GROUP_NAME_MESSAGE;
  return null;
}

// Projects: GitLab checks a new or changed project path against Gitlab::Regex.oci_repository_path_regex (letters and
// digits, single '.', '_' or '-' between them), on top of the project path format and the reserved words above.
const PROJECT_PATH_FORMAT = /^[a-zA-Z0-9]+(?:[._-][a-zA-Z0-9]+)*$/;
export const PROJECT_PATH_MESSAGE = "must not start or end with a special character and must not contain consecutive special characters.";

/**
 * The first problem with a project path as GitLab words it on the `path` attribute ("has already been taken" style,
 * without the attribute's name), or null when it is valid.
 */
export function projectPathError(path: string): string | null {
  if (path.length === 0) return "can't be blank";
  if (path.length > MAX_PATH_LENGTH) return `is too long (maximum is ${MAX_PATH_LENGTH} characters)`;
  if (!PROJECT_PATH_FORMAT.test(path)) return PROJECT_PATH_MESSAGE;
  if (FORBIDDEN_SUFFIX.test(path)) return "can contain only letters, digits, '_', '-' and '.'. Cannot start with '-', end in '.git' or end in '.atom'";
  if (RESERVED_IN_NAMESPACE.has(path.toLowerCase())) return `${path} is a reserved name`;
  return null;
}

// Gitlab::Regex.project_name_regex: unlike a group's, a project's name may hold '+' but no parentheses.
const PROJECT_NAME_FORMAT = /^[\p{L}\p{N}_\u{00A9}-\u{1F9FF}][\p{L}\p{N}\p{Pd}+_.\u{00A9}-\u{1F9FF} ]*$/u;
export const PROJECT_NAME_MESSAGE = "can contain only letters, digits, emojis, '_', '.', '+', dashes, or spaces. It must start with a letter, digit, emoji, or '_'.";

/** The first problem with a project name, worded as GitLab's `name` attribute errors, or null. */
export function projectNameError(name: string): string | null {
  if (name.trim().length === 0) return "can't be blank";
  if (name.length > 255) return "is too long (maximum is 255 characters)";
  if (!PROJECT_NAME_FORMAT.test(name)) return PROJECT_NAME_MESSAGE;
  return null;
}

/**
 * The path GitLab makes from a name when a project is created without one ("lowercase with dashes"): every run of
 * other characters becomes one dash, so the result always passes projectPathError's format.
 */
export function projectPathFromName(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, MAX_PATH_LENGTH)
    .replace(/-+$/, "");
}
