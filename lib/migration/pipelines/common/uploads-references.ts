import { and, eq, like } from "drizzle-orm";
import { importedUploads, ownerWhere } from "@/lib/content";
import { epics, groups, notes } from "@/lib/db";
import { resolverOf, rewriteUploadLinks, type UploadLinkContext } from "@/lib/uploads";
import { ownerOf } from "../support/owner";
import { rewriteTexts, type ImportedTexts } from "../support/rewrite-texts";
import type { RestPipeline } from "../support/types";

/**
 * Stage 3, after epics and their notes (stage 2): links in what this entity imported that point at the source's group
 * uploads (GitLab's relative `/uploads/<secret>/<file>`, or the source's absolute URL) now point at Ferry's copies,
 * `/groups/<destination>/-/uploads/<secret>/<file>`. A link to an upload that did not come over is left as it is.
 */
export const uploadsReferencesPipeline: RestPipeline = {
  kind: "rest",
  relation: "uploads_references",
  async run({ entity, db }) {
    const owner = ownerOf(entity);
    const imported = await importedUploads(entity.entityId);
    // Links go to a group's uploads page: a project's own uploads route comes with projects (ownerOf refuses them).
    const [group] = await db.select({ fullPath: groups.fullPath }).from(groups).where(eq(groups.id, owner.groupId!));
    if (imported.size === 0 || !group) return { source: 0, fetched: 0, imported: 0 };
    const context: UploadLinkContext = {
      sourceUrl: entity.sourceUrl,
      sourceFullPath: entity.sourceFullPath,
      destinationFullPath: group.fullPath,
      resolve: resolverOf(imported),
    };
    const ferryPrefix = `/groups/${group.fullPath}/-/uploads/`;
    // Only rows that mention uploads are read, and those that now link to this group's uploads in Ferry are counted
    // (the same numbers on a replay, which finds them rewritten).
    const columns: ImportedTexts[] = [
      { table: epics, id: epics.id, text: epics.description, rows: and(eq(epics.importEntityId, entity.entityId), like(epics.description, "%/uploads/%"))! },
      { table: notes, id: notes.id, text: notes.note, rows: and(eq(notes.importEntityId, entity.entityId), ownerWhere(notes, owner), like(notes.note, "%/uploads/%"))! },
    ];
    let seen = 0;
    let linked = 0;
    const rewrite = (text: string) => {
      const rewritten = rewriteUploadLinks(text, context);
      if (rewritten.includes(ferryPrefix)) linked += 1;
      return rewritten;
    };
    for (const column of columns) seen += await rewriteTexts(db, column, rewrite);
    return { source: seen, fetched: seen, imported: linked };
  },
};
