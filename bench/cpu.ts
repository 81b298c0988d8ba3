/**
 * CPU time of processes from /proc (Linux), so the bench can say what a sync costs the
 * server side in CPU milliseconds: a figure that holds on a machine shared with other work,
 * where requests per second alone would mostly measure the neighbours.
 */
import { readdirSync, readFileSync } from 'node:fs';

// USER_HZ is 100 on every mainstream Linux build (man 5 proc, "clock ticks").
const TICK_MS = 10;

interface Stat {
  ppid: number;
  ms: number;
  childrenMs: number;
}

function stat(pid: number): Stat | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may hold spaces.
    const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return {
      ppid: Number(f[1]),
      ms: (Number(f[11]) + Number(f[12])) * TICK_MS,
      childrenMs: (Number(f[13]) + Number(f[14])) * TICK_MS,
    };
  } catch {
    return null;
  }
}

/** CPU ms used so far by `pid`, its reaped children and its live children (one level). */
export function treeCpuMs(pid: number): number {
  const root = stat(pid);
  if (!root) return 0;
  let total = root.ms + root.childrenMs;
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const child = stat(Number(name));
    if (child?.ppid === pid) total += child.ms;
  }
  return total;
}
