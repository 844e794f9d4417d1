// The whole-file parse skips the duplicate check for a series alone in its file whose periods are each given once
// (parseFile.ts distinctPeriods). Strictly ordered periods are taken as distinct without a set: the answer must be
// the set's for every list, ordered or not, with repeats anywhere.
import { describe, expect, it } from 'vitest';
import { distinctPeriods } from '../../electron/import/parseFile';

const bySet = (periods: string[]) => new Set(periods).size === periods.length;

describe('distinctPeriods', () => {
  it('answers as a set does, over ordered, reversed, shuffled and repeating period lists', () => {
    const pool = ['2024', '2025', '2025-Q1', '2025-Q4', '2025-01', '2025-02', '2025-10', '2025-11', '2025-12', '2026-01'];
    let seed = 11;
    const rand = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 16) % n;
    const lists: string[][] = [[], ['2025-01'], ['2025-01', '2025-01'], [...pool].sort(), [...pool].sort().reverse()];
    for (let i = 0; i < 2000; i++) {
      const n = rand(9);
      const kind = rand(4);
      let list = Array.from({ length: n }, () => pool[rand(pool.length)]);
      if (kind === 0) list = [...new Set(list)].sort();
      else if (kind === 1) list = [...new Set(list)].sort().reverse();
      else if (kind === 2) list.sort();
      lists.push(list);
    }
    let distinct = 0;
    for (const list of lists) {
      // Equal texts in other string objects, as a parse makes them.
      const observations = list.map((p) => ({ period: [...p].join('') }));
      expect(distinctPeriods(observations), list.join(' ')).toBe(bySet(list));
      if (bySet(list)) distinct++;
    }
    expect(distinct).toBeGreaterThan(300);
    expect(lists.length - distinct).toBeGreaterThan(300);
  });
});
