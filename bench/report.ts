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
