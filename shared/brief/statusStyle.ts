// How each status looks in a printed chart. Colour alone fails a black-and-white printout, so each status
// also differs in lightness and in its outline (none, solid, dashed, dotted), and the status is written
// beside every bar. Outlines, not fill patterns: Chromium rasterises SVG patterns into the PDF (megabytes
// per page), while outlines stay vector.

import type { Status } from '../variance/types';

export interface StatusChartStyle {
  color: string;
  borderColor: string;
  borderWidth: number;
  borderType: 'solid' | 'dashed' | 'dotted';
}

export const STATUS_CHART_STYLE: Record<Status, StatusChartStyle> = {
  // Dark, no outline.
  met: { color: '#1e6b34', borderColor: '#1e6b34', borderWidth: 0, borderType: 'solid' },
  // Light blue, solid dark outline.
  on_track: { color: '#8db9e3', borderColor: '#1f4e79', borderWidth: 1, borderType: 'solid' },
  // Palest, dashed outline.
  at_risk: { color: '#ffe08a', borderColor: '#6b3d00', borderWidth: 1.5, borderType: 'dashed' },
  // Mid red, dotted black outline.
  off_track: { color: '#e06666', borderColor: '#000000', borderWidth: 1.5, borderType: 'dotted' },
  no_data: { color: '#d9d9d9', borderColor: '#7f7f7f', borderWidth: 0.5, borderType: 'solid' },
};

/** Grey level (0–255) a colour prints as, for checking statuses stay apart in black and white. */
export function greyLevel(hex: string): number {
  const n = Number.parseInt(hex.slice(1), 16);
  return 0.299 * ((n >> 16) & 255) + 0.587 * ((n >> 8) & 255) + 0.114 * (n & 255);
}

/** Text colours for status cells in printed tables (dark on light, readable in grey). */
export const STATUS_TABLE_STYLE: Record<Status, { background: string; color: string }> = {
  met: { background: '#c6efce', color: '#006100' },
  on_track: { background: '#ddebf7', color: '#1f4e79' },
  at_risk: { background: '#ffeb9c', color: '#7a4500' },
  off_track: { background: '#ffc7ce', color: '#9c0006' },
  no_data: { background: '#ededed', color: '#404040' },
};

/**
 * The tone of a gap figure, from the status and never from the sign alone: CPI 2.1 points under its ceiling
 * and unemployment 0.2 under its target are good news (符合进度), though the gap is negative.
 */
export type GapTone = 'good' | 'bad' | 'neutral';

export function gapTone(status: Status): GapTone {
  return status === 'met' || status === 'on_track' ? 'good' : status === 'at_risk' || status === 'off_track' ? 'bad' : 'neutral';
}

/** Font colours of a gap figure by tone, for the workbook and printed tables (the grid uses CSS classes). */
export const GAP_TONE_COLOR: Record<GapTone, string> = { good: '#1e6b34', bad: '#9b1c1c', neutral: '#404040' };
