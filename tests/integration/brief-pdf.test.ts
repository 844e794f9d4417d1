// The briefing printed by headless Chromium: a real A4 PDF, the page count the layout planned, CJK fonts
// embedded, and (where poppler is installed) the cut-off line and page numbers extractable as text.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeBriefPdf, chromiumPath } from '../../electron/export/briefPdf';
import { briefPages, renderBriefHtml } from '../../electron/export/briefHtml';
import { chartSvg } from '../../electron/export/chartSvg';
import { growthVsTargetOption } from '../../shared/brief/chartOptions';
import { sampleBriefInput } from '../fixtures/exportSample';

const dir = mkdtempSync(join(tmpdir(), 'pw-brief-'));
const input = sampleBriefInput(40, 6);
const file = join(dir, 'brief.pdf');
let pdf: Buffer;
let pages: number;

beforeAll(async () => {
  expect(existsSync(chromiumPath())).toBe(true);
  pages = (await writeBriefPdf(input, file)).pages;
  pdf = readFileSync(file);
}, 60_000);

describe('briefing HTML', () => {
  const html = renderBriefHtml(input);

  it('is self-contained A4 print HTML with inline SVG charts and no external resources', () => {
    expect(html).toContain('@page { size: A4; margin: 15mm; }');
    expect(html).not.toMatch(/\s(src|href)="https?:/);
    expect(html).not.toContain('<script');
    const charts = briefPages(input).flatMap((p) => p.blocks).filter((b) => b.kind === 'growthChart' || b.kind === 'completionChart').length;
    expect((html.match(/<svg /g) ?? []).length).toBe(charts + input.trends.length);
  });

  it('carries the title, the cut-off, the source line and numbered pages', () => {
    const total = briefPages(input).length;
    expect(html).toContain('2025年全区主要经济指标执行情况');
    expect(html).toContain('数据截至2025年10月');
    expect((html.match(/资料来源：自治区统计局/g) ?? []).length).toBe(total);
    for (let n = 1; n <= total; n++) expect(html).toContain(`第 ${n} 页 / 共 ${total} 页`);
  });

  it('escapes text from targets, so a name cannot inject markup', () => {
    const hostile = { ...input, rows: input.rows.map((r, i) => (i === 0 ? { ...r, indicator: '<img src=x onerror=alert(1)>' } : r)) };
    const out = renderBriefHtml(hostile);
    expect(out).not.toContain('<img src=x');
    expect(out).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('renders a chart as standalone SVG with unique ids', () => {
    const a = chartSvg(growthVsTargetOption(input.rows), 600, 300);
    const b = chartSvg(growthVsTargetOption(input.rows), 600, 300);
    expect(a.startsWith('<svg')).toBe(true);
    expect(a).toContain('目标值');
    const ids = (s: string) => new Set([...s.matchAll(/\bid="([^"]+)"/g)].map((m) => m[1]));
    const shared = [...ids(a)].filter((id) => ids(b).has(id));
    expect(shared).toEqual([]);
  });
});

describe('briefing PDF', () => {
  it('is a PDF of the planned number of A4 pages', () => {
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = pdf.toString('latin1');
    const pageObjects = text.match(/\/Type\s*\/Page\b/g) ?? [];
    expect(pageObjects.length).toBe(pages);
    expect(pages).toBe(briefPages(input).length);
    const boxes = [...text.matchAll(/\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/g)];
    expect(boxes.length).toBeGreaterThanOrEqual(pages);
    for (const [, w, h] of boxes) {
      expect(Math.round(Number(w))).toBe(595);
      expect(Math.round(Number(h))).toBe(842);
    }
  });

  it('embeds the CJK fonts it uses', () => {
    const text = pdf.toString('latin1');
    expect(text).toMatch(/\/FontName\s*\/[A-Z]{6}\+Noto(Sans|Serif)CJK/);
    // Chromium embeds CFF CJK glyphs as Type 3 outlines, TrueType as FontFile2: either way, embedded.
    expect(/\/FontFile[23]?\b/.test(text) || /\/Subtype\s*\/Type3/.test(text)).toBe(true);
  });

  const pdftotext = ['/usr/bin/pdftotext', '/usr/local/bin/pdftotext'].find((p) => existsSync(p));
  it.runIf(pdftotext)('has extractable Chinese text: cut-off, source line, page numbers', () => {
    const text = execFileSync(pdftotext!, ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('数据截至2025年10月');
    expect(text).toContain('资料来源：自治区统计局');
    // pdftotext drops the thin spaces around the numbers.
    expect(text.replace(/\s+/g, '')).toContain(`第${pages}页/共${pages}页`);
    expect(text).toContain('序时进度');
  });
});
