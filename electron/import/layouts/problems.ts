// Cell problems with bilingual reasons, shared by the layouts so each kind of problem reads the same everywhere.

import { REASONS, type CellValueProblem } from '../../../shared/import/cellValue';
import { MAX_LABEL_LENGTH } from '../../../shared/import/indicatorLabel';
import type { CellProblem, ParsedSeries } from '../../../shared/import/mapping';

export interface SheetResult {
  series: ParsedSeries[];
  problems: CellProblem[];
  warnings: string[];
}

export type ProblemCode =
  | CellValueProblem
  | 'unlabelled'
  | 'percent_unit'
  | 'period_measure'
  | 'period'
  | 'label_too_long'
  | 'duplicate_conflict'
  | 'measure_unknown'
  | 'latest_without_period';

const MAX_SHOWN_VALUE = 100;

function shown(value: string): string {
  return value.length > MAX_SHOWN_VALUE ? `${value.slice(0, MAX_SHOWN_VALUE)}…` : value;
}

export function valueProblem(sheet: string, cell: string, code: ProblemCode, value: string, reason?: string, unit?: string): CellProblem {
  let text = reason;
  if (!text) {
    switch (code) {
      case 'unlabelled':
        text = '有数值但本行没有指标名 / A value in a row without an indicator name';
        break;
      case 'percent_unit':
        text = `单元格为百分比格式，但指标单位是 ${unit} / Percent-formatted cell in a series whose unit is ${unit}`;
        break;
      case 'period_measure':
        text = '当期指标出现在累计期列（如 1-5月），口径矛盾 / A period-value indicator under a year-to-date column (e.g. 1-5月): the measure is contradictory';
        break;
      case 'period':
        text = '无法识别的时期 / Unrecognised period';
        break;
      case 'duplicate_conflict':
        text = '同一指标同一时期在文件中出现两次且数值不同 / The same indicator and period appear twice in the file with different values';
        break;
      case 'measure_unknown':
        text = '没有说明口径（当期值、累计值、同比、期末值……），请指定 / The file does not say which measure this is (period value, cumulative, YoY, stock…); choose one';
        break;
      case 'latest_without_period':
        text = '“最新”列有数值，但本行没有任何时期的数据，无法确定其时期 / A "latest" value in a row with no period data: its period cannot be told';
        break;
      case 'label_too_long':
        text = `指标名称超过 ${MAX_LABEL_LENGTH} 字 / The indicator name is longer than ${MAX_LABEL_LENGTH} characters`;
        break;
      default:
        text = REASONS[code];
    }
  }
  return { sheet, cell, reason: text, code, value: shown(value) };
}

export function labelProblem(sheet: string, cell: string, label: string): CellProblem {
  return valueProblem(sheet, cell, 'label_too_long', label);
}
