// Statistics files in the layouts the bureaus publish, written here (SheetJS for .xls/.xlsx, iconv-lite for GBK), with
// made-up illustrative numbers: a test reads the file back and compares every observation with what it wrote.
import iconv from 'iconv-lite';
import * as XLSX from 'xlsx';
import { cellOf, type ParsedFile } from '../../../shared/import/mapping';

export type Cell = string | number | null | { v: number; z: string } | { date: number; z: string };

export function csv(rows: (string | number | null)[][], opts: { eol?: '\r\n' | '\n'; gbk?: boolean; trailingNewline?: boolean; pad?: number } = {}): Uint8Array {
  const eol = opts.eol ?? '\n';
  const lines = rows.map((r) => {
    const cells = r.map((c) => (c === null ? '' : String(c)));
    while (opts.pad !== undefined && cells.length < opts.pad) cells.push('');
    return cells.map((c) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',');
  });
  const text = lines.join(eol) + (opts.trailingNewline === false ? '' : eol);
  return opts.gbk ? new Uint8Array(iconv.encode(text, 'gbk')) : new TextEncoder().encode(text);
}

export interface SheetSpec {
  name: string;
  rows: Cell[][];
  merges?: string[];
}

/** A workbook of the given sheets; `{ v, z }` cells carry a number format (`0.0%`), `{ date, z }` an Excel date. */
export function workbook(sheets: SheetSpec[], bookType: 'xlsx' | 'xls'): Uint8Array {
  const wb = XLSX.utils.book_new();
  for (const spec of sheets) {
    const ws: XLSX.WorkSheet = {};
    let maxC = 0;
    spec.rows.forEach((row, r) => {
      row.forEach((cell, c) => {
        if (cell === null || cell === undefined) return;
        const ref = XLSX.utils.encode_cell({ r, c });
        if (typeof cell === 'string') ws[ref] = { t: 's', v: cell };
        else if (typeof cell === 'number') ws[ref] = { t: 'n', v: cell };
        else if ('date' in cell) ws[ref] = { t: 'n', v: cell.date, z: cell.z };
        else ws[ref] = { t: 'n', v: cell.v, z: cell.z };
        maxC = Math.max(maxC, c);
      });
    });
    ws['!ref'] = XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: Math.max(0, spec.rows.length - 1), c: maxC } });
    if (spec.merges) ws['!merges'] = spec.merges.map((m) => XLSX.utils.decode_range(m));
    XLSX.utils.book_append_sheet(wb, ws, spec.name);
  }
  return new Uint8Array(XLSX.write(wb, { type: 'array', bookType }) as ArrayBuffer);
}

/** Month headers as the NBS portal writes them, newest first: `2025年12月`, `2025年11月`, … (n of them). */
export function monthHeadersNewestFirst(n: number, endYear: number, endMonth: number): string[] {
  const out: string[] = [];
  let y = endYear;
  let m = endMonth;
  for (let i = 0; i < n; i++) {
    out.push(`${y}年${m}月`);
    if (--m === 0) [y, m] = [y - 1, 12];
  }
  return out;
}

/** Excel serial of the first day of a month (1900 date system). */
export function excelMonth(year: number, month: number): number {
  return Date.UTC(year, month - 1, 1) / 86400000 + 25569;
}

export interface Flat {
  name: string;
  label: string;
  region: string | null;
  measure: string;
  unit: string;
  frequency: string;
  period: string;
  value: number;
  cell: string;
}

/** Every observation of a parse, one flat record each, in file order. */
export function flat(parsed: ParsedFile): Flat[] {
  return parsed.sheets.flatMap((sh) =>
    sh.series.flatMap((s) =>
      s.observations.map((o) => ({ name: s.name, label: s.label, region: s.region, measure: s.measure, unit: s.unit, frequency: s.frequency, period: o.period, value: o.value, cell: cellOf(o) })),
    ),
  );
}

/** The same records without the cell, sorted, for comparing sets. */
export function keyed(records: Omit<Flat, 'cell' | 'label'>[]): string[] {
  return records.map((r) => JSON.stringify([r.name, r.region, r.measure, r.unit, r.frequency, r.period, r.value])).sort();
}

/** The 31 provincial regions in the NBS order. */
export const PROVINCES = [
  '北京市', '天津市', '河北省', '山西省', '内蒙古自治区', '辽宁省', '吉林省', '黑龙江省', '上海市', '江苏省', '浙江省',
  '安徽省', '福建省', '江西省', '山东省', '河南省', '湖北省', '湖南省', '广东省', '广西壮族自治区', '海南省', '重庆市',
  '四川省', '贵州省', '云南省', '西藏自治区', '陕西省', '甘肃省', '青海省', '宁夏回族自治区', '新疆维吾尔自治区',
];

/** A by-region monthly export: `数据库：分省月度数据`, `指标：…`, regions × months newest first, footer. */
export function byRegionMonthly(indicator: string, regions: string[], months: number, value: (region: number, month: number) => number | null, endYear = 2025, endMonth = 12): (string | number | null)[][] {
  const header: (string | number | null)[] = ['地区'];
  const periods: [number, number][] = [];
  for (let i = 0; i < months; i++) {
    const k = endYear * 12 + (endMonth - 1) - i;
    periods.push([Math.floor(k / 12), (k % 12) + 1]);
    header.push(`${Math.floor(k / 12)}年${(k % 12) + 1}月`);
  }
  const rows: (string | number | null)[][] = [['数据库：分省月度数据'], [`指标：${indicator}`], [`时间：最近${months}个月`], header];
  regions.forEach((region, r) => rows.push([region, ...periods.map((_, m) => value(r, m))]));
  rows.push(['注：本表数据为测试用示例。'], ['数据来源：测试']);
  return rows;
}
