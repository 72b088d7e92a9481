import { filePathProblem, refNameProblem } from "../refs";
import { gitRead } from "./git-read";
import { QUICK_MS } from "./limits";
import { isFullObjectId, objectIdProblem } from "./resolve";

/** What a `/-/tree/<ref>/<path>` tail names: a branch, tag or commit, and a path in it. */
export interface RefPath {
  /** The ref as the URL names it (`feature/x`, `v1.0`, a commit id as given). */
  ref: string;
  type: "branch" | "tag" | "commit";
  /** The commit it names now: read at that id, so that every read of one request sees the same tree. */
  commit: string;
  /** The rest of the tail (`dir/file.ts`), "" for the root. */
  path: string;
}

// A ref name is at most 255 bytes (refs.ts), so no longer run of segments can name one.
const MAX_REF_BYTES = 255;

interface Candidate {
  ref: string;
  type: RefPath["type"];
  /** Segments of the tail it takes. */
  length: number;
  /** What git is asked to peel to a commit. */
  revision: string;
}

/**
 * The longest leading run of `segments` that names a branch, or else a tag, with what follows as a path: GitLab's
 * ExtractsRef (`feature/x/dir/file` is branch `feature/x` and `dir/file` when that branch exists, else branch
 * `feature` and `x/dir/file`...). When no run names a branch or tag, the first segment may be a commit id (or HEAD).
 *
 * One `git cat-file --batch-check` answers every candidate, fed on stdin (where nothing is an option) as
 * `refs/heads/<run>^{commit}` and `refs/tags/<run>^{commit}`, longest first. Runs that cannot be a ref name
 * (refNameProblem: `..`, a leading `-`, control characters, `@{`...) are never asked. Null when nothing matches or the
 * path that remains cannot be one (filePathProblem).
 */
export async function splitRefPath(repo: string, segments: readonly string[]): Promise<RefPath | null> {
  const candidates: Candidate[] = [];
  let joined = "";
  for (let length = 1; length <= segments.length; length++) {
    joined = length === 1 ? segments[0]! : `${joined}/${segments[length - 1]}`;
    if (Buffer.byteLength(joined) > MAX_REF_BYTES) break;
    if (refNameProblem(joined) || joined.startsWith("refs/")) continue;
    candidates.push({ ref: joined, type: "branch", length, revision: `refs/heads/${joined}^{commit}` }, { ref: joined, type: "tag", length, revision: `refs/tags/${joined}^{commit}` });
  }
  // Longest first; a branch before a tag of the same name (GitLab's ref switcher lists branches first).
  candidates.sort((a, b) => b.length - a.length);
  const first = segments[0];
  if (first !== undefined && (first === "HEAD" || !objectIdProblem(first))) candidates.push({ ref: first, type: "commit", length: 1, revision: `${first}^{commit}` });
  if (candidates.length === 0) return null;

  const input = candidates.map((candidate) => `${candidate.revision}\n`).join("");
  // One answer line per question: "<id> commit <size>", or "<question> missing" / "ambiguous".
  const { stdout } = await gitRead(repo, ["cat-file", "--batch-check=%(objectname) %(objecttype)"], { timeoutMs: QUICK_MS, maxBytes: 2 * input.length + 128 * candidates.length, input });
  const answers = stdout.toString("utf8").split("\n");
  for (const [index, candidate] of candidates.entries()) {
    const [id = "", type] = (answers[index] ?? "").split(" ");
    if (type !== "commit" || !isFullObjectId(id)) continue;
    const path = segments.slice(candidate.length).join("/");
    if (path !== "" && filePathProblem(path)) return null;
    return { ref: candidate.ref, type: candidate.type, commit: id, path };
  }
  return null;
}
