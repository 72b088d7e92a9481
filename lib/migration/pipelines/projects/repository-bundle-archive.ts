import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { ArchiveError, readTarGz } from "@/lib/archive";
import { BundleError, restoreFromBundle } from "@/lib/repositories";
import { RecordError } from "../../errors";

const BUNDLE = "repository.bundle";

export interface BundleArchiveOptions {
  /** Largest archive accepted once decompressed, in bytes. */
  maxBytes: number;
  /** Where the bundle is written while git reads it (on the repositories' file system, not a small /tmp). */
  workDirectory: string;
}

/** `repository.bundle` or `./repository.bundle`, as GitLab's `tar -C <dir> .` writes it; anything else is not ours. */
const memberName = (name: string) => name.replace(/^(\.\/)+/, "");

/**
 * GitLab's RepositoryBundlePipeline for one downloaded `repository.tar.gz`: the archive may hold `repository.bundle`
 * and nothing else (no link, no other path, one bundle at most), within `maxBytes`; the bundle is streamed to a
 * private file and restored into the empty bare repository at `repoPath` (restoreFromBundle). An archive without a
 * bundle is an empty source repository: `refs` 0, nothing done. Whatever is refused is a RecordError saying why, with
 * no ref written; the file is removed in every case.
 */
export async function restoreRepositoryArchive(body: Readable, repoPath: string, options: BundleArchiveOptions): Promise<{ refs: number; head: string | null }> {
  await fs.promises.mkdir(options.workDirectory, { recursive: true, mode: 0o700 });
  const file = path.join(options.workDirectory, `${randomBytes(8).toString("hex")}.bundle`);
  let found = false;
  try {
    try {
      for await (const entry of readTarGz(body, { maxBytes: options.maxBytes })) {
        const name = memberName(entry.path);
        if (entry.type === "directory" && (name === "" || name === ".")) continue;
        if (name !== BUNDLE || entry.type !== "file") throw new RecordError(`The repository archive holds ${JSON.stringify(entry.path)} (${entry.type}): only ${BUNDLE} is expected.`, "BulkImports::Error");
        if (found) throw new RecordError(`The repository archive holds ${BUNDLE} twice.`, "BulkImports::Error");
        found = true;
        await pipeline(entry.body, fs.createWriteStream(file, { mode: 0o600, flags: "wx" }));
      }
    } catch (error) {
      if (error instanceof ArchiveError) throw new RecordError(`The repository archive cannot be read: ${error.message}`, `BulkImports::ArchiveError::${error.kind}`);
      throw error;
    }
    if (!found) return { refs: 0, head: null };
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
