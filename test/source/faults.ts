/**
 * Which requests a fault acts on. Every field narrows it; a fault with no scope acts on every request it can.
 * `endpoint` is a route template from ROUTES (e.g. "/groups/:id/export_relations/download") or a RegExp tested
 * against the request path (with its /api/v4 prefix).
 */
export interface FaultScope {
  endpoint?: string | RegExp;
  method?: string;
  /** The `relation` query parameter (download, status), or the relation being exported (export-failed). */
  relation?: string;
  /** The `batch_number` query parameter (download), or the batch that fails (export-failed). */
  batchNumber?: number;
  /** The group of a `/groups/:id/...` request. */
  groupId?: number;
  /** The project of a `/projects/:id/...` request. */
  projectId?: number;
  /** How many times it acts before it retires. Default: forever. */
  times?: number;
  /** The share of matching requests it acts on (0–1), drawn from `FaultControl.random` (seed it to replay a run). */
  chance?: number;
}

export type FaultSpec =
  /** 429 with `Retry-After` (seconds, default 1), like GitLab's Rack::Attack throttle. */
  | (FaultScope & { type: "rate-limit"; retryAfter?: number })
  /** A 500 (or the given 5xx) with GitLab's error body. */
  | (FaultScope & { type: "server-error"; status?: number })
  /**
   * Drops the connection. `mid-body` (default) sends the headers and `afterBytes` of a successful body (default: half)
   * first; `before-response` sends nothing. `how`: `rst` (default, the peer sees ECONNRESET) or `close` (a clean FIN).
   */
  | (FaultScope & { type: "reset"; when?: "mid-body" | "before-response"; afterBytes?: number; how?: "rst" | "close" })
  /** Answers `ms` later. */
  | (FaultScope & { type: "delay"; ms: number })
  /** Sends only the first `bytes` of a successful body (default: half) with a matching Content-Length. Downloads unless scoped. */
  | (FaultScope & { type: "truncate"; bytes?: number })
  /** Puts a line that is not JSON at `line` (1-based, in the downloaded file) of a relation download. */
  | (FaultScope & { type: "malformed-line"; line: number; text?: string; mode?: "insert" | "replace" })
  /**
   * A hostile download in place of the relation's records: `lines` repeated `repeat` times (a flood of bad lines, a
   * newline bomb: `[""]`), or `bytes` of one character and no newline (a gzip bomb). Gzipped as GitLab sends them.
   */
  | (FaultScope & { type: "hostile-body"; lines?: string[]; repeat?: number; bytes?: number; char?: string })
  /** The next export(s) of the relation end with status -1 and this error (a whole export, or one batch of it). */
  | (FaultScope & { type: "export-failed"; error?: string })
  /** `export_relations` endpoints answer 404, as when direct transfer is disabled on the source. */
  | (FaultScope & { type: "export-disabled" })
  /** `export_relations` endpoints answer 403, as for a user who is not an owner. */
  | (FaultScope & { type: "export-forbidden" });

export type FaultType = FaultSpec["type"];
export type FaultOf<T extends FaultType> = Extract<FaultSpec, { type: T }>;

export interface Fault<T extends FaultType = FaultType> {
  readonly id: number;
  readonly spec: FaultOf<T>;
  /** Times it may still act (Infinity when unlimited). */
  remaining: number;
  /** Times it has acted. */
  hits: number;
}

/** What a fault is matched against. */
export interface FaultTarget {
  method: string;
  pathname: string;
  route: string | null;
  relation?: string;
  batchNumber?: number;
  groupId?: number;
  projectId?: number;
}

// Group and project export endpoints alike (/groups/:id/... and /projects/:id/...).
const EXPORT_ENDPOINTS = /\/export_relations(\/|$)/;
const EXPORT_DOWNLOADS = /\/export_relations\/download$/;
const EXPORT_STARTS = /\/export_relations$/;

// Some faults only make sense on some endpoints; an explicit `endpoint` (e.g. ROUTES.projectExportDownload) overrides these.
const DEFAULT_ENDPOINT: Partial<Record<FaultType, string | RegExp>> = {
  truncate: EXPORT_DOWNLOADS,
  "malformed-line": EXPORT_DOWNLOADS,
  "hostile-body": EXPORT_DOWNLOADS,
  "export-failed": EXPORT_STARTS,
  "export-disabled": EXPORT_ENDPOINTS,
  "export-forbidden": EXPORT_ENDPOINTS,
};

type Scoped<T extends FaultType> = Omit<FaultOf<T>, "type">;

export class FaultControl {
  private faults: Fault[] = [];
  private nextId = 1;
  /** Where `chance` draws from: replace with a seeded generator for a reproducible run. */
  random: () => number = Math.random;
  /**
   * Chance faults in a row on one request (method, path, relation, batch) at most: a transient fault passes, as on a
   * real flaky source, so that a client with enough retries always gets through. Default: no bound.
   */
  maxInARow = Number.POSITIVE_INFINITY;
  private seen = new WeakSet<FaultTarget>();
  private streaks = new Map<string, { count: number; faultedLast: boolean }>();

  /** The run of chance faults on this request's key; a request seen for the first time closes the previous one. */
  private streakOf(target: FaultTarget) {
    const key = `${target.method} ${target.pathname} ${target.relation ?? ""} ${target.batchNumber ?? ""}`;
    let streak = this.streaks.get(key);
    if (!streak) this.streaks.set(key, (streak = { count: 0, faultedLast: false }));
    if (!this.seen.has(target)) {
      this.seen.add(target);
      if (!streak.faultedLast) streak.count = 0;
      streak.faultedLast = false;
    }
    return streak;
  }

  add<T extends FaultType>(spec: FaultOf<T>): Fault<T> {
    const fault: Fault<T> = { id: this.nextId++, spec, remaining: spec.times ?? Number.POSITIVE_INFINITY, hits: 0 };
    this.faults.push(fault as unknown as Fault);
    return fault;
  }

  rateLimit = (scope: Scoped<"rate-limit"> = {}) => this.add<"rate-limit">({ ...scope, type: "rate-limit" });
  serverError = (scope: Scoped<"server-error"> = {}) => this.add<"server-error">({ ...scope, type: "server-error" });
  reset = (scope: Scoped<"reset"> = {}) => this.add<"reset">({ ...scope, type: "reset" });
  delay = (scope: Scoped<"delay">) => this.add<"delay">({ ...scope, type: "delay" });
  truncate = (scope: Scoped<"truncate"> = {}) => this.add<"truncate">({ ...scope, type: "truncate" });
  malformedLine = (scope: Scoped<"malformed-line">) => this.add<"malformed-line">({ ...scope, type: "malformed-line" });
  hostileBody = (scope: Scoped<"hostile-body">) => this.add<"hostile-body">({ ...scope, type: "hostile-body" });
  exportFailed = (scope: Scoped<"export-failed"> = {}) => this.add<"export-failed">({ ...scope, type: "export-failed" });
  exportDisabled = (scope: Scoped<"export-disabled"> = {}) => this.add<"export-disabled">({ ...scope, type: "export-disabled" });
  exportForbidden = (scope: Scoped<"export-forbidden"> = {}) => this.add<"export-forbidden">({ ...scope, type: "export-forbidden" });

  remove(fault: Fault): void {
    this.faults = this.faults.filter((f) => f.id !== fault.id);
  }

  clear(): void {
    this.faults = [];
  }

  /** Faults that can still act. */
  get active(): readonly Fault[] {
    return this.faults.filter((f) => f.remaining > 0);
  }

  /**
   * The first live fault of this type that matches, counted as having acted. Callers take a fault only when they are
   * about to act on it, so `times` counts real effects.
   */
  take<T extends FaultType>(type: T, target: FaultTarget, accept: (spec: FaultOf<T>) => boolean = () => true): FaultOf<T> | undefined {
    const streak = this.streakOf(target);
    const fault = this.faults.find(
      (f) =>
        f.spec.type === type &&
        f.remaining > 0 &&
        matches(f.spec, target) &&
        accept(f.spec as FaultOf<T>) &&
        (f.spec.chance === undefined || (streak.count < this.maxInARow && this.random() < f.spec.chance)),
    );
    if (!fault) return undefined;
    if (fault.spec.chance !== undefined) {
      streak.count += 1;
      streak.faultedLast = true;
    }
    fault.remaining -= 1;
    fault.hits += 1;
    return fault.spec as FaultOf<T>;
  }
}

function matches(spec: FaultSpec, target: FaultTarget): boolean {
  if (spec.method && spec.method.toUpperCase() !== target.method) return false;
  const endpoint = spec.endpoint ?? DEFAULT_ENDPOINT[spec.type];
  if (typeof endpoint === "string" && endpoint !== target.route) return false;
  if (endpoint instanceof RegExp) {
    endpoint.lastIndex = 0;
    if (!endpoint.test(target.pathname)) return false;
  }
  if (spec.relation !== undefined && spec.relation !== target.relation) return false;
  // For export-failed, batchNumber says which batch fails rather than which requests match.
  if (spec.batchNumber !== undefined && spec.type !== "export-failed" && spec.batchNumber !== target.batchNumber) return false;
  if (spec.groupId !== undefined && spec.groupId !== target.groupId) return false;
  if (spec.projectId !== undefined && spec.projectId !== target.projectId) return false;
  return true;
}
