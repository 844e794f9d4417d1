// Prints benchmark figures in one format: name, value, unit, and a ratio against a baseline from the same run.

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
