import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb, groupMembers, labels, projectMembers, projects } from "@/lib/db";
import { createGroup } from "@/lib/groups";
import { makeUser, unique } from "@/test/helpers/factories";
import { findRelation } from "../registry";
import type { CollectionRelation } from "../support/types";
import { labelsRelation } from "./labels";
import { membersRelation } from "./members";

describe("the common exporters", () => {
  it("read by owner: a group's records through the registry, a project's with its own type and ids", async () => {
    const [owner, dev] = await Promise.all([makeUser(), makeUser()]);
    const group = await createGroup(owner, { name: "Exported", path: unique("exported") });
    const [project] = await getDb().insert(projects).values({ namespaceId: group.id, name: "App", path: "app" }).returning();
    await getDb()
      .insert(labels)
      .values([
        { groupId: group.id, title: "group label" },
        { projectId: project!.id, title: "project label" },
      ]);
    await getDb().insert(projectMembers).values({ projectId: project!.id, userId: dev.id, accessLevel: 30 });

    const forGroup = findRelation("group", "labels") as CollectionRelation;
    const groupRecords = await forGroup.records(group.id, await forGroup.ids(group.id));
    expect(groupRecords).toEqual([expect.objectContaining({ title: "group label", type: "GroupLabel", group_id: group.id, project_id: null })]);

    const asProject = { projectId: project!.id };
    const projectRecords = await labelsRelation.records(asProject, await labelsRelation.ids(asProject));
    expect(projectRecords).toEqual([expect.objectContaining({ title: "project label", type: "ProjectLabel", group_id: null, project_id: project!.id })]);

    const members = await membersRelation.records(asProject, await membersRelation.ids(asProject));
    expect(members).toEqual([expect.objectContaining({ source_id: project!.id, source_type: "Project", access_level: 30, user: expect.objectContaining({ id: dev.id }) })]);
    const [creator] = await getDb().select().from(groupMembers).where(eq(groupMembers.groupId, group.id));
    expect(await membersRelation.records({ groupId: group.id }, [creator!.id])).toEqual([expect.objectContaining({ source_id: group.id, source_type: "Namespace" })]);
  });
});
