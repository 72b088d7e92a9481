import { badges } from "@/lib/db";
import { RecordError } from "../../errors";
import { importColumns, optionalString } from "../support/record-fields";
import { insertByImportKey } from "../support/insert-by-import-key";
import { ownerOf } from "../support/owner";
import type { NdjsonPipeline } from "../support/types";
import { sourceWebUrl } from "../support/source-urls";

type BadgeRow = typeof badges.$inferInsert;
const COLUMNS = ["name", "link_url", "image_url", "created_at", "updated_at"] as const;

// Badge URLs may hold placeholders (`%{project_path}`, `%{default_branch}`...) that GitLab fills in when it renders them.
const PLACEHOLDER = /%\{[a-z_]+\}/g;

/** GitLab's `addressable_url` validation of a badge URL: present, http(s), and parseable once placeholders are filled. */
function badgeUrl(record: Record<string, unknown>, field: "link_url" | "image_url"): string {
  const value = record[field];
  if (typeof value !== "string" || value.trim() === "") throw new RecordError(`${field} can't be blank`);
  if (value.length > 2048) throw new RecordError(`${field} is too long (maximum is 2048 characters)`);
  let url: URL;
  try {
    url = new URL(value.trim().replace(PLACEHOLDER, "x"));
  } catch {
    throw new RecordError(`${field} must be a valid URL`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new RecordError(`${field} is blocked: Only allowed schemes are http, https`);
  return value.trim();
}

/** Stage 1: the group's badges (the `badges` export, `project_badges` for a project; GitLab's BadgesPipeline keeps name, link_url and image_url). */
export const badgesPipeline: NdjsonPipeline<BadgeRow> = {
  kind: "ndjson",
  relation: "badges",
  transform(record, entity, key) {
    const name = optionalString(record, "name");
    if (name !== null && name.length > 255) throw new RecordError("name is too long (maximum is 255 characters)");
    return {
      name,
      linkUrl: badgeUrl(record, "link_url"),
      imageUrl: badgeUrl(record, "image_url"),
      ...importColumns(record, entity.entityId, key, COLUMNS),
      ...ownerOf(entity),
    };
  },
  load: insertByImportKey(badges),
  titleOf: (record) => (typeof record.name === "string" && record.name ? record.name : typeof record.link_url === "string" ? record.link_url : undefined),
  sourceUrlOf: (_record, entity) => sourceWebUrl(entity, "edit"),
};
