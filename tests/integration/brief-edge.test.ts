// The briefing over data that hits the edge values: rates of 5.1, 5.55 and −0.1, an index near 100, a target
// already exceeded, a series with one point, and targets with no data. It builds with every chart it plans
// (none left out where data exists), every axis limit is a clean number, and statuses follow direction.
// The bureau file is written here, in the NBS layout; its figures are made up.

import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/run';
import { openWorkbench } from '../../electron/openWorkbench';
import { dispatch, type Service } from '../../electron/service/service';
import { createHandoffInputs } from '../../electron/service/handoffInputs';
import { briefPages } from '../../electron/export/briefHtml';
import { completionVsScheduleOption, growthVsTargetOption, trendOption } from '../../shared/brief/chartOptions';
import type { BriefPreview } from '../../shared/contract/handoffCalls';
import type { BriefInput } from '../../shared/export/types';
import type { VarianceRow } from '../../shared/variance/types';
import { makeTmpDir, removeDir } from '../helpers/tmp';

const BUREAU_FILE = [
  '数据库：分省月度数据',
  '地区：内蒙古自治区',
  '时间：最近6个月',
  '指标,2025年7月,2025年6月,2025年5月,2025年4月,2025年3月,2025年2月',
  '城镇调查失业率当期值(%),4.7,5.1,5.55,5.5,5.4,5.55',
  '居民消费价格指数(上年同期=100),99.9,100.0,100.1,100.1,100.2,100.1',
  '原煤产量累计值(万吨),125000,108000,90000,72000,54000,36000',
  '规模以上工业增加值累计增长(%),5.1,5.55,5.3,5.6,5.2,5.1',
  '固定资产投资累计增长(%),-0.1,0.3,-0.4,0.2,-0.3,-0.1',
  '地区生产总值累计增长(%),5.7,,,,,',
  '数据来源：国家统计局',
].join('\n');

let dir: string;
let db: string;
let service: Service;
let input: BriefInput;
let preview: BriefPreview;
const out: string[] = [];
const io = { out: (t: string) => out.push(t), err: (t: string) => out.push(t) };

const rowOf = (indicator: string): VarianceRow => input.rows.find((r) => r.indicator === indicator)!;

beforeAll(async () => {
  dir = makeTmpDir('wb-brief-edge-');
  process.env.PLAN_WORKBENCH_LOG_DIR = path.join(dir, 'logs');
  db = path.join(dir, 'edge.sqlite');
  const csv = path.join(dir, 'bureau.csv');
  fs.writeFileSync(csv, BUREAU_FILE);
  expect(await runCli(['init', '--db', db], io)).toBe(0);
  expect(await runCli(['import', csv, '--db', db], io)).toBe(0);
  expect(await runCli(['link', '--auto', '--db', db], io)).toBe(0);
  service = openWorkbench(db, 'cli', { create: true });
  const series = (await dispatch(service, 'listSeries', {})) as { id: number; label: string }[];
  const gdpSeries = series.find((s) => s.label.startsWith('地区生产总值'))!;
  const targets = (await dispatch(service, 'listTargets', {})) as { id: number; indicator: string }[];
  const gdp = targets.find((t) => t.indicator === '地区生产总值')!;
  await dispatch(service, 'setLink', { targetId: gdp.id, seriesId: gdpSeries.id });
  input = (await createHandoffInputs(service.ctx).briefInput({})).input;
  preview = (await dispatch(service, 'briefHtml', {})) as BriefPreview;
}, 120_000);

afterAll(() => {
  service?.ctx.db.close();
  delete process.env.PLAN_WORKBENCH_LOG_DIR;
  removeDir(dir);
});

/** A limit is clean when it prints as itself with at most 6 decimals (no 5.1000000000000005). */
const clean = (x: unknown) => typeof x === 'number' && Number.isFinite(x) && String(x) === String(Number(x.toFixed(6)));

describe('a briefing over edge values', () => {
  it('builds with every planned chart drawn, none left out', () => {
    expect(preview.chartsLeftOut).toBe(0);
    expect(preview.html).not.toContain('data-chart-missing');
    const planned = briefPages(input).flatMap((p) => p.blocks).reduce((n, b) => n + (b.kind === 'trends' ? b.trends.length : b.kind === 'growthChart' || b.kind === 'completionChart' ? 1 : 0), 0);
    expect(preview.charts).toBe(planned);
    // Every target with data has its trend, the one-point series included.
    const withData = input.rows.filter((r) => r.actual !== null).map((r) => r.targetId);
    expect(input.trends.map((t) => t.targetId).sort()).toEqual(withData.sort());
    expect(input.trends.find((t) => t.title === '地区生产总值')?.points).toHaveLength(1);
  });

  it('has clean axis limits and intervals on every chart', () => {
    const axes = [growthVsTargetOption(input.rows).xAxis, completionVsScheduleOption(input.rows).xAxis, ...input.trends.map((t) => trendOption(t, t.title ?? '').yAxis)];
    for (const axis of axes as { min?: number; max?: number; interval?: number }[]) {
      expect(clean(axis.min)).toBe(true);
      expect(clean(axis.max)).toBe(true);
      if (axis.interval !== undefined) expect(clean(axis.interval)).toBe(true);
      expect(axis.max!).toBeGreaterThan(axis.min!);
    }
  });

  it('draws the index around 100, not from 0, with year-to-date labels 1-2月…1-7月', () => {
    const cpi = input.trends.find((t) => t.title === '居民消费价格')!;
    const option = trendOption(cpi, '居民消费价格') as { yAxis: { min: number; max: number }; xAxis: { data: string[] } };
    expect(option.yAxis.min).toBeGreaterThan(90);
    expect(option.yAxis.max).toBeLessThan(110);
    expect(option.xAxis.data[0]).toBe('1-2月');
    expect(option.xAxis.data.at(-1)).toBe('1-7月');
  });

  it('draws the coal target in 亿吨, as the table states it, with its 序时进度 line', () => {
    const coal = input.trends.find((t) => t.title === '煤炭产量')!;
    expect(coal.unit).toBe('亿吨');
    expect(coal.targetValue).toBe(12);
    expect(coal.points.at(-1)).toEqual({ period: '2025-07', value: 12.5 });
    expect(coal.schedule?.at(-1)).toEqual({ period: '2025-07', value: 7 });
    const option = JSON.stringify(trendOption(coal, '煤炭产量'));
    expect(option).toContain('目标12亿吨');
    expect(option).toContain('序时进度');
  });

  it('gives statuses that follow direction: the exceeded target is met, a ceiling under target on track', () => {
    expect(rowOf('煤炭产量').status).toBe('met');
    expect(rowOf('城镇调查失业率').status).toBe('on_track');
    expect(rowOf('居民消费价格').status).toBe('on_track');
    expect(rowOf('规模以上工业增加值').status).toBe('off_track');
    expect(rowOf('地区生产总值').actual).toBe(5.7);
  });

  it('writes the period of a latest value in Chinese in the rule', () => {
    expect(rowOf('城镇调查失业率').rule).toContain('2025年7月为4.7%');
    expect(preview.html).toContain('截至2025年7月，纳入监测的');
  });
});

describe('a briefing with no data at all', () => {
  it('says there is no data instead of a cut-off month', async () => {
    const empty = openWorkbench(path.join(dir, 'empty.sqlite'), 'cli', { create: true });
    try {
      const brief = (await dispatch(empty, 'briefHtml', {})) as BriefPreview;
      expect(brief.html).toContain('暂无已导入的统计数据');
      expect(brief.html).not.toMatch(/数据截至\d{4}年/);
      expect(brief.chartsLeftOut).toBe(0);
    } finally {
      empty.ctx.db.close();
    }
  });
});
