import fs from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import { getConfig } from "@/lib/config";
import { bulkImportEntities, bulkImports, getDb, type Tx } from "@/lib/db";
import { capVisibility, createGroup, findGroup, GroupError, type Group } from "@/lib/groups";
import { enqueue } from "@/lib/jobs";
import { logger } from "@/lib/log";
import { answeredGitLabVersion } from "@/lib/relations";
import { throttled } from "@/lib/rate-limits";
import { getSettings, type Settings } from "@/lib/settings";
import type { Viewer } from "@/lib/viewer";
import { FILE_IMPORT_SOURCE_TYPE } from "../engine/context";
import { notifyImportChanged } from "../notify";
import { ArchiveCheckError, scanArchive, type ArchiveKind } from "./archive-scan";
import { importDirectory, importsRoot, readRecords, type ArchiveIndex } from "./archive-store";
import { boundaryOf, receiveMultipart, UploadError } from "./multipart";

/** Why `POST /groups/import` (or another file import) was refused: GitLab's status, and its message (`{"message": ...}` or `{"error": ...}`). */
export interface FileImportRefusal {
  status: 400 | 403 | 404 | 409 | 429;
  message: string | Record<string, string[]>;
  /** Grape's parameter errors answer `{"error": "name is missing"}`, the rest `{"message": ...}`. */
  key?: "error" | "message";
}

export interface StartedFileImport {
  bulkImportId: number;
  entityId: number;
  groupId: number;
  fullPath: string;
}

const MIB = 1024 * 1024;
const LEVELS = { 0: "private", 10: "internal", 20: "public" } as const;

export const refuse = (status: FileImportRefusal["status"], message: FileImportRefusal["message"], key: FileImportRefusal["key"] = "message") => ({ refusal: { status, message, key } });

function parentIdOf(raw: string | undefined): number | null | "invalid" {
  if (raw === undefined || raw.trim() === "") return null;
  return /^\d{1,9}$/.test(raw.trim()) && Number(raw) > 0 ? Number(raw) : "invalid";
}

/** Where the parent is, after GitLab's checks: found and visible, and the viewer may create subgroups in it. */
async function checkParent(viewer: Viewer, parentId: number | null): Promise<Group | null | { refusal: FileImportRefusal }> {
  if (parentId === null) return null;
  const parent = await findGroup(viewer, parentId);
  if (!parent) return refuse(404, "404 Group Not Found");
  return parent;
}

/** An upload that passed every check: its text fields, the file's name, and the scanned archive's store. */
export interface CheckedUpload {
  fields: Record<string, string>;
  fileName: string;
  index: ArchiveIndex;
  /** The store's directory, removed when `create` returns unless `create` moved it (to the import's place). */
  store: string;
}

export interface FileImportKind<P> {
  kind: ArchiveKind;
  /** The per-user rate limit the endpoint counts against (GitLab's `group_import` / `project_import`). */
  rateLimit: "groupImport" | "projectImport";
  /** GitLab's parameter checks, made before the archive is read: what `create` needs of them, or a refusal. */
  check(viewer: Viewer, fields: Record<string, string>): Promise<P | { refusal: FileImportRefusal }>;
}

/**
 * The checks GitLab makes before anything else of a file import: the administrator's switch (`gitlab_project` among
 * the import sources), then the per-user rate limit (which counts this use). The settings come back for what follows.
 */
export async function admitFileImport(viewer: Viewer, rateLimit: FileImportKind<object>["rateLimit"]): Promise<{ settings: Settings } | { refusal: FileImportRefusal }> {
  const settings = await getSettings();
  if (!settings.fileImportEnabled) return refuse(403, "403 Forbidden");
  if (await throttled(rateLimit, `user:${viewer.id}`)) return refuse(429, "This endpoint has been requested too many times. Try again later.");
  return { settings };
}

/**
 * What `POST /groups/import` and `POST /projects/import` share: the checks GitLab makes before it reads the upload
 * (the administrator's switch, the per-user rate limit), then the upload streamed to disk under the administrator's
 * maximum import size, the request's fields checked, then the archive checked member by member in one pass. Only an
 * archive that passes reaches `create`, which makes the group or project and its import. A refusal at any step
 * leaves no file behind.
 */
export async function receiveFileImport<P extends object, T>(
  viewer: Viewer,
  request: Request,
  kind: FileImportKind<P>,
  create: (upload: CheckedUpload, checked: P) => Promise<T | { refusal: FileImportRefusal }>,
): Promise<T | { refusal: FileImportRefusal }> {
  const contentType = request.headers.get("content-type") ?? "";
  const body: AsyncIterable<Uint8Array> = request.body ? Readable.fromWeb(request.body as import("node:stream/web").ReadableStream<Uint8Array>) : Readable.from([]);
  const admitted = await admitFileImport(viewer, kind.rateLimit);
  if ("refusal" in admitted) return admitted;
  const { settings } = admitted;
  const boundary = boundaryOf(contentType);
  if (!boundary) return refuse(400, "file is missing", "error");

  const config = getConfig();
  const upload = path.join(importsRoot(), `upload-${randomUUID()}`);
  await fs.promises.mkdir(upload, { recursive: true, mode: 0o700 });
  try {
    const archive = path.join(upload, "archive.tar.gz");
    const maxUpload = settings.maxImportSizeMb > 0 ? settings.maxImportSizeMb * MIB : config.FERRY_IMPORT_MAX_DECOMPRESSED_MB * MIB;
    let received;
    try {
      received = await receiveMultipart(body, boundary, archive, maxUpload);
    } catch (error) {
      if (!(error instanceof UploadError)) throw error;
      const message = error.kind === "too_large" ? `File is too big (over ${Math.round(maxUpload / MIB)} MiB).` : error.message;
      return refuse(400, message);
    }
    const { fields, file } = received;
    const checked = await kind.check(viewer, fields);
    if ("refusal" in checked) return checked;
    if (!file) return refuse(400, "file is missing", "error");

    const store = path.join(upload, "store");
    let index: ArchiveIndex;
    try {
      index = await scanArchive(archive, store, { maxDecompressedBytes: config.FERRY_IMPORT_MAX_DECOMPRESSED_MB * MIB, maxLineBytes: config.FERRY_IMPORT_MAX_LINE_MB * MIB }, kind.kind);
    } catch (error) {
      if (error instanceof ArchiveCheckError) return refuse(400, error.message);
      throw error;
    }
    await fs.promises.rm(archive, { force: true });
    return await create({ fields, fileName: file.fileName, index, store }, checked);
  } finally {
    await fs.promises.rm(upload, { recursive: true, force: true });
  }
}

export interface FileImportRows {
  bulkImportId: number;
  entityId: number;
}

/** The archive of a file import: an upload's checked store, or a remote file still to fetch (its sealed reference). */
export type ImportArchive = Pick<CheckedUpload, "fileName" | "store"> | { fileName: string; store: null; pending: string };

/**
 * In the transaction that creates the group or project: the bulk import of kind `file` and its root entity, and the
 * store moved to the import's own place before the rows commit (no committed import lacks its records). `moved`
 * hears of the move, so that a transaction that then fails can give the directory back. A remote archive has no
 * store yet: the import keeps its sealed reference (URL and all) in the token column until a worker fetches it.
 */
export async function insertFileImport(
  tx: Tx,
  viewer: Viewer,
  upload: ImportArchive,
  entity: Omit<typeof bulkImportEntities.$inferInsert, "bulkImportId">,
  moved: (bulkImportId: number) => void,
): Promise<FileImportRows> {
  const [bulkImport] = await tx
    .insert(bulkImports)
    .values({
      userId: viewer.id,
      sourceType: FILE_IMPORT_SOURCE_TYPE,
      // Users of the archive are one source's: their placeholders are kept apart from any other upload's.
      sourceUrl: `file:///${randomUUID()}/${encodeURIComponent(upload.fileName || "export.tar.gz")}`,
      // The archive's relations are read as Ferry's own version would export them: none is left out by version.
      sourceVersion: answeredGitLabVersion(),
      sourceEnterprise: true,
      tokenCiphertext: "pending" in upload ? upload.pending : "",
    })
    .returning({ id: bulkImports.id });
  const [row] = await tx
    .insert(bulkImportEntities)
    .values({ ...entity, bulkImportId: bulkImport!.id })
    .returning({ id: bulkImportEntities.id });
  if (upload.store !== null) {
    await fs.promises.rename(upload.store, importDirectory(bulkImport!.id));
    moved(bulkImport!.id);
  }
  await notifyImportChanged(tx, { userId: viewer.id, bulkImportId: bulkImport!.id, entityId: row!.id });
  return { bulkImportId: bulkImport!.id, entityId: row!.id };
}

/** After the creating transaction committed: the workers start on the import. */
export async function enqueueFileImport(bulkImportId: number): Promise<void> {
  await enqueue("import.process", { bulkImportId }, { singletonKey: String(bulkImportId) });
}

/** A failed creating transaction: the store it moved, if it did, is removed. */
export async function discardMovedStore(bulkImportId: number | null): Promise<void> {
  if (bulkImportId !== null) await fs.promises.rm(importDirectory(bulkImportId), { recursive: true, force: true });
}

const GROUP_IMPORT: FileImportKind<{ name: string; path: string; parent: Group | null }> = {
  kind: "group",
  rateLimit: "groupImport",
  async check(viewer, fields) {
    for (const name of ["name", "path"] as const) if (!fields[name]?.trim()) return refuse(400, `${name} is missing`, "error");
    const parentId = parentIdOf(fields.parent_id);
    if (parentId === "invalid") return refuse(400, "parent_id is invalid", "error");
    const parent = await checkParent(viewer, parentId);
    if (parent && "refusal" in parent) return parent;
    return { name: fields.name!.trim(), path: fields.path!.trim(), parent };
  },
};

/**
 * GitLab's `POST /groups/import` (and the New group page's "Import group"): the shared checks (receiveFileImport),
 * then the group (with the request's name and path, under the parent) and a bulk import of kind `file` whose root
 * entity is that group, which the workers then fill relation by relation, subgroups included, as a direct transfer.
 * A refusal at any step leaves no group, no import and no file behind.
 */
export async function startFileImport(viewer: Viewer, request: Request): Promise<StartedFileImport | { refusal: FileImportRefusal }> {
  return receiveFileImport(viewer, request, GROUP_IMPORT, (upload, checked) => createImport(viewer, { ...checked, upload }));
}

interface Prepared {
  name: string;
  path: string;
  parent: Group | null;
  upload: CheckedUpload;
}

async function createImport(viewer: Viewer, request: Prepared): Promise<StartedFileImport | { refusal: FileImportRefusal }> {
  const root = request.upload.index.groups[0]!;
  const [attributes] = await readRecords(request.upload.store, root.relations.self);
  const level = typeof attributes?.visibility_level === "number" ? LEVELS[attributes.visibility_level as keyof typeof LEVELS] : undefined;
  let moved: number | null = null;
  try {
    const started = await getDb().transaction(async (tx) => {
      const group = await createGroup(
        viewer,
        {
          name: request.name,
          path: request.path,
          parentId: request.parent?.id ?? null,
          description: typeof attributes?.description === "string" ? attributes.description.slice(0, 500) : "",
          visibility: capVisibility(level ?? "private", request.parent?.visibility ?? null),
        },
        { tx },
      );
      const rows = await insertFileImport(
        tx,
        viewer,
        request.upload,
        {
          sourceType: "group_entity",
          sourceFullPath: root.path || request.path,
          sourceXid: root.id,
          destinationSlug: request.path,
          destinationNamespace: request.parent?.fullPath ?? "",
          namespaceId: group.id,
          migrateProjects: false,
          migrateMemberships: true,
        },
        (id) => (moved = id),
      );
      return { ...rows, groupId: group.id, fullPath: group.fullPath };
    });
    await enqueueFileImport(started.bulkImportId);
    return started;
  } catch (error) {
    await discardMovedStore(moved);
    if (error instanceof GroupError) {
      if (error.status === 403 || error.status === 404) return refuse(error.status, error.message);
      return refuse(400, `Failed to save group {:${error.field ?? "base"}=>["${error.message}"]}`);
    }
    logger.error({ err: error }, "file import could not start");
    throw error;
  }
}
