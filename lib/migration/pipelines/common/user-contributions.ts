import { mapSourceUser, type SourceUserInput } from "@/lib/users";
import { RecordError } from "../../errors";
import { optionalString, requiredString } from "../support/record-fields";
import { ownerOf, ownerScope } from "../support/owner";
import type { NdjsonPipeline } from "../support/types";

/**
 * The source user's id: GitLab's own importer of this relation (Import::Offline::Common::Pipelines::
 * UserContributionsPipeline) reads `id` as an integer or as its string, whichever the export wrote.
 */
function sourceUserId(value: unknown): number {
  const id = typeof value === "string" && /^[1-9]\d{0,15}$/.test(value) ? Number(value) : value;
  if (typeof id !== "number" || !Number.isSafeInteger(id) || id <= 0) throw new RecordError("id must be an integer");
  return id;
}

/**
 * Stage 1: every source user who contributed to the portable, member or not. A record is what GitLab writes for a
 * contributor: `id` (which the other relations name the user by, and which keys the mapping), and the
 * import_export.yml attributes `public_email`, `username`, `name`; never the private `email`. As GitLab's placeholder
 * mapping does, each gets its mapping in the top-level group now: the confirmed account with that public email, else
 * a placeholder carrying the source name, so that later relations find every author mapped and the Placeholders page
 * lists them all. A re-run maps nothing twice: the mapping of a source user is stable.
 */
export const userContributionsPipeline: NdjsonPipeline<SourceUserInput> = {
  kind: "ndjson",
  relation: "user_contributions",
  transform(record) {
    const id = sourceUserId(record.id);
    const name = optionalString(record, "name");
    return { id, username: requiredString(record, "username"), name: name || null, publicEmail: optionalString(record, "public_email") || null };
  },
  async load(tx, rows, entity) {
    const { groupIds } = await ownerScope(tx, ownerOf(entity));
    // Ascending ids, the order every loader maps in, so that concurrent entities of one top-level group cannot deadlock.
    for (const sourceUser of [...rows].sort((a, b) => a.id - b.id)) {
      await mapSourceUser(tx, { sourceUrl: entity.sourceUrl, rootGroupId: groupIds[0]!, sourceUser });
    }
  },
  titleOf: (record) => (typeof record.username === "string" ? record.username : undefined),
};
