import fs from "node:fs";
import { Readable } from "node:stream";
import zlib from "node:zlib";
import { writeTar, type TarInput } from "@/lib/archive";
import type { RelationExportStatus } from "@/lib/gitlab";
import { archiveGroup, readArchiveIndex, readStoredRelation, storedFilePath, type ArchiveProject, type StoredRelation } from "../file-import/archive-store";
import type { RelationSource } from "./relation-source";

// Compression the engine undoes at once: the fastest level.
const GZIP = { level: 1 };

const finished = (relation: string, count: number): RelationExportStatus => ({
  relation,
  status: "finished",
  error: null,
  updatedAt: null,
  batched: false,
  batchesCount: 0,
  totalObjectsCount: count,
  batches: [],
});

/**
 * Relations a project archive names otherwise than direct transfer's export: its members are `project_members`
 * (direct transfer reads them by GraphQL instead).
 */
const PROJECT_ARCHIVE_NAMES: Record<string, string> = { members: "project_members" };

/**
 * The file relations of direct transfer, made from a project archive's files: each the archive direct transfer's
 * export would send (`repository.tar.gz` with `repository.bundle`, `uploads.tar.gz` with `<secret>/<file>` and
 * `avatar/<file>`, `lfs_objects.tar.gz` with `<oid>` and `lfs_objects.json`), named as its pipeline reads it.
 */
const PROJECT_FILE_RELATIONS: Record<string, (file: string) => string | null> = {
  repository: (file) => (file === "project.bundle" ? "repository.bundle" : null),
  design: (file) => (file === "project.design.bundle" ? "design.bundle" : null),
  uploads: (file) => (file.startsWith("uploads/") ? file.slice("uploads/".length) : file.startsWith("avatar/") ? file : null),
  lfs_objects: (file) => (file === "lfs-objects.json" ? "lfs_objects.json" : file.startsWith("lfs-objects/") ? file.slice("lfs-objects/".length) : null),
};

async function* fileEntries(bulkImportId: number, files: { file: string; name: string }[]): AsyncGenerator<TarInput> {
  for (const { file, name } of files) {
    const at = storedFilePath(bulkImportId, file);
    const { size } = await fs.promises.stat(at);
    yield { name: `./${name}`, size, body: fs.createReadStream(at) };
  }
}

function projectFiles(project: ArchiveProject, relation: string): { file: string; name: string }[] {
  const rename = PROJECT_FILE_RELATIONS[relation];
  if (!rename) return [];
  return project.files.flatMap((file) => {
    const name = rename(file);
    return name === null ? [] : [{ file, name }];
  });
}

/** A group of the archive, or its project (group 0 of a project archive). */
interface Portable {
  relations: Record<string, StoredRelation>;
  project?: ArchiveProject;
}

async function portableOf(bulkImportId: number, groupId: number): Promise<Portable> {
  const index = await readArchiveIndex(bulkImportId);
  if (index.project) return { relations: index.project.relations, project: index.project };
  return { relations: (await archiveGroup(bulkImportId, groupId))?.relations ?? {} };
}

/**
 * A group or the project of a GitLab export archive, as the engine reads relations: every relation is exported
 * already (a relation the archive lacks is an empty one, as GitLab leaves out empty files), unbatched, and its
 * download is the archive's records, gzipped, read from the store the upload's scan wrote; a project's file
 * relations are tar.gz archives of the files the scan kept.
 */
export function archiveRelationSource(bulkImportId: number, groupId: number): RelationSource {
  const countOf = async (relation: string) => {
    const { relations, project } = await portableOf(bulkImportId, groupId);
    if (project && PROJECT_FILE_RELATIONS[relation]) return projectFiles(project, relation).length;
    return relations[project ? (PROJECT_ARCHIVE_NAMES[relation] ?? relation) : relation]?.count ?? 0;
  };
  return {
    startExport: async () => undefined,
    async statuses() {
      const { relations, project } = await portableOf(bulkImportId, groupId);
      const names = [...Object.keys(relations), ...(project ? Object.keys(PROJECT_FILE_RELATIONS) : [])];
      return Promise.all(names.map(async (relation) => finished(relation, await countOf(relation))));
    },
    status: async (relation) => finished(relation, await countOf(relation)),
    async download(relation) {
      const { relations, project } = await portableOf(bulkImportId, groupId);
      if (project && PROJECT_FILE_RELATIONS[relation]) {
        return { body: Readable.from(writeTar(fileEntries(bulkImportId, projectFiles(project, relation)))).pipe(zlib.createGzip(GZIP)) };
      }
      const stored = project ? relations[PROJECT_ARCHIVE_NAMES[relation] ?? relation] : relations[relation];
      const records = stored && stored.length > 0 ? readStoredRelation(bulkImportId, stored) : Readable.from([]);
      return { body: records.pipe(zlib.createGzip(GZIP)) };
    },
  };
}
