// A stand-in for a remote GitLab instance in Ferry's tests: serves GitLab's own group export fixtures through the
// REST endpoints and relation-export semantics that direct transfer uses, and can inject faults.
export { startTestSource, DEFAULT_TOKEN, type TestSource } from "./server";
export { ROUTES, type RouteTemplate } from "./routes";
export { FaultControl, type Fault, type FaultScope, type FaultSpec, type FaultType } from "./faults";
export { type SourceGroup, type SourceProject, type SourceUser, type MountedTree, type FixtureStore } from "./fixture-store";
export { FIXTURES_ROOT, GROUP_EXPORTS, IMPORT_EXPORT, ndjsonRecords, projectTreeFile, projectTreeFolder, treeFolder, treeRecords } from "./fixture-loader";
export {
  countRecords,
  emptyRelation,
  fromArchive,
  fromFile,
  fromLfsObjects,
  fromLines,
  fromRecords,
  fromRepository,
  generated,
  notExported,
  recordLines,
  type ArchiveEntry,
  type LfsObject,
  type RelationSource,
} from "./relation-source";
export { syntheticRelation, syntheticRelations } from "./synthetic";
export { atLeast, parseVersion } from "./version";
export {
  ACCESS,
  type FixtureTree,
  type GroupSpec,
  type MountSpec,
  type ProjectFixture,
  type ProjectSpec,
  type SnippetSpec,
  type RequestLogEntry,
  type SourceConfig,
  type TestSourceOptions,
  type TokenSpec,
  type UserSpec,
  type Visibility,
} from "./types";
