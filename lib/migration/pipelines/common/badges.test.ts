import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { badges, bulkImportEntities, bulkImports, getDb } from "@/lib/db";
import { createGroup } from "@/lib/groups";
import { makeUser, unique } from "@/test/helpers/factories";
import { badgesPipeline } from "./badges";
import type { EntityContext } from "../support/types";

describe("badges pipeline", () => {
  it("keeps name, link and image with the source's other fields, refuses bad URLs, and loads each badge once", async () => {
    const user = await makeUser();
    const group = await createGroup(user, { name: unique("B"), path: unique("b") });
    const [bulkImport] = await getDb().insert(bulkImports).values({ userId: user.id, sourceUrl: "https://src.example.com", sourceVersion: "17.8.0", tokenCiphertext: "x" }).returning();
    const [row] = await getDb()
      .insert(bulkImportEntities)
      .values({ bulkImportId: bulkImport!.id, sourceType: "group_entity", sourceFullPath: "src", destinationSlug: group.path, destinationNamespace: "", namespaceId: group.id })
      .returning();
    const entity = { portable: "group", entityId: row!.id, groupId: group.id, sourceUrl: "https://src.example.com", sourceFullPath: "src" } as EntityContext;
    const record = (id: number, extra: Record<string, unknown> = {}) => ({
      id,
      link_url: "https://gitlab.example.com/%{project_path}/-/commits/%{default_branch}",
      image_url: "http://gitlab.example.com/%{project_path}/badges/%{default_branch}/pipeline.svg",
      project_id: null,
      group_id: 4351,
      created_at: "2019-11-20T17:27:02.047Z",
      updated_at: "2019-11-20T17:27:03.047Z",
      type: "GroupBadge",
      ...extra,
    });

    const rows = [badgesPipeline.transform(record(1, { name: "Pipeline" }), entity, "id:1"), badgesPipeline.transform(record(2), entity, "id:2")];
    expect(() => badgesPipeline.transform(record(3, { link_url: " " }), entity, "id:3")).toThrow(/link_url can't be blank/);
    expect(() => badgesPipeline.transform(record(4, { image_url: "javascript:alert(1)" }), entity, "id:4")).toThrow(/image_url is blocked/);
    expect(() => badgesPipeline.transform(record(5, { link_url: "not a url" }), entity, "id:5")).toThrow(/link_url must be a valid URL/);
    expect(() => badgesPipeline.transform(record(6, { image_url: null }), entity, "id:6")).toThrow(/image_url can't be blank/);
    expect(() => badgesPipeline.transform(record(7, { name: 12 }), entity, "id:7")).toThrow(/name must be a string/);

    for (let run = 0; run < 2; run += 1) await getDb().transaction((tx) => badgesPipeline.load(tx, rows, entity));
    const stored = await getDb().select().from(badges).where(eq(badges.groupId, group.id)).orderBy(badges.id);
    expect(stored.map((b) => ({ name: b.name, linkUrl: b.linkUrl, imageUrl: b.imageUrl, createdAt: b.createdAt.toISOString(), sourceAttributes: b.sourceAttributes }))).toEqual([
      { name: "Pipeline", linkUrl: record(1).link_url, imageUrl: record(1).image_url, createdAt: "2019-11-20T17:27:02.047Z", sourceAttributes: { id: 1, project_id: null, group_id: 4351, type: "GroupBadge" } },
      { name: null, linkUrl: record(2).link_url, imageUrl: record(2).image_url, createdAt: "2019-11-20T17:27:02.047Z", sourceAttributes: { id: 2, project_id: null, group_id: 4351, type: "GroupBadge" } },
    ]);
    expect(badgesPipeline.titleOf!(record(9))).toBe(record(9).link_url);
  });
});
