// What git says about an object never changes once the object exists (its id is the hash of its content), so reads
// keyed by object id are kept here: a listing by tree id, a commit by commit id, a diff by the ids of its two sides.
// One cache for all readers, bounded by an estimate of the bytes it holds, least recently used first out. Keys always
// include the repository's path: an id seen in one project must not answer a reader of another that lacks it.

import { getConfig } from "@/lib/config";

interface Entry {
  value: unknown;
  bytes: number;
}

export interface CacheStats {
  entries: number;
  bytes: number;
  maxBytes: number;
  hits: number;
  misses: number;
}

// JavaScript strings and objects weigh more than the bytes git printed for them.
const ENTRY_OVERHEAD = 200;

export class ObjectCache {
  private readonly entries = new Map<string, Entry>();
  // Concurrent misses of one key share one git run.
  private readonly loading = new Map<string, Promise<unknown>>();
  private bytes = 0;
  private hits = 0;
  private misses = 0;

  private limit: number | undefined;

  /** `maxBytes` is asked for on first use: the configuration may not be read when modules load. */
  constructor(private readonly maxBytesOf: () => number) {}

  get maxBytes(): number {
    return (this.limit ??= this.maxBytesOf());
  }

  get<T>(key: string): T | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    // Map keeps insertion order: re-inserting makes this the most recently used.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value as T;
  }

  /** Keeps a value of about `bytes`; one larger than an eighth of the cache is not kept, so it cannot flush the rest. */
  set(key: string, value: unknown, bytes: number): void {
    const size = bytes + key.length + ENTRY_OVERHEAD;
    this.delete(key);
    if (size > this.maxBytes / 8) return;
    this.entries.set(key, { value, bytes: size });
    this.bytes += size;
    for (const [oldest, entry] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.bytes -= entry.bytes;
    }
  }

  delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.bytes -= entry.bytes;
  }

  /** The cached value, or `load`'s; `weigh` estimates its bytes. Failures are not kept. */
  async getOrLoad<T>(key: string, load: () => Promise<T>, weigh: (value: T) => number): Promise<T> {
    const entry = this.entries.get(key);
    if (entry) {
      this.hits++;
      return this.get<T>(key)!;
    }
    const pending = this.loading.get(key);
    if (pending) {
      this.hits++;
      return pending as Promise<T>;
    }
    this.misses++;
    const promise = load().then(
      (value) => {
        this.loading.delete(key);
        this.set(key, value, weigh(value));
        return value;
      },
      (error: unknown) => {
        this.loading.delete(key);
        throw error;
      },
    );
    this.loading.set(key, promise);
    return promise;
  }

  clear(): void {
    this.entries.clear();
    this.bytes = 0;
    this.hits = 0;
    this.misses = 0;
  }

  stats(): CacheStats {
    return { entries: this.entries.size, bytes: this.bytes, maxBytes: this.maxBytes, hits: this.hits, misses: this.misses };
  }
}

/** FERRY_GIT_READ_CACHE_MB sizes it; each web process has its own. */
export const objectCache = new ObjectCache(() => getConfig().FERRY_GIT_READ_CACHE_MB * 1024 * 1024);

/** A cache key: the kind of read, the repository, then the object ids and options it depends on. */
export const cacheKey = (kind: string, repo: string, ...parts: (string | number | boolean)[]) => [kind, repo, ...parts].join("\0");
