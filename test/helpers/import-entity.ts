import { bulkImportEntities, bulkImports, getDb, labels } from "@/lib/db";
import { createGroup } from "@/lib/groups";
import type { EntityContext } from "@/lib/migration/pipelines";
import { makeUser, unique } from "./factories";

/**
 * A destination group and an import entity that brings records into it: the rows imported records' foreign keys
 * need, for testing a pipeline's load or run directly, without a source.
 */
export async function importEntityFixture(options: { sourceUrl?: string; sourceFullPath?: string } = {}): Promise<EntityContext> {
  const user = await makeUser();
  const group = await createGroup(user, { name: "Imported", path: unique("imported") });
  const sourceUrl = options.sourceUrl ?? "https://gitlab.example.com";
  const sourceFullPath = options.sourceFullPath ?? "source/group";
  const [bulkImport] = await getDb().insert(bulkImports).values({ userId: user.id, sourceUrl, sourceVersion: "17.8.0-ee", tokenCiphertext: "not-a-token" }).returning();
  const [entity] = await getDb()
    .insert(bulkImportEntities)
    .values({ bulkImportId: bulkImport!.id, sourceType: "group_entity", sourceFullPath, sourceXid: 1, destinationSlug: group.path, destinationNamespace: "", namespaceId: group.id })
    .returning();
  return {
    portable: "group",
    entityId: entity!.id,
    bulkImportId: bulkImport!.id,
    userId: user.id,
    isAdmin: false,
    sourceUrl,
    sourceVersion: "17.8.0-ee",
    sourceEnterprise: true,
    sourceFullPath,
    sourceXid: 1,
    destinationSlug: group.path,
    destinationNamespace: "",
    groupId: group.id,
    projectId: null,
    migrateProjects: false,
    migrateMemberships: false,
  };
}

/**
 * A parent group and a subgroup, the subgroup being brought in by the second entity of a bulk import (the first
 * brought the parent): for pipelines that look things up in the group's ancestors.
 */
export async function childEntityFixture(sourceVersion: string) {
  const importer = await makeUser();
  const parent = await createGroup(importer, { name: unique("P"), path: unique("p") });
  const child = await createGroup(importer, { name: unique("C"), path: unique("c"), parentId: parent.id });
  const sourceUrl = "https://src.example.com";
  const [bulkImport] = await getDb().insert(bulkImports).values({ userId: importer.id, sourceUrl, sourceVersion, tokenCiphertext: "x" }).returning();
  const [parentEntity, childEntity] = await getDb()
    .insert(bulkImportEntities)
    .values([
      { bulkImportId: bulkImport!.id, sourceType: "group_entity", sourceFullPath: "src", destinationSlug: parent.path, destinationNamespace: "", namespaceId: parent.id },
      { bulkImportId: bulkImport!.id, sourceType: "group_entity", sourceFullPath: "src/sub", destinationSlug: child.path, destinationNamespace: parent.fullPath, namespaceId: child.id },
    ])
    .returning();
  const entity = { portable: "group", entityId: childEntity!.id, bulkImportId: bulkImport!.id, userId: importer.id, sourceUrl, sourceFullPath: "src/sub", groupId: child.id } as EntityContext;
  return { importer, parent, child, parentEntity: parentEntity!, entity };
}

/**
 * Labels for resolving references through the hierarchy: "Shared" at both levels (the child's, nearest, must win),
 * "Parent only" in the parent, and "Keyed", known only by the source id (777) the parent's import gave it.
 */
export async function seedLabelHierarchy(fixture: { parent: { id: number }; child: { id: number }; parentEntity: { id: number } }) {
  const [, childShared, parentOnly, keyed] = await getDb()
    .insert(labels)
    .values([
      { groupId: fixture.parent.id, title: "Shared", color: "#000000" },
      { groupId: fixture.child.id, title: "Shared", color: "#ffffff" },
      { groupId: fixture.parent.id, title: "Parent only", color: "#abcdef" },
      { groupId: fixture.parent.id, title: "Keyed", color: "#123456", importEntityId: fixture.parentEntity.id, importKey: "id:777" },
    ])
    .returning();
  return { childShared: childShared!, parentOnly: parentOnly!, keyed: keyed! };
}
