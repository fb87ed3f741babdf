// What a process costs, read from /proc: CPU time (its own, and for a server that forks, its children's too) and
// resident memory. Linux only, like the machines the benchmarks describe.
import fs from 'node:fs';

const TICKS_PER_SECOND = 100; // CLK_TCK on Linux

function statFields(pid: number): string[] | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: split after it.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/** CPU milliseconds a process has used so far, user and system, with its waited-for children's. */
export function cpuMs(pid: number): number {
  const f = statFields(pid);
  if (!f) return 0;
  // After the name: state(3) ppid(4) ... utime(14) stime(15) cutime(16) cstime(17), here from index 0 = field 3.
  const ticks = Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
  return (ticks * 1000) / TICKS_PER_SECOND;
}

/** CPU milliseconds of a process and every process it started that still runs (PostgreSQL's backends). */
export function treeCpuMs(pid: number): number {
  let total = cpuMs(pid);
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const f = statFields(Number(entry));
    if (f && Number(f[1]) === pid) total += treeCpuMs(Number(entry));
  }
  return total;
}

/** Resident set size now and its peak so far, in MiB. */
export function memoryOf(pid: number): { rss: number; peak: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) =>
    Number(/\d+/.exec(status.split('\n').find((l) => l.startsWith(field)) ?? '')?.[0] ?? 0);
  return { rss: kib('VmRSS:') / 1024, peak: kib('VmHWM:') / 1024 };
}
