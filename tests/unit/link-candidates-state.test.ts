// The link panel's candidates are keyed by target: an answer for the previously selected target, or an older
// request of the same target, is never shown or acted on.
import { describe, expect, it } from 'vitest';
import type { LinkCandidates } from '../../shared/contract';
import { candidatesFor, initialLinkCandidates, linkCandidatesReducer as reduce, truncationNote } from '../../renderer/link/linkCandidatesState';

const answerWith = (seriesId: number, total = 1): LinkCandidates => ({
  suggested: [],
  matches: Array.from({ length: Math.min(total, 3) }, (_, i) => ({
    series: { id: seriesId + i, name: 'x', label: 'x', unit: '%', measure: 'yoy_cumulative', frequency: 'monthly', region: null, lastPeriod: '2025-10', observationCount: 9 },
    compatible: true,
    why: '可比 / fits',
  })),
  totalMatches: total,
});

describe('link candidates state', () => {
  it('drops the previous target’s late answer and shows nothing of it meanwhile', () => {
    let s = initialLinkCandidates(1);
    s = reduce(s, { type: 'request', seq: 1, targetId: 1, query: '' });
    s = reduce(s, { type: 'answer', seq: 1, targetId: 1, result: answerWith(10) });
    expect(candidatesFor(s, 1)?.matches[0].series.id).toBe(10);
    // The analyst selects target 2: target 1's candidates go at once.
    s = reduce(s, { type: 'request', seq: 2, targetId: 2, query: '' });
    expect(candidatesFor(s, 2)).toBeNull();
    expect(s.loading).toBe(true);
    // A slow second answer for target 1 arrives after the selection changed: ignored.
    s = reduce(s, { type: 'answer', seq: 1, targetId: 1, result: answerWith(11) });
    expect(candidatesFor(s, 2)).toBeNull();
    s = reduce(s, { type: 'answer', seq: 2, targetId: 2, result: answerWith(20) });
    expect(candidatesFor(s, 2)?.matches[0].series.id).toBe(20);
    expect(candidatesFor(s, 1)).toBeNull();
    expect(s.loading).toBe(false);
  });

  it('keeps the same target’s candidates while a new query loads, and takes only the newest answer', () => {
    let s = reduce(initialLinkCandidates(5), { type: 'request', seq: 1, targetId: 5, query: '' });
    s = reduce(s, { type: 'answer', seq: 1, targetId: 5, result: answerWith(50) });
    s = reduce(s, { type: 'request', seq: 2, targetId: 5, query: '煤' });
    s = reduce(s, { type: 'request', seq: 3, targetId: 5, query: '煤炭' });
    expect(candidatesFor(s, 5)?.matches[0].series.id).toBe(50);
    s = reduce(s, { type: 'answer', seq: 3, targetId: 5, result: answerWith(53) });
    s = reduce(s, { type: 'answer', seq: 2, targetId: 5, result: answerWith(52) });
    expect(candidatesFor(s, 5)?.matches[0].series.id).toBe(53);
    expect(reduce(s, { type: 'failed', seq: 2 })).toBe(s);
  });

  it('says when the picker lists only the first matches', () => {
    const many = { ...answerWith(1, 11111), matches: answerWith(1, 200).matches.concat(Array(197).fill(answerWith(1).matches[0])) };
    expect(many.matches.length).toBe(200);
    expect(truncationNote(many, 'zh')).toBe('显示前200项，共11111项，请输入更多文字');
    expect(truncationNote(many, 'en')).toBe('Showing the first 200 of 11111; type more to narrow');
    expect(truncationNote(answerWith(1, 3), 'zh')).toBeNull();
    expect(truncationNote(null, 'zh')).toBeNull();
  });
});
