import { eq } from "drizzle-orm";
import { groups } from "@/lib/db";
import { readArchiveIndex } from "../../file-import/archive-store";
import { addChildEntities } from "../support/child-entities";
import type { RestPipeline } from "../support/types";
import { sourceApiPath } from "../support/source-urls";

interface SourceSubgroup {
  id: number;
  path: string;
  full_path: string;
}

/**
 * Stage 3 (after projects, as in GitLab, to avoid full-path clashes): each subgroup on the source becomes a child
 * entity of this import, to be migrated under the group this entity created.
 */
export const subgroupsPipeline: RestPipeline = {
  kind: "rest",
  addsEntities: true,
  relation: "subgroups",
  async run({ entity, client, db }) {
    const [group] = await db.select({ fullPath: groups.fullPath }).from(groups).where(eq(groups.id, entity.groupId!));
    let source = 0;
    let fetched = 0;
    for await (const page of client.paginate<SourceSubgroup>(sourceApiPath(entity, "/subgroups"), { all_available: true }, { perPage: 100 })) {
      source = page.pagination.total ?? source + page.items.length;
      fetched += page.items.length;
      await addChildEntities(
        db,
        entity,
        group!.fullPath,
        page.items.map((sub) => ({ sourceType: "group_entity", sourceFullPath: sub.full_path, sourceXid: sub.id, destinationSlug: sub.path })),
      );
    }
    return { source: Math.max(source, fetched), fetched, imported: fetched };
  },
  // The archive's groups whose parent is this one: their path under this entity's stands for their full path.
  async fromArchive({ entity, db }) {
    const [group] = await db.select({ fullPath: groups.fullPath }).from(groups).where(eq(groups.id, entity.groupId!));
    const children = (await readArchiveIndex(entity.bulkImportId)).groups.filter((child) => child.parentId === entity.sourceXid);
    await addChildEntities(
      db,
      entity,
      group!.fullPath,
      children.map((child) => ({ sourceType: "group_entity", sourceFullPath: `${entity.sourceFullPath}/${child.path}`, sourceXid: child.id, destinationSlug: child.path })),
    );
    return { source: children.length, fetched: children.length, imported: children.length };
  },
};
