import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { getConfig } from "@/lib/config";
import { ArchiveError, isArchiveRoot, readTarGz, topLevelFile } from "@/lib/archive";
import { BundleError, restoreFromBundle } from "@/lib/repositories";
import { RecordError } from "../../errors";

export interface BundleArchiveOptions {
  /** Largest archive accepted once decompressed, in bytes. */
  maxBytes: number;
  /** Where the bundle is written while git reads it (on the repositories' file system, not a small /tmp). */
  workDirectory: string;
  /** The archive's one member: `repository.bundle` (the default), or `design.bundle` for a project's designs. */
  bundle?: "repository.bundle" | "design.bundle";
  /** Runs once the archive holds a bundle, before it is restored: makes the repository when only a bundle calls for one. */
  beforeRestore?: () => Promise<void>;
}

const MB = 1024 * 1024;

/** The import's download limit, and a work directory beside the repositories (a bundle is as large as its repository, /tmp may be small). */
export function bundleArchiveLimits(): Pick<BundleArchiveOptions, "maxBytes" | "workDirectory"> {
  const config = getConfig();
  return { maxBytes: config.FERRY_IMPORT_MAX_DOWNLOAD_MB * MB, workDirectory: path.join(config.dataDir, "imports", "bundles") };
}

/**
 * GitLab's RepositoryBundlePipeline (and DesignBundlePipeline, with `design.bundle`) for one downloaded
 * `repository.tar.gz` (`design.tar.gz`): the archive may hold `repository.bundle` (`./repository.bundle`, as GitLab's
 * `tar -C <dir> .` writes it) and nothing else (no link, no other path, one bundle at most), within `maxBytes`; the
 * bundle is streamed to a private file and restored into the empty bare repository at `repoPath` (restoreFromBundle).
 * An archive without a bundle is an empty source repository: `refs` 0, nothing done. Whatever is refused is a RecordError saying why, with
 * no ref written; the file is removed in every case.
 */
export async function restoreRepositoryArchive(body: Readable, repoPath: string, options: BundleArchiveOptions): Promise<{ refs: number; head: string | null }> {
  await fs.promises.mkdir(options.workDirectory, { recursive: true, mode: 0o700 });
  const file = path.join(options.workDirectory, `${randomBytes(8).toString("hex")}.bundle`);
  const bundle = options.bundle ?? "repository.bundle";
  const label = bundle.slice(0, -".bundle".length);
  let found = false;
  try {
    try {
      for await (const entry of readTarGz(body, { maxBytes: options.maxBytes })) {
        if (isArchiveRoot(entry)) continue;
        const member = topLevelFile(entry);
        if (!("name" in member) || member.name !== bundle) throw new RecordError(`The ${label} archive holds ${JSON.stringify(entry.path)} (${entry.type}): only ${bundle} is expected.`, "BulkImports::Error");
        if (found) throw new RecordError(`The ${label} archive holds ${bundle} twice.`, "BulkImports::Error");
        found = true;
        await pipeline(entry.body, fs.createWriteStream(file, { mode: 0o600, flags: "wx" }));
      }
    } catch (error) {
      if (error instanceof ArchiveError) throw new RecordError(`The ${label} archive cannot be read: ${error.message}`, `BulkImports::ArchiveError::${error.kind}`);
      throw error;
    }
    if (!found) return { refs: 0, head: null };
    await options.beforeRestore?.();
    try {
      return await restoreFromBundle(repoPath, file);
    } catch (error) {
      if (error instanceof BundleError) throw new RecordError(error.message, "Gitlab::Git::CommandError");
      throw error;
    }
  } finally {
    await fs.promises.rm(file, { force: true });
  }
}
