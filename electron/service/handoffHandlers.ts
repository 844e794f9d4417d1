// Handlers for the hand-on files: the analysis workbook, a grid view as a sheet, reading a returned 目标
// sheet (differences only: accepted ones are applied by editTargets with source 'workbook', so they are
// recorded and undoable like any edit), and the briefing as HTML or PDF.
// The writers (exceljs, ECharts, Chromium) load on first use, not at start-up: together they would add
// about a second to opening the workbench.
const workbookWriter = () => import('../export/workbook');
const gridViewWriter = () => import('../export/gridViewWorkbook');
const returnedReader = () => import('../export/readTargetsWorkbook');
const briefRenderer = () => import('../export/briefHtml');
const pdfPrinter = () => import('../export/briefPdf');
const docxWriter = () => import('../export/reportDocx');
const rasterizer = () => import('../export/svgToPng');
import { isServerLocation } from '../store/location';
import { defaultDataDir } from '../paths';
import fs from 'node:fs';
import path from 'node:path';
import { buildBriefDoc } from '../../shared/report/briefReport';
import { buildReport } from '../../shared/report/reportModel';
import { sectionTitles } from '../../shared/report/sectionTitles';
import type { HandOnFile } from '../../shared/contract/handoffCalls';
import { diffTargets } from '../../shared/export/targetsDiff';
import type { GridView } from '../../shared/export/types';
import { formatPeriodZh } from '../../shared/format/chinese';
import { messageError, WorkbenchError } from '../../shared/errors';
import * as targetsRepo from '../store/targetsRepo';
import { fileBytes } from './fileInput';
import { createHandoffInputs, localTimestamp, type BriefArgs, type VarianceCalls } from './handoffInputs';
import type { Handlers, ServiceContext } from './service';

/** Briefings kept per store state (section, picked targets, layout, month: a few variants at a time). */
const KEPT_BRIEFS = 4;

type HandoffHandlerNames = 'exportWorkbook' | 'exportGridView' | 'readReturnedWorkbook' | 'briefHtml' | 'briefPdf' | 'reportDocx' | 'briefDocx' | 'handOn';

/** Characters Windows and macOS refuse in file names, and control characters. */
export function safeFileName(text: string): string {
  // eslint-disable-next-line no-control-regex
  const cleaned = text.replace(/[\\/:*?"<>|\u0000-\u001f]/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 80);
  return cleaned === '' ? '导出' : cleaned;
}

/** `2025年计划执行情况_数据截至2025年10月.xlsx` */
export function workbookFileName(planYear: number, asOf: string): string {
  return `${planYear}年计划执行情况_数据截至${formatPeriodZh(asOf, false)}.xlsx`;
}

/** `2025年计划执行情况简报_一_数据截至2025年10月.pdf`; `…简报_暂无数据.pdf` when no series has data. */
export function briefFileName(planYear: number, asOf: string, section: string | undefined, hasData = true): string {
  const part = section ? `_${safeFileName(section.replace(/、$/, ''))}` : '';
  return `${planYear}年计划执行情况简报${part}_${hasData ? `数据截至${formatPeriodZh(asOf, false)}` : '暂无数据'}.pdf`;
}

/** `2025年1-10月计划执行情况分析报告（初稿）_数据截至2025年10月.docx` */
export function reportFileName(planYear: number, asOf: string): string {
  return `${planYear}年计划执行情况分析报告（初稿）_数据截至${formatPeriodZh(asOf, false)}.docx`;
}

/** The folder the month's hand-on files go to by default: `交付/2025-10/` beside the store file. */
export function defaultHandOnDir(storePath: string, asOf: string): string {
  // Beside a store file; for a server store, in the analyst's own data folder (a server has no folder of theirs).
  const base = isServerLocation(storePath) ? defaultDataDir() : path.dirname(path.resolve(storePath));
  return path.join(base, '交付', asOf);
}

/** An analyst's folder: absolute, its parent existing, not a file; created when missing. Throws a bilingual message otherwise. */
export function checkedHandOnDir(outDir: string): string {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f]/.test(outDir)) throw new WorkbenchError('bad_request', '文件夹路径含控制字符 / The folder path contains control characters');
  if (!path.isAbsolute(outDir)) throw new WorkbenchError('bad_request', `请给出完整的文件夹路径（绝对路径）：${outDir} / Give the folder as an absolute path: ${outDir}`);
  const dir = path.resolve(outDir);
  const parent = path.dirname(dir);
  if (!fs.existsSync(parent) || !fs.statSync(parent).isDirectory()) {
    throw new WorkbenchError('bad_request', `上级文件夹不存在：${parent} / The parent folder does not exist: ${parent}`);
  }
  if (fs.existsSync(dir) && !fs.statSync(dir).isDirectory()) throw new WorkbenchError('bad_request', `${dir} 是一个文件，不是文件夹 / ${dir} is a file, not a folder`);
  return dir;
}

const base64 = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');

export function handoffHandlers(ctx: ServiceContext, variance?: VarianceCalls): Pick<Handlers, HandoffHandlerNames> {
  const { db } = ctx;
  const inputs = createHandoffInputs(ctx, variance);

  const buildBrief = async (args: BriefArgs) => {
    const built = await inputs.briefInput(args);
    const { briefPages, renderBriefHtml } = await briefRenderer();
    const html = renderBriefHtml(built.input);
    const pages = briefPages(built.input);
    const planned = pages.flatMap((p) => p.blocks).reduce((n, b) => n + (b.kind === 'trends' ? b.trends.length : b.kind === 'growthChart' || b.kind === 'completionChart' ? 1 : 0), 0);
    const chartsLeftOut = (html.match(/data-chart-missing="true"/g) ?? []).length;
    return { built, html, pages: pages.length, charts: planned - chartsLeftOut, chartsLeftOut };
  };

  // The briefings built since the store last changed, by their arguments: the preview asked again with nothing
  // changed (back to the view, the PDF after its preview, the first preview the idle thread prepared: warmUp.ts)
  // is the same document, not built again. A request that arrives while the same briefing is being built waits
  // for it. Any write, here or by another connection, moves the change key and empties the cache.
  let briefKey = '';
  const briefs = new Map<string, ReturnType<typeof buildBrief>>();
  const briefOf = (args: BriefArgs): ReturnType<typeof buildBrief> => {
    const changeKey = db.changeKey();
    if (changeKey !== briefKey) {
      briefKey = changeKey;
      briefs.clear();
    }
    const key = JSON.stringify({ ...args, layout: args.layout ?? 'standard' });
    let brief = briefs.get(key);
    if (!brief) {
      if (briefs.size >= KEPT_BRIEFS) briefs.delete(briefs.keys().next().value!);
      brief = buildBrief(args);
      briefs.set(key, brief);
      // A failed build is not kept: asked again, it is tried again (and says why again).
      brief.catch(() => briefs.get(key) === brief && briefs.delete(key));
    }
    return brief;
  };

  const workbookOf = async (args: { planId?: number; asOf?: string }) => {
    const input = await inputs.exportInput(args);
    const { bytes, sheets, formulaCells } = await (await workbookWriter()).analysisWorkbookBytes(input);
    return { input, bytes, sheets, formulaCells };
  };

  /** Charts to PNG: the desktop app's own window when it set one, else headless Chromium (a shared browser when given). */
  const rasterizeWith = async (browser?: import('playwright-core').Browser) => {
    if (ctx.rasterizeSvgs) return ctx.rasterizeSvgs;
    const { svgsToPng } = await rasterizer();
    return (images: Parameters<typeof svgsToPng>[0]) => svgsToPng(images, browser);
  };

  const reportOf = async (args: { planId?: number; asOf?: string }, browser?: import('playwright-core').Browser) => {
    const exp = await inputs.exportInput(args);
    const brief = await inputs.briefInput({ ...args, asOf: exp.asOf }).catch((e: unknown) => {
      // A plan without targets with figures still gets its report (the overview says so), just no tables.
      if (e instanceof WorkbenchError && e.code === 'bad_request') return null;
      throw e;
    });
    const planId = brief?.plan.id ?? args.planId ?? targetsRepo.defaultPlanId(db)!;
    const doc = buildReport({
      plan: exp.plan,
      asOf: exp.asOf,
      rows: exp.variance,
      targets: exp.targets,
      sectionTitles: sectionTitles(targetsRepo.planText(db, planId)),
      briefRows: brief?.input.rows ?? [],
      trends: brief?.input.trends ?? [],
      sources: exp.batches.map((b) => ({ fileName: b.fileName, importedAt: b.importedAt })),
    });
    const written = await (await docxWriter()).reportDocxBytes(doc, await rasterizeWith(browser));
    return { asOf: exp.asOf, planYear: exp.plan.year, ...written };
  };

  return {
    exportWorkbook: async (args) => {
      const { input, bytes, sheets, formulaCells } = await workbookOf(args);
      return {
        fileName: workbookFileName(input.plan.year, input.asOf),
        dataBase64: base64(bytes),
        asOf: input.asOf,
        sheets,
        formulaCells,
        targetCount: input.targets.length,
        seriesCount: input.series.length,
        observationCount: input.series.reduce((n, s) => n + s.observations.length, 0),
      };
    },

    exportGridView: async ({ view }) => {
      const bytes = await (await gridViewWriter()).gridViewWorkbookBytes(view as GridView);
      const stamp = localTimestamp().slice(0, 10).replace(/-/g, '');
      return { fileName: `${safeFileName(view.title)}_${stamp}.xlsx`, dataBase64: base64(bytes) };
    },

    readReturnedWorkbook: async ({ file, planId }) => {
      const pid = planId ?? targetsRepo.defaultPlanId(db);
      if (pid === null) throw messageError('not_found', 'plan.none');
      if (!/\.(xlsx|xlsm|xls|ods)$/i.test(file.fileName)) {
        throw messageError('bad_request', 'handoff.notReturnedWorkbook', { file: file.fileName });
      }
      const targets = targetsRepo.listTargets(db, pid);
      const { readReturnedTargets } = await returnedReader();
      const returned = await readReturnedTargets(fileBytes(ctx, file), targets.map((t) => t.id));
      return { planId: pid, rowCount: returned.rows.length, changes: diffTargets(targets, returned.rows), problems: returned.problems };
    },

    briefHtml: async (args) => {
      const { built, html, pages, charts, chartsLeftOut } = await briefOf(args);
      return { title: built.input.title, asOf: built.input.asOf, latestPeriod: built.latestPeriod, html, pages, targetCount: built.input.rows.length, charts, chartsLeftOut };
    },

    briefPdf: async (args) => {
      const { built, html, pages, chartsLeftOut } = await briefOf(args);
      // Read at call time: the desktop app sets Electron's printToPDF after the service is created.
      const pdf = await (ctx.printPdf ?? (await pdfPrinter()).htmlToPdf)(html);
      return {
        fileName: briefFileName(built.plan.year, built.input.asOf, args.section, built.latestPeriod !== null),
        dataBase64: base64(pdf),
        asOf: built.input.asOf,
        pages,
        targetCount: built.input.rows.length,
        chartsLeftOut,
      };
    },

    reportDocx: async (args) => {
      const r = await reportOf(args);
      return { fileName: reportFileName(r.planYear, r.asOf), dataBase64: base64(r.bytes), asOf: r.asOf };
    },

    briefDocx: async (args) => {
      const built = await inputs.briefInput(args);
      const written = await (await docxWriter()).reportDocxBytes(buildBriefDoc(built.input), await rasterizeWith());
      return { fileName: briefFileName(built.plan.year, built.input.asOf, args.section).replace(/\.pdf$/, '.docx'), dataBase64: base64(written.bytes), asOf: built.input.asOf };
    },

    handOn: async ({ planId, asOf, outDir }) => {
      // The folder is checked before any work: a wrong path fails at once, with nothing written.
      const given = outDir !== undefined ? checkedHandOnDir(outDir) : null;
      const workbook = await workbookOf({ planId, asOf });
      const month = workbook.input.asOf;
      const dir = given ?? defaultHandOnDir(ctx.storePath, month);
      // One browser for the PDF and the report's charts (unless the desktop app prints with its own).
      const needBrowser = !ctx.printPdf || !ctx.rasterizeSvgs;
      const { chromium } = needBrowser ? await import('playwright-core') : { chromium: null };
      const { chromiumPath, LAUNCH_ARGS, htmlToPdf } = await pdfPrinter();
      const browser = chromium ? await chromium.launch({ executablePath: chromiumPath(), args: LAUNCH_ARGS }) : undefined;
      try {
        const files: { kind: HandOnFile['kind']; fileName: string; bytes: Uint8Array }[] = [];
        files.push({ kind: 'workbook', fileName: workbookFileName(workbook.input.plan.year, month), bytes: workbook.bytes });
        const brief = await briefOf({ planId, asOf: month }).catch((e: unknown) => {
          if (e instanceof WorkbenchError && e.code === 'bad_request') return null;
          throw e;
        });
        if (brief) {
          const pdf = ctx.printPdf ? await ctx.printPdf(brief.html) : await htmlToPdf(brief.html, browser);
          files.push({ kind: 'briefing', fileName: briefFileName(brief.built.plan.year, month, undefined), bytes: pdf });
        }
        const report = await reportOf({ planId, asOf: month }, browser);
        files.push({ kind: 'report', fileName: reportFileName(report.planYear, month), bytes: report.bytes });
        fs.mkdirSync(dir, { recursive: true });
        const written: HandOnFile[] = [];
        for (const f of files) {
          const file = path.join(dir, f.fileName);
          // Write beside, then rename: a half-written file never stands where the analyst looks.
          const partial = `${file}.part`;
          fs.writeFileSync(partial, f.bytes);
          fs.renameSync(partial, file);
          written.push({ kind: f.kind, fileName: f.fileName, path: file, bytes: f.bytes.byteLength });
        }
        return { asOf: month, dir, files: written };
      } finally {
        await browser?.close();
      }
    },
  };
}
