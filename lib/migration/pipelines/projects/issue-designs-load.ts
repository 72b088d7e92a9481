import { copyRows, designActions, designs, designVersions, type Tx } from "@/lib/db";
import { insertNew } from "../support/insert-by-import-key";
import { loadNotes } from "../support/notes";
import type { IssueDesigns } from "./issue-designs-transform";

/**
 * The designs, versions and actions of issues inserted just now, and the designs' notes (`DesignManagement::Design`
 * notes, in the shared notes table), in the issues' transaction. Designs and versions go in by import key, so a
 * replay adds none; an action is made only with its version, so a version there already has all of its own.
 */
export async function loadIssueDesigns(
  tx: Tx,
  fresh: readonly { id: number; row: { designs: IssueDesigns } }[],
  context: { projectId: number; entityId: number; user: (id: number | null) => number | null },
): Promise<void> {
  const { projectId, entityId, user } = context;
  const designIds = await insertNew(
    tx,
    designs,
    fresh.flatMap(({ id, row }) =>
      row.designs.designs.map((design) => ({ projectId, issueId: id, iid: design.iid, filename: design.filename, relativePosition: design.relativePosition, importEntityId: entityId, importKey: design.key, sourceAttributes: design.sourceAttributes })),
    ),
    { ids: true },
  );
  const versionIds = await insertNew(
    tx,
    designVersions,
    fresh.flatMap(({ id, row }) =>
      row.designs.versions.map((version) => ({ issueId: id, sha: version.sha, authorId: user(version.authorId), importEntityId: entityId, importKey: version.key, sourceAttributes: version.sourceAttributes, createdAt: version.createdAt })),
    ),
    { ids: true },
  );
  await copyRows(
    tx,
    designActions,
    fresh.flatMap(({ row }) => {
      const keyByFilename = new Map(row.designs.designs.map((design) => [design.filename, design.key]));
      return row.designs.versions.flatMap((version) => {
        const versionId = versionIds.get(version.key);
        if (versionId === undefined) return [];
        return version.actions.map((action) => ({ versionId, designId: designIds.get(keyByFilename.get(action.filename)!)!, event: action.event, imageV432x230: action.imageV432x230, sourceAttributes: action.sourceAttributes }));
      });
    }),
  );
  await loadNotes(
    tx,
    fresh.flatMap(({ row }) => row.designs.designs.flatMap((design) => (designIds.has(design.key) ? [{ id: designIds.get(design.key)!, notes: design.notes }] : []))),
    { owner: { projectId }, noteableType: "DesignManagement::Design", entityId, user },
  );
}
