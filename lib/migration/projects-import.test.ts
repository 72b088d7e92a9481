import { and, eq, inArray, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { badges, boards, bulkImportEntities, getDb, labels, milestones, projects } from "@/lib/db";
import { repositoryPath } from "@/lib/repositories";
import { makeUser, unique } from "@/test/helpers/factories";
import { git, temporaryDirectory } from "@/test/helpers/git-client";
import { importResult, waitForImports } from "@/test/helpers/imports";
import { runImportWorker } from "@/test/helpers/import-worker";
import { makeSourceRepository } from "@/test/helpers/source-repository";
import { DEFAULT_TOKEN, fromArchive, ndjsonRecords, projectTreeFile, ROUTES, startTestSource, type TestSource } from "@/test/source";
import { startBulkImport, startImports, STATUS, TRACKER_STATUS } from "./index";

runImportWorker("pgboss_projects_import_test");

const ROOT = 4351;
const SUB = 4352;
const scratch = temporaryDirectory("ferry-projects-import-");
const refsOf = (repo: string) => git(repo, ["for-each-ref", "--format=%(objectname) %(objecttype) %(refname)"]);
const objectsOf = (repo: string) => git(repo, ["cat-file", "--batch-all-objects", "--batch-check=%(objectname) %(objecttype)"]);
const count = async (table: typeof labels | typeof milestones | typeof badges | typeof boards, projectId: number) =>
  (await getDb().select({ n: sql<number>`count(*)::int` }).from(table).where(eq(table.projectId, projectId)))[0]!.n;

/** Projects in the complex group tree: one with GitLab's complex project relations and a full history, an empty one, an archived one. */
async function sourceWithProjects(version: string) {
  const source = await startTestSource({ version, batchSize: 2, exportDelayMs: 50 });
  const app = source.addProject({
    groupId: ROOT, path: "app", name: "App", description: "The app", fixtureProject: "complex", defaultBranch: "main",
    repository: await makeSourceRepository(scratch, { commits: 5, branches: 3, tags: 4, mergeRequestRefs: 2, namedTags: ["release-1.1"] }),
    // A wiki of two commits (script-made like the repository).
    wiki: await makeSourceRepository(scratch, { commits: 2, branches: 0, tags: 0, mergeRequestRefs: 0 }),
  });
  const empty = source.addProject({ groupId: SUB, path: "empty", name: "Empty" });
  const old = source.addProject({ groupId: SUB, path: "old", name: "Old", archived: true, repository: await makeSourceRepository(scratch, { commits: 2, branches: 0, tags: 1, mergeRequestRefs: 0 }) });
  return { source, app, empty, old };
}

async function importTree(source: TestSource) {
  const user = await makeUser();
  const slug = unique("dest");
  const [started] = await startImports(user, { url: source.url, token: DEFAULT_TOKEN }, [
    { sourceFullPath: source.group(ROOT).path, destinationSlug: slug, destinationNamespace: "", migrateProjects: true, migrateMemberships: false },
  ]);
  const [bulkImport] = await waitForImports([started!.bulkImportId]);
  return { user, slug, bulkImport: bulkImport!, result: await importResult(started!.bulkImportId) };
}

async function projectAt(fullPath: string) {
  const [namespace, path] = [fullPath.slice(0, fullPath.lastIndexOf("/")), fullPath.slice(fullPath.lastIndexOf("/") + 1)];
  const [row] = await getDb().execute<{ id: number }>(sql`SELECT p.id FROM projects p JOIN groups g ON g.id = p.namespace_id WHERE g.full_path = ${namespace} AND p.path = ${path}`).then((r) => r.rows);
  const [project] = row ? await getDb().select().from(projects).where(eq(projects.id, row.id)) : [];
  return project;
}

describe("import with projects, by direct transfer", () => {
  it("makes every project of the tree a project entity, with its repository identical and its relations counted", async () => {
    const { source, app, empty, old } = await sourceWithProjects("17.8.0-ee");
    try {
      const { slug, bulkImport, result } = await importTree(source);
      expect(bulkImport.status).toBe(STATUS.finished);
      expect(bulkImport.hasFailures).toBe(false);
      const root = result.get(source.group(ROOT).path)!;
      expect(root.trackers.get("project_entities")).toMatchObject({ status: TRACKER_STATUS.finished, sourceObjectsCount: 1, importedObjectsCount: 1 });
      const subPath = `${source.group(ROOT).path}/${source.group(SUB).path}`;
      expect(result.get(subPath)!.trackers.get("project_entities")).toMatchObject({ sourceObjectsCount: 2, importedObjectsCount: 2 });

      // The project with history: every ref and object, fsck clean, HEAD and default branch as on the source.
      const appEntry = result.get(`${source.group(ROOT).path}/app`)!;
      expect(appEntry.entity).toMatchObject({ sourceType: "project_entity", status: STATUS.finished, parentId: root.entity.id, destinationNamespace: slug });
      const imported = await projectAt(`${slug}/app`);
      expect(imported).toMatchObject({ id: appEntry.entity.projectId, name: "App", description: "The app", defaultBranch: "main", archived: false });
      const repo = repositoryPath(imported!.id, "project");
      expect(await refsOf(repo)).toBe(await refsOf(app.repository!));
      expect(await objectsOf(repo)).toBe(await objectsOf(app.repository!));
      expect(await refsOf(repo)).toMatch(/refs\/merge-requests\/2\/head/);
      expect(await git(repo, ["fsck", "--strict", "--no-dangling"])).toBe("");
      expect(await git(repo, ["symbolic-ref", "HEAD"])).toBe("refs/heads/main");
      expect(appEntry.trackers.get("repository_bundle")).toMatchObject({ status: TRACKER_STATUS.finished, importedObjectsCount: 1 });
      // GitLab's complex project relations, counted exactly, batched by 2.
      const fixture = (relation: string) => ndjsonRecords(projectTreeFile(relation));
      const expected = { labels: fixture("labels").length, milestones: fixture("milestones").length, badges: fixture("project_badges").length, boards: fixture("boards").length };
      // A board list's label the labels relation lacks ("testlabel") is made in the project, as GitLab's importer does.
      const listLabels = fixture("boards").flatMap((b) => (b.lists as { label?: { title: string } }[]).flatMap((l) => (l.label ? [l.label.title] : [])));
      const madeByBoards = listLabels.filter((title) => !fixture("labels").some((l) => l.title === title)).length;
      expect(madeByBoards).toBe(1);
      expect({ labels: await count(labels, imported!.id), milestones: await count(milestones, imported!.id), badges: await count(badges, imported!.id), boards: await count(boards, imported!.id) }).toEqual({
        ...expected,
        labels: expected.labels + madeByBoards,
      });
      for (const [relation, n] of Object.entries(expected)) {
        expect(appEntry.trackers.get(relation), relation).toMatchObject({ status: TRACKER_STATUS.finished, sourceObjectsCount: n, importedObjectsCount: n });
      }
      expect(appEntry.trackers.get("labels")!.batched).toBe(true);
      // Its setting relations: feature levels acted on (GitLab's 10 is "private"), every record kept whole.
      expect(imported!.sourceAttributes).toMatchObject({ issues_access_level: "private", builds_access_level: "private", wiki_access_level: "private" });
      expect(imported!.settingRelations).toMatchObject({
        ci_cd_settings: { group_runners_enabled: false },
        auto_devops: { deploy_strategy: "continuous", enabled: null },
        container_expiration_policy: { cadence: "3month", keep_n: 100, enabled: false },
        project_feature: { issues_access_level: 10 },
      });
      expect(imported!.settingRelations.project_feature).not.toHaveProperty("project_id");
      expect(appEntry.trackers.get("ci_cd_settings")).toMatchObject({ status: TRACKER_STATUS.finished, importedObjectsCount: 1 });
      // Its wiki, mirrored over smart HTTP: its pages (README.md, CHANGELOG.md, src/file-2.txt; not assets/logo.bin), every ref.
      expect(appEntry.trackers.get("wiki")).toMatchObject({ status: TRACKER_STATUS.finished, sourceObjectsCount: 3, importedObjectsCount: 3 });
      expect(await refsOf(repositoryPath(imported!.id, "wiki"))).toBe(await refsOf(app.wiki!));
      expect(source.requests.some((r) => r.path.endsWith("/app.wiki.git/git-upload-pack") && r.tokenVia === "basic")).toBe(true);
      // Nothing of the project landed in its group.
      const [groupLabels] = await getDb().select({ n: sql<number>`count(*)::int` }).from(labels).where(and(eq(labels.groupId, root.group!.id), inArray(labels.title, fixture("labels").map((l) => String(l.title)))));
      expect(groupLabels!.n).toBe(0);

      // The empty project: an empty repository, no failure. The archived one stays archived.
      const emptyProject = await projectAt(`${slug}/${source.group(SUB).path}/empty`);
      expect(await refsOf(repositoryPath(emptyProject!.id, "project"))).toBe("");
      expect(result.get(`${subPath}/empty`)!.entity.status).toBe(STATUS.finished);
      expect(result.get(`${subPath}/empty`)!.trackers.get("wiki")).toMatchObject({ status: TRACKER_STATUS.finished, sourceObjectsCount: 0 });
      const oldProject = await projectAt(`${slug}/${source.group(SUB).path}/old`);
      expect(oldProject!.archived).toBe(true);
      expect(await refsOf(repositoryPath(oldProject!.id, "project"))).toBe(await refsOf(old.repository!));
      expect(source.project(empty.id).repository).toBeNull();
    } finally {
      await source.close();
    }
  }, 150_000);

  it("clones the repository as a mirror from sources before 15.1, as oauth2:<token> over smart HTTP", async () => {
    const { source, app } = await sourceWithProjects("15.0.0");
    try {
      const { slug, bulkImport, result } = await importTree(source);
      expect(bulkImport.status).toBe(STATUS.finished);
      const entry = result.get(`${source.group(ROOT).path}/app`)!;
      expect(entry.trackers.has("repository_bundle")).toBe(false);
      expect(entry.trackers.get("repository")).toMatchObject({ status: TRACKER_STATUS.finished });
      const imported = await projectAt(`${slug}/app`);
      expect(await refsOf(repositoryPath(imported!.id, "project"))).toBe(await refsOf(app.repository!));
      const fetches = source.requests.filter((r) => r.path.endsWith("/app.git/git-upload-pack") || r.path.endsWith("/app.git/info/refs"));
      expect(fetches.length).toBeGreaterThan(0);
      expect(fetches.every((r) => r.tokenVia === "basic" && r.status === 200)).toBe(true);
    } finally {
      await source.close();
    }
  }, 150_000);

  it("fails a project whose repository archive is hostile, and says so: the import is partially completed", async () => {
    const { source, app } = await sourceWithProjects("17.8.0-ee");
    source.setProjectRelation(app.id, "repository", fromArchive([{ name: "./repository.bundle", data: Buffer.from("not a bundle") }]));
    try {
      const { slug, bulkImport, result } = await importTree(source);
      expect(bulkImport.status).toBe(STATUS.finished);
      expect(bulkImport.hasFailures).toBe(true);
      const entry = result.get(`${source.group(ROOT).path}/app`)!;
      expect(entry.entity.status).toBe(STATUS.failed);
      expect(entry.trackers.get("repository_bundle")!.status).toBe(TRACKER_STATUS.failed);
      // Aborted: the later stages did not run.
      expect(entry.trackers.get("boards")!.status).toBe(TRACKER_STATUS.skipped);
      expect(entry.failures.map((f) => f.exceptionMessage)).toEqual([expect.stringMatching(/repository bundle is not valid/)]);
      expect(await refsOf(repositoryPath((await projectAt(`${slug}/app`))!.id, "project"))).toBe("");
      // The other projects are not held back by it.
      expect(result.get(`${source.group(ROOT).path}/${source.group(SUB).path}/old`)!.entity.status).toBe(STATUS.finished);
    } finally {
      await source.close();
    }
  }, 150_000);

  it("imports a single project into an existing group (source_type project_entity)", async () => {
    const { source, app } = await sourceWithProjects("17.8.0-ee");
    try {
      const user = await makeUser();
      const { createGroup } = await import("@/lib/groups");
      const target = await createGroup(user, { name: "Target", path: unique("target") });
      const [started] = await startBulkImport(user, { url: source.url, token: DEFAULT_TOKEN }, [
        { sourceType: "project_entity", sourceFullPath: source.store.projectFullPath(app), destinationSlug: "moved", destinationNamespace: target.fullPath, migrateProjects: false, migrateMemberships: false },
      ]);
      const [bulkImport] = await waitForImports([started!.bulkImport.id]);
      expect(bulkImport!.status).toBe(STATUS.finished);
      const moved = await projectAt(`${target.fullPath}/moved`);
      expect(await refsOf(repositoryPath(moved!.id, "project"))).toBe(await refsOf(app.repository!));
      const [entity] = await getDb().select().from(bulkImportEntities).where(eq(bulkImportEntities.bulkImportId, started!.bulkImport.id));
      expect(entity).toMatchObject({ sourceType: "project_entity", projectId: moved!.id, status: STATUS.finished });
      expect(source.requests.some((r) => r.route === ROUTES.projectExportRelations)).toBe(true);
    } finally {
      await source.close();
    }
  }, 150_000);
});
