import { portableApiPath } from "@/lib/gitlab";
import type { EntityContext } from "./types";

/** The entity's address in the source's REST API, with what follows: `/groups/12/badges`, `/projects/7/wikis`. */
export function sourceApiPath(entity: Pick<EntityContext, "portable" | "sourceXid">, tail = ""): string {
  return `${portableApiPath(entity.portable, entity.sourceXid)}${tail}`;
}

/** A page of the entity on the source, for the failures page: `<url>/groups/a/b/-/labels`, `<url>/a/b/-/labels`. */
export function sourceWebUrl(entity: Pick<EntityContext, "portable" | "sourceUrl" | "sourceFullPath">, tail: string): string {
  return `${entity.sourceUrl}${entity.portable === "group" ? "/groups" : ""}/${entity.sourceFullPath}/-/${tail}`;
}
