// Document parts: a work report reviews last year, sets five-year goals and plans the year; only the plan
// year's figures are targets. The documents here are written for the test in the patterns reports use.
import { describe, expect, it } from 'vitest';
import { extractPlanMeta, extractTargets, planYearTargets } from '../../shared/plan/extract';
import { fiveYearPlanEnd, planYearOf, scopeOfClause, scopeOfHeading } from '../../shared/plan/documentParts';
import { normalizePlanText } from '../../shared/plan/normalize';

const REPORT = `2031年某某省人民政府工作报告
——2031年1月20日在某某省第十五届人民代表大会第五次会议上
某某省人民政府省长 某某某
各位代表：
现在，我代表省人民政府，向大会报告工作，请予审议。
一、2030年和“十五五”时期工作回顾
过去一年，我们顶住压力、稳中求进，全年地区生产总值增长5.1%，总量达到8.2万亿元；城镇新增就业96万人。
五年来，累计新建高标准农田1200万亩，粮食产量稳定在700亿斤以上。
2030年，全省一般公共预算收入增长3.2%。
二、“十六五”时期的主要目标和重点任务
“十六五”时期经济社会发展的主要目标是：地区生产总值年均增长5%左右，研发经费投入强度达到3%以上。
到2035年，全省常住人口城镇化率达到72%。
三、2031年工作安排
今年是“十六五”开局之年。今年全省经济社会发展主要预期目标是：地区生产总值增长5%左右；城镇新增就业90万人以上；居民消费价格涨幅2%左右。
重点做好以下8个方面工作：
(一)扩大有效需求
社会消费品零售总额增长5.5%左右，新建充电设施20万个以上。到2033年，建成城市更新示范片区50个。
(二)保障改善民生
新增城镇就业90万人以上，开展职业技能培训超40万人次。
附件1
2031年省十件民生实事
一、提升基本养老服务
为超6000名失能老人提供上门服务，新建社区食堂300个。
附件2
名词解释
1.“两新”：2029年起实施的设备更新和消费品以旧换新，累计带动投资5000亿元。
`;

describe('document parts of a government work report', () => {
  const text = normalizePlanText(REPORT);
  const all = extractTargets(text);
  const quantified = all.filter((t) => t.kind !== 'task');
  const at = (quotePart: string, value: number) => quantified.find((t) => t.quote.includes(quotePart) && (t.value === value || t.valueLow === value));

  it('reads the plan year from the report date and title', () => {
    expect(extractPlanMeta(REPORT)).toMatchObject({ year: 2031, region: '某某省', title: '2031年某某省人民政府工作报告' });
  });

  it('keeps last year’s figures as review results with their year', () => {
    expect(at('全年地区生产总值增长5.1%', 5.1)).toMatchObject({ scope: 'review', year: 2030, kind: 'growth_rate' });
    expect(at('城镇新增就业96万人', 96)).toMatchObject({ scope: 'review', year: 2030 });
    expect(at('累计新建高标准农田', 1200)).toMatchObject({ scope: 'review', year: 2030 });
    expect(at('一般公共预算收入增长3.2%', 3.2)).toMatchObject({ scope: 'review', year: 2030 });
  });

  it('keeps five-year goals and later deadlines as outlook with their end year', () => {
    expect(at('年均增长5%左右', 5)).toMatchObject({ scope: 'outlook', endYear: 2035 });
    expect(at('研发经费投入强度', 3)).toMatchObject({ scope: 'outlook' });
    expect(at('城镇化率达到72%', 72)).toMatchObject({ scope: 'outlook', endYear: 2035 });
    // Inside the plan year's section, `到2033年` is still a multi-year goal.
    expect(at('建成城市更新示范片区', 50)).toMatchObject({ scope: 'outlook', endYear: 2033 });
  });

  it('proposes only the plan year’s figures, including the annex of the year’s projects', () => {
    const planYear = planYearTargets(quantified);
    expect(planYear.map((t) => [t.indicator, t.value, t.unit, t.comparator])).toEqual([
      ['地区生产总值', 5, '%', 'about'],
      ['城镇新增就业', 90, '万人', 'at_least'],
      ['居民消费价格', 2, '%', 'about'],
      ['社会消费品零售总额', 5.5, '%', 'about'],
      ['充电设施', 20, '万个', 'at_least'],
      ['职业技能培训', 40, '万人次', 'exceed'],
      ['失能老人提供上门服务', 6000, '名', 'exceed'],
      ['社区食堂', 300, '个', null],
    ]);
    expect(planYear.every((t) => t.scope === 'plan_year')).toBe(true);
    expect(planYear.find((t) => t.value === 6000)?.section).toBe('附件1一、');
  });

  it('takes nothing from the glossary or the speech’s own structure (`以下8个方面`)', () => {
    expect(quantified.some((t) => t.quote.includes('两新'))).toBe(false);
    expect(quantified.some((t) => t.value === 8)).toBe(false);
  });

  it('states a restated target once, with the other statement kept', () => {
    const jobs = quantified.filter((t) => t.value === 90);
    expect(jobs).toHaveLength(1);
    expect(jobs[0].alsoStatedAt).toEqual([
      expect.objectContaining({ section: '三、(二)', quote: '新增城镇就业90万人以上，开展职业技能培训超40万人次', differences: ['指标名 indicator：新增城镇就业 ↔ 城镇新增就业'] }),
    ]);
    for (const s of jobs[0].alsoStatedAt ?? []) expect(text.slice(s.quoteStart, s.quoteEnd)).toBe(s.quote);
  });
});

describe('reading a part from a heading or a sentence', () => {
  it('maps five-year plans to their end year', () => {
    expect(fiveYearPlanEnd('四')).toBe(2025);
    expect(fiveYearPlanEnd('五')).toBe(2030);
    expect(fiveYearPlanEnd('六')).toBe(2035);
  });

  it('reads headings of the three parts, and of an annual plan’s report on last year', () => {
    expect(scopeOfHeading('一、2025年工作回顾和“十四五”发展主要成就', 2026)).toEqual({ scope: 'review', year: 2025 });
    expect(scopeOfHeading('一、2025年国民经济和社会发展计划执行情况', 2026)).toEqual({ scope: 'review', year: 2025 });
    expect(scopeOfHeading('二、“十五五”发展的主要考虑', 2026)).toEqual({ scope: 'outlook', year: 2030 });
    expect(scopeOfHeading('三、2026年工作安排', 2026)).toEqual({ scope: 'plan_year', year: 2026 });
    // Writing the next five-year plan is this year's work, not a five-year goal.
    expect(scopeOfHeading('(三)集中力量开展“十五五”规划编制', 2025)).toBeNull();
    expect(scopeOfHeading('四、加快建设现代化产业体系', 2026)).toBeNull();
  });

  it('reads time words at the start of a sentence', () => {
    expect(scopeOfClause('过去一年，全省进出口总额增长4%', 2026)).toEqual({ scope: 'review', year: 2025 });
    expect(scopeOfClause('到2030年，清洁能源装机占比达到60%', 2026)).toEqual({ scope: 'outlook', year: 2030 });
    expect(scopeOfClause('到2026年底，建成5G基站10万个', 2026)).toBeNull();
    expect(scopeOfClause('单位地区生产总值能耗较2020年下降13.5%', 2026)).toBeNull();
    expect(scopeOfClause('今年要着力稳就业', 2026)).toEqual({ scope: 'plan_year', year: 2026 });
  });

  it('finds the plan year of a report without a plan title', () => {
    expect(planYearOf(['政府工作报告', '——2027年1月15日在省人民代表大会上'], null)).toBe(2027);
    expect(planYearOf(['各位代表：', '三、2028年工作安排'], null)).toBe(2028);
  });
});
