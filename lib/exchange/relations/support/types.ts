import type { TarInput } from "@/lib/archive";
import type { Owner } from "@/lib/content";

/** One record of a relation, in GitLab's relation-tree shape (field names and nesting of import_export.yml). */
export type ExportRecord = Record<string, unknown>;

interface RelationBase {
  /** GitLab's relation name, as `relation=` of the export_relations API. */
  name: string;
}

/**
 * A has_many relation (labels, milestones, members...): exported whole or, when asked, in batches of record ids.
 * Ids are the ones of Ferry's table, so a batch is fixed when the export starts, as GitLab's are. `Portable` is
 * what the relation reads by: the portable's id (the export runner's view), or its owner (see OwnedRelation).
 */
export interface CollectionRelation<Portable = number> extends RelationBase {
  kind: "collection";
  /** Every record id of the portable, ascending: what a whole export holds, or its batches once cut in 1000s. */
  ids(portable: Portable): Promise<number[]>;
  /** The portable's records with these ids, in id order, serialized; ids gone since are left out. */
  records(portable: Portable, ids: readonly number[]): Promise<ExportRecord[]>;
}

/** `self` (one JSON document) or a has_one relation (one NDJSON line): never batched. */
export interface SingleRelation<Portable = number> extends RelationBase {
  kind: "single";
  format: "json" | "ndjson";
  record(portable: Portable): Promise<ExportRecord | null>;
}

/**
 * A file relation (`uploads`): an archive of files, `<relation>.tar.gz`, never batched (GitLab's importers take a
 * whole archive as well as batches of one).
 */
export interface FileRelation<Portable = number> extends RelationBase {
  kind: "file";
  /** The archive's entries, each body streamed when its turn comes; files gone from disk are left out. */
  entries(portable: Portable): AsyncIterable<TarInput>;
}

/** A relation as the export runner calls it: by the id of the group (or project) being exported. */
export type ExportRelation<Portable = number> = CollectionRelation<Portable> | SingleRelation<Portable> | FileRelation<Portable>;

/**
 * A relation groups and projects both have (GitLab's common relations: labels, milestones, badges, boards, members,
 * uploads), read by the portable's owner. The registry binds it to each kind of portable (forPortable).
 */
export type OwnedRelation = ExportRelation<Owner>;
