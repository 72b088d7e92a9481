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
  return cpuSeconds(postmasterPid, true) + childrenOf(postmasterPid).reduce((sum, pid) => sum + cpuSeconds(pid), 0);
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
