// Reading repositories for pages and the API: trees, files, history, diffs, branches, tags, archives, statistics.
// Functions take a repository's absolute path (resolved by the caller from the database, never from a URL) and
// validated inputs, and return plain objects in GitLab's API shapes (URLs left to callers). Every git run has a
// timeout and an output bound; git pages and stops early; what is keyed by object id is cached (object-cache.ts).
import { objectCache, type CacheStats } from "./object-cache";

export { streamArchive, type ArchiveFormat } from "./archive";
export { isBinary } from "./binary";
export { blobAt, blobInfo, DEFAULT_MAX_CONTENT_BYTES, streamBlob, type BlobInfo, type FileBlob } from "./blobs";
export { aheadBehind, branch, listBranches, type Branch, type BranchPage, type Divergence, type ListBranchesOptions } from "./branches";
export type { Commit } from "./commit-format";
export { getCommit, type CommitDetail, type CommitStats } from "./commit-detail";
export { commitRefs, type CommitRef, type CommitRefs, type RefScope } from "./commit-refs";
export { countPathCommits, lastCommitFor, listCommits, type CommitPage, type ListCommitsOptions } from "./commits";
export { diffLineCounts, diffLines, type DiffLine, type DiffLines } from "./diff-lines";
export { DEFAULT_DIFF_LIMITS, type DiffFile, type DiffLimits, type DiffResult } from "./diff-parse";
export { commitDiff, compare, type CompareOptions, type Comparison } from "./diffs";
export { GitNotFoundError } from "./errors";
export { commitFileDiff } from "./file-diff";
export { fileAt, openFile, type FileView, type RawFile } from "./file-view";
export { refNames, type RefNames } from "./ref-names";
export { isMarkdownName, readmeIn } from "./readme";
export { splitRefPath, type RefPath } from "./ref-path";
export { isImageName, rawType, type RawType } from "./raw-type";
export { defaultBranch, isEmptyRepository, resolveRevision } from "./resolve";
export { repositoryStatistics, type RepositoryStatistics } from "./statistics";
export { listTags, tag, type ListTagsOptions, type Tag, type TagPage } from "./tags";
export { listTree, type TreeItem, type TreeOptions, type TreePage } from "./tree";
export { lastCommitsForTree } from "./tree-commits";
export type { CacheStats } from "./object-cache";

/** Hits, misses and size of the readers' cache (for a health page or a benchmark). */
export const readCacheStats = (): CacheStats => objectCache.stats();

/** Empties the readers' cache (for benchmarks of cold reads). */
export const clearReadCache = (): void => objectCache.clear();
