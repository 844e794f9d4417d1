// The analysis report draft (分析报告初稿) and the briefing as .docx, from a real store: the seeded 2025 plan,
// two months of bureau data (September, then October with a revision), links accepted from suggestions.
// The .docx is read back with mammoth and its sentences checked against the variance figures of the same
// store; its XML for the official-document layout (A4, fonts named for East Asian text, page numbers);
// LibreOffice renders it to PDF where installed. handOn writes the three files into one folder.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorkbench } from '../../electron/openWorkbench';
import { dispatch, type Service } from '../../electron/service/service';
import type { DocxDownload, HandOnResult } from '../../shared/contract/handoffCalls';
import type { VarianceResult } from '../../shared/contract/varianceCalls';
import { formatNumberZh, formatPercent } from '../../shared/format/chinese';
import { STATUS_LABELS, STATUSES, type VarianceRow } from '../../shared/variance/types';
import { makeTmpDir, removeDir } from '../helpers/tmp';
import { bureauCsv } from './helpers/bureauMonth';

let dir: string;
let service: Service;
let variance: VarianceResult;
let report: DocxDownload;
let reportText: string;
let documentXml: string;
let zip: JSZip;

const call = <T>(name: string, args: unknown) => dispatch(service, name, args) as Promise<T>;
const file = (name: string, text: string) => ({ fileName: name, dataBase64: Buffer.from(text, 'utf8').toString('base64') });
const one = (n: number) => formatNumberZh(n, { decimals: 1 });
const rowOf = (indicator: string): VarianceRow => variance.rows.find((r) => r.indicator === indicator && r.status !== 'no_data')!;

beforeAll(async () => {
  dir = makeTmpDir('wb-report-');
  service = openWorkbench(path.join(dir, 'store.sqlite'), 'cli', { create: true });
  await call('commitImport', { file: file('2025年9月统计月报.csv', bureauCsv({ month: 9 })), skipInvalid: false });
  await call('autoLink', {});
  await call('commitImport', { file: file('2025年10月统计月报.csv', bureauCsv({ month: 10, reviseIndustry: 0.2 })), skipInvalid: false });
  await call('autoLink', {});
  variance = await call<VarianceResult>('variance', { asOf: '2025-10' });
  report = await call<DocxDownload>('reportDocx', { asOf: '2025-10' });
  const bytes = Buffer.from(report.dataBase64, 'base64');
  writeFileSync(path.join(dir, 'report.docx'), bytes);
  reportText = (await mammoth.extractRawText({ buffer: bytes })).value;
  zip = await JSZip.loadAsync(bytes);
  documentXml = await zip.file('word/document.xml')!.async('string');
}, 180_000);

afterAll(() => {
  service.ctx.db.close();
  removeDir(dir);
});

describe('reportDocx: the sentences state the variance figures', () => {
  it('is named and dated by the month', () => {
    expect(report.asOf).toBe('2025-10');
    expect(report.fileName).toBe('2025年计划执行情况分析报告（初稿）_数据截至2025年10月.docx');
    expect(reportText).toContain('2025年1-10月全区国民经济和社会发展计划执行情况分析');
    expect(reportText).toContain('数据截至2025年10月');
  });

  it('gives the overview with the count of every status', () => {
    const counts = STATUSES.map((s) => `${STATUS_LABELS[s].zh}${variance.rows.filter((r) => r.status === s).length}项`).join('、');
    expect(reportText).toContain(`1-10月，纳入监测的${variance.rows.length}项指标中，${counts}。`);
  });

  it('states each growth target with its cumulative growth and gap, in DRC order', () => {
    const industry = rowOf('规模以上工业增加值');
    expect(industry.actual).not.toBeNull();
    expect(reportText).toContain(`1-10月，全区规模以上工业增加值累计增长${formatPercent(industry.actual)}，高于年度目标${one(industry.gap!)}个百分点`);
    const investment = rowOf('固定资产投资');
    expect(investment.actual!).toBeLessThan(0);
    expect(reportText).toContain(`固定资产投资累计下降${formatPercent(Math.abs(investment.actual!))}，低于年度目标${one(Math.abs(investment.gap!))}个百分点`);
  });

  it('states each level target with its completion and the schedule', () => {
    for (const indicator of ['煤炭产量', '天然气产量']) {
      const r = rowOf(indicator);
      const amount = formatNumberZh(r.actual!, { decimals: 1 }).replace(/\.0$/, '');
      const versus = Math.abs(Number(one(r.gap!))) === 0 ? '与序时进度持平' : `${r.gap! > 0 ? '快于' : '慢于'}序时进度${one(Math.abs(r.gap!))}个百分点`;
      expect(reportText).toContain(`${indicator}${amount}${r.actualUnit}，完成年度目标的${formatPercent(r.completionRate)}，${versus}`);
    }
    const oil = rowOf('原油产量');
    expect(oil.status).toBe('met');
    expect(reportText).toContain(`原油产量${formatNumberZh(oil.actual!, { decimals: 1 }).replace(/\.0$/, '')}万吨，完成年度目标的${formatPercent(oil.completionRate)}，已提前完成全年目标`);
  });

  it('states the unemployment rate as it stands, and its change since last month', () => {
    const r = rowOf('城镇调查失业率');
    expect(r.actual).toBe(5.1);
    expect(r.previous?.actual).toBe(5.55);
    expect(r.sincePrevious).toMatch(/^较上月回落0\.[45]个百分点$/);
    expect(reportText).toContain(`10月，全区城镇调查失业率为5.1%，低于年度目标0.4个百分点，${r.sincePrevious}`);
  });

  it('says month on month which targets moved, as the variance rows do', () => {
    const oil = rowOf('原油产量');
    expect(oil.previous?.status).toBe('on_track');
    expect(oil.sincePrevious).toContain('由符合进度转为已完成');
    expect(reportText).toContain(`原油产量由符合进度转为已完成`);
    expect(rowOf('天然气产量').sincePrevious).toBe(`上月无数据，本月${STATUS_LABELS[rowOf('天然气产量').status].zh}`);
  });

  it('lists the targets that need attention once each, with what the rest of the year requires or why not', () => {
    const part = reportText.slice(reportText.indexOf('需要关注的指标'), reportText.indexOf('主要指标执行情况表'));
    const watch = variance.rows.filter((r) => r.status === 'at_risk' || r.status === 'off_track');
    expect(watch.length).toBeGreaterThan(0);
    for (const r of watch) expect(part).toContain(r.indicator);
    // 固定资产投资 is stated twice in the plan: one concern.
    expect(part.split('固定资产投资累计下降').length - 1).toBe(1);
    expect(part).toMatch(/其余2个月需|未测算其余月份所需增速/);
  });

  it('carries the table, the charts as pictures, and the cut-off and sources', async () => {
    expect(reportText).toContain('表1　2025年1-10月主要指标执行情况');
    expect(reportText).toMatch(/图1　/);
    const media = Object.keys(zip.files).filter((f) => f.startsWith('word/media/') && f.endsWith('.png'));
    expect(media.length).toBeGreaterThanOrEqual(3);
    const png = await zip.file(media[0])!.async('uint8array');
    expect(Buffer.from(png.slice(1, 4)).toString('latin1')).toBe('PNG');
    expect(reportText).toContain('本报告数据截至2025年10月。统计数据来源：2025年9月统计月报.csv');
    expect(reportText).toContain('2025年10月统计月报.csv');
  });

  it('never prints NaN, a zero difference with a direction, or a half-width section bracket in a heading', () => {
    expect(reportText).not.toMatch(/NaN|undefined|Infinity|null/);
    expect(reportText).not.toMatch(/[高低快慢]于[^，。]{0,6}0(\.0)?个百分点/);
    expect(reportText).not.toMatch(/落后0/);
    const headings = reportText.split('\n').filter((l) => /^[一二三四五六七八九十]+、|^（[一二三四五六七八九十]+）/.test(l));
    expect(headings.length).toBeGreaterThanOrEqual(5);
    for (const h of headings) expect(h).not.toMatch(/\(|\)/);
  });
});

describe('reportDocx: laid out as an official document', () => {
  it('is A4 with GB/T 9704 margins and page numbers at the foot', async () => {
    expect(documentXml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(documentXml).toMatch(/w:top="2098"/);
    const footers = Object.keys(zip.files).filter((f) => /^word\/footer\d*\.xml$/.test(f));
    expect(footers.length).toBeGreaterThan(0);
    const footer = await zip.file(footers[0])!.async('string');
    expect(footer).toMatch(/PAGE/);
  });

  it('names the fonts for East Asian text: 方正小标宋简体 title, 仿宋_GB2312 16 pt body, 黑体 and 楷体_GB2312 headings', () => {
    expect(documentXml).toContain('w:eastAsia="方正小标宋简体"');
    expect(documentXml).toContain('w:eastAsia="仿宋_GB2312"');
    expect(documentXml).toContain('w:eastAsia="黑体"');
    expect(documentXml).toContain('w:eastAsia="楷体_GB2312"');
    expect(documentXml).toMatch(/<w:sz w:val="32"\/>/);
  });
});

const soffice = ['/usr/bin/soffice', '/usr/local/bin/soffice'].find((p) => existsSync(p));
describe.runIf(soffice && existsSync('/usr/bin/pdftotext'))('as LibreOffice renders it', () => {
  it('opens and prints on A4 pages with the title and page numbers', () => {
    const out = path.join(dir, 'pdf');
    mkdirSync(out, { recursive: true });
    execFileSync(soffice!, ['--headless', '--convert-to', 'pdf', '--outdir', out, path.join(dir, 'report.docx')], { stdio: 'ignore', timeout: 120_000 });
    const pdf = path.join(out, 'report.pdf');
    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    expect(Number(/Pages:\s+(\d+)/.exec(info)![1])).toBeGreaterThanOrEqual(3);
    expect(info).toMatch(/Page size:.*\(A4\)/);
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    expect(text.replace(/\s+/g, '')).toContain('执行情况分析');
    expect(text).toMatch(/—\s*2\s*—/);
  }, 150_000);
});

describe('briefDocx', () => {
  it('saves the briefing pages as .docx: summary, charts, table with the month-on-month column', async () => {
    const brief = await call<DocxDownload>('briefDocx', { asOf: '2025-10' });
    expect(brief.fileName).toBe('2025年计划执行情况简报_数据截至2025年10月.docx');
    const bytes = Buffer.from(brief.dataBase64, 'base64');
    const text = (await mammoth.extractRawText({ buffer: bytes })).value;
    expect(text).toContain('截至2025年10月，纳入监测的');
    expect(text).toContain('较上月');
    expect(text).toContain(rowOf('原油产量').sincePrevious!);
    const media = Object.keys((await JSZip.loadAsync(bytes)).files).filter((f) => f.startsWith('word/media/'));
    expect(media.length).toBeGreaterThanOrEqual(2);
  }, 120_000);
});

describe('handOn', () => {
  it('writes the workbook, the briefing PDF and the report into one folder', async () => {
    const out = path.join(dir, '交付');
    const r = await call<HandOnResult>('handOn', { asOf: '2025-10', outDir: out });
    expect(r.dir).toBe(out);
    expect(r.files.map((f) => f.kind)).toEqual(['workbook', 'briefing', 'report']);
    for (const f of r.files) {
      expect(path.dirname(f.path)).toBe(out);
      expect(statSync(f.path).size).toBe(f.bytes);
    }
    expect(readFileSync(r.files[1].path).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(readdirSync(out).sort()).toEqual(r.files.map((f) => f.fileName).sort());
  }, 180_000);

  it('refuses a relative folder, a missing parent or a file, before writing anything', async () => {
    await expect(call('handOn', { outDir: 'relative/dir' })).rejects.toThrow(/绝对路径.*absolute/);
    await expect(call('handOn', { outDir: path.join(dir, 'no', 'such') })).rejects.toThrow(/上级文件夹不存在.*parent folder does not exist/);
    const plain = path.join(dir, 'a-file');
    writeFileSync(plain, 'x');
    await expect(call('handOn', { outDir: plain })).rejects.toThrow(/是一个文件.*is a file/);
    expect(existsSync(path.join(dir, 'no'))).toBe(false);
  });
});
