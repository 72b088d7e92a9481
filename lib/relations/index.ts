// Public face of lib/relations: the relation catalog. Browser-safe: no database, no network.
export { RELATIONS } from "./catalog";
export {
  answeredGitLabVersion,
  exportedRelationNames,
  exportRelationName,
  exportsEnterpriseRelations,
  exportsRelation,
  findRelationSpec,
  formatOf,
  importsRelation,
  relationLabel,
  relationOf,
  relationsOf,
  settingRelationNames,
  sourceHasRelation,
  travelsInExport,
  type PortableRelation,
  type SourceEdition,
} from "./lookup";
export type { PortableKind, RelationFormat, RelationSpec, RelationUse } from "./types";
