import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { ACCESS_LEVELS, getDb, milestoneReleases, milestones, projects, protectedBranches, protectedTags, releaseLinks, releases } from "@/lib/db";
import { protectedBranchesRoute, protectedBranchRoute, protectedTagRoute, protectedTagsRoute, releaseRoute, releasesRoute } from "@/lib/api";
import { findProject, protectedRefsFor, pushPolicyFor } from "@/lib/projects";
import { repositoryPath } from "@/lib/repositories";
import { call, tokenFor } from "@/test/helpers/api";
import { makeUser, unique } from "@/test/helpers/factories";
import { git, gitFailure, temporaryDirectory } from "@/test/helpers/git-client";
import { runGitHttpServer } from "@/test/helpers/git-http-server";
import { importResult, waitForImports } from "@/test/helpers/imports";
import { runImportWorker } from "@/test/helpers/import-worker";
import { makeSourceRepository } from "@/test/helpers/source-repository";
import { DEFAULT_TOKEN, ndjsonRecords, projectTreeFile, startTestSource } from "@/test/source";
import { startImports, STATUS, TRACKER_STATUS } from "../../index";
import type { EntityContext } from "../support/types";
import { releasesPipeline } from "./releases";

runImportWorker("pgboss_releases_protected_test");
const gitServer = runGitHttpServer();

const ROOT = 4351;
const GRACE = 77;
const scratch = temporaryDirectory("ferry-releases-protected-");
const fixture = (relation: string) => ndjsonRecords(projectTreeFile(relation));

// GitLab's complex project fixture, and what an Enterprise source adds: a release with links and a milestone, one
// whose tag the repository lacks, wildcard rules, a level given to a user, a rule GitLab would refuse.
const RELEASES = [
  ...fixture("releases"),
  {
    id: 2, tag: "v2.0", name: "Two", description: "## Notes\n\n- **bold** change", author_id: GRACE, released_at: "2020-02-01T10:00:00.000Z", created_at: "2020-02-01T09:00:00.000Z",
    links: [
      { id: 5, release_id: 2, name: "linux.tar.gz", url: "https://example.com/linux.tar.gz", filepath: "/bin/linux", link_type: "package" },
      { id: 6, release_id: 2, name: "runbook", url: "https://example.com/runbook", link_type: "runbook" },
    ],
    milestone_releases: [{ milestone_id: 20, release_id: 2, milestone: { id: 20, title: "v4.0", iid: 5 } }],
  },
  { id: 3, tag: "gone-1.0", name: "Gone", description: "Its tag was deleted", author_id: 1, released_at: "2020-03-01T10:00:00.000Z" },
];
const PROTECTED_BRANCHES = [
  ...fixture("protected_branches"),
  {
    id: 2, name: "release/*", allow_force_push: true, code_owner_approval_required: true,
    merge_access_levels: [{ id: 3, protected_branch_id: 2, access_level: 30 }],
    push_access_levels: [{ id: 4, protected_branch_id: 2, access_level: 30 }, { id: 5, protected_branch_id: 2, access_level: 40, user_id: GRACE }, { id: 6, protected_branch_id: 2, access_level: 40, group_id: 9999 }],
    unprotect_access_levels: [{ id: 7, protected_branch_id: 2, access_level: 40 }],
  },
  { id: 3, name: "odd", push_access_levels: [{ id: 8, protected_branch_id: 3, access_level: 35 }] },
];

async function importApp() {
  const grace = await makeUser();
  const source = await startTestSource({ version: "17.8.0-ee", batchSize: 2, exportDelayMs: 20, users: [{ id: GRACE, username: "grace", name: "Grace Hopper", publicEmail: grace.email }] });
  const repository = await makeSourceRepository(scratch, { commits: 3, branches: 1, tags: 2, mergeRequestRefs: 0, namedTags: ["release-1.1", "v2.0"] });
  source.addProject({
    groupId: ROOT, path: "app", name: "App", fixtureProject: "complex", defaultBranch: "main", repository,
    relations: { releases: { kind: "records", records: RELEASES }, protected_branches: { kind: "records", records: PROTECTED_BRANCHES } },
  });
  const owner = await makeUser();
  const slug = unique("rel");
  const [started] = await startImports(owner, { url: source.url, token: DEFAULT_TOKEN }, [
    { sourceFullPath: source.group(ROOT).path, destinationSlug: slug, destinationNamespace: "", migrateProjects: true, migrateMemberships: false },
  ]);
  const [bulkImport] = await waitForImports([started!.bulkImportId]);
  const result = await importResult(started!.bulkImportId);
  const entry = result.get(`${source.group(ROOT).path}/app`)!;
  const [project] = await getDb().select().from(projects).where(eq(projects.id, entry.entity.projectId!));
  return { source, grace, owner, slug, bulkImport: bulkImport!, entry, project: project!, repository };
}

describe("releases, protected branches and protected tags by direct transfer", () => {
  it("imports them with their links, milestones, levels and users; a release without its tag fails alone; pushes obey them; the API shows them", async () => {
    const { source, grace, owner, bulkImport, entry, project } = await importApp();
    try {
      expect(bulkImport.hasFailures).toBe(true);
      expect(entry.entity.status).toBe(STATUS.finished);

      // Counts per relation: the bad release and the bad rule are one failure each, the rest imported.
      expect(entry.trackers.get("releases")).toMatchObject({ status: TRACKER_STATUS.finished, sourceObjectsCount: 3, importedObjectsCount: 2 });
      expect(entry.trackers.get("protected_branches")).toMatchObject({ status: TRACKER_STATUS.finished, sourceObjectsCount: 3, importedObjectsCount: 2 });
      expect(entry.trackers.get("protected_tags")).toMatchObject({ status: TRACKER_STATUS.finished, sourceObjectsCount: 1, importedObjectsCount: 1 });
      const failures = entry.failures.map((f) => ({ relation: f.relation, message: f.exceptionMessage, title: f.sourceTitle }));
      expect(failures).toEqual(
        expect.arrayContaining([
          { relation: "releases", message: "Tag gone-1.0 does not exist in the project's repository", title: "Gone" },
          { relation: "protected_branches", message: "push_access_levels access_level 35 is not included in the list", title: "odd" },
        ]),
      );
      expect(failures).toHaveLength(2);

      // Releases, field by field.
      const rows = await getDb().select().from(releases).where(eq(releases.projectId, project.id)).orderBy(releases.tagName);
      expect(rows.map((r) => r.tagName)).toEqual(["release-1.1", "v2.0"]);
      const [fixtureRelease, two] = rows;
      expect(fixtureRelease).toMatchObject({ name: "release-1.1", description: "Some release notes", sha: "901de3a8bd5573f4a049b1457d28bc1592ba6bf9", releasedAt: new Date("2019-12-26T10:17:14.615Z"), createdAt: new Date("2019-12-26T10:17:14.621Z") });
      // The fixture's author (source user 1, root) is a placeholder; Grace maps to her account by her public email.
      expect(fixtureRelease!.authorId).not.toBeNull();
      expect(fixtureRelease!.authorId).not.toBe(grace.id);
      expect(two).toMatchObject({ name: "Two", authorId: grace.id, releasedAt: new Date("2020-02-01T10:00:00.000Z") });
      const links = await getDb().select().from(releaseLinks).where(eq(releaseLinks.releaseId, two!.id)).orderBy(releaseLinks.name);
      expect(links.map((l) => [l.name, l.url, l.filepath, l.linkType])).toEqual([
        ["linux.tar.gz", "https://example.com/linux.tar.gz", "/bin/linux", "package"],
        ["runbook", "https://example.com/runbook", null, "runbook"],
      ]);
      const linked = await getDb().select({ title: milestones.title, projectId: milestones.projectId }).from(milestoneReleases).innerJoin(milestones, eq(milestones.id, milestoneReleases.milestoneId)).where(eq(milestoneReleases.releaseId, two!.id));
      expect(linked).toEqual([{ title: "v4.0", projectId: project.id }]);

      // Protected refs: levels kept, the user mapped, the source group's id kept.
      const branches = await getDb().select().from(protectedBranches).where(eq(protectedBranches.projectId, project.id)).orderBy(protectedBranches.name);
      expect(branches.map((b) => b.name)).toEqual(["master", "release/*"]);
      expect(branches[0]).toMatchObject({ allowForcePush: false, codeOwnerApprovalRequired: false, pushAccessLevels: [{ accessLevel: 40, userId: null, sourceGroupId: null }], mergeAccessLevels: [{ accessLevel: 40 }] });
      expect(branches[0]!.pushAccessLevels[0]!.sourceAttributes).toEqual({ created_at: "2016-08-30T07:32:52.490Z", updated_at: "2016-08-30T07:32:52.490Z" });
      expect(branches[1]).toMatchObject({
        allowForcePush: true,
        codeOwnerApprovalRequired: true,
        pushAccessLevels: [{ accessLevel: 30, userId: null }, { accessLevel: 40, userId: grace.id }, { accessLevel: 40, sourceGroupId: 9999 }],
        unprotectAccessLevels: [{ accessLevel: 40 }],
      });
      const tags = await getDb().select().from(protectedTags).where(eq(protectedTags.projectId, project.id));
      expect(tags).toMatchObject([{ name: "v*", createAccessLevels: [{ accessLevel: 40, userId: null }] }]);

      // A replayed chunk inserts nothing twice (import keys).
      const context = { entityId: entry.entity.id, portable: "project", projectId: project.id, groupId: null, sourceUrl: source.url } as EntityContext;
      expect(rows.map((r) => r.importKey)).toEqual(["id:1", "id:2"]);
      const replayed = RELEASES.slice(0, 2).map((record) => ({ ...releasesPipeline.transform(record, context, `id:${record.id}`), tagExists: true }));
      await getDb().transaction((tx) => releasesPipeline.load(tx, replayed, context));
      const [{ n }] = (await getDb().execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM release_links l JOIN releases r ON r.id = l.release_id WHERE r.project_id = ${project.id}`)).rows as [{ n: number }];
      expect(n).toBe(3);
      expect((await getDb().select().from(releases).where(eq(releases.projectId, project.id))).length).toBe(2);

      // Pushes obey the imported rules, with the real git client and the pre-receive hook.
      const found = (await findProject(owner, project.id))!;
      const refs = await protectedRefsFor(found);
      expect(refs.branches.map((b) => b.name)).toEqual(["master", "release/*"]);
      const asDeveloper = pushPolicyFor({ ...found, accessLevel: ACCESS_LEVELS.developer }, { id: 0, isAdmin: false }, refs);
      const asMaintainer = pushPolicyFor({ ...found, accessLevel: ACCESS_LEVELS.maintainer }, { id: 0, isAdmin: false }, refs);
      gitServer().repositories.set("imported", { path: repositoryPath(project.id, "project"), pushPolicy: asDeveloper });
      const clone = path.join(scratch, "imported-clone");
      await git(scratch, ["clone", "--quiet", `${gitServer().url}/imported.git`, clone]);
      await git(clone, ["push", "--quiet", "origin", "main:release/3.0", "main:feature/free"]);
      expect(await gitFailure(clone, ["push", "origin", "main:master"])).toContain("remote: You are not allowed to push code to protected branches on this project.");
      expect(await gitFailure(clone, ["push", "origin", "main:refs/tags/v9.0"])).toContain("remote: You are not allowed to create this tag as it is protected.");
      expect(await gitFailure(clone, ["push", "origin", ":release/3.0"])).toContain("remote: You are not allowed to delete protected branches from this project.");
      gitServer().repositories.set("imported", { path: repositoryPath(project.id, "project"), pushPolicy: asMaintainer });
      await git(clone, ["push", "--quiet", "origin", "main:refs/tags/v9.0", "main:master"]);
      expect(await gitFailure(clone, ["push", "--force", "origin", "origin/feature/1:refs/tags/v1.1"])).toContain("remote: Protected tags cannot be updated.");
      expect(await gitFailure(clone, ["push", "origin", ":refs/tags/v9.0"])).toContain("remote: You can only delete protected tags using the web interface.");
      // An imported project keeps exactly its source's rules: its group's default protection adds none.
      expect((await protectedRefsFor(found)).branches.map((b) => b.name)).toEqual(["master", "release/*"]);

      // The read API, in GitLab's shapes, with offset pagination.
      const token = await tokenFor(owner.id);
      const list = await call(releasesRoute, `/api/v4/projects/${project.id}/releases?per_page=1`, { token, params: { id: String(project.id) } });
      expect(list.status).toBe(200);
      expect(list.headers.get("x-total")).toBe("2");
      expect(list.headers.get("x-next-page")).toBe("2");
      const newest = (list.body as Record<string, unknown>[])[0]!;
      expect(newest).toMatchObject({
        name: "Two",
        tag_name: "v2.0",
        description: "## Notes\n\n- **bold** change",
        released_at: "2020-02-01T10:00:00.000Z",
        upcoming_release: false,
        author: { id: grace.id, username: grace.username },
        milestones: [{ title: "v4.0", project_id: project.id }],
        assets: {
          count: 6,
          // GitLab's Releases::Link.sorted, newest first (these two were made together: the later one first).
          links: [
            { name: "runbook", link_type: "runbook" },
            { name: "linux.tar.gz", url: "https://example.com/linux.tar.gz", link_type: "package", direct_asset_url: expect.stringMatching(/\/-\/releases\/v2\.0\/downloads\/bin\/linux$/) },
          ],
        },
        evidences: [],
      });
      expect((newest.assets as { sources: { format: string; url: string }[] }).sources.map((s) => s.format)).toEqual(["zip", "tar.gz", "tar.bz2", "tar"]);
      expect((newest.assets as { sources: { url: string }[] }).sources[1]!.url).toMatch(new RegExp(`/${found.fullPath}/-/archive/v2\\.0/app-v2\\.0\\.tar\\.gz$`));
      expect(newest.commit).toMatchObject({ id: await git(repositoryPath(project.id, "project"), ["rev-parse", "v2.0^{commit}"]) });
      expect(Object.keys(newest)).toEqual(["name", "tag_name", "description", "created_at", "released_at", "upcoming_release", "author", "commit", "milestones", "commit_path", "tag_path", "assets", "evidences", "_links"]);
      const one = await call(releaseRoute, `/api/v4/projects/${project.id}/releases/release-1.1`, { token, params: { id: String(project.id), tag_name: "release-1.1" } });
      expect(one.body).toMatchObject({ tag_name: "release-1.1", name: "release-1.1", assets: { count: 5, links: [{ name: "release-1.1.dmg", link_type: "other" }] } });
      expect((await call(releaseRoute, `/api/v4/projects/${project.id}/releases/nope`, { token, params: { id: String(project.id), tag_name: "nope" } })).status).toBe(404);

      const branchList = await call(protectedBranchesRoute, `/api/v4/projects/${project.id}/protected_branches`, { token, params: { id: String(project.id) } });
      expect(branchList.headers.get("x-total")).toBe("2");
      expect(branchList.body).toEqual([
        {
          id: branches[0]!.id, name: "master",
          push_access_levels: [{ id: null, access_level: 40, access_level_description: "Maintainers", deploy_key_id: null, user_id: null, group_id: null }],
          merge_access_levels: [{ id: null, access_level: 40, access_level_description: "Maintainers", deploy_key_id: null, user_id: null, group_id: null }],
          allow_force_push: false, unprotect_access_levels: [], code_owner_approval_required: false,
        },
        expect.objectContaining({ name: "release/*", allow_force_push: true, code_owner_approval_required: true }),
      ]);
      const wildcard = await call(protectedBranchRoute, `/api/v4/projects/${project.id}/protected_branches/release%2F*`, { token, params: { id: String(project.id), name: "release%2F*" } });
      expect((wildcard.body as { push_access_levels: unknown[] }).push_access_levels).toEqual([
        expect.objectContaining({ access_level: 30, access_level_description: "Developers + Maintainers" }),
        expect.objectContaining({ user_id: grace.id, access_level_description: grace.name }),
        expect.objectContaining({ group_id: 9999, access_level_description: "Group 9999" }),
      ]);
      const tagList = await call(protectedTagsRoute, `/api/v4/projects/${project.id}/protected_tags`, { token, params: { id: String(project.id) } });
      expect(tagList.body).toEqual([{ name: "v*", create_access_levels: [{ id: null, access_level: 40, access_level_description: "Maintainers", deploy_key_id: null, user_id: null, group_id: null }] }]);
      expect((await call(protectedTagRoute, `/api/v4/projects/${project.id}/protected_tags/v*`, { token, params: { id: String(project.id), name: "v*" } })).status).toBe(200);
      expect((await call(protectedTagRoute, `/api/v4/projects/${project.id}/protected_tags/x`, { token, params: { id: String(project.id), name: "x" } })).status).toBe(404);
      // Someone who cannot see the project is told it is not there.
      const stranger = await tokenFor((await makeUser()).id);
      expect((await call(protectedBranchesRoute, `/api/v4/projects/${project.id}/protected_branches`, { token: stranger, params: { id: String(project.id) } })).status).toBe(404);
    } finally {
      await source.close();
    }
  }, 200_000);
});
