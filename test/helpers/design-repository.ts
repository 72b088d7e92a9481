import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { designActions, designs, designVersions, getDb, issues, type LfsRepositoryType } from "@/lib/db";
import { commitLfsObject, lfsStagingDirectory, linkLfsObject, saveLfsObject, stageLfsObject } from "@/lib/lfs";
import { repositoryPath } from "@/lib/repositories";
import { unique } from "./factories";
import { git, newWorktree } from "./git-client";
import { lfsPointer } from "./source-repository";

// An issue's designs as GitLab's DesignManagement keeps them: rows (designs, versions, actions), a design repository
// with one commit per version holding each design at `designs/issue-<iid>/<filename>` as a Git LFS pointer, and the
// objects in the store. Built with the real git client.

const sha256 = (data: Buffer) => createHash("sha256").update(data).digest("hex");

/** Puts an object in the store, as an import or a push does, linked to `projectId` with `types` (none: stored only). */
export async function storeLfsObject(data: Buffer, projectId: number, types: readonly (LfsRepositoryType | null)[] = ["design"]): Promise<string> {
  const oid = sha256(data);
  const staging = await lfsStagingDirectory();
  const { file } = await stageLfsObject(staging, oid, [data], 1 << 30);
  await commitLfsObject(file, oid);
  fs.rmSync(staging, { recursive: true, force: true });
  const id = await saveLfsObject(oid, data.length);
  await linkLfsObject(projectId, id, types);
  return oid;
}

/** A design's content in one version: LFS (a pointer committed), `raw` (the bytes themselves), or deleted. */
export type DesignChange = { lfs: Buffer } | { raw: Buffer } | null;

/**
 * Adds an issue with designs to the project: one commit per version in its design repository
 * (`repositoryPath(projectId, "design")`, made if needed), each changing the issue's designs by file name as given,
 * and the rows that describe them. Gives the issue, each version's commit and each design's id.
 */
export async function designedIssue(scratch: string, projectId: number, issueIid: number, versions: Record<string, DesignChange>[]) {
  const db = getDb();
  const [issue] = await db.insert(issues).values({ projectId, iid: issueIid, title: `Designed ${issueIid}` }).returning();
  const names = [...new Set(versions.flatMap((version) => Object.keys(version)))];
  const rows = await db
    .insert(designs)
    .values(names.map((filename, index) => ({ projectId, issueId: issue!.id, iid: index + 1, filename, relativePosition: index })))
    .returning();
  const ids = Object.fromEntries(rows.map((row) => [row.filename, row.id]));

  // One repository per project, one branch, as GitLab's: an issue's versions follow those of the issues before it.
  const repo = repositoryPath(projectId, "design");
  let worktree = path.join(scratch, unique("design-work"));
  if (fs.existsSync(repo)) await git(scratch, ["clone", "--quiet", repo, worktree]);
  else {
    fs.mkdirSync(path.dirname(repo), { recursive: true });
    await git(scratch, ["init", "--quiet", "--bare", "--initial-branch=main", repo]);
    worktree = await newWorktree(scratch, path.basename(worktree));
    fs.writeFileSync(path.join(worktree, ".gitattributes"), "/designs/** filter=lfs diff=lfs merge=lfs -text\n");
  }
  const shas: string[] = [];
  const seen = new Set<string>();
  for (const [index, version] of versions.entries()) {
    for (const [name, change] of Object.entries(version)) {
      const file = path.join(worktree, "designs", `issue-${issueIid}`, name);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      if (change === null) fs.rmSync(file);
      else fs.writeFileSync(file, "lfs" in change ? lfsPointer(change.lfs) : change.raw);
    }
    await git(worktree, ["add", "--all"]);
    await git(worktree, ["commit", "--quiet", "--message", `Version ${index + 1}`]);
    const sha = await git(worktree, ["rev-parse", "HEAD"]);
    shas.push(sha);
    const [row] = await db.insert(designVersions).values({ issueId: issue!.id, sha, createdAt: new Date(Date.UTC(2024, 0, index + 1)) }).returning();
    await db.insert(designActions).values(
      Object.entries(version).map(([name, change]) => {
        const event = change === null ? 2 : seen.has(name) ? 1 : 0;
        seen.add(name);
        return { designId: ids[name]!, versionId: row!.id, event };
      }),
    );
  }
  await git(worktree, ["push", "--quiet", repo, "HEAD:refs/heads/main"]);
  return { issue: issue!, ids, shas, repo };
}
