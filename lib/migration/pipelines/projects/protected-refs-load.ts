import type { Tx } from "@/lib/db";
import { mapSourceUsers, type SourceUserRef } from "../../source-users";
import { ownerOf, ownerScope } from "../support/owner";
import type { EntityContext } from "../support/types";

/**
 * The local accounts of the source users a chunk of protected refs names (EE levels given to a user), mapped inside
 * the project's top-level group as every imported contribution is.
 */
export async function mapRefUsers(tx: Tx, entity: EntityContext, users: readonly SourceUserRef[]): Promise<Map<number, number>> {
  if (users.length === 0) return new Map();
  const scope = await ownerScope(tx, ownerOf(entity));
  return mapSourceUsers(tx, { sourceUrl: entity.sourceUrl, rootGroupId: scope.groupIds[0]! }, users);
}
