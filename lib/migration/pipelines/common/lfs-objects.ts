import { getConfig } from "@/lib/config";
import { ownerOf } from "../support/owner";
import type { FilePipeline } from "../support/types";
import { importLfsArchive } from "./lfs-objects-archive";

const MB = 1024 * 1024;

/**
 * Stage 5 of a project entity (GitLab's LfsObjectsPipeline): the project's Git LFS objects from
 * `lfs_objects.tar.gz`, one archive per batch on sources that batch it, each object checked against its oid, stored
 * once by oid and linked to the project with its repository types (see importLfsArchive). Served back to git clients
 * by lib/git-http's LFS batch API.
 */
export const lfsObjectsPipeline: FilePipeline = {
  kind: "file",
  relation: "lfs_objects",
  notExported: "The source instance does not export LFS objects.",
  load({ entity, body, fail }) {
    const maxBytes = getConfig().FERRY_IMPORT_MAX_DOWNLOAD_MB * MB;
    return importLfsArchive(body, ownerOf(entity).projectId!, entity.entityId, { maxBytes, maxObjectBytes: maxBytes }, fail);
  },
};
