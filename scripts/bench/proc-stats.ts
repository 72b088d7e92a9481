import fs from "node:fs";

// Linux's clock ticks per second for /proc times (USER_HZ): 100 on every mainstream kernel.
const TICKS = 100;

function statFields(pid: number): string[] | undefined {
  try {
    const text = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name is in parentheses and may hold spaces: fields are counted after its closing one.
    return text.slice(text.lastIndexOf(")") + 2).split(" ");
  } catch {
    return undefined;
  }
}

/** CPU seconds a process used (user + system), plus those of its children it has reaped. */
export function cpuSeconds(pid: number, withReapedChildren = false): number {
  const f = statFields(pid);
  if (!f) return 0;
  // After the name: state(0) ppid(1) … utime(11) stime(12) cutime(13) cstime(14).
  const own = Number(f[11]) + Number(f[12]);
  return (own + (withReapedChildren ? Number(f[13]) + Number(f[14]) : 0)) / TICKS;
}

export function childrenOf(parent: number): number[] {
  return fs
    .readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .map(Number)
    .filter((pid) => Number(statFields(pid)?.[1]) === parent);
}

/**
 * CPU seconds of a PostgreSQL server so far: its live processes plus what its exited backends used (counted in the
 * postmaster's reaped-children times), so that a difference over an interval is the server's whole work in it.
 */
export function postgresCpuSeconds(postmasterPid: number): number {
  return [...postgresCpuByKind(postmasterPid).values()].reduce((sum, seconds) => sum + seconds, 0);
}

/** Resident memory of a process in bytes (0 once it has exited). */
export function rssBytes(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** The highest resident memory a process has had so far (the kernel's VmHWM), in bytes; 0 once it has exited. */
export function peakRssBytes(pid: number): number {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** What a PostgreSQL process is, from the title it sets itself (`postgres: walwriter`, `postgres: bench bench … COPY`). */
function postgresKind(pid: number): string {
  try {
    const title = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ").trim();
    const role = /^postgres: (checkpointer|background writer|walwriter|autovacuum launcher|autovacuum worker|logical replication launcher)/.exec(title);
    return role ? role[1]! : "backends";
  } catch {
    return "exited";
  }
}

/**
 * PostgreSQL's CPU seconds so far by process: the backends serving connections, each background process, and
 * `exited` for what processes that have ended used (backends closed by their pool, autovacuum workers). Differences
 * over an interval say whose work a load cost: the statements' or the server's housekeeping.
 */
export function postgresCpuByKind(postmasterPid: number): Map<string, number> {
  const kinds = new Map<string, number>([["exited", cpuSeconds(postmasterPid, true) - cpuSeconds(postmasterPid)], ["postmaster", cpuSeconds(postmasterPid)]]);
  for (const pid of childrenOf(postmasterPid)) {
    const kind = postgresKind(pid);
    kinds.set(kind, (kinds.get(kind) ?? 0) + cpuSeconds(pid));
  }
  return kinds;
}

/** The change of each kind between two readings of postgresCpuByKind, largest first. */
export function cpuByKindSince(before: Map<string, number>, after: Map<string, number>): [string, number][] {
  return [...after].map(([kind, seconds]): [string, number] => [kind, seconds - (before.get(kind) ?? 0)]).sort((a, b) => b[1] - a[1]);
}
