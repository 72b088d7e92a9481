import { describe, expect, it } from "vitest";
import { getDb, groupMembers, pipelineSchedules, projectCustomAttributes } from "@/lib/db";
import { createGroup } from "@/lib/groups";
import { createProject } from "@/lib/projects";
import { call, tokenFor } from "@/test/helpers/api";
import { makeUser, unique } from "@/test/helpers/factories";
import { GET as customAttribute } from "./[id]/custom_attributes/[key]/route";
import { GET as customAttributes } from "./[id]/custom_attributes/route";
import { GET as schedule } from "./[id]/pipeline_schedules/[scheduleId]/route";
import { GET as schedules } from "./[id]/pipeline_schedules/route";

async function projectWithSchedules() {
  const owner = await makeUser();
  const group = await createGroup(owner, { name: unique("Sched"), path: unique("sched"), visibility: "private" });
  const project = await createProject(owner, { name: "CI", namespaceId: group.id });
  const [nightly, paused] = await getDb()
    .insert(pipelineSchedules)
    .values([
      { projectId: project.id, description: "Nightly", ref: "main", cron: "0 1 * * *", cronTimezone: "Europe/Paris", ownerId: owner.id, active: true, sourceAttributes: { variables: [{ key: "A", value: "1", variable_type: "env_var" }] } },
      { projectId: project.id, description: "Paused", ref: "main", cron: "0 2 * * 1", cronTimezone: "UTC", ownerId: null, active: false },
    ])
    .returning();
  await getDb().insert(projectCustomAttributes).values([{ projectId: project.id, key: "team", value: "platform" }, { projectId: project.id, key: "cost", value: "42" }]);
  return { owner, group, project, nightly: nightly!, paused: paused! };
}

describe("GET /projects/:id/pipeline_schedules", () => {
  it("lists the schedules in GitLab's shape, next run from the cron, filtered by scope, and shows one with its variables", async () => {
    const { owner, project, nightly, paused } = await projectWithSchedules();
    const token = await tokenFor(owner.id);
    const listed = await call(schedules, `/api/v4/projects/${project.id}/pipeline_schedules`, { token, params: { id: String(project.id) } });
    expect(listed.status).toBe(200);
    expect(listed.headers.get("x-total")).toBe("2");
    const [first] = listed.body as Record<string, unknown>[];
    expect(Object.keys(first!).sort()).toEqual(["active", "created_at", "cron", "cron_timezone", "description", "id", "next_run_at", "owner", "ref", "updated_at"]);
    expect(first).toMatchObject({ id: nightly.id, description: "Nightly", ref: "main", cron: "0 1 * * *", cron_timezone: "Europe/Paris", active: true, owner: { id: owner.id, username: owner.username } });
    // 01:00 in Paris is 00:00 or 23:00 UTC, in the future.
    const next = new Date(String(first!.next_run_at));
    expect(next.getTime()).toBeGreaterThan(Date.now());
    expect([0, 23]).toContain(next.getUTCHours());

    const inactive = await call(schedules, `/api/v4/projects/${project.id}/pipeline_schedules?scope=inactive`, { token, params: { id: String(project.id) } });
    expect((inactive.body as { id: number; owner: unknown }[]).map((s) => [s.id, s.owner])).toEqual([[paused.id, null]]);
    expect((await call(schedules, `/api/v4/projects/${project.id}/pipeline_schedules?scope=sometimes`, { token, params: { id: String(project.id) } })).status).toBe(400);

    const one = await call(schedule, `/api/v4/projects/${project.id}/pipeline_schedules/${nightly.id}`, { token, params: { id: String(project.id), scheduleId: String(nightly.id) } });
    expect(one.body).toMatchObject({ id: nightly.id, last_pipeline: null, variables: [{ key: "A", value: "1", variable_type: "env_var", raw: false }] });
    const missing = await call(schedule, `/api/v4/projects/${project.id}/pipeline_schedules/999999`, { token, params: { id: String(project.id), scheduleId: "999999" } });
    expect([missing.status, missing.body]).toEqual([404, { message: "404 Pipeline Schedule Not Found" }]);
  });

  it("answers 403 to a Guest and 404 to a stranger", async () => {
    const { group, project } = await projectWithSchedules();
    const guest = await makeUser();
    await getDb().insert(groupMembers).values({ groupId: group.id, userId: guest.id, accessLevel: 10 });
    const asGuest = await call(schedules, `/api/v4/projects/${project.id}/pipeline_schedules`, { token: await tokenFor(guest.id), params: { id: String(project.id) } });
    expect([asGuest.status, asGuest.body]).toEqual([403, { message: "403 Forbidden" }]);
    const stranger = await makeUser();
    const asStranger = await call(schedules, `/api/v4/projects/${project.id}/pipeline_schedules`, { token: await tokenFor(stranger.id), params: { id: String(project.id) } });
    expect([asStranger.status, asStranger.body]).toEqual([404, { message: "404 Project Not Found" }]);
  });
});

describe("GET /projects/:id/custom_attributes", () => {
  it("gives administrators the attributes by key, and nobody else, the project's owner included", async () => {
    const { owner, project } = await projectWithSchedules();
    const admin = await makeUser({ admin: true });
    const token = await tokenFor(admin.id);
    const params = { id: String(project.id) };
    expect((await call(customAttributes, `/api/v4/projects/${project.id}/custom_attributes`, { token, params })).body).toEqual([
      { key: "cost", value: "42" },
      { key: "team", value: "platform" },
    ]);
    expect((await call(customAttribute, `/api/v4/projects/${project.id}/custom_attributes/team`, { token, params: { ...params, key: "team" } })).body).toEqual({ key: "team", value: "platform" });
    const missing = await call(customAttribute, `/api/v4/projects/${project.id}/custom_attributes/nope`, { token, params: { ...params, key: "nope" } });
    expect([missing.status, missing.body]).toEqual([404, { message: "404 Custom Attribute Not Found" }]);
    const asOwner = await call(customAttributes, `/api/v4/projects/${project.id}/custom_attributes`, { token: await tokenFor(owner.id), params });
    expect([asOwner.status, asOwner.body]).toEqual([403, { message: "403 Forbidden" }]);
  });
});
