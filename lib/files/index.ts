// Public face of lib/files: files Ferry keeps under its data directory (uploads, LFS objects), written whole or not at
// all.
export { FileTooLargeError, writeHashedFile, type HashedFile } from "./hashed-file";
export { writeWholeOrNone } from "./whole-or-none";
