import { asc, sql } from "drizzle-orm";
import type { TarInput } from "@/lib/archive";
import { getDb, groups } from "@/lib/db";
import { GITLAB_API_VERSION, FERRY_REVISION } from "../api/instance-routes";
import { findRelation, treeRelationsFor } from "../relations/registry";
import type { SingleRelation } from "../relations/support/types";
import { collectionText, singleText } from "../serialize";
import { spooledMember, textMember } from "./spool";

/** The archive format's version (Gitlab::ImportExport.version): the only one GitLab's importers accept. */
export const IMPORT_EXPORT_VERSION = "0.2.4";

/** The group and its descendants, root first then by depth, as GitLab's `base_and_descendants(with_depth: true)`. */
async function groupTree(rootId: number): Promise<number[]> {
  const rows = await getDb()
    .select({ id: groups.id })
    .from(groups)
    .where(sql`${groups.traversalIds} @> ARRAY[${rootId}]::integer[]`)
    .orderBy(sql`cardinality(${groups.traversalIds})`, asc(groups.id));
  return rows.map((row) => row.id);
}

/** The members every GitLab export archive starts with. */
export function versionMembers(): TarInput[] {
  return [textMember("./VERSION", IMPORT_EXPORT_VERSION), textMember("./GITLAB_VERSION", GITLAB_API_VERSION), textMember("./GITLAB_REVISION", FERRY_REVISION)];
}

/**
 * GitLab's NDJSON group export (Group::TreeSaver): `tree/groups/_all.ndjson` with the ids of the group and its
 * descendants, one bare integer a line, root first; `tree/groups/<id>.json` with each group's attributes; and
 * `tree/groups/<id>/<relation>.ndjson` for each relation Ferry exports for groups. As GitLab's, no projects, uploads
 * or avatars. Members are yielded one at a time, each relation spooled through `scratch`.
 */
export async function* groupArchiveMembers(rootId: number, scratch: string): AsyncGenerator<TarInput> {
  yield* versionMembers();
  const ids = await groupTree(rootId);
  yield textMember("./tree/groups/_all.ndjson", ids.map((id) => `${id}\n`).join(""));
  const self = findRelation("group", "self") as SingleRelation;
  for (const id of ids) {
    yield await spooledMember(`./tree/groups/${id}.json`, singleText(self, id).chunks, scratch);
    for (const relation of treeRelationsFor("group")) {
      const text = relation.kind === "collection" ? collectionText(relation, id) : singleText(relation, id);
      yield await spooledMember(`./tree/groups/${id}/${relation.name}.ndjson`, text.chunks, scratch);
    }
  }
}
