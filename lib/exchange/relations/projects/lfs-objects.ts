import fs from "node:fs";
import type { TarInput } from "@/lib/archive";
import { lfsObjectFile, listProjectLfsObjects } from "@/lib/lfs";
import { logger } from "@/lib/log";
import type { FileRelation } from "../support/types";

const PAGE = 1000;

/** An object's file as `<oid>`, its size from the open file so that header and body agree; null when it is gone. */
async function objectEntry(oid: string): Promise<TarInput | null> {
  let handle: fs.promises.FileHandle;
  try {
    handle = await fs.promises.open(lfsObjectFile(oid), "r");
  } catch (error) {
    logger.warn({ err: error, oid }, "LFS object file missing; left out of the export");
    return null;
  }
  const { size, mtime } = await handle.stat();
  return { name: oid, size, mtime, body: handle.createReadStream() };
}

/**
 * GitLab's LfsObjectsExportService: every LFS object of the project as `<oid>`, then `lfs_objects.json`
 * (`{"<oid>": [repository types]}`) listing the objects written, archived as `lfs_objects.tar.gz`. Objects are read
 * one after the other straight from the store; the listing is built as they go (an oid and a few types each).
 */
export const lfsObjectsRelation: FileRelation = {
  kind: "file",
  name: "lfs_objects",
  async *entries(projectId) {
    const listing: Record<string, (string | null)[]> = {};
    let after = 0;
    for (;;) {
      const rows = await listProjectLfsObjects(projectId, after, PAGE);
      for (const row of rows) {
        const entry = await objectEntry(row.oid);
        if (!entry) continue;
        listing[row.oid] = row.types;
        yield entry;
      }
      if (rows.length < PAGE) break;
      after = rows[rows.length - 1]!.id;
    }
    const json = Buffer.from(JSON.stringify(listing));
    yield { name: "lfs_objects.json", size: json.length, body: [json] };
  },
};
