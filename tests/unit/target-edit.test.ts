import { describe, expect, it } from 'vitest';
import { checkFieldValue, parseLooseNumber } from '../../shared/domain/targetEdit';
import { canonicalUnit, convert, conversionFactor } from '../../shared/domain/units';

describe('checkFieldValue', () => {
  it('accepts numbers as analysts type them', () => {
    expect(checkFieldValue('value', '6.5')).toEqual({ ok: true, value: 6.5 });
    expect(checkFieldValue('value', '1,200')).toEqual({ ok: true, value: 1200 });
    expect(checkFieldValue('value', '１２')).toEqual({ ok: true, value: 12 });
    expect(checkFieldValue('value', '')).toEqual({ ok: true, value: null });
    expect(checkFieldValue('value', 7)).toEqual({ ok: true, value: 7 });
  });
  it('refuses text in a number cell with a bilingual message', () => {
    const r = checkFieldValue('value', 'abc');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/必须是数字.*must be a number/);
    expect(checkFieldValue('value', '约5').ok).toBe(false);
    expect(checkFieldValue('value', Number.NaN).ok).toBe(false);
  });
  it('canonicalises known units and refuses unknown ones', () => {
    expect(checkFieldValue('unit', '亿千瓦小时')).toEqual({ ok: true, value: '亿千瓦时' });
    expect(checkFieldValue('unit', '万吨')).toEqual({ ok: true, value: '万吨' });
    const r = checkFieldValue('unit', '斤斤');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/未知单位.*Unknown unit/);
  });
  it('reads comparators and qualifiers in Chinese or by code', () => {
    expect(checkFieldValue('comparator', '以上')).toEqual({ ok: true, value: 'at_least' });
    expect(checkFieldValue('comparator', 'about')).toEqual({ ok: true, value: 'about' });
    expect(checkFieldValue('comparator', '大约吧').ok).toBe(false);
    expect(checkFieldValue('qualifier', '确保')).toEqual({ ok: true, value: 'ensure' });
    expect(checkFieldValue('qualifier', '尽量').ok).toBe(false);
  });
  it('refuses an empty indicator and a negative tolerance', () => {
    expect(checkFieldValue('indicator', ' ').ok).toBe(false);
    expect(checkFieldValue('tolerance', '-1').ok).toBe(false);
  });
  it('parseLooseNumber tells empty from not-a-number', () => {
    expect(parseLooseNumber(' ')).toBeNull();
    expect(parseLooseNumber('12%')).toBe(12);
    expect(Number.isNaN(parseLooseNumber('12亿'))).toBe(true);
  });
});

describe('units', () => {
  it('converts exactly within a dimension', () => {
    expect(convert(1.2, '亿吨', '万吨')).toBe(12000);
    expect(convert(3, '亿人次', '万人次')).toBe(30000);
    expect(convert(5700, '亿元', '万亿元')).toBe(0.57);
    expect(conversionFactor('万千瓦', '亿千瓦')).toBe(1e-4);
  });
  it('refuses units of different dimensions or different things', () => {
    expect(conversionFactor('万吨', '亿元')).toBeNull();
    expect(conversionFactor('套', '家')).toBeNull();
    expect(() => convert(1, '万吨', '%')).toThrow(/单位不可比/);
  });
  it('maps spellings to one canonical unit', () => {
    expect(canonicalUnit('亿度')).toBe('亿千瓦时');
    expect(canonicalUnit('％')).toBe('%');
    expect(canonicalUnit('无此单位')).toBeNull();
  });
});

describe('task progress', () => {
  it('reads progress in Chinese or by code, and an empty cell as not started', () => {
    expect(checkFieldValue('taskStatus', '推进中')).toEqual({ ok: true, value: 'in_progress' });
    expect(checkFieldValue('taskStatus', 'done')).toEqual({ ok: true, value: 'done' });
    expect(checkFieldValue('taskStatus', '')).toEqual({ ok: true, value: 'open' });
    const r = checkFieldValue('taskStatus', '差不多了');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/无法识别的进展.*Unknown progress/);
  });
});
