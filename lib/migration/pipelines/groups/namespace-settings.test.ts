import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb, groups } from "@/lib/db";
import { createGroup } from "@/lib/groups";
import { makeUser, unique } from "@/test/helpers/factories";
import { importGroupAlone } from "@/test/helpers/imports";
import { runImportWorker } from "@/test/helpers/import-worker";
import { runTestSource } from "@/test/helpers/test-source";
import { fromRecords } from "@/test/source";
import { STATUS, TRACKER_STATUS } from "../../index";
import { pipelinesFor } from "../index";
import { namespaceSettingsPipeline } from "./namespace-settings";
import type { EntityContext } from "../support/types";

runImportWorker("pgboss_namespace_settings_test");

const ROOT = 4351;
const KEY = "prevent_sharing_groups_outside_hierarchy";
const settingsOf = async (id: number) => (await getDb().select({ settings: groups.settings }).from(groups).where(eq(groups.id, id)))[0]!.settings;

const source = runTestSource({ version: "16.1.0", exportDelayMs: 20 });

describe("namespace_settings pipeline", () => {
  it("stores the source's prevent_sharing_groups_outside_hierarchy beside the group's other settings", async () => {
    source().setRelation(ROOT, "namespace_settings", fromRecords([{ [KEY]: true }]));
    const { bulkImport, result, root } = await importGroupAlone(source(), ROOT, "ns");
    expect(bulkImport).toMatchObject({ status: STATUS.finished, hasFailures: false });
    expect(root.trackers.get("namespace_settings")).toMatchObject({ status: TRACKER_STATUS.finished, sourceObjectsCount: 1, importedObjectsCount: 1 });
    const settings = await settingsOf(root.group!.id);
    expect(settings[KEY]).toBe(true);
    // What the group and self pipelines stored is still there.
    expect(settings).toMatchObject({ two_factor_grace_period: 48, project_creation_level: expect.anything() });
    // A subgroup whose export has no record keeps no value (GitLab's default, false, is what it reads as).
    const sub = [...result.values()].find((entry) => entry.group!.parentId !== null)!;
    expect(sub.trackers.get("namespace_settings")).toMatchObject({ status: TRACKER_STATUS.finished, importedObjectsCount: 0 });
    expect(KEY in (await settingsOf(sub.group!.id))).toBe(false);
  });

  it("merges without clobbering, overwrites only its own key, refuses a non-boolean, and runs from 15.0 on", async () => {
    const user = await makeUser();
    const group = await createGroup(user, { name: "Settings", path: unique("settings") }, { settings: { lfs_enabled: false, [KEY]: true } });
    const entity = { portable: "group", groupId: group.id } as EntityContext;
    const load = (record: Record<string, unknown>) => getDb().transaction((tx) => namespaceSettingsPipeline.load(tx, [namespaceSettingsPipeline.transform(record, entity, "line:0:1")], entity));
    await load({ [KEY]: false, lfs_enabled: true, name: "ignored" });
    expect(await settingsOf(group.id)).toEqual({ lfs_enabled: false, [KEY]: false });
    await load({ [KEY]: false });
    expect(await settingsOf(group.id)).toEqual({ lfs_enabled: false, [KEY]: false });
    await load({});
    expect(await settingsOf(group.id)).toEqual({ lfs_enabled: false, [KEY]: false });
    expect(() => namespaceSettingsPipeline.transform({ [KEY]: "yes" }, entity, "line:0:1")).toThrow(`${KEY} must be true or false`);

    const other = await createGroup(user, { name: "Fresh", path: unique("fresh") });
    const fresh = { portable: "group", groupId: other.id } as EntityContext;
    await getDb().transaction((tx) => namespaceSettingsPipeline.load(tx, [namespaceSettingsPipeline.transform({ [KEY]: false }, fresh, "k")], fresh));
    expect(await settingsOf(other.id)).toEqual({});

    const relations = (sourceVersion: string) => pipelinesFor({ portable: "group", sourceVersion, sourceEnterprise: false } as EntityContext).map((p) => p.relation);
    expect(relations("14.10.5")).not.toContain("namespace_settings");
    expect(relations("15.0.0")).toContain("namespace_settings");
  });
});
