import { getConfig } from "@/lib/config";
import { importUploadsArchive } from "./uploads-archive";
import type { FilePipeline } from "../support/types";

const MB = 1024 * 1024;
// GitLab's attachment limit is 100 MB by default and raised by few; a gigabyte leaves room without inviting abuse.
const MAX_FILE_BYTES = 1024 * MB;
const MAX_FILES = 100_000;

/**
 * Stage 1 (GitLab runs it at 2; here the files are in place before epics and notes, at 2, are loaded, and their links
 * are pointed at them at 3 by `uploads_references`): the group's markdown uploads, from `uploads.tar.gz`, one archive
 * per batch on sources that batch it (GitLab from 16.x). Each upload keeps the secret it had on the source: the
 * secret is 128 random bits either way, and access is checked on the group when a file is served, so a new one would
 * protect nothing while making every replay and every link rewrite depend on a mapping table.
 */
export const uploadsPipeline: FilePipeline = {
  kind: "file",
  relation: "uploads",
  notExported: "The source instance does not export uploads.",
  load({ entity, body, fail }) {
    const maxBytes = getConfig().FERRY_IMPORT_MAX_DOWNLOAD_MB * MB;
    return importUploadsArchive(body, entity, { maxBytes, maxFileBytes: Math.min(maxBytes, MAX_FILE_BYTES), maxFiles: MAX_FILES }, fail);
  },
};
