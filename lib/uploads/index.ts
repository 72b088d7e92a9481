// Public face of lib/uploads: files attached to groups (markdown uploads), stored under the data directory.
export { contentTypeOf, isInlineImage } from "./content-type";
export { groupUploadUrl, resolverOf, rewriteUploadLinks, type UploadLinkContext } from "./markdown-links";
export { AVATAR_SECRET, decodeUrlPart, filenameProblem, isUploadSecret, uploadKey } from "./names";
export { findVisibleUpload, importedUploads, type Upload } from "./queries";
export { serveGroupUpload } from "./serve";
export { groupUploadPath, resolveUploadPath, storeUploadFile, UploadTooLargeError, uploadsRoot, type StoredFile } from "./storage";
