// A merged range's `ref` (`A1:B2`) read as SheetJS reads it, for both ways of finding a sheet's merges.

import type { SheetRange } from './types';

/** SheetJS's safe_decode_range: `A1:B2` → {s:{r:0,c:0},e:{r:1,c:1}}; a single cell is a range of one. */
export function decodeRange(ref: string): SheetRange {
  let i = 0;
  const len = ref.length;
  const read = (letters: boolean): number => {
    let n = 0;
    for (; i < len; i++) {
      const cc = ref.charCodeAt(i) - (letters ? 64 : 48);
      if (letters ? cc < 1 || cc > 26 : cc < 0 || cc > 9) break;
      n = (letters ? 26 : 10) * n + cc;
    }
    return n - 1;
  };
  const s = { c: read(true), r: read(false) };
  if (i === len || ref.charCodeAt(i) !== 58) return { s, e: { ...s } };
  i++;
  const e = { c: read(true), r: read(false) };
  return { s, e };
}

/** SheetJS takes merge refs of capitals, digits and a colon only (no `$`). */
export function mergeRef(ref: string | undefined): SheetRange | null {
  return ref !== undefined && /^[A-Z0-9:]+$/.test(ref) ? decodeRange(ref) : null;
}
