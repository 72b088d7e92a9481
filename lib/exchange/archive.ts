import { writeTar } from "@/lib/archive";
import type { FileRelation } from "./relations/support/types";

/** A file relation's archive as a stream of tar bytes, counting its files (GitLab's exported_objects_count). */
export function archiveStream(relation: FileRelation, portableId: number): { chunks: AsyncIterable<Buffer>; count(): number } {
  let count = 0;
  async function* counted() {
    for await (const entry of relation.entries(portableId)) {
      count += 1;
      yield entry;
    }
  }
  return { chunks: writeTar(counted()), count: () => count };
}
