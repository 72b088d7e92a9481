import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb, labels, projects } from "@/lib/db";
import { createGroup } from "@/lib/groups";
import { makeUser, unique } from "@/test/helpers/factories";
import { resolveLabels, type LabelInput } from "./label-resolution";
import { ownerOf, ownerScope } from "./owner";

const label = (title: string): LabelInput => ({ title, color: "#123456", description: null, sourceAttributes: {}, createdAt: undefined, updatedAt: undefined });

describe("the owner of an entity's records", () => {
  it("is a group entity's destination group, a project entity's destination project; none before stage 0 made it", () => {
    expect(ownerOf({ entityId: 1, portable: "group", groupId: 7, projectId: null })).toEqual({ groupId: 7 });
    expect(() => ownerOf({ entityId: 2, portable: "group", groupId: null, projectId: null })).toThrow(/Entity 2 has no destination group yet/);
    expect(ownerOf({ entityId: 3, portable: "project", groupId: null, projectId: 9 })).toEqual({ projectId: 9 });
    // A project entity's records never land in a group, even one it knows.
    expect(() => ownerOf({ entityId: 4, portable: "project", groupId: 7, projectId: null })).toThrow(/Entity 4 has no destination project yet/);
  });

  it("resolves a project's labels in the project, then its group and the group's ancestors, and makes the missing ones in the project", async () => {
    const user = await makeUser();
    const top = await createGroup(user, { name: "Top", path: unique("top") });
    const sub = await createGroup(user, { name: "Sub", path: "sub", parentId: top.id });
    const [project] = await getDb().insert(projects).values({ namespaceId: sub.id, name: "App", path: "app" }).returning();
    const [inTop, inSub, inProject] = await getDb()
      .insert(labels)
      .values([
        { groupId: top.id, title: "shared" },
        { groupId: sub.id, title: "team" },
        { projectId: project!.id, title: "team" },
      ])
      .returning();
    const scope = await getDb().transaction((tx) => ownerScope(tx, { projectId: project!.id }));
    expect(scope).toEqual({ owner: { projectId: project!.id }, groupIds: [top.id, sub.id] });

    const ids = await getDb().transaction((tx) => resolveLabels(tx, scope, [label("shared"), label("team"), label("new")]));
    expect(ids.get("shared")).toBe(inTop!.id);
    expect(ids.get("team")).toBe(inProject!.id);
    expect(inSub).toBeDefined();
    const [made] = await getDb().select().from(labels).where(eq(labels.id, ids.get("new")!));
    expect(made).toMatchObject({ title: "new", projectId: project!.id, groupId: null, color: "#123456" });
    // Again: found, not made twice.
    expect(await getDb().transaction((tx) => resolveLabels(tx, scope, [label("new")]))).toEqual(new Map([["new", made!.id]]));
  });
});
