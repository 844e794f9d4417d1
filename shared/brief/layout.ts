// Paginates a briefing onto A4 pages (pure): which blocks (summary, charts, trends, table) go on which page,
// and how tall each is, so the HTML never overflows a page and the page count is known before printing.

import type { VarianceRow } from '../variance/types';
import type { BriefInput, BriefLayoutKind, BriefTrend } from '../export/types';
import { isCompletionRow, isGrowthRow } from './chartOptions';

/** A4 with 15 mm margins. */
export const PAGE = { widthMm: 180, heightMm: 267 } as const;
export const FIRST_HEADER_MM = 30;
export const RUNNING_HEADER_MM = 10;
export const FOOTER_MM = 9;
/** Space between the page header and the first block. */
export const MAIN_PADDING_MM = 3;

export const SIZES = {
  summaryMm: 23,
  /** Chart title, legend and axis. */
  chartChromeMm: 26,
  chartRowMm: 10,
  /** Fewest rows worth starting a chart or table on a page; otherwise it moves to the next page. */
  minRows: 3,
  trendCellMm: 64,
  /** The heading above a block of trend charts. */
  trendChromeMm: 9,
  trendsPerRow: 2,
  tableChromeMm: 17,
  tableRowMm: 7.5,
  gapMm: 4,
} as const;

export type BriefBlock =
  | { kind: 'summary'; heightMm: number }
  | { kind: 'growthChart'; rows: VarianceRow[]; heightMm: number; part: number; parts: number }
  | { kind: 'completionChart'; rows: VarianceRow[]; heightMm: number; part: number; parts: number }
  | { kind: 'trends'; trends: BriefTrend[]; heightMm: number; continued: boolean }
  | { kind: 'table'; rows: VarianceRow[]; heightMm: number; continued: boolean };

export interface BriefPage {
  /** 1-based. */
  number: number;
  blocks: BriefBlock[];
}

export function contentHeightMm(pageIndex: number): number {
  return PAGE.heightMm - (pageIndex === 0 ? FIRST_HEADER_MM : RUNNING_HEADER_MM) - FOOTER_MM - MAIN_PADDING_MM;
}

/** A splittable run of items: each block built from a slice, with a height per item and fixed chrome. */
interface Run<T> {
  items: T[];
  chromeMm: number;
  itemMm: number;
  /** Items that must stay together (a row of trend charts). */
  unit: number;
  minItems: number;
  make: (slice: T[], index: number) => BriefBlock;
}

/** Lay out a briefing: the blocks its layout asks for, packed greedily onto pages. */
export function paginateBrief(input: Pick<BriefInput, 'rows' | 'trends' | 'layout'>): BriefPage[] {
  const layout: BriefLayoutKind = input.layout ?? 'standard';
  const growth = input.rows.filter(isGrowthRow);
  const completion = input.rows.filter(isCompletionRow);
  const pages: BriefBlock[][] = [[]];
  let used = 0;
  const remaining = () => contentHeightMm(pages.length - 1) - used;
  const newPage = () => {
    pages.push([]);
    used = 0;
  };
  const place = (block: BriefBlock) => {
    const need = block.heightMm + (used > 0 ? SIZES.gapMm : 0);
    if (need > remaining() && used > 0) newPage();
    pages[pages.length - 1].push(block);
    used += block.heightMm + (used > 0 ? SIZES.gapMm : 0);
  };
  const placeRun = <T>(run: Run<T>) => {
    let index = 0;
    let start = 0;
    while (start < run.items.length) {
      const space = remaining() - (used > 0 ? SIZES.gapMm : 0);
      const fits = Math.floor((space - run.chromeMm) / run.itemMm / run.unit) * run.unit;
      const left = run.items.length - start;
      if (fits < Math.min(run.minItems, left) && used > 0) {
        newPage();
        continue;
      }
      let take = Math.max(run.unit, Math.min(left, fits));
      // No widows: a part that would leave fewer than the minimum for the next page gives some of its own.
      if (left > take && left - take < run.minItems) {
        const balanced = Math.floor((left - run.minItems) / run.unit) * run.unit;
        if (balanced >= run.unit) take = balanced;
      }
      place(run.make(run.items.slice(start, start + take), index++));
      start += take;
    }
  };

  place({ kind: 'summary', heightMm: SIZES.summaryMm });
  if (layout !== 'table') {
    const chart = (kind: 'growthChart' | 'completionChart', rows: VarianceRow[]) => {
      const blocks: BriefBlock[] = [];
      placeRun({
        items: rows,
        chromeMm: SIZES.chartChromeMm,
        itemMm: SIZES.chartRowMm,
        unit: 1,
        minItems: SIZES.minRows,
        make: (slice, part) => {
          const block = { kind, rows: slice, heightMm: SIZES.chartChromeMm + slice.length * SIZES.chartRowMm, part, parts: 0 } as BriefBlock;
          blocks.push(block);
          return block;
        },
      });
      // The number of parts is known only after packing: fix it on every part.
      for (const b of blocks) if (b.kind === 'growthChart' || b.kind === 'completionChart') b.parts = blocks.length;
    };
    if (growth.length) chart('growthChart', growth);
    if (completion.length) chart('completionChart', completion);
    if (input.trends.length) {
      placeRun({
        items: input.trends,
        chromeMm: SIZES.trendChromeMm,
        itemMm: SIZES.trendCellMm / SIZES.trendsPerRow,
        unit: SIZES.trendsPerRow,
        minItems: SIZES.trendsPerRow,
        make: (slice, index) => ({
          kind: 'trends',
          trends: slice,
          heightMm: SIZES.trendChromeMm + Math.ceil(slice.length / SIZES.trendsPerRow) * SIZES.trendCellMm,
          continued: index > 0,
        }),
      });
    }
  }
  if (layout !== 'charts' && input.rows.length) {
    placeRun({
      items: input.rows,
      chromeMm: SIZES.tableChromeMm,
      itemMm: SIZES.tableRowMm,
      unit: 1,
      minItems: SIZES.minRows,
      make: (slice, index) => ({ kind: 'table', rows: slice, heightMm: SIZES.tableChromeMm + slice.length * SIZES.tableRowMm, continued: index > 0 }),
    });
  }
  return pages.filter((blocks, i) => blocks.length > 0 || i === 0).map((blocks, i) => ({ number: i + 1, blocks }));
}
