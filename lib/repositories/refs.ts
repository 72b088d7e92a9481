// Checks for what a user names in a repository (branches, tags, revisions, file paths) before any of it reaches git's
// command line. Each returns why the value cannot be used, or null when it can, as lib/uploads' filenameProblem does.

// Every component of a ref is a file name under refs/ (loose refs), so a longer one could not be stored anyway.
const MAX_REF_BYTES = 255;
const MAX_PATH_BYTES = 4096;
const OBJECT_ID = /^[0-9a-f]{4,64}$/i;

/**
 * Why a branch or tag name, short (`main`) or full (`refs/heads/main`), is not one git accepts
 * (`git check-ref-format --allow-onelevel`), or null. Stricter than git where a name would be read as something else:
 * a leading `-` (an option) and `HEAD`.
 */
export function refNameProblem(name: string): string | null {
  if (name === "") return "The name is empty.";
  if (Buffer.byteLength(name) > MAX_REF_BYTES) return `The name is longer than ${MAX_REF_BYTES} bytes.`;
  if (name.startsWith("-")) return "The name cannot start with '-'.";
  if (name === "@" || name === "HEAD") return `The name cannot be '${name}'.`;
  if (/[\x00-\x20\x7f]/.test(name)) return "The name cannot contain spaces or control characters.";
  if (/[~^:?*[\\]/.test(name)) return "The name cannot contain any of ~ ^ : ? * [ \\.";
  if (name.includes("..")) return "The name cannot contain '..'.";
  if (name.includes("@{")) return "The name cannot contain '@{'.";
  if (name.startsWith("/") || name.endsWith("/") || name.includes("//")) return "The name cannot start or end with '/' or contain '//'.";
  if (name.endsWith(".")) return "The name cannot end with '.'.";
  for (const component of name.split("/")) {
    if (component.startsWith(".")) return "No part of the name can start with '.'.";
    if (component.endsWith(".lock")) return "No part of the name can end with '.lock'.";
  }
  return null;
}

/**
 * Why a revision is not a commit id (4 to 64 hex digits), `HEAD`, or a valid branch or tag name, or null. Revision
 * syntax (`main~1`, `a..b`, `@{u}`, `:/text`) is refused: callers that need a range build it from two revisions.
 */
export function revisionProblem(revision: string): string | null {
  if (OBJECT_ID.test(revision) || revision === "HEAD") return null;
  const problem = refNameProblem(revision);
  return problem && `Not a commit id, branch or tag: ${problem}`;
}

/**
 * Why a path is not one of a file or directory inside a repository's tree (`docs/intro.md`), or null: relative to
 * the root, no empty, `.` or `..` parts, no NUL. A leading `-` is a valid file name: give paths to git after `--`
 * or as `<revision>:<path>`.
 */
export function filePathProblem(filePath: string): string | null {
  if (filePath === "") return "The path is empty.";
  if (filePath.includes("\0")) return "The path cannot contain a NUL character.";
  if (Buffer.byteLength(filePath) > MAX_PATH_BYTES) return `The path is longer than ${MAX_PATH_BYTES} bytes.`;
  if (filePath.startsWith("/")) return "The path must be relative to the repository's root.";
  const parts = filePath.split("/");
  if (parts.includes("..")) return "The path cannot contain '..'.";
  if (parts.some((part) => part === "" || part === ".")) return "The path cannot contain empty or '.' parts.";
  return null;
}
