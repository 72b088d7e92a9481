import { BATCHED_EXPORT_MIN_VERSION, compareVersions, formatVersion, isAtLeast, parseVersion } from "@/lib/gitlab/version";
import { RELATIONS } from "./catalog";
import type { PortableKind, RelationFormat, RelationSpec, RelationUse } from "./types";

export interface PortableRelation extends RelationUse {
  spec: RelationSpec;
  name: string;
  label: string;
  /** How it travels for this portable: the use's own format, else the relation's. */
  format: RelationFormat;
}

/** What the source is, as far as its relations go. */
export interface SourceEdition {
  version: string;
  enterprise: boolean;
}

const BY_NAME = new Map(RELATIONS.map((spec) => [spec.name, spec]));

export function findRelationSpec(name: string): RelationSpec | undefined {
  return BY_NAME.get(name);
}

function usedBy(spec: RelationSpec, kind: PortableKind): PortableRelation | undefined {
  const found = spec[kind];
  return found && { ...found, spec, name: spec.name, label: found.label ?? spec.label, format: found.format ?? spec.format };
}

/** How a relation travels for one kind of portable (project members come by GraphQL, group members as NDJSON). */
export function formatOf(spec: RelationSpec, kind: PortableKind): RelationFormat {
  return spec[kind]?.format ?? spec.format;
}

/** Whether the source's `export_relations` carries the relation for this portable (NDJSON, JSON or a file). */
export function travelsInExport(format: RelationFormat): boolean {
  return format === "ndjson" || format === "json" || format === "file";
}

/** The relations a group or a project has, in stage order (the catalog's order within a stage). */
export function relationsOf(kind: PortableKind): PortableRelation[] {
  return RELATIONS.flatMap((spec) => usedBy(spec, kind) ?? []).sort((a, b) => a.stage - b.stage);
}

export function relationOf(kind: PortableKind, name: string): PortableRelation | undefined {
  const spec = BY_NAME.get(name);
  return spec && usedBy(spec, kind);
}

/** The relation's name in the source's `export_relations` (`badges` of a project is `project_badges` there). */
export function exportRelationName(kind: PortableKind, name: string): string {
  return relationOf(kind, name)?.exportRelation ?? name;
}

/** GitLab's version and edition gates: whether an importer asks a source of this edition for the relation. */
export function sourceHasRelation(spec: RelationSpec, source: SourceEdition): boolean {
  if (spec.enterprise && !source.enterprise) return false;
  if (spec.minSourceVersion && !isAtLeast(source.version, spec.minSourceVersion)) return false;
  if (spec.maxSourceVersion) {
    // GitLab compares without the patch level: 15.3.7 is still 15.3.
    const version = parseVersion(source.version);
    const max = parseVersion(spec.maxSourceVersion);
    if (!version || !max || compareVersions({ ...version, patch: 0 }, { ...max, patch: 0 }) > 0) return false;
  }
  return true;
}

/** GitLab's human name of a relation, for the pages; a name outside the catalog reads as words. */
export function relationLabel(name: string, kind?: PortableKind): string {
  const spec = BY_NAME.get(name);
  if (spec) return (kind && spec[kind]?.label) || spec.label;
  const words = name.replace(/[_-]+/g, " ").trim();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : name;
}

export function importsRelation(spec: RelationSpec, kind: PortableKind): boolean {
  return spec.ferry.imports.includes(kind);
}

export function exportsRelation(spec: RelationSpec, kind: PortableKind): boolean {
  return spec.ferry.exports.includes(kind);
}

/** The setting relations of a portable (`project_feature`, `ci_cd_settings`...): one importer and one exporter serve them all. */
export function settingRelationNames(kind: PortableKind): string[] {
  return RELATIONS.filter((spec) => spec.setting && spec[kind]).map((spec) => spec.name);
}

/** The relations Ferry exports for a portable, as `export_relations` names them. */
export function exportedRelationNames(kind: PortableKind): string[] {
  return relationsOf(kind)
    .filter((relation) => exportsRelation(relation.spec, kind))
    .map((relation) => relation.exportRelation ?? relation.name);
}

const exported = RELATIONS.filter((spec) => spec.ferry.exports.length > 0);

/** Whether Ferry exports Enterprise relations (epics...): it then says it is an Enterprise edition (`/metadata`). */
export function exportsEnterpriseRelations(): boolean {
  return exported.some((spec) => spec.enterprise);
}

/**
 * The GitLab version Ferry answers as: the first whose importers take every relation Ferry exports (and batches).
 * An importer asks only for what its source's version has, so a lower number would hide relations.
 */
export function answeredGitLabVersion(): string {
  const newest = exported
    .map((spec) => spec.minSourceVersion)
    .reduce<string>((a, b) => (b && compareVersions(b, a) > 0 ? b : a), BATCHED_EXPORT_MIN_VERSION);
  return formatVersion(parseVersion(newest)!);
}
