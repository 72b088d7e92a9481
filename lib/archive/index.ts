// Public face of lib/archive: streaming tar (and tar.gz) reading and writing, for file relations such as uploads.
// The tar format is tar-stream's; what is Ferry's is here: errors callers can tell apart, sizes and limits checked,
// entries read and written a chunk at a time.
export { ArchiveError } from "./archive-error";
export { isArchiveRoot, refusedEntryType, topLevelFile } from "./members";
export { safeRelativePath } from "./paths";
export { readTarGz } from "./tar-gz";
export type { EntryType, TarEntry } from "./tar-entry";
export { readTar, type ReadTarOptions } from "./tar-reader";
export { writeTar, type TarInput } from "./tar-writer";
