import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { readTarGz } from "@/lib/archive";
import { bulkImportExports, getDb } from "@/lib/db";
import { createGroup } from "@/lib/groups";
import { createProject } from "@/lib/projects";
import { createRepository, repositoryPath, restoreFromBundle } from "@/lib/repositories";
import { makeUser, unique } from "@/test/helpers/factories";
import { commitFiles, git, newWorktree, temporaryDirectory } from "@/test/helpers/git-client";
import { runFerryExchange } from "@/test/exchange/ferry-exchange";
import { exportsRoot } from "./files";
import { findDownload } from "./export-download";
import { startExport } from "./start-export";
import { EXPORT_STATUS } from "./status";

runFerryExchange("pgboss_repository_export_test");
const work = temporaryDirectory("ferry-repository-export-");
const refsOf = (repo: string) => git(repo, ["for-each-ref", "--format=%(objectname) %(refname)"]);

/** Exports a project's `repository` relation through the worker, and gives the archive's entries (name → bytes). */
async function exportRepository(projectId: number, fullPath: string, userId: number): Promise<Map<string, Buffer>> {
  const portable = { kind: "project" as const, id: projectId, fullPath };
  await startExport(portable, userId, { batched: true });
  const row = () => getDb().select().from(bulkImportExports).where(and(eq(bulkImportExports.projectId, projectId), eq(bulkImportExports.relation, "repository")));
  const deadline = Date.now() + 60_000;
  while ((await row())[0]?.status !== EXPORT_STATUS.finished && Date.now() < deadline) {
    expect((await row())[0]?.status).not.toBe(EXPORT_STATUS.failed);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect((await row())[0]).toMatchObject({ status: EXPORT_STATUS.finished, batched: false });
  const found = await findDownload(portable, userId, "repository", null);
  if (!("file" in found)) throw new Error(JSON.stringify(found));
  expect(found.file.filename).toBe("repository.tar.gz");
  const entries = new Map<string, Buffer>();
  for await (const entry of readTarGz(Readable.from([fs.readFileSync(found.file.path)]))) {
    const chunks: Buffer[] = [];
    for await (const chunk of entry.body) chunks.push(chunk as Buffer);
    entries.set(entry.path, Buffer.concat(chunks));
  }
  return entries;
}

describe("a project's repository exported by Ferry", () => {
  it("is repository.tar.gz holding repository.bundle with every ref, which restores into an identical repository", async () => {
    const owner = await makeUser();
    const group = await createGroup(owner, { name: "Code", path: unique("code") });
    const project = await createProject(owner, { name: unique("Shelf"), namespaceId: group.id });
    const worktree = await newWorktree(work, "shelf");
    await commitFiles(worktree, { "src/app.ts": "export const app = 1;\n" }, "Add the app");
    await git(worktree, ["tag", "-a", "v1.0", "-m", "First release"]);
    await git(worktree, ["branch", "feature/x"]);
    const repo = repositoryPath(project.id, "project");
    await git(worktree, ["push", "--quiet", repo, "main", "feature/x", "v1.0", "feature/x:refs/merge-requests/1/head"]);

    const entries = await exportRepository(project.id, project.fullPath, owner.id);
    expect([...entries.keys()]).toEqual(["repository.bundle"]);
    const bundle = path.join(work, "exported.bundle");
    fs.writeFileSync(bundle, entries.get("repository.bundle")!);
    const restored = await createRepository(1_000_000 + project.id, { kind: "project" });
    expect((await restoreFromBundle(restored, bundle)).refs).toBe(4);
    expect(await refsOf(restored)).toBe(await refsOf(repo));
    expect(await git(restored, ["fsck", "--strict", "--no-dangling"])).toBe("");
    // The bundle was written beside the exports and is gone.
    expect(fs.readdirSync(path.join(exportsRoot(), "bundles"))).toEqual([]);
  });

  it("is an archive without a bundle for an empty repository, as GitLab's", async () => {
    const owner = await makeUser();
    const group = await createGroup(owner, { name: "Empty", path: unique("empty") });
    const project = await createProject(owner, { name: unique("Nothing"), namespaceId: group.id });
    expect([...(await exportRepository(project.id, project.fullPath, owner.id)).keys()]).toEqual([]);
  });
});
