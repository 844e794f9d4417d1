// Units read as a grammar (magnitude + base unit + 次 + second counting word), figures that are thresholds or
// names, comparators, shared subjects and the subjects of generic names. Sentences written for the test.
import { describe, expect, it } from 'vitest';
import type { TargetDraft } from '../../shared/domain/target';
import { canonicalUnit, conversionFactor, convert, readUnitPrefix, unitInfo, UnitMismatchError } from '../../shared/domain/units';
import { extractTargets } from '../../shared/plan/extract';
import { normalizePlanText } from '../../shared/plan/normalize';

/** The quantified targets of one sentence, placed in a plan section. */
function quantified(sentence: string): TargetDraft[] {
  return extractTargets(normalizePlanText(`一、测试\n\n${sentence}`)).filter((t) => t.kind !== 'task');
}
const brief = (ts: TargetDraft[]) => ts.map((t) => [t.indicator, t.value ?? [t.valueLow, t.valueHigh], t.unit, t.comparator]);

describe('units as a grammar', () => {
  it('reads magnitude + base unit + 次 + a second counting word, the longest reading first', () => {
    const read = (s: string) => readUnitPrefix(s, true)?.info.name ?? null;
    expect(read('万亩次病虫害统防统治')).toBe('万亩次');
    expect(read('万户次')).toBe('万户次');
    expect(read('场次文化活动')).toBe('场次');
    expect(read('万套(间)保障性住房')).toBe('万套(间)');
    expect(read('万标箱')).toBe('万标箱');
    expect(read('Eflops')).toBe('EFLOPS');
    expect(read('万名')).toBe('万名');
    expect(read('例手术')).toBe('例');
    expect(read('门课程')).toBe('门');
    expect(read('支服务队')).toBe('支');
    expect(read('万期')).toBe('万期');
    expect(read('万宗')).toBe('万宗');
    expect(read('千瓦时')).toBe('千瓦时');
    expect(read('亿度')).toBe('亿千瓦时');
    // A bare 万 before a noun counts that noun; before a comparator or a grade it names nothing.
    expect(read('万重点群体')).toBe('万');
    expect(read('万左右')).toBe('万');
    expect(read('度以上')).toBeNull();
    expect(read('伏输变电')).toBeNull();
  });

  it('converts within a dimension and refuses across, counts of different things included', () => {
    expect(convert(1.2, '亿标箱', '万标箱')).toBe(12000);
    expect(convert(3, 'EFLOPS', 'P')).toBe(3000);
    expect(convert(2, '万名', '人')).toBe(20000);
    expect(conversionFactor('万亩次', '亩次')).toBe(1e4);
    expect(conversionFactor('万亩次', '万亩')).toBeNull();
    expect(conversionFactor('万户次', '万户')).toBeNull();
    expect(conversionFactor('场次', '场')).toBeNull();
    expect(conversionFactor('万套(间)', '万套')).toBeNull();
    expect(conversionFactor('万', '个')).toBeNull();
    expect(() => convert(5, '万亩次', '万亩')).toThrow(UnitMismatchError);
    expect(unitInfo('万亩次')).toMatchObject({ dimension: 'item', factor: 1e4, counts: '亩次' });
    expect(canonicalUnit('万 套（间）')).toBe('万套(间)');
    expect(canonicalUnit('亿千瓦小时')).toBe('亿千瓦时');
    expect(canonicalUnit('万kW')).toBe('万千瓦');
    expect(canonicalUnit('瓦')).toBeNull();
  });

  it('keeps the whole unit of a target as printed', () => {
    expect(brief(quantified('完成小麦“一喷三防”1500万亩次，开展送医下乡20万户次。'))).toEqual([
      ['小麦“一喷三防”', 1500, '万亩次', 'reach'],
      ['送医下乡', 20, '万户次', null],
    ]);
    expect(brief(quantified('组织群众文化活动超8000场次，改造城镇危旧房1.5万套(间)。'))).toEqual([
      ['组织群众文化活动', 8000, '场次', 'exceed'],
      ['城镇危旧房', 1.5, '万套(间)', null],
    ]);
    expect(brief(quantified('集装箱吞吐量达到450万标箱，智能算力规模突破5Eflops。'))).toEqual([
      ['集装箱吞吐量', 450, '万标箱', 'reach'],
      ['智能算力规模', 5, 'Eflops', 'exceed'],
    ]);
    const [groups] = quantified('为80万重点群体提供免费技能培训。');
    expect(groups).toMatchObject({ value: 80, unit: '万', kind: 'count', indicator: '重点群体提供免费技能培训' });
  });
});

describe('what is not a target, and how comparators read', () => {
  it('leaves out size classes, grades and names', () => {
    expect(quantified('滚动实施30亿元以上项目清单管理。')).toEqual([]);
    expect(quantified('出台稳增长30条政策措施。')).toEqual([]);
    expect(quantified('有序淘汰30万千瓦级煤电机组。')).toEqual([]);
    expect(quantified('新建3人制篮球场。')).toEqual([]);
    expect(quantified('办好“村BA”“村超”等群众赛事。')).toEqual([]);
    expect(quantified('重点抓好以下12个方面工作。')).toEqual([]);
  });

  it('takes the end figure of 从X提高到Y, not the start', () => {
    expect(brief(quantified('困难群众救助标准分别从每人每月300元、420元提高到320元、450元。'))).toEqual([
      ['困难群众救助标准', 320, '元', 'reach'],
      ['困难群众救助标准', 450, '元', 'reach'],
    ]);
    expect(brief(quantified('县域医共体覆盖范围从20个县扩大到45个县。')).map((b) => b.slice(1))).toEqual([[45, '个', 'reach']]);
  });

  it('reads 保持 and 巩固 as stable', () => {
    expect(quantified('义务教育巩固率保持100%。')[0]).toMatchObject({ value: 100, unit: '%', comparator: 'stable' });
    expect(quantified('巩固退耕还林成果80万亩。')[0]).toMatchObject({ value: 80, unit: '万亩', comparator: 'stable' });
  });

  it('counts both figures of a list closed by 等 and joined by 和', () => {
    const counts = quantified('推动沿江等9条高速公路项目和西环等3个在建铁路项目加快建设。');
    expect(counts.map((t) => [t.value, t.unit])).toEqual([
      [9, '条'],
      [3, '个'],
    ]);
  });

  it('makes two targets of one figure shared by two subjects with 均', () => {
    expect(brief(quantified('全年接待游客人次、旅游总收入均增长7%以上。'))).toEqual([
      ['接待游客人次', 7, '%', 'at_least'],
      ['旅游总收入', 7, '%', 'at_least'],
    ]);
  });

  it('reads a reduction against a base year', () => {
    expect(quantified('单位地区生产总值能耗较2020年下降13.5%。')[0]).toMatchObject({ kind: 'reduction', value: 13.5, basis: '较2020年' });
  });
});

describe('indicators keep the subject their sentence gives them', () => {
  it('names a generic amount by the sentence’s topic or its earlier activity', () => {
    const wind = quantified('风电产业，加快基地建设，力争年内风电新增并网装机800万千瓦，总规模超过5000万千瓦，发电量超1200亿度。');
    expect(wind.find((t) => t.value === 1200)).toMatchObject({ indicator: '风电发电量', unit: '亿度', comparator: 'exceed' });
    const sales = quantified('拓展特色农产品直播电商销售渠道、力争销售额达到80亿元以上。');
    expect(sales[0]).toMatchObject({ indicator: '特色农产品直播电商销售额', value: 80, comparator: 'at_least' });
  });

  it('names a generic count by the words that say which', () => {
    expect(quantified('推动12个县整县推进光伏开发。')[0].indicator).toBe('整县推进光伏开发的县');
    expect(quantified('加快落实营商环境5.0方案120项重点任务。')[0].indicator).toBe('营商环境5.0方案重点任务');
    expect(quantified('总结推广“三权分置”改革6种典型模式。')[0].indicator).toBe('“三权分置”改革典型模式');
    expect(quantified('数据产业，推动数据中心等15个重点项目建设。')[0].indicator).toBe('数据重点项目');
  });
});
