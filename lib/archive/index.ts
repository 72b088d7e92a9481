// Public face of lib/archive: streaming tar (and tar.gz) reading and writing, for file relations such as uploads.
export { safeRelativePath } from "./paths";
export { readTarGz } from "./tar-gz";
export { ArchiveError, type EntryType } from "./tar-header";
export { readTar, type ReadTarOptions, type TarEntry } from "./tar-reader";
export { writeTar, type TarInput } from "./tar-writer";
