// Public face of lib/lfs: Git LFS objects, stored once by their SHA-256 under the data directory in GitLab's layout and
// linked to the projects (and repository types) that have them.
export { linkLfsObject, listProjectLfsObjects, projectLfsObjects, saveLfsObject, type ProjectLfsObject } from "./objects";
export { commitLfsObject, isLfsOid, lfsObjectFile, LfsObjectMismatchError, lfsObjectsRoot, lfsStagingDirectory, stageLfsObject } from "./storage";
export { LFS_POINTER_MAX_BYTES, lfsBlobOf, openLfsObject, parseLfsPointer, type LfsBlob, type LfsPointer } from "./pointer";
