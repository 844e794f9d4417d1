// Which targets `--section` and the briefing view's section picker select.
import { describe, expect, it } from 'vitest';
import { sectionMatches, topSection } from '../../shared/brief/sectionMatch';

describe('sectionMatches', () => {
  it('takes a part with its subsections, and nothing that merely starts with the same numeral', () => {
    expect(sectionMatches('一、', '一')).toBe(true);
    expect(sectionMatches('一、(三)', '一')).toBe(true);
    expect(sectionMatches('十、(四)', '十')).toBe(true);
    expect(sectionMatches('十一、(一)', '十')).toBe(false);
    expect(sectionMatches('十一、(一)', '十一')).toBe(true);
    expect(sectionMatches('二、(一)', '一')).toBe(false);
    expect(sectionMatches('总体目标', '总体目标')).toBe(true);
  });

  it('picks one subsection, whichever brackets and commas the plan or the user typed', () => {
    expect(sectionMatches('一、(三)', '一、（三）')).toBe(true);
    expect(sectionMatches('一、（三）', '一、(三)')).toBe(true);
    expect(sectionMatches('一、(二)', '一、(三)')).toBe(false);
    expect(sectionMatches('一、(三)', '一，(三)')).toBe(true);
  });

  it('selects nothing for an empty section', () => {
    expect(sectionMatches('一、', '')).toBe(false);
  });
});

describe('topSection', () => {
  it('is the part before the enumeration comma', () => {
    expect(topSection('一、(三)')).toBe('一');
    expect(topSection('十一、')).toBe('十一');
    expect(topSection('总体目标')).toBe('总体目标');
  });
});
