import type { releaseLinks, releases } from "@/lib/db";
import { refNameProblem } from "@/lib/repositories";
import { RecordError } from "../../errors";
import type { SourceUserRef } from "../../source-users";
import { nestedList, nestedRecord, within } from "../support/nested-fields";
import { importColumns, optionalString, optionalTimestamp, requiredString, rest } from "../support/record-fields";
import { ownerOf } from "../support/owner";
import type { EntityContext } from "../support/types";

type ReleaseValues = Omit<typeof releases.$inferInsert, "authorId"> & { importKey: string; tagName: string };
export type LinkValues = Omit<typeof releaseLinks.$inferInsert, "releaseId">;

/** One source release, ready to load: its columns, its author (a source user), its links and its milestones' titles. */
export interface ReleaseRow {
  values: ReleaseValues;
  authorId: number | null;
  links: LinkValues[];
  milestoneTitles: string[];
  users: SourceUserRef[];
  /** Set by the pipeline's prepare: whether the project's repository has the release's tag. */
  tagExists?: boolean;
}

// GitLab's Releases::Link link types; `other` is its default.
const LINK_TYPES = new Set(["other", "runbook", "image", "package"]);
const COLUMNS = ["id", "project_id", "tag", "tag_name", "name", "description", "sha", "author_id", "author", "released_at", "links", "milestone_releases", "created_at", "updated_at"] as const;
const LINK_COLUMNS = ["id", "release_id", "name", "url", "filepath", "link_type", "created_at", "updated_at"] as const;

function linkOf(record: Record<string, unknown>): LinkValues {
  const url = requiredString(record, "url", 2048);
  // GitLab's Releases::Link validates the URL (public_url, http, https or ftp).
  if (!/^(https?|ftp):\/\/[^\s]+$/i.test(url)) throw new RecordError("url is blocked: Only allowed schemes are http, https, ftp");
  const filepath = optionalString(record, "filepath");
  if (filepath !== null && filepath !== "" && !/^\/[\w.\-/]*$/.test(filepath)) throw new RecordError("filepath is in an invalid format");
  const linkType = optionalString(record, "link_type") ?? "other";
  if (!LINK_TYPES.has(linkType)) throw new RecordError(`link_type ${linkType} is not a valid link type`);
  return {
    name: requiredString(record, "name"),
    url,
    filepath: filepath || null,
    linkType,
    sourceAttributes: rest(record, LINK_COLUMNS),
    createdAt: optionalTimestamp(record, "created_at"),
    updatedAt: optionalTimestamp(record, "updated_at"),
  };
}

function authorOf(record: Record<string, unknown>): number | null {
  const value = record.author_id;
  if (value === undefined || value === null) return null;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1) throw new RecordError("author_id must be a positive integer");
  return value;
}

/**
 * A record of GitLab's `releases` export (`releases: [:links, milestone_releases: [:milestone]]`): the tag comes as
 * `tag` (the model's column; `tag_name` in the API's shape is taken too), the author as a source user id, each
 * milestone as the milestone record, linked by title to the project's milestones when the chunk loads.
 */
export function transformRelease(record: Record<string, unknown>, entity: EntityContext, key: string): ReleaseRow {
  const { projectId } = ownerOf(entity);
  const tagName = requiredString(record, typeof record.tag === "string" ? "tag" : "tag_name");
  if (refNameProblem(tagName)) throw new RecordError(`tag ${tagName} is not a valid tag name`);
  const links = nestedList(record, "links").map((link, index) => within(`links[${index}]`, () => linkOf(link)));
  for (const field of ["name", "url"] as const) {
    const seen = new Set<string>();
    for (const link of links) {
      if (seen.has(link[field])) throw new RecordError(`links: ${field} ${link[field]} has already been taken`);
      seen.add(link[field]);
    }
  }
  const milestoneTitles = nestedList(record, "milestone_releases").flatMap((entry, index) =>
    within(`milestone_releases[${index}]`, () => {
      const milestone = nestedRecord(entry, "milestone");
      return milestone ? [requiredString(milestone, "title")] : [];
    }),
  );
  const authorId = authorOf(record);
  const author = nestedRecord(record, "author");
  const sha = optionalString(record, "sha");
  return {
    values: {
      projectId: projectId!,
      tagName,
      name: optionalString(record, "name") ?? tagName,
      description: optionalString(record, "description"),
      sha: sha && /^[0-9a-f]{40,64}$/.test(sha) ? sha : null,
      releasedAt: optionalTimestamp(record, "released_at") ?? optionalTimestamp(record, "created_at"),
      ...importColumns(record, entity.entityId, key, COLUMNS),
    },
    authorId,
    links,
    milestoneTitles: [...new Set(milestoneTitles)],
    users: authorId === null ? [] : [{ id: authorId, name: typeof author?.name === "string" ? author.name : null }],
  };
}
