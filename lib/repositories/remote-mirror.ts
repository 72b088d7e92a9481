import { firstErrorLine, GitError, runGit } from "./git-process";
import { pointHead } from "./head-branch";

/** A source repository for git to fetch: its URL and the `-c` settings (credentials, URL policy) that go with it. */
export interface MirrorRemote {
  url: string;
  config: Readonly<Record<string, string>>;
}

/** A remote that could not be mirrored: unreachable, refused, not a repository. The message is safe to show. */
export class MirrorError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "MirrorError";
  }
}

// A large repository takes a while to fetch; a stuck transfer must still end.
const FETCH_TIMEOUT_MS = 60 * 60_000;
const REFS_OUTPUT = 64 * 1024 * 1024;

/**
 * Settings through git's environment (GIT_CONFIG_COUNT), not `-c` arguments: a process list shows arguments to every
 * user of the machine, and the settings carry the source's token.
 */
function configEnvironment(config: Readonly<Record<string, string>>): Record<string, string> {
  const entries = Object.entries(config);
  return Object.fromEntries([
    ["GIT_CONFIG_COUNT", String(entries.length)],
    ...entries.flatMap(([key, value], i) => [
      [`GIT_CONFIG_KEY_${i}`, key],
      [`GIT_CONFIG_VALUE_${i}`, value],
    ]),
  ]);
}

/**
 * GitLab's `fetch_as_mirror` into the bare repository at `repoPath`: every ref of the remote (branches, tags, merge
 * request refs), in one atomic update, then HEAD on the repository's default branch if it arrived. Gives the number of
 * refs and HEAD's branch. An empty remote is no error: nothing arrives.
 */
export async function fetchMirror(repoPath: string, remote: MirrorRemote): Promise<{ refs: number; head: string | null }> {
  const env = configEnvironment(remote.config);
  try {
    await runGit(["fetch", "--quiet", "--atomic", "--prune", "--no-write-fetch-head", "--no-auto-gc", remote.url, "+refs/*:refs/*"], {
      gitDir: repoPath,
      env,
      timeoutMs: FETCH_TIMEOUT_MS,
      maxStdoutBytes: 64 * 1024,
    });
  } catch (error) {
    if (error instanceof GitError && error.reason !== "spawn") throw new MirrorError(`The repository could not be fetched from ${remote.url}: ${firstErrorLine(error.stderr) || error.message}.`, { cause: error });
    throw error;
  }
  const { stdout } = await runGit(["for-each-ref", "--format=%(objectname) %(refname)"], { gitDir: repoPath, timeoutMs: 60_000, maxStdoutBytes: REFS_OUTPUT });
  const refs = new Map<string, string>();
  for (const line of stdout.toString("utf8").split("\n")) {
    const [id, name] = line.split(" ");
    if (id && name) refs.set(name, id);
  }
  return { refs: refs.size, head: await pointHead(repoPath, refs) };
}

