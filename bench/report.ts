// Prints benchmark figures in one format: name, value, unit, and a ratio against a baseline from the same run.
import fs from 'node:fs';

export function printFigure(name: string, ms: number, baselineMs?: number, baselineName?: string): void {
  const ratio = baselineMs && baselineMs > 0 ? `  ×${(ms / baselineMs).toFixed(2)} of ${baselineName ?? 'baseline'} (${baselineMs.toFixed(1)} ms)` : '';
  process.stdout.write(`  ${name.padEnd(58)} ${ms.toFixed(1).padStart(9)} ms${ratio}\n`);
}

export function printHeading(title: string): void {
  process.stdout.write(`\n== ${title}\n`);
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

export async function timeIt<T>(fn: () => T | Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

/**
 * CPU time (user + system) from Linux's /proc/<pid>/stat, in ms (clock ticks of 10 ms): the process's own, all its
 * threads (`process`), or that of the children it has waited for (`children`); null where /proc is not there. Less
 * disturbed than wall time by other processes on a shared machine, it says what the work itself cost.
 */
export function procCpuMs(pid: number | 'self', of: 'process' | 'children'): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // After the command name (which may hold spaces and brackets) the state is field 3: utime (14), stime (15),
    // cutime (16) and cstime (17) are at 11, 12, 13 and 14 here.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const at = of === 'process' ? 11 : 13;
    return (Number(fields[at]) + Number(fields[at + 1])) * 10;
  } catch {
    return null;
  }
}

/**
 * This process's peak resident set, in MB. Linux's getrusage maximum survives fork and exec, so a child spawned
 * by a large parent would report at least the parent's size; /proc's VmHWM belongs to this address space alone.
 */
export function peakRssMB(): number {
  try {
    const m = /^VmHWM:\s+(\d+)\s+kB/m.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    if (m) return Number(m[1]) / 1024;
  } catch {
    // Not Linux: getrusage's figure, which is right when the parent is small.
  }
  return process.resourceUsage().maxRSS / 1024;
}
