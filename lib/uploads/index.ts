// Public face of lib/uploads: the files of uploads (markdown attachments of groups and projects) under the data
// directory, their names, links and serving; their rows are read through lib/content.
export { contentTypeOf, isInlineImage } from "./content-type";
export { groupUploadUrl, resolverOf, rewriteUploadLinks, type UploadLinkContext } from "./markdown-links";
export { AVATAR_SECRET, decodeUrlPart, filenameProblem, isUploadSecret, uploadKey } from "./names";
export { serveGroupUpload } from "./serve";
export { groupUploadPath, ownerUploadPath, resolveUploadPath, storeUploadFile, UploadTooLargeError, uploadsRoot, type StoredFile } from "./storage";
