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
import { diffTargets } from '../../shared/export/targetsDiff';
import type { GridView } from '../../shared/export/types';
import { formatPeriodZh } from '../../shared/format/chinese';
import { WorkbenchError } from '../../shared/errors';
import * as targetsRepo from '../store/targetsRepo';
import { fileBytes } from './fileInput';
import { createHandoffInputs, localTimestamp } from './handoffInputs';
import type { Handlers, ServiceContext } from './service';

type HandoffHandlerNames = 'exportWorkbook' | 'exportGridView' | 'readReturnedWorkbook' | 'briefHtml' | 'briefPdf';

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

/** `2025年计划执行情况简报_一_数据截至2025年10月.pdf` */
export function briefFileName(planYear: number, asOf: string, section: string | undefined): string {
  const part = section ? `_${safeFileName(section.replace(/、$/, ''))}` : '';
  return `${planYear}年计划执行情况简报${part}_数据截至${formatPeriodZh(asOf, false)}.pdf`;
}

const base64 = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');

export function handoffHandlers(ctx: ServiceContext): Pick<Handlers, HandoffHandlerNames> {
  const { db } = ctx;
  const inputs = createHandoffInputs(ctx);

  const briefOf = async (args: Parameters<typeof inputs.briefInput>[0]) => {
    const built = await inputs.briefInput(args);
    const { briefPages, renderBriefHtml } = await briefRenderer();
    const html = renderBriefHtml(built.input);
    const pages = briefPages(built.input);
    const charts = pages.flatMap((p) => p.blocks).reduce((n, b) => n + (b.kind === 'trends' ? b.trends.length : b.kind === 'growthChart' || b.kind === 'completionChart' ? 1 : 0), 0);
    return { built, html, pages: pages.length, charts };
  };

  return {
    exportWorkbook: async (args) => {
      const input = await inputs.exportInput(args);
      const { bytes, sheets, formulaCells } = await (await workbookWriter()).analysisWorkbookBytes(input);
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
      if (pid === null) throw new WorkbenchError('not_found', '还没有计划 / There is no plan yet');
      if (!/\.(xlsx|xlsm|xls|ods)$/i.test(file.fileName)) {
        throw new WorkbenchError('bad_request', `请选择导出后修改的 Excel 文件（.xlsx）：${file.fileName} / Choose the returned Excel workbook (.xlsx): ${file.fileName}`);
      }
      const targets = targetsRepo.listTargets(db, pid);
      const { readReturnedTargets } = await returnedReader();
      const returned = readReturnedTargets(fileBytes(ctx, file), targets.map((t) => t.id));
      return { planId: pid, rowCount: returned.rows.length, changes: diffTargets(targets, returned.rows), problems: returned.problems };
    },

    briefHtml: async (args) => {
      const { built, html, pages, charts } = await briefOf(args);
      return { title: built.input.title, asOf: built.input.asOf, latestPeriod: built.latestPeriod, html, pages, targetCount: built.input.rows.length, charts };
    },

    briefPdf: async (args) => {
      const { built, html, pages } = await briefOf(args);
      // Read at call time: the desktop app sets Electron's printToPDF after the service is created.
      const pdf = await (ctx.printPdf ?? (await pdfPrinter()).htmlToPdf)(html);
      return {
        fileName: briefFileName(built.plan.year, built.input.asOf, args.section),
        dataBase64: base64(pdf),
        asOf: built.input.asOf,
        pages,
        targetCount: built.input.rows.length,
      };
    },
  };
}
