import { safeRelativePath } from "./paths";
import type { EntryType, TarEntry } from "./tar-entry";

// GitLab imports plain files only: its ArchiveExtractionService refuses links, its cleaners delete pipes and devices.
const REFUSED_TYPES: Partial<Record<EntryType, string>> = {
  symlink: "Symbolic links are not imported",
  hardlink: "Hard links are not imported",
  "character-device": "Devices are not imported",
  "block-device": "Devices are not imported",
  fifo: "Named pipes are not imported",
  other: "Only regular files are imported",
};

/** Why an entry of this type is never imported; undefined for plain files and directories. */
export function refusedEntryType(type: EntryType): string | undefined {
  return REFUSED_TYPES[type];
}

/** The `./` (or `.`) that `tar -C <dir> .` writes first: no member of its own. */
export const isArchiveRoot = (entry: Pick<TarEntry, "path" | "type">) => entry.type === "directory" && /^(\.\/?)+$/.test(entry.path);

/**
 * The name of a plain file at the top of an archive (`name` or `./name`, as `tar -C <dir> .` writes it), or why the
 * entry is not one: a link, device or pipe, a name that could leave the directory it is extracted to, or a path
 * with directories. What the names must be is the caller's.
 */
export function topLevelFile(entry: Pick<TarEntry, "path" | "type">): { name: string } | { problem: string } {
  const refused = refusedEntryType(entry.type);
  if (refused) return { problem: `${refused}: ${entry.path}` };
  const segments = safeRelativePath(entry.path);
  if (!segments) return { problem: `Invalid file path (path traversal or absolute path): ${entry.path}` };
  if (entry.type !== "file" || segments.length !== 1) return { problem: `Not a file at the top of the archive: ${entry.path}` };
  return { name: segments[0]! };
}
