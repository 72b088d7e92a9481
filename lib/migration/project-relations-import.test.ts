import { and, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { externalPullRequests, getDb, groupMembers, pipelineSchedules, projectCustomAttributes, projectMembers, sourceUserMappings, sourceUsers, users } from "@/lib/db";
import { makeUser, unique } from "@/test/helpers/factories";
import { importGroupProject, importResult, waitForImports } from "@/test/helpers/imports";
import { runImportWorker } from "@/test/helpers/import-worker";
import { DEFAULT_TOKEN, fromRecords, ndjsonRecords, projectTreeFile, startTestSource } from "@/test/source";
import { startImports, STATUS, TRACKER_STATUS } from "./index";

runImportWorker("pgboss_project_relations_import_test");

const ROOT = 4351;
const fixture = (relation: string) => ndjsonRecords(projectTreeFile(relation));
const SHA = "ce84140e8b878ce6e7c4d298c7202ff38170e3ac";

describe("a project's pipeline schedules, external pull requests, custom attributes and user contributions", () => {
  it("imports GitLab's complex project relations with their fields, and fails only the bad records of another project", async () => {
    const mapped = await makeUser();
    const source = await startTestSource({ version: "17.8.0", batchSize: 2, exportDelayMs: 20 });
    source.addUser({ id: 9001, username: "ada", name: "Ada Lovelace", publicEmail: mapped.email });
    source.addUser({ id: 9002, username: "grace", name: "Grace Hopper", publicEmail: `${unique("nobody")}@example.com` });
    try {
      source.addProject({ groupId: ROOT, path: "app", name: "App", fixtureProject: "complex", relations: { releases: fromRecords([]) } });
      source.addProject({
        groupId: ROOT,
        path: "ci",
        name: "CI",
        members: [{ userId: 9001, accessLevel: 30 }, { userId: 9002, accessLevel: 20 }],
        relations: {
          pipeline_schedules: fromRecords([
            { id: 7, description: "Nightly", ref: "main", cron: "0 1 * * *", cron_timezone: "Europe/Paris", next_run_at: "2024-01-02T00:00:00.000Z", owner_id: 9001, active: true, variables: [{ key: "A", value: "1" }] },
            { id: 8, description: "Weekly", ref: "main", cron: "0 2 * * 1", cron_timezone: "UTC", owner_id: 9002, active: false },
            { id: 9, description: "Broken", ref: "main", cron: "every day", cron_timezone: "UTC", owner_id: 9001, active: true },
          ]),
          external_pull_requests: fromRecords([
            { id: 1, pull_request_iid: 1, source_branch: "a", target_branch: "main", source_repository: "r", target_repository: "r", source_sha: SHA, target_sha: SHA, status: "open" },
            { id: 2, pull_request_iid: 2, source_branch: "b", target_branch: "main", source_repository: "r", target_repository: "r", source_sha: "nope", target_sha: SHA, status: "open" },
          ]),
          custom_attributes: fromRecords([{ id: 1, key: "team", value: "platform" }, { id: 2, key: "", value: "x" }]),
        },
      });
      const { bulkImport, result, root, project: app } = await importGroupProject(source, ROOT, "app");
      const ci = result.get(`${source.group(ROOT).path}/ci`)!;
      expect(app.entity.status).toBe(STATUS.finished);
      expect(app.failures).toEqual([]);

      // The complex project: every record, counted, with its fields.
      for (const [relation, n] of [["external_pull_requests", 1], ["custom_attributes", 2], ["pipeline_schedules", 1], ["user_contributions", 4]] as const) {
        expect(app.trackers.get(relation), relation).toMatchObject({ status: TRACKER_STATUS.finished, sourceObjectsCount: n, importedObjectsCount: n });
      }
      const projectId = app.entity.projectId!;
      const [pr] = await getDb().select().from(externalPullRequests).where(eq(externalPullRequests.projectId, projectId));
      const [sourcePr] = fixture("external_pull_requests");
      expect(pr).toMatchObject({ pullRequestIid: 4, sourceBranch: "feature", targetBranch: "master", sourceRepository: "the-repository", sourceSha: sourcePr!.source_sha, targetSha: sourcePr!.target_sha, status: "open" });
      expect(pr!.createdAt.toISOString()).toBe("2019-12-24T14:04:50.053Z");
      const attributes = await getDb().select().from(projectCustomAttributes).where(eq(projectCustomAttributes.projectId, projectId));
      expect(attributes.map((a) => [a.key, a.value]).sort()).toEqual([["bar", "bar"], ["foo", "foo"]]);
      const [schedule] = await getDb().select().from(pipelineSchedules).where(eq(pipelineSchedules.projectId, projectId));
      expect(schedule).toMatchObject({ description: "Schedule Description", ref: "master", cron: "0 4 * * 0", cronTimezone: "UTC", active: true });
      expect(schedule!.nextRunAt?.toISOString()).toBe("2019-12-29T04:19:00.000Z");
      expect(schedule!.ownerId).not.toBeNull();
      // Every contributor has a mapping in the top-level group: placeholders, as no local account has their emails.
      const contributors = fixture("project_members").map((m) => (m.user as { id: number }).id);
      const mappings = await getDb()
        .select({ sourceUserId: sourceUsers.sourceUserId, userType: users.userType, name: users.name })
        .from(sourceUserMappings)
        .innerJoin(sourceUsers, eq(sourceUsers.id, sourceUserMappings.sourceUserId))
        .innerJoin(users, eq(users.id, sourceUserMappings.userId))
        .where(and(eq(sourceUserMappings.rootGroupId, root.group!.id), eq(sourceUsers.sourceUrl, source.url), inArray(sourceUsers.sourceUserId, contributors)));
      expect(mappings.map((m) => m.sourceUserId).sort((a, b) => a - b)).toEqual([...contributors].sort((a, b) => a - b));
      expect(mappings.every((m) => m.userType === "placeholder")).toBe(true);

      // The other project: each bad record one failure, the rest imported; owners mapped by email or to a placeholder.
      expect(bulkImport.hasFailures).toBe(true);
      expect(ci.trackers.get("pipeline_schedules")).toMatchObject({ status: TRACKER_STATUS.finished, sourceObjectsCount: 3, importedObjectsCount: 2 });
      expect(ci.trackers.get("external_pull_requests")).toMatchObject({ sourceObjectsCount: 2, importedObjectsCount: 1 });
      expect(ci.trackers.get("custom_attributes")).toMatchObject({ sourceObjectsCount: 2, importedObjectsCount: 1 });
      expect(ci.failures.map((f) => [f.relation, f.exceptionMessage]).sort()).toEqual([
        ["custom_attributes", "key can't be blank"],
        ["external_pull_requests", "source_sha is not a commit SHA"],
        ["pipeline_schedules", "Cron every day in UTC is invalid syntax"],
      ]);
      const schedules = await getDb().select().from(pipelineSchedules).where(eq(pipelineSchedules.projectId, ci.entity.projectId!));
      const nightly = schedules.find((s) => s.description === "Nightly")!;
      expect(nightly).toMatchObject({ cronTimezone: "Europe/Paris", ownerId: mapped.id, active: true });
      expect(nightly.sourceAttributes).toMatchObject({ variables: [{ key: "A", value: "1" }] });
      const weekly = schedules.find((s) => s.description === "Weekly")!;
      const [owner] = await getDb().select().from(users).where(eq(users.id, weekly.ownerId!));
      expect(owner).toMatchObject({ userType: "placeholder", name: "Placeholder Grace Hopper", username: "grace_placeholder_user_1" });
      expect(weekly.active).toBe(false);
    } finally {
      await source.close();
    }
  }, 150_000);

  it("imports project members from the source's GraphQL: mapped by confirmed email or to placeholders, none where the group already gives the role", async () => {
    const mapped = await makeUser();
    const source = await startTestSource({ version: "17.8.0", exportDelayMs: 20 });
    source.addUser({ id: 9001, username: "ada", name: "Ada Lovelace", publicEmail: mapped.email });
    source.addUser({ id: 9002, username: "grace", name: "Grace Hopper", publicEmail: null });
    // The root group's members export (GitLab's complex group fixture) has user 42 as Developer, 271 as Maintainer.
    try {
      source.addProject({
        groupId: ROOT,
        path: "team",
        name: "Team",
        members: [{ userId: 9001, accessLevel: 30 }, { userId: 9002, accessLevel: 20, expiresAt: "2999-01-31" }, { userId: 42, accessLevel: 30 }, { userId: 271, accessLevel: 50 }],
      });
      const importWith = async (migrateMemberships: boolean) => {
        const [started] = await startImports(await makeUser(), { url: source.url, token: DEFAULT_TOKEN }, [
          { sourceFullPath: source.group(ROOT).path, destinationSlug: unique("dest"), destinationNamespace: "", migrateProjects: true, migrateMemberships },
        ]);
        const [bulkImport] = await waitForImports([started!.bulkImportId]);
        const result = await importResult(started!.bulkImportId);
        return { bulkImport: bulkImport!, root: result.get(source.group(ROOT).path)!, team: result.get(`${source.group(ROOT).path}/team`)! };
      };
      const { bulkImport, root, team } = await importWith(true);
      expect(bulkImport.status).toBe(STATUS.finished);
      expect(team.failures).toEqual([]);
      // Its own four and the six of its group (two of them the same users), one row per user.
      expect(team.trackers.get("members")).toMatchObject({ status: TRACKER_STATUS.finished, sourceObjectsCount: 8, fetchedObjectsCount: 8, importedObjectsCount: 8 });
      expect(source.requests.some((r) => r.path === "/api/graphql")).toBe(true);

      const mappedTo = async (sourceUserId: number) => {
        const [row] = await getDb()
          .select({ userId: sourceUserMappings.userId })
          .from(sourceUserMappings)
          .innerJoin(sourceUsers, eq(sourceUsers.id, sourceUserMappings.sourceUserId))
          .where(and(eq(sourceUserMappings.rootGroupId, root.group!.id), eq(sourceUsers.sourceUrl, source.url), eq(sourceUsers.sourceUserId, sourceUserId)));
        return row?.userId;
      };
      const [grace, reported, maintainer] = [await mappedTo(9002), await mappedTo(42), await mappedTo(271)];
      expect(await mappedTo(9001)).toBe(mapped.id);
      const [placeholder] = await getDb().select().from(users).where(eq(users.id, grace!));
      expect(placeholder).toMatchObject({ userType: "placeholder", name: "Placeholder Grace Hopper" });
      // The group's Developer is a Developer of the project through the group: no direct membership. The group's
      // Maintainer is the project's Owner: a direct membership, so that the role is not lost.
      expect(await getDb().select({ accessLevel: groupMembers.accessLevel }).from(groupMembers).where(and(eq(groupMembers.groupId, root.group!.id), eq(groupMembers.userId, reported!)))).toEqual([{ accessLevel: 30 }]);
      const rows = await getDb().select().from(projectMembers).where(eq(projectMembers.projectId, team.entity.projectId!));
      expect(rows.map((r) => [r.userId, r.accessLevel, r.expiresAt]).sort((a, b) => Number(a[0]) - Number(b[0]))).toEqual(
        [[mapped.id, 30, null], [grace!, 20, "2999-01-31"], [maintainer!, 50, null]].sort((a, b) => Number(a[0]) - Number(b[0])),
      );

      // Without memberships: no members pipeline, no project members.
      const without = await importWith(false);
      expect(without.bulkImport.status).toBe(STATUS.finished);
      expect(without.team.trackers.has("members")).toBe(false);
      expect(await getDb().select().from(projectMembers).where(eq(projectMembers.projectId, without.team.entity.projectId!))).toEqual([]);
    } finally {
      await source.close();
    }
  }, 200_000);
});
