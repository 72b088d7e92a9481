import fs from "node:fs";
import path from "node:path";

/** A protected branch rule as it applies to the one pushing (GitLab's ProtectedBranch and its access levels). */
export interface BranchPushRule {
  /** An exact name, or a pattern where `*` matches anything (`release/*`), as GitLab's. */
  pattern: string;
  /** Whether this user is among the rule's "Allowed to push and merge". */
  mayPush: boolean;
  /** The rule's "Allowed to force push". */
  allowForcePush: boolean;
}

/** A protected tag rule as it applies to the one pushing: whether this user is among its "Allowed to create". */
export interface TagPushRule {
  pattern: string;
  mayCreate: boolean;
}

/**
 * What one push may do, decided by Ferry from the project and the user before git starts; hooks/pre-receive enforces
 * it. Where several rules match a ref, the most permissive one decides, as GitLab's documentation says.
 */
export interface PushPolicy {
  /** An archived project takes no push at all. */
  archived: boolean;
  protectedBranches: BranchPushRule[];
  protectedTags: TagPushRule[];
  /** Maintainers and above: GitLab tells them a protected ref is deleted from the web only, the others that they may not. */
  isMaintainer: boolean;
  /** Who pushes, named in the hook's refusals. */
  userLabel?: string;
}

// Read by hooks/pre-receive: keep the two in step.
const POLICY_VARIABLE = "FERRY_PUSH_POLICY";

/**
 * The hooks directory, found from the project root, which is the working directory of every Ferry process (`npm
 * start`, the worker, the CLI, `next`, vitest; lib/db/migrate.ts finds `drizzle/` the same way). Not from this
 * module's own location: esbuild (dist/server/*.mjs) and Next.js (.next/server) bundle this code far from
 * lib/repositories, and neither copies the hook.
 */
function hooksDirectory(): string {
  return path.resolve(process.cwd(), "lib", "repositories", "hooks");
}

/**
 * What `git receive-pack` needs to enforce a policy: the hooks directory, given per run (`-c core.hooksPath`) so that
 * repositories on disk carry no hooks, and the policy for the hook to read. Fails when the hook is missing or not
 * executable: git would then skip it and take every push.
 */
export async function pushPolicyGitOptions(policy: PushPolicy): Promise<{ config: Record<string, string>; env: Record<string, string> }> {
  const directory = hooksDirectory();
  const hook = path.join(directory, "pre-receive");
  try {
    await fs.promises.access(hook, fs.constants.X_OK);
  } catch (error) {
    throw new Error(`The pre-receive hook ${hook} is missing or not executable, so pushes cannot be checked.`, { cause: error });
  }
  const { archived, protectedBranches, protectedTags, isMaintainer, userLabel } = policy;
  return {
    config: { "core.hooksPath": directory },
    env: { [POLICY_VARIABLE]: JSON.stringify({ archived, protectedBranches, protectedTags, isMaintainer, userLabel }) },
  };
}
