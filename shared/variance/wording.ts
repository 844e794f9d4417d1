// Numbers and sentences of the rule column: each message is Chinese then English, joined by ` / `.

export interface Bilingual {
  zh: string;
  en: string;
}

export const bi = (zh: string, en: string): Bilingual => ({ zh, en });

export function joinBilingual(parts: readonly Bilingual[]): string {
  if (parts.length === 0) return '';
  return `${parts.map((p) => p.zh).join('；')} / ${parts.map((p) => p.en).join('; ')}`;
}

/** Rates and points with one decimal, as briefings print them (5.8, 81.7). */
export function fmtRate(x: number): string {
  return (Math.abs(x) < 0.05 ? 0 : x).toFixed(1);
}

/** Quantities: up to two decimals, trailing zeros dropped; small numbers keep three significant digits. */
export function fmtAmount(x: number): string {
  if (x !== 0 && Math.abs(x) < 1) return String(Number(x.toPrecision(3)));
  return String(Number(x.toFixed(2)));
}

/** Drop binary noise from computed figures (81.66666666666667 stays, 0.30000000000000004 → 0.3). */
export function clean(x: number): number {
  return Number(x.toPrecision(12));
}

export function cleanOrNull(x: number | null): number | null {
  return x === null || !Number.isFinite(x) ? null : clean(x);
}
