// The plan extractor on made-up sentences, one per pattern plans print, and on the seed plan's reviewed targets.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { TargetDraft } from '../../shared/domain/target';
import { extractPlanMeta, extractTargets } from '../../shared/plan/extract';
import { normalizePlanText } from '../../shared/plan/normalize';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The quantified targets of one sentence placed in a numbered section of a made-up plan. */
function quantified(sentence: string): TargetDraft[] {
  return extractTargets(normalizePlanText(`一、重点任务\n\n(一)分项任务。${sentence}`)).filter((t) => t.kind !== 'task');
}

function only(sentence: string): TargetDraft {
  const all = quantified(sentence);
  expect(all, sentence).toHaveLength(1);
  return all[0];
}

describe('normalizePlanText', () => {
  it('joins a sentence broken by a page break (blank line inside a word)', () => {
    const text = normalizePlanText('(一)坚决筑牢屏障。印发《筑牢我\n\n国北方重要生态安全屏障规划纲要》，完成治沙2000万亩以上。');
    expect(text).toBe('(一)坚决筑牢屏障。印发《筑牢我国北方重要生态安全屏障规划纲要》，完成治沙2000万亩以上。');
  });

  it('keeps headings, titles and finished sentences as their own paragraphs', () => {
    const text = normalizePlanText('2025年某省国民经济和社会发展计划\n\n一、聚力落实重点任务\n\n坚定不移完成年度目标。\n\n(二)推进改革。深化改革。');
    expect(text.split('\n\n')).toEqual(['2025年某省国民经济和社会发展计划', '一、聚力落实重点任务', '坚定不移完成年度目标。', '(二)推进改革。深化改革。']);
  });

  it('joins PDF lines within a paragraph but not before a heading', () => {
    const text = normalizePlanText('推动乌海、赤峰抽水蓄能项目\n建设，新建农村公路5000公里。\n（三）推进改革。');
    expect(text).toBe('推动乌海、赤峰抽水蓄能项目建设，新建农村公路5000公里。\n\n(三)推进改革。');
  });

  it('unifies full-width brackets, digits, letters and percent, and removes typographic spaces', () => {
    expect(normalizePlanText('（三）城镇新增就业 １８ 万人以上，增长 ６％左右，算力 20 万 Ｐ')).toBe('(三)城镇新增就业18万人以上，增长6%左右，算力20万P');
    expect(normalizePlanText('2000 万亩')).toBe('2000万亩');
    // Chinese punctuation stays full-width; a space between two ASCII words stays.
    expect(normalizePlanText('开展 Windows 10 迁移，完成；确保：')).toBe('开展Windows 10迁移，完成；确保：');
  });

  it('drops page-number lines, unifies line endings and a BOM, and is idempotent', () => {
    const raw = '\uFEFF(一)推进建设。新建高标准\r\n\r\n- 3 -\r\n\r\n农田850万亩。';
    const once = normalizePlanText(raw);
    expect(once).toBe('(一)推进建设。新建高标准农田850万亩。');
    expect(normalizePlanText(once)).toBe(once);
  });
});

describe('extractTargets: numbers as printed', () => {
  it('reads a growth target with 左右 (about)', () => {
    expect(only('地区生产总值增长6%左右。')).toMatchObject({ indicator: '地区生产总值', kind: 'growth_rate', value: 6, unit: '%', comparator: 'about' });
  });

  it('reads 以上 (at least) on a level and a share', () => {
    expect(only('力争招商引资到位资金5700亿元以上。')).toMatchObject({ kind: 'level', value: 5700, unit: '亿元', comparator: 'at_least', qualifier: 'strive' });
    expect(only('空气优良天数比例保持在90%以上。')).toMatchObject({ indicator: '空气优良天数比例', kind: 'share', value: 90, comparator: 'at_least' });
  });

  it('reads ranges printed with — and with -', () => {
    expect(only('新创建2—3家国家级核心育种场。')).toMatchObject({ kind: 'count', value: null, valueLow: 2, valueHigh: 3, unit: '家', comparator: 'range' });
    expect(only('争取1-2个品种进入国家主推品种目录。')).toMatchObject({ value: null, valueLow: 1, valueHigh: 2, unit: '个', comparator: 'range', indicator: '进入国家主推品种目录的品种' });
    expect(only('培育2～3家链主企业。')).toMatchObject({ valueLow: 2, valueHigh: 3, unit: '家' });
  });

  it('reads two targets sharing a sentence: 12%和13% with 分别 and a basis 较2020年', () => {
    const [a, b] = quantified('万元国内生产总值用水量、万元工业增加值用水量分别较2020年下降12%和13%。');
    expect(a).toMatchObject({ indicator: '万元国内生产总值用水量', kind: 'reduction', value: 12, unit: '%', basis: '较2020年' });
    expect(b).toMatchObject({ indicator: '万元工业增加值用水量', kind: 'reduction', value: 13, unit: '%', basis: '较2020年' });
  });

  it('reads two amounts in one clause: 新建高标准农田850万亩、黑土地保护性耕作2500万亩', () => {
    const all = quantified('新建高标准农田 850 万亩、黑土地保护性耕作 2500 万亩。');
    expect(all.map((t) => [t.indicator, t.kind, t.value, t.unit])).toEqual([
      ['高标准农田', 'increment', 850, '万亩'],
      ['黑土地保护性耕作', 'increment', 2500, '万亩'],
    ]);
  });

  it('reads decimals and compound units: 1.7 亿千瓦, 20 万 P, 3亿人次, 3000亿度', () => {
    expect(only('新能源装机总规模超过 1.7 亿千瓦。')).toMatchObject({ value: 1.7, unit: '亿千瓦', comparator: 'exceed', kind: 'level' });
    expect(only('算力规模突破 20 万 P。')).toMatchObject({ indicator: '算力规模', value: 20, unit: '万P', comparator: 'exceed' });
    expect(only('力争全年全区游客数量突破3亿人次。')).toMatchObject({ indicator: '游客数量', value: 3, unit: '亿人次', comparator: 'exceed', qualifier: 'strive' });
    expect(only('发电量超3000亿度。')).toMatchObject({ value: 3000, unit: '亿度', comparator: 'exceed' });
  });

  it('reads 以内 and 控制在 (at most), 不低于 (at least), 稳定在 (stable)', () => {
    expect(only('单位地区生产总值能耗增幅控制在3%以内。')).toMatchObject({ value: 3, comparator: 'at_most' });
    expect(only('城镇登记失业率控制在4.5%。')).toMatchObject({ indicator: '城镇登记失业率', value: 4.5, comparator: 'at_most', kind: 'share' });
    expect(only('新建数据中心绿电比例不低于80%。')).toMatchObject({ indicator: '新建数据中心绿电比例', value: 80, comparator: 'at_least', kind: 'share' });
    expect(only('粮食产量稳定在800亿斤。')).toMatchObject({ indicator: '粮食产量', value: 800, unit: '亿斤', comparator: 'stable', kind: 'level' });
  });

  it('lets the word after the figure win over the verb before it, for the whole list', () => {
    const [meat, milk] = quantified('力争全年肉奶产量稳定在60亿斤、160亿斤以上。');
    expect([meat.comparator, milk.comparator]).toEqual(['at_least', 'at_least']);
    expect(only('天然气产量稳定在310亿立方米左右。').comparator).toBe('about');
  });

  it('reads 力争 (strive) and 确保 (ensure) for the targets after them in the sentence', () => {
    const all = quantified('推动10个项目建设，力争技术合同交易额达到100亿元，确保完成保障性住房5000套。');
    expect(all.map((t) => [t.value, t.qualifier, t.comparator])).toEqual([
      [10, null, null],
      [100, 'strive', 'reach'],
      [5000, 'ensure', 'reach'],
    ]);
  });

  it('reads 同口径 as the basis of a growth target', () => {
    expect(only('一般公共预算收入同口径增长4%以上。')).toMatchObject({ indicator: '一般公共预算收入', kind: 'growth_rate', basis: '同口径', comparator: 'at_least' });
  });

  it('reads 下降 as a reduction', () => {
    expect(only('单位地区生产总值能耗下降3%左右。')).toMatchObject({ indicator: '单位地区生产总值能耗', kind: 'reduction', value: 3, comparator: 'about' });
  });

  it('tells increments, levels and counts apart', () => {
    expect(only('完成治沙2000万亩以上。')).toMatchObject({ indicator: '治沙', kind: 'increment' });
    expect(only('全年煤炭产量12亿吨以上。')).toMatchObject({ indicator: '煤炭产量', kind: 'level' });
    expect(only('完成保交楼收尾工作和5000套保交房任务。')).toMatchObject({ indicator: '保交房任务', kind: 'count', unit: '套' });
    const [added, total] = quantified('新增设施农业25万亩、总面积达到280万亩。');
    expect([added.kind, total.kind, total.indicator, total.comparator]).toEqual(['increment', 'level', '设施农业总面积', 'reach']);
  });

  it('reads a dimensionless figure only when a comparator frames it', () => {
    expect(only('农田灌溉水有效利用系数提高到0.59以上。')).toMatchObject({ indicator: '农田灌溉水有效利用系数', value: 0.59, unit: null, comparator: 'at_least' });
    expect(quantified('推动2.0版零碳园区建设，开通12345热线。')).toEqual([]);
  });

  it('does not take years, document numbers, plan names or names with digits', () => {
    const sentence =
      '依据内政发〔2025〕1号文件，2025年完成“十四五”规划目标，落细落实“奶33条”等政策措施，加快推进营商环境4.0方案，扎实做好第4次全国文物普查，建成S22公路，加快400G全光网络建设，保持全国第1位，制定《行动方案(2025—2027年)》。';
    expect(quantified(sentence)).toEqual([]);
  });

  it('reads percentage points, US dollars and concentrations in their own units', () => {
    expect(only('常住人口城镇化率提高1个百分点。')).toMatchObject({ indicator: '常住人口城镇化率', kind: 'increment', value: 1, unit: '个百分点' });
    expect(only('力争引进外资50亿美元。')).toMatchObject({ value: 50, unit: '亿美元', qualifier: 'strive' });
    expect(only('PM2.5浓度控制在30微克/立方米以内。')).toMatchObject({ indicator: 'PM2.5浓度', value: 30, unit: '微克/立方米', comparator: 'at_most' });
  });

  it('leaves a figure whose magnitude has no known unit to a task instead of dropping its 亿', () => {
    const drafts = extractTargets(normalizePlanText('一、任务\n\n(一)小节。力争销售额达到500亿。'));
    expect(drafts).toHaveLength(1);
    expect(drafts[0]).toMatchObject({ kind: 'task', value: null, quote: '力争销售额达到500亿', qualifier: 'strive' });
  });

  it('reads a paragraph in another province’s style', () => {
    const all = quantified(
      '全省地区生产总值增长5.5%以上，一般公共预算收入增长3%，城镇调查失业率控制在5.5%以内，粮食产量稳定在1300万吨以上；改造提升农村公路8000公里以上；培育国家级专精特新“小巨人”企业30家以上；全年接待游客4.2亿人次、实现旅游收入5000亿元。',
    );
    expect(all.map((t) => [t.indicator, t.kind, t.value, t.unit, t.comparator])).toEqual([
      ['全省地区生产总值', 'growth_rate', 5.5, '%', 'at_least'],
      ['一般公共预算收入', 'growth_rate', 3, '%', null],
      ['城镇调查失业率', 'share', 5.5, '%', 'at_most'],
      ['粮食产量', 'level', 1300, '万吨', 'at_least'],
      ['农村公路', 'increment', 8000, '公里', 'at_least'],
      ['国家级专精特新“小巨人”企业', 'count', 30, '家', 'at_least'],
      ['接待游客', 'level', 4.2, '亿人次', null],
      ['旅游收入', 'level', 5000, '亿元', null],
    ]);
  });

  it('does not take a count that names members of a list (…2家全国重点实验室等国家级平台)', () => {
    expect(quantified('推动提升特种车辆设计制造集成技术2家全国重点实验室等国家级平台创新能力。')).toEqual([]);
  });
});

describe('extractTargets: sections, tasks and offsets', () => {
  const plan = [
    '某省人民政府关于下达2026年某省国民经济和社会发展计划的通知',
    '各市人民政府：',
    '现予下达，请认真贯彻落实。',
    '2026年某省国民经济和社会发展计划',
    '2026年是承上启下之年。',
    '2026年经济社会发展的主要预期目标是：地区生产总值增长5.5%左右；城镇调查失业率5.5%左右；居民收入增长与经济增长基本同步。',
    '一、加快产业升级',
    '推动科技创新和产业创新融合发展。',
    '（三）壮大新兴产业。新建5G基站1.2万个，推进数字政府建设；严格食品药品安全监管。',
    '抄送：省委各部门。',
    '某省人民政府办公厅2026年1月5日印发',
  ].join('\n\n');
  const text = normalizePlanText(plan);
  const drafts = extractTargets(text);

  it('puts the main targets under 总体目标 and the rest under paths like 一、(三)', () => {
    expect(drafts.map((d) => [d.section, d.kind, d.value ?? d.indicator])).toEqual([
      ['总体目标', 'growth_rate', 5.5],
      ['总体目标', 'share', 5.5],
      ['总体目标', 'task', '居民收入增长与经济增长基本同步'],
      ['一、', 'task', '推动科技创新和产业创新融合发展'],
      ['一、(三)', 'count', 1.2],
      ['一、(三)', 'task', '严格食品药品安全监管'],
    ]);
  });

  it('skips the notice header, the preamble, headings and the distribution list', () => {
    const quotes = drafts.map((d) => d.quote).join('|');
    for (const boilerplate of ['各市人民政府', '现予下达', '承上启下', '加快产业升级', '壮大新兴产业', '抄送', '印发']) expect(quotes).not.toContain(boilerplate);
  });

  it('quotes each target verbatim at its offsets in the normalised text', () => {
    for (const d of drafts) expect(text.slice(d.quoteStart, d.quoteEnd)).toBe(d.quote);
    expect(drafts[0].quote).toBe('地区生产总值增长5.5%左右');
    expect(drafts[4]).toMatchObject({ indicator: '5G基站', unit: '万个', quote: '新建5G基站1.2万个，推进数字政府建设' });
  });

  it('reads year, region and title from the title line', () => {
    expect(extractPlanMeta(plan)).toEqual({ year: 2026, region: '某省', title: '2026年某省国民经济和社会发展计划' });
    expect(extractPlanMeta('推进建设。')).toEqual({ year: null, region: null, title: null });
  });
});

describe('the 2025 plan of Inner Mongolia (seed)', () => {
  const raw = fs.readFileSync(path.join(root, 'seeds/2025-plan.txt'), 'utf8');
  const text = normalizePlanText(raw);
  const drafts = extractTargets(text);

  it('reproduces the reviewed targets in seeds/2025-targets.json', () => {
    const reviewed = JSON.parse(fs.readFileSync(path.join(root, 'seeds/2025-targets.json'), 'utf8')) as TargetDraft[];
    expect(drafts).toEqual(reviewed);
  });

  it('yields the main targets of the opening paragraph', () => {
    const overall = drafts.filter((d) => d.section === '总体目标' && d.kind !== 'task');
    expect(overall.map((d) => [d.indicator, d.kind, d.value, d.unit, d.comparator, d.basis])).toEqual([
      ['地区生产总值', 'growth_rate', 6, '%', 'about', null],
      ['规模以上工业增加值', 'growth_rate', 7, '%', 'about', null],
      ['固定资产投资', 'growth_rate', 10, '%', 'about', null],
      ['一般公共预算收入', 'growth_rate', 4, '%', 'at_least', '同口径'],
      ['城镇新增就业', 'increment', 18, '万人', 'at_least', null],
      ['城镇调查失业率', 'share', 5.5, '%', 'about', null],
      ['居民消费价格', 'growth_rate', 2, '%', 'about', null],
    ]);
  });

  it('quotes every target at its offsets, in document order, with a section', () => {
    let previous = -1;
    for (const d of drafts) {
      expect(text.slice(d.quoteStart, d.quoteEnd)).toBe(d.quote);
      expect(d.quoteStart).toBeGreaterThanOrEqual(previous);
      expect(d.section).toMatch(/^(?:总体目标|[一二三四五六七八九十]+、(?:\([一二三四五六七八九十]+\))?)$/);
      previous = d.quoteStart;
    }
  });

  it('keeps tasks to one per clause without a number', () => {
    const tasks = drafts.filter((d) => d.kind === 'task');
    expect(tasks.length).toBeGreaterThan(50);
    expect(tasks.every((t) => t.value === null && t.unit === null && !/\d+(?:万|亿)?[亩吨人元个家项套]/.test(t.quote))).toBe(true);
    expect(tasks.find((t) => t.quote.includes('推进贺兰山和大青山国家公园创建'))?.section).toBe('一、(一)');
  });

  it('reads the title, year and region', () => {
    expect(extractPlanMeta(raw)).toEqual({ year: 2025, region: '内蒙古自治区', title: '2025年内蒙古自治区国民经济和社会发展计划' });
  });
});
