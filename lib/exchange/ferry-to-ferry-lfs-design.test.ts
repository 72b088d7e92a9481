import { createHash } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb, lfsObjects, lfsObjectsProjects } from "@/lib/db";
import { STATUS } from "@/lib/migration";
import { repositoryPath } from "@/lib/repositories";
import { tokenFor } from "@/test/helpers/api";
import { makeUser, unique } from "@/test/helpers/factories";
import { git, temporaryDirectory } from "@/test/helpers/git-client";
import { makeSourceRepository } from "@/test/helpers/source-repository";
import { exportGroupOverHttp } from "@/test/exchange/export-client";
import { runFerryExchange } from "@/test/exchange/ferry-exchange";
import { importSourceGroup } from "@/test/exchange/fixture-import";
import { fromLfsObjects, fromRepository } from "@/test/source";

const { source, ferry } = runFerryExchange("pgboss_ferry_to_ferry_lfs_design_test", { version: "17.8.0-ee", batchSize: 2, exportDelayMs: 20 });
const scratch = temporaryDirectory("ferry-f2f-lfs-");
const refsOf = (repo: string) => git(repo, ["for-each-ref", "--format=%(objectname) %(objecttype) %(refname)"]);
const sha256 = (data: Buffer) => createHash("sha256").update(data).digest("hex");

/** A project's LFS links as `oid → sorted types`. */
async function linksOf(projectId: number) {
  const rows = await getDb()
    .select({ oid: lfsObjects.oid, types: sql<(string | null)[]>`array_agg(${lfsObjectsProjects.repositoryType} ORDER BY ${lfsObjectsProjects.repositoryType} NULLS FIRST)` })
    .from(lfsObjectsProjects)
    .innerJoin(lfsObjects, eq(lfsObjects.id, lfsObjectsProjects.lfsObjectId))
    .where(eq(lfsObjectsProjects.projectId, projectId))
    .groupBy(lfsObjects.oid);
  return Object.fromEntries(rows.map((row) => [row.oid, row.types]));
}

async function projectIn(namespace: string, path: string): Promise<number> {
  const rows = await getDb().execute<{ id: number }>(sql`SELECT p.id FROM projects p JOIN groups g ON g.id = p.namespace_id WHERE g.full_path = ${namespace} AND p.path = ${path}`);
  return rows.rows[0]!.id;
}

describe("one Ferry migrating LFS objects and designs from another", () => {
  it("exports what it imported from GitLab, and the second Ferry has the same objects, links and design repository", async () => {
    const run = unique("f2f");
    const content = (name: string) => Buffer.from(`${run} ${name}\n`.repeat(400));
    const [model, sketch, shared] = [content("model"), content("sketch"), content("shared")];
    const design = await makeSourceRepository(scratch, { commits: 3, branches: 1, tags: 1, mergeRequestRefs: 0 });
    const root = source().group(4351);
    source().addProject({
      groupId: 4351, path: "app", name: "App",
      repository: await makeSourceRepository(scratch, { commits: 2, branches: 0, tags: 0, mergeRequestRefs: 0, lfs: { "model.bin": model } }),
      relations: {
        lfs_objects: fromLfsObjects([{ data: model, types: ["project"] }, { data: sketch, types: ["design"] }, { data: shared, types: [null, "project", "wiki"] }]),
        design: fromRepository(design, "design.bundle"),
      },
    });
    source().addProject({ groupId: 4351, path: "plain", name: "Plain", relations: { lfs_objects: fromLfsObjects([{ data: shared }]) } });
    const user = await makeUser();
    const fromGitlab = await importSourceGroup(source(), root.path, user, unique("ferry-a"));
    expect(fromGitlab).toMatchObject({ status: STATUS.finished, hasFailures: false });
    const aRoot = [...fromGitlab.byPath.values()].find((g) => g.parentId === null)!;

    const token = await tokenFor(user.id);
    const slug = unique("ferry-b");
    const fromFerry = await importSourceGroup({ url: ferry().url, token }, aRoot.fullPath, user, slug);
    expect(fromFerry).toMatchObject({ status: STATUS.finished, hasFailures: false });

    const expected = {
      app: { [sha256(model)]: ["project"], [sha256(sketch)]: ["design"], [sha256(shared)]: [null, "project", "wiki"] },
      plain: { [sha256(shared)]: ["project"] },
    };
    for (const [path, links] of Object.entries(expected)) {
      const [a, b] = [await projectIn(aRoot.fullPath, path), await projectIn(slug, path)];
      expect(await linksOf(a), `A's ${path}`).toEqual(links);
      expect(await linksOf(b), `B's ${path}`).toEqual(links);
    }
    // Both Ferries share one store here: each object is one row, whatever number of projects link it.
    const rows = await getDb().select({ oid: lfsObjects.oid, size: lfsObjects.size }).from(lfsObjects).where(sql`${lfsObjects.oid} IN (${sql.join([model, sketch, shared].map((d) => sql`${sha256(d)}`), sql`, `)})`);
    expect(rows.map((r) => [r.oid, r.size]).sort()).toEqual([model, sketch, shared].map((d) => [sha256(d), d.length]).sort());

    // The design repository: every ref of the source's, in A and then in B; none for the project without designs.
    const [aApp, bApp] = [await projectIn(aRoot.fullPath, "app"), await projectIn(slug, "app")];
    expect(await refsOf(repositoryPath(aApp, "design"))).toBe(await refsOf(design));
    expect(await refsOf(repositoryPath(bApp, "design"))).toBe(await refsOf(design));
    expect(await git(repositoryPath(bApp, "design"), ["fsck", "--no-dangling"])).toBe("");

    // What each Ferry exports of its copy: the same objects (name, size, content) and the same listing.
    const [aExport, bExport] = await Promise.all([aApp, bApp].map((id) => exportGroupOverHttp(ferry().url, token, id, { kind: "project" })));
    const objects = aExport!.get("lfs_objects")!.records;
    expect(objects.filter((r) => r.name !== "lfs_objects.json").map((r) => [r.name, r.size, r.sha256]).sort()).toEqual([model, sketch, shared].map((d) => [sha256(d), d.length, sha256(d)]).sort());
    expect(bExport!.get("lfs_objects")!.records).toEqual(objects);
    expect(aExport!.get("design")!.records.map((r) => r.name)).toEqual(["design.bundle"]);
    const [aPlain] = [await projectIn(aRoot.fullPath, "plain")];
    const plainExport = await exportGroupOverHttp(ferry().url, token, aPlain, { kind: "project" });
    expect(plainExport.get("design")!.records).toEqual([]);
  }, 240_000);
});
