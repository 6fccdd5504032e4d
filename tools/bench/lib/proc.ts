import * as fs from 'node:fs';
import * as path from 'node:path';

/** CPU seconds (user + system, children included) of a process and all its descendants, from /proc. */
export function cpuSeconds(rootPid: number): number {
  const tick = 100; // USER_HZ on Linux
  const stats = new Map<number, { ppid: number; cpu: number }>();
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const raw = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
      const f = raw.slice(raw.lastIndexOf(')') + 2).split(' ');
      // fields after the name: state ppid … utime(14) stime(15) cutime(16) cstime(17), counted from 3
      stats.set(Number(d), { ppid: Number(f[1]), cpu: (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) / tick });
    } catch {
      /* gone */
    }
  }
  let total = 0;
  const visit = (pid: number) => {
    const s = stats.get(pid);
    if (!s) return;
    total += s.cpu;
    for (const [child, c] of stats) if (c.ppid === pid) visit(child);
  };
  visit(rootPid);
  return total;
}

/** The postmaster of the embedded server (its pid is the first line of postmaster.pid). */
export function postmasterPid(dataDir: string | undefined): number | undefined {
  if (!dataDir) return undefined;
  try {
    return Number(fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  } catch {
    return undefined;
  }
}

/** A process tree's CPU use over the next `seconds`, in ms of CPU a second. */
export async function cpuRate(rootPid: number, seconds = 3): Promise<number> {
  const c0 = cpuSeconds(rootPid);
  await new Promise((r) => setTimeout(r, seconds * 1000));
  return ((cpuSeconds(rootPid) - c0) / seconds) * 1000;
}

/**
 * Waits until PostgreSQL (the embedded server's process tree) has gone quiet: below `belowMs`
 * ms of CPU a second over 3 s, or `maxSeconds` have passed (autovacuum analyses a new city's
 * tables for a while after it is made, which would land in whatever is measured next).
 * Answers the last rate seen (NaN without a pid: DATABASE_URL).
 */
export async function waitForQuietDatabase(pgPid: number | undefined, { belowMs = 20, maxSeconds = 180 } = {}): Promise<number> {
  if (!pgPid) return NaN;
  let rate = await cpuRate(pgPid);
  for (let waited = 0; rate > belowMs && waited < maxSeconds; waited += 3) rate = await cpuRate(pgPid);
  return rate;
}
