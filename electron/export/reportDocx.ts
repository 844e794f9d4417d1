// Writes a report (the analysis draft, or the briefing pages) as a Word document with the `docx` library,
// laid out as a Chinese official document (GB/T 9704): A4, margins 37/35/28/26 mm, title in 方正小标宋简体
// 2号 (22 pt), body 仿宋_GB2312 3号 (16 pt) at a fixed 28.95 pt line (22 lines a page), first-level
// headings 黑体, second-level 楷体_GB2312, page numbers `— 1 —` at the foot. Fonts are named for East Asian
// text (w:eastAsia) so Word or WPS on the analyst's machine uses them; where one is missing, Word substitutes.
// Charts are the briefing's ECharts options, rendered to SVG and rasterised to PNG (see svgToPng).

import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  ImageRun,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  type IRunOptions,
} from 'docx';
import { completionVsScheduleOption, growthVsTargetOption, trendOption } from '../../shared/brief/chartOptions';
import { STATUS_TABLE_STYLE } from '../../shared/brief/statusStyle';
import type { ReportBlock, ReportDoc } from '../../shared/report/reportModel';
import { chartSvg } from './chartSvg';
import type { SvgImage, SvgRasterizer } from './svgToPng';

export const FONTS = {
  /** GB/T 9704 title face; 黑体 where the machine lacks it (Word substitutes by name). */
  title: '方正小标宋简体',
  titleFallback: '黑体',
  body: '仿宋_GB2312',
  heading1: '黑体',
  heading2: '楷体_GB2312',
  table: '宋体',
  latin: 'Times New Roman',
} as const;

/** Half-points: 二号 22 pt, 三号 16 pt, 四号 14 pt, 五号 10.5 pt. */
const SIZE = { title: 44, body: 32, footer: 28, table: 18, caption: 24 } as const;
/** Single spacing: the body's exact 28.95 pt line would clip an inline picture to one line. */
const SINGLE = { line: 240, lineRule: LineRuleType.AUTO } as const;
const TWIPS_PER_MM = 1440 / 25.4;
const mm = (v: number) => Math.round(v * TWIPS_PER_MM);
const PAGE = { width: mm(210), height: mm(297), top: mm(37), bottom: mm(35), left: mm(28), right: mm(26) };
const CONTENT_MM = 210 - 28 - 26;
/** 28.95 pt, the fixed line of a 22-line page. */
const LINE = Math.round(28.95 * 20);
const PX_PER_MM = 96 / 25.4;

const font = (eastAsia: string) => ({ eastAsia, ascii: FONTS.latin, hAnsi: FONTS.latin, cs: FONTS.latin });

function run(text: string, face: string, size: number, extra: Partial<IRunOptions> = {}): TextRun {
  return new TextRun({ text, font: font(face), size, ...extra });
}

function bodyParagraph(text: string): Paragraph {
  return new Paragraph({
    children: [run(text, FONTS.body, SIZE.body)],
    indent: { firstLine: 2 * SIZE.body * 10 },
    alignment: AlignmentType.JUSTIFIED,
    spacing: { line: LINE, lineRule: LineRuleType.EXACT },
  });
}

function headingParagraph(text: string, face: string, level: 1 | 2): Paragraph {
  return new Paragraph({
    children: [run(text, face, SIZE.body)],
    indent: { firstLine: 2 * SIZE.body * 10 },
    spacing: { line: LINE, lineRule: LineRuleType.EXACT },
    keepNext: true,
    outlineLevel: level - 1,
  });
}

function captionParagraph(text: string): Paragraph {
  return new Paragraph({ children: [run(text, FONTS.heading1, SIZE.caption)], alignment: AlignmentType.CENTER, spacing: { ...SINGLE, before: 160, after: 80 }, keepNext: true });
}

function figureCaption(text: string): Paragraph {
  return new Paragraph({ children: [run(text, FONTS.heading1, SIZE.caption)], alignment: AlignmentType.CENTER, spacing: { ...SINGLE, before: 60, after: 200 } });
}

/** A chart block at its printed size (mm), and the ECharts option it draws. */
function chartOf(block: Extract<ReportBlock, { kind: 'chart' | 'trend' }>): { widthMm: number; heightMm: number; svg: () => string } {
  if (block.kind === 'trend') {
    const widthMm = CONTENT_MM / 2 - 2;
    const heightMm = 62;
    return { widthMm, heightMm, svg: () => chartSvg(trendOption(block.trend, block.trend.title ?? ''), widthMm * PX_PER_MM, heightMm * PX_PER_MM) };
  }
  const heightMm = Math.min(200, 30 + block.rows.length * 10);
  const option = () => (block.chart === 'growth' ? growthVsTargetOption(block.rows) : completionVsScheduleOption(block.rows));
  return { widthMm: CONTENT_MM, heightMm, svg: () => chartSvg(option(), CONTENT_MM * PX_PER_MM, heightMm * PX_PER_MM) };
}

const THIN = { style: BorderStyle.SINGLE, size: 4, color: '808080' };
const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };

function figuresTable(block: Extract<ReportBlock, { kind: 'table' }>): Table {
  const widths = [6, 24, 18, 15, 22, 12, 12, 31];
  const total = widths.reduce((a, b) => a + b, 0);
  const cell = (text: string, i: number, opts: { header?: boolean; fill?: string; color?: string } = {}) =>
    new TableCell({
      width: { size: Math.round((widths[i] / total) * 5000), type: WidthType.PERCENTAGE },
      verticalAlign: VerticalAlign.CENTER,
      shading: opts.fill ? { type: ShadingType.CLEAR, color: 'auto', fill: opts.fill } : undefined,
      borders: { top: THIN, bottom: THIN, left: THIN, right: THIN },
      children: [
        new Paragraph({
          spacing: { ...SINGLE, before: 40, after: 40 },
          alignment: i === 1 || i === 7 ? AlignmentType.LEFT : AlignmentType.CENTER,
          children: [run(text, opts.header ? FONTS.heading1 : FONTS.table, SIZE.table, opts.color ? { color: opts.color } : {})],
        }),
      ],
    });
  const header = new TableRow({ tableHeader: true, children: block.header.map((h, i) => cell(h, i, { header: true, fill: 'D9E2F3' })) });
  const rows = block.rows.map(
    (r, ri) =>
      new TableRow({
        cantSplit: true,
        children: r.map((text, i) => {
          const style = i === 6 ? STATUS_TABLE_STYLE[block.statuses[ri]] : null;
          return cell(text, i, style ? { fill: style.background.slice(1), color: style.color.slice(1) } : {});
        }),
      }),
  );
  return new Table({ rows: [header, ...rows], width: { size: 5000, type: WidthType.PERCENTAGE }, layout: TableLayoutType.FIXED });
}

function imageParagraph(png: Uint8Array, widthMm: number, heightMm: number): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: SINGLE,
    keepNext: true,
    children: [new ImageRun({ type: 'png', data: png, transformation: { width: Math.round(widthMm * PX_PER_MM), height: Math.round(heightMm * PX_PER_MM) } })],
  });
}

function noteParagraph(text: string): Paragraph {
  return new Paragraph({ alignment: AlignmentType.CENTER, spacing: SINGLE, children: [run(text, FONTS.body, SIZE.table, { color: '7F7F7F' })] });
}

/** Two trend charts side by side (a borderless table), as on the briefing page. */
function trendPairs(items: { png: Uint8Array | null; widthMm: number; heightMm: number; caption: string; failed: string | null }[]): Table {
  const rows: TableRow[] = [];
  for (let i = 0; i < items.length; i += 2) {
    const pair = items.slice(i, i + 2);
    rows.push(
      new TableRow({
        cantSplit: true,
        children: [0, 1].map((j) => {
          const it = pair[j];
          const children = it
            ? [it.png ? imageParagraph(it.png, it.widthMm, it.heightMm) : noteParagraph(it.failed ?? ''), new Paragraph({ alignment: AlignmentType.CENTER, spacing: { ...SINGLE, after: 120 }, children: [run(it.caption, FONTS.heading1, SIZE.table)] })]
            : [new Paragraph({ spacing: SINGLE, children: [] })];
          return new TableCell({ width: { size: 2500, type: WidthType.PERCENTAGE }, borders: { top: NONE, bottom: NONE, left: NONE, right: NONE }, children });
        }),
      }),
    );
  }
  return new Table({ rows, width: { size: 5000, type: WidthType.PERCENTAGE }, layout: TableLayoutType.FIXED });
}

export interface DocxWriteResult {
  bytes: Uint8Array;
  charts: number;
  /** Charts left out because they could not be drawn, each with the reason (the document still says so in place). */
  chartsLeftOut: string[];
}

/** The document as .docx bytes; charts rasterised by `rasterize` (all at once: one browser). */
export async function reportDocxBytes(doc: ReportDoc, rasterize: SvgRasterizer): Promise<DocxWriteResult> {
  // Draw every chart first; one that cannot be drawn is left out with a visible note, never the whole document.
  const drawn = new Map<ReportBlock, { svg: SvgImage | null; widthMm: number; heightMm: number; failed: string | null }>();
  const chartsLeftOut: string[] = [];
  for (const block of doc.blocks) {
    if (block.kind !== 'chart' && block.kind !== 'trend') continue;
    const c = chartOf(block);
    try {
      drawn.set(block, { svg: { svg: c.svg(), width: c.widthMm * PX_PER_MM, height: c.heightMm * PX_PER_MM }, widthMm: c.widthMm, heightMm: c.heightMm, failed: null });
    } catch (e) {
      const reason = `（${block.caption}无法绘制，已略去：${(e as Error).message || String(e)}）`;
      chartsLeftOut.push(reason);
      drawn.set(block, { svg: null, widthMm: c.widthMm, heightMm: c.heightMm, failed: reason });
    }
  }
  const svgs = [...drawn.values()].filter((d) => d.svg !== null);
  const pngs = await rasterize(svgs.map((d) => d.svg!));
  const pngOf = new Map(svgs.map((d, i) => [d, pngs[i]]));

  const children: (Paragraph | Table)[] = [
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 0, after: 0, line: Math.round(35 * 20), lineRule: LineRuleType.EXACT }, children: [run(doc.title, FONTS.title, SIZE.title)] }),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { line: LINE, lineRule: LineRuleType.EXACT }, children: [run(doc.subtitle, FONTS.heading2, SIZE.body)] }),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { line: LINE, lineRule: LineRuleType.EXACT, after: LINE / 2 }, children: [run(`${doc.issuer}　${doc.cutoff}`, FONTS.heading2, SIZE.body)] }),
  ];
  const blocks = doc.blocks;
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i];
    switch (block.kind) {
      case 'heading1':
        children.push(headingParagraph(block.text, FONTS.heading1, 1));
        break;
      case 'heading2':
        children.push(headingParagraph(block.text, FONTS.heading2, 2));
        break;
      case 'paragraph':
        children.push(bodyParagraph(block.text));
        break;
      case 'table':
        children.push(captionParagraph(block.caption), figuresTable(block));
        break;
      case 'chart': {
        const d = drawn.get(block)!;
        const png = pngOf.get(d);
        // Official documents caption a figure below it and a table above it.
        children.push(png ? imageParagraph(png, d.widthMm, d.heightMm) : noteParagraph(d.failed ?? ''), figureCaption(block.caption));
        break;
      }
      case 'trend': {
        // Consecutive trend charts go two to a row.
        const run: { png: Uint8Array | null; widthMm: number; heightMm: number; caption: string; failed: string | null }[] = [];
        while (i < blocks.length && blocks[i].kind === 'trend') {
          const b = blocks[i] as Extract<ReportBlock, { kind: 'trend' }>;
          const d = drawn.get(b)!;
          run.push({ png: pngOf.get(d) ?? null, widthMm: d.widthMm, heightMm: d.heightMm, caption: b.caption, failed: d.failed });
          i++;
        }
        i--;
        children.push(trendPairs(run));
        break;
      }
    }
  }

  const document = new Document({
    creator: doc.issuer,
    title: doc.title,
    description: doc.cutoff,
    styles: {
      default: { document: { run: { font: font(FONTS.body), size: SIZE.body }, paragraph: { spacing: { line: LINE, lineRule: LineRuleType.EXACT } } } },
    },
    sections: [
      {
        properties: { page: { size: { width: PAGE.width, height: PAGE.height }, margin: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.left, right: PAGE.right, footer: mm(25) } } },
        footers: {
          default: new Footer({
            children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: font(FONTS.table), size: SIZE.footer })] })],
          }),
        },
        children,
      },
    ],
  });
  const buffer = await Packer.toBuffer(document);
  return { bytes: new Uint8Array(buffer), charts: pngs.length, chartsLeftOut };
}
