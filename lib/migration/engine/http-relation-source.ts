import { downloadRelation, exportStatus, startExport, type SourceClient } from "@/lib/gitlab";
import type { PortableKind } from "@/lib/relations";
import type { RelationSource } from "./relation-source";

/** The source's relation-export API (`/groups/:id/export_relations`, `/projects/:id/export_relations`). */
export function httpRelationSource(client: SourceClient, portable: { kind: PortableKind; id: number }): RelationSource {
  const { kind, id } = portable;
  return {
    startExport: ({ batched }) => startExport(client, id, { kind, batched }),
    statuses: () => exportStatus(client, id, { kind }),
    status: (relation) => exportStatus(client, id, { kind, relation }),
    download: (relation, batchNumber, { maxBytes }) =>
      downloadRelation(client, id, relation, { kind, batched: batchNumber > 0, batchNumber: batchNumber > 0 ? batchNumber : undefined, maxBytes }),
  };
}
