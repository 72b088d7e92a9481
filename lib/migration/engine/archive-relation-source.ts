import { Readable } from "node:stream";
import zlib from "node:zlib";
import type { RelationExportStatus } from "@/lib/gitlab";
import { archiveGroup, readStoredRelation, type StoredRelation } from "../file-import/archive-store";
import type { RelationSource } from "./relation-source";

// Compression the engine undoes at once: the fastest level.
const GZIP = { level: 1 };

const finished = (relation: string, stored: StoredRelation | undefined): RelationExportStatus => ({
  relation,
  status: "finished",
  error: null,
  updatedAt: null,
  batched: false,
  batchesCount: 0,
  totalObjectsCount: stored?.count ?? 0,
  batches: [],
});

/**
 * A group of a GitLab export archive, as the engine reads relations: every relation is exported already (a relation
 * the archive lacks is an empty one, as GitLab leaves out empty files), unbatched, and its download is the
 * archive's records, gzipped, read from the store the upload's scan wrote.
 */
export function archiveRelationSource(bulkImportId: number, groupId: number): RelationSource {
  const relations = async () => (await archiveGroup(bulkImportId, groupId))?.relations ?? {};
  return {
    startExport: async () => undefined,
    statuses: async () => Object.entries(await relations()).map(([relation, stored]) => finished(relation, stored)),
    status: async (relation) => finished(relation, (await relations())[relation]),
    async download(relation) {
      const stored = (await relations())[relation];
      const records = stored && stored.length > 0 ? readStoredRelation(bulkImportId, stored) : Readable.from([]);
      return { body: records.pipe(zlib.createGzip(GZIP)) };
    },
  };
}
