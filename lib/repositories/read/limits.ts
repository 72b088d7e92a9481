// How long each kind of read may run and how much it may print. A page or an API call waits on these, so they are
// short: a read that needs longer on some huge repository fails with a GitError (reason "timeout" or
// "output-limit") rather than holding a request and a core for minutes.

/** Resolving a name, one object's header, a handful of refs. */
export const QUICK_MS = 10_000;
/** Walking history (a page of the log, the last commit of a path, a count, containment of refs). */
export const HISTORY_MS = 30_000;
/** Listing trees and computing diffs. */
export const DIFF_MS = 30_000;
/** Streams to a client (raw blobs, archives): as long as Workhorse lets a slow client read. */
export const STREAM_MS = 10 * 60 * 1000;

/** A printed object id, a ref name, a count. */
export const SMALL_OUTPUT = 64 * 1024;
/** A page of the log: perPage + 1 commits whose messages can be long. */
export const LOG_OUTPUT = 32 * 1024 * 1024;

/** Refs read by one listing of branches or tags; past it the listing fails rather than growing without bound. */
export const MAX_REFS = 200_000;
/** Entries read by one tree listing (a recursive listing of a very large tree fails past it). */
export const MAX_TREE_ENTRIES = 2_000_000;
