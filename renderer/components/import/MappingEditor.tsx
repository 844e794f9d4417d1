// The detected mapping of one sheet, with the essentials the analyst may correct: the header row (and whether a
// year row sits above it), the label and unit columns, the data rows, period columns, and per indicator row: skip
// it, or give it another measure or unit. Changes are collected here and applied by a new preview.
import { MEASURE_LABELS, MEASURES, type Measure } from '../../../shared/domain/series';
import type { PreviewSheet, HeaderRowHint } from '../../../shared/contract/importCalls';
import { isColumnsMapping, isGridMapping, LAYOUTS, type ColumnsMapping, type GridMapping, type Layout, type LongMapping, type SheetMapping } from '../../../shared/import/mapping';
import { columnLetter, rowOverride, withRowOverride, withSeriesColumn } from '../../import/mappingDraft';
import { useI18n } from '../../i18n';

interface Props {
  sheet: PreviewSheet;
  mapping: SheetMapping;
  head: string[][];
  onChange: (mapping: SheetMapping) => void;
  onHeaderRow: (hint: HeaderRowHint) => void;
  onReset: () => void;
  /** The analyst chose another layout: the sheet is detected again for it. */
  onLayout: (layout: Layout) => void;
  /** A layout chosen waits to be applied. */
  layoutPending: boolean;
  /** A new header row waits to be applied: the other settings will be derived again, so they are not editable. */
  headerPending: boolean;
}

const LAYOUT_NAMES: Record<Layout, [string, string]> = {
  wide: ['宽表（国家统计局导出格式）', 'Wide (NBS portal export)'],
  analyst: ['分析表（两行表头/单位列/口径列）', "Analyst's table (two-row header / unit / measure column)"],
  by_region: ['分地区表（地区为行，指标在“指标：”行）', 'By region (regions in rows, indicator in the 指标： row)'],
  long: ['长表（每行一个数值）', 'Long (one value per row)'],
  periods_down: ['时期为行（每列一个指标）', 'Periods down the rows (one indicator per column)'],
  regions_across: ['时期为行、地区为列（指标在“指标：”行）', 'Periods in rows × regions in columns (indicator in the 指标： row)'],
  cei: ['中经网导出（日期为行，地区/频度/单位行）', 'CEI export (dates in rows, 地区/频度/单位 rows)'],
};

function SeriesColumns({ mapping, onChange }: { mapping: ColumnsMapping; onChange: (m: SheetMapping) => void }) {
  const { t, lang } = useI18n();
  return (
    <table className="row-overrides" data-testid="series-columns">
      <thead>
        <tr>
          <th>{t('列', 'Column')}</th>
          <th>{mapping.layout === 'regions_across' ? t('地区', 'Region') : t('指标', 'Indicator')}</th>
          <th>{t('跳过', 'Skip')}</th>
          <th>{t('口径', 'Measure')}</th>
        </tr>
      </thead>
      <tbody>
        {mapping.seriesColumns.map((s) => (
          <tr key={s.column} className={s.skip ? 'skipped' : ''}>
            <td className="mono">{columnLetter(s.column)}</td>
            <td className="row-label" title={s.label}>
              {s.label}
              {s.region && mapping.layout !== 'regions_across' ? ` · ${s.region}` : ''}
              {s.unit ? ` · ${s.unit}` : ''}
              {s.frequency ? ` · ${t({ monthly: '月度', quarterly: '季度', yearly: '年度' }[s.frequency], s.frequency)}` : ''}
            </td>
            <td>
              <input type="checkbox" aria-label={t(`跳过 ${columnLetter(s.column)} 列`, `Skip column ${columnLetter(s.column)}`)} checked={s.skip ?? false} onChange={(e) => onChange(withSeriesColumn(mapping, s.column, { skip: e.target.checked }))} />
            </td>
            <td>
              <select
                aria-label={t(`${columnLetter(s.column)} 列口径`, `Measure of column ${columnLetter(s.column)}`)}
                value={s.measure ?? ''}
                disabled={s.skip}
                onChange={(e) => onChange(withSeriesColumn(mapping, s.column, { measure: (e.target.value || undefined) as Measure | undefined }))}
              >
                <option value="">{t('自动', 'auto')}</option>
                {MEASURES.map((m) => (
                  <option key={m} value={m}>
                    {MEASURE_LABELS[m][lang]}
                  </option>
                ))}
              </select>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ColumnSelect({ value, width, onChange, allowNone, label }: { value: number | null; width: number; onChange: (c: number | null) => void; allowNone?: boolean; label: string }) {
  const { t } = useI18n();
  return (
    <select aria-label={label} value={value === null ? '' : String(value)} onChange={(e) => onChange(e.target.value === '' ? null : Number(e.target.value))}>
      {allowNone && <option value="">{t('（无）', '(none)')}</option>}
      {Array.from({ length: Math.max(width, (value ?? 0) + 1) }, (_, c) => (
        <option key={c} value={c}>
          {columnLetter(c)}
        </option>
      ))}
    </select>
  );
}

function RowNumber({ value, onChange, label }: { value: number; onChange: (row: number) => void; label: string }) {
  return (
    <input
      type="number"
      min={1}
      className="row-input"
      aria-label={label}
      value={value + 1}
      onChange={(e) => {
        const n = Number(e.target.value);
        if (Number.isInteger(n) && n >= 1) onChange(n - 1);
      }}
    />
  );
}

function GridRows({ sheet, mapping, head, onChange }: { sheet: PreviewSheet; mapping: GridMapping; head: string[][]; onChange: (m: SheetMapping) => void }) {
  const { t, lang } = useI18n();
  // Rows the analyst skipped no longer produce series, so they are listed from the overrides to be restored.
  const rows = new Map<number, { label: string; unit: string; measure: Measure | null }>();
  // In a by-region table the rows are regions: name the row by its region.
  const rowName = (s: PreviewSheet['series'][number]) => (mapping.layout === 'by_region' && s.region ? s.region : s.label);
  for (const s of sheet.series) if (s.row !== null && !rows.has(s.row)) rows.set(s.row, { label: rowName(s), unit: s.unit, measure: s.measure });
  for (const o of mapping.rowOverrides) if (!rows.has(o.row)) rows.set(o.row, { label: head[o.row]?.[mapping.labelColumn] ?? t(`第 ${o.row + 1} 行`, `Row ${o.row + 1}`), unit: '', measure: null });
  const ordered = [...rows.entries()].sort((a, b) => a[0] - b[0]);
  return (
    <table className="row-overrides" data-testid="row-overrides">
      <thead>
        <tr>
          <th>{t('行', 'Row')}</th>
          <th>{t('指标', 'Indicator')}</th>
          <th>{t('跳过', 'Skip')}</th>
          <th>{t('口径', 'Measure')}</th>
          <th>{t('单位', 'Unit')}</th>
        </tr>
      </thead>
      <tbody>
        {ordered.map(([row, info]) => {
          const o = rowOverride(mapping, row);
          return (
            <tr key={row} className={o?.skip ? 'skipped' : ''}>
              <td className="mono">{row + 1}</td>
              <td className="row-label" title={info.label}>
                {info.label}
              </td>
              <td>
                <input type="checkbox" aria-label={t(`跳过第 ${row + 1} 行`, `Skip row ${row + 1}`)} checked={o?.skip ?? false} onChange={(e) => onChange(withRowOverride(mapping, row, { skip: e.target.checked }))} />
              </td>
              <td>
                <select
                  className={o?.measure ? '' : 'auto'}
                  title={t('灰色为自动识别的口径', 'Grey: the measure as detected')}
                  aria-label={t(`第 ${row + 1} 行口径`, `Measure of row ${row + 1}`)}
                  value={o?.measure ?? ''}
                  disabled={o?.skip}
                  onChange={(e) => onChange(withRowOverride(mapping, row, { measure: (e.target.value || undefined) as Measure | undefined }))}
                >
                  <option value="">{info.measure ? MEASURE_LABELS[info.measure][lang] : t('自动', 'auto')}</option>
                  {MEASURES.map((m) => (
                    <option key={m} value={m}>
                      {MEASURE_LABELS[m][lang]}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                <input
                  className="unit-input"
                  aria-label={t(`第 ${row + 1} 行单位`, `Unit of row ${row + 1}`)}
                  placeholder={info.unit}
                  value={o?.unit ?? ''}
                  disabled={o?.skip}
                  maxLength={50}
                  onChange={(e) => onChange(withRowOverride(mapping, row, { unit: e.target.value || undefined }))}
                />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function LongColumns({ mapping, width, onChange }: { mapping: LongMapping; width: number; onChange: (m: SheetMapping) => void }) {
  const { t } = useI18n();
  const set = (patch: Partial<LongMapping>) => onChange({ ...mapping, ...patch });
  return (
    <div className="form-grid">
      <label>{t('指标列', 'Indicator column')}</label>
      <ColumnSelect label={t('指标列', 'Indicator column')} value={mapping.indicatorColumn} width={width} onChange={(c) => c !== null && set({ indicatorColumn: c })} />
      <label>{t('时期列', 'Period column')}</label>
      <ColumnSelect label={t('时期列', 'Period column')} value={mapping.periodColumn} width={width} onChange={(c) => c !== null && set({ periodColumn: c })} />
      <label>{t('数值列', 'Value column')}</label>
      <ColumnSelect label={t('数值列', 'Value column')} value={mapping.valueColumn} width={width} onChange={(c) => c !== null && set({ valueColumn: c })} />
      <label>{t('单位列', 'Unit column')}</label>
      <ColumnSelect label={t('单位列', 'Unit column')} allowNone value={mapping.unitColumn} width={width} onChange={(c) => set({ unitColumn: c })} />
      <label>{t('地区列', 'Region column')}</label>
      <ColumnSelect label={t('地区列', 'Region column')} allowNone value={mapping.regionColumn} width={width} onChange={(c) => set({ regionColumn: c })} />
      <label>{t('口径列', 'Measure column')}</label>
      <ColumnSelect label={t('口径列', 'Measure column')} allowNone value={mapping.measureColumn} width={width} onChange={(c) => set({ measureColumn: c })} />
    </div>
  );
}

export function MappingEditor({ sheet, mapping, head, onChange, onHeaderRow, onReset, headerPending, onLayout, layoutPending }: Props) {
  const { t, lang } = useI18n();
  const width = Math.max(1, ...head.map((r) => r.length));
  const [zh, en] = LAYOUT_NAMES[mapping.layout];
  const grid = isGridMapping(mapping) ? mapping : null;
  const down = isColumnsMapping(mapping) ? mapping : null;
  headerPending = headerPending || layoutPending;
  return (
    <section className="mapping-editor" data-testid="mapping-editor">
      <h4>
        {t('工作表', 'Sheet')}「{sheet.name}」
        <button type="button" className="link-button" onClick={onReset}>
          {t('恢复自动识别', 'Back to detection')}
        </button>
      </h4>
      <div className="form-grid">
        <label>{t('识别的版式', 'Detected layout')}</label>
        <span data-testid="detected-layout">{lang === 'zh' ? zh : en}</span>
        <label>{t('改为版式', 'Change layout')}</label>
        <select aria-label={t('改为版式', 'Change layout')} data-testid="layout-select" value={mapping.layout} onChange={(e) => onLayout(e.target.value as Layout)}>
          {LAYOUTS.map((l) => (
            <option key={l} value={l}>
              {LAYOUT_NAMES[l][lang === 'zh' ? 0 : 1]}
            </option>
          ))}
        </select>
        {grid?.indicator && (
          <>
            <label>{t('指标（标题行）', 'Indicator (title row)')}</label>
            <span data-testid="title-indicator">{grid.indicator}</span>
          </>
        )}
        {down?.indicator && (
          <>
            <label>{t('指标（标题行）', 'Indicator (title row)')}</label>
            <span data-testid="title-indicator">{down.indicator}</span>
          </>
        )}
        {grid && (
          <>
            <label>{t('表头', 'Header')}</label>
            <select
              aria-label={t('表头行数', 'Header rows')}
              value={grid.yearRow === null ? 'one' : 'two'}
              onChange={(e) => onHeaderRow({ headerRow: grid.headerRow, yearRow: e.target.value === 'two' && grid.headerRow > 0 ? grid.headerRow - 1 : null })}
            >
              <option value="one">{t('一行（每列自带年份）', 'One row (each names its year)')}</option>
              <option value="two" disabled={grid.headerRow === 0}>
                {t('两行（年份在上一行）', 'Two rows (year above)')}
              </option>
            </select>
            <label>{t('表头行', 'Header row')}</label>
            <span>
              <RowNumber label={t('表头行', 'Header row')} value={grid.headerRow} onChange={(r) => onHeaderRow({ headerRow: r, yearRow: grid.yearRow === null || r === 0 ? null : r - 1 })} />
              <span className="muted hint">{t('改动后重新识别时期列', 'period columns are read again')}</span>
            </span>
          </>
        )}
      </div>
      <fieldset className="form-grid" disabled={headerPending}>
        {grid && (
          <>
            <label>{t('指标名称列', 'Label column')}</label>
            <ColumnSelect label={t('指标名称列', 'Label column')} value={grid.labelColumn} width={width} onChange={(c) => c !== null && onChange({ ...grid, labelColumn: c })} />
            <label>{t('单位列', 'Unit column')}</label>
            <ColumnSelect label={t('单位列', 'Unit column')} allowNone value={grid.unitColumn} width={width} onChange={(c) => onChange({ ...grid, unitColumn: c })} />
            <label>{t('地区列', 'Region column')}</label>
            <ColumnSelect label={t('地区列', 'Region column')} allowNone value={grid.regionColumn} width={width} onChange={(c) => onChange({ ...grid, regionColumn: c })} />
            <label>{t('口径列', 'Measure column')}</label>
            <ColumnSelect label={t('口径列', 'Measure column')} allowNone value={grid.measureColumn} width={width} onChange={(c) => onChange({ ...grid, measureColumn: c })} />
            <label>{t('最新累计同比列', 'Latest YoY column')}</label>
            <ColumnSelect label={t('最新累计同比列', 'Latest YoY column')} allowNone value={grid.latestColumn} width={width} onChange={(c) => onChange({ ...grid, latestColumn: c })} />
          </>
        )}
        <label>{t('数据行', 'Data rows')}</label>
        <span>
          <RowNumber label={t('首个数据行', 'First data row')} value={mapping.firstDataRow} onChange={(r) => onChange({ ...mapping, firstDataRow: r })} />
          {' – '}
          <RowNumber label={t('末个数据行', 'Last data row')} value={mapping.lastDataRow} onChange={(r) => onChange({ ...mapping, lastDataRow: r })} />
        </span>
        <label>{t('地区', 'Region')}</label>
        <input aria-label={t('地区', 'Region')} value={mapping.region ?? ''} maxLength={100} onChange={(e) => onChange({ ...mapping, region: e.target.value === '' ? null : e.target.value })} />
      </fieldset>
      {mapping.layout === 'long' && <LongColumns mapping={mapping} width={width} onChange={onChange} />}
      {down && (
        <fieldset className="plain" disabled={headerPending}>
          <div className="form-grid">
            <label>{t('时期列', 'Period column')}</label>
            <ColumnSelect label={t('时期列', 'Period column')} value={down.periodColumn} width={width} onChange={(c) => c !== null && onChange({ ...down, periodColumn: c })} />
          </div>
          <h5>{t(`数据列（${down.seriesColumns.length}）`, `Series columns (${down.seriesColumns.length})`)}</h5>
          <SeriesColumns mapping={down} onChange={onChange} />
        </fieldset>
      )}
      {grid && (
        <fieldset className="plain" disabled={headerPending}>
          <h5>{t(`时期列（${grid.periodColumns.length}）`, `Period columns (${grid.periodColumns.length})`)}</h5>
          <ul className="period-columns" data-testid="period-columns">
            {grid.periodColumns.map((p) => (
              <li key={p.column}>
                <span className="mono">{columnLetter(p.column)}</span> {p.label} → {p.period}
                {p.cumulative ? t('（累计）', ' (cumulative)') : ''}
                <button
                  type="button"
                  className="chip-remove"
                  aria-label={t(`不导入 ${columnLetter(p.column)} 列`, `Leave out column ${columnLetter(p.column)}`)}
                  disabled={grid.periodColumns.length <= 1}
                  onClick={() => onChange({ ...grid, periodColumns: grid.periodColumns.filter((x) => x.column !== p.column) })}
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
          <h5>{grid.layout === 'by_region' ? t('地区行', 'Region rows') : t('指标行', 'Indicator rows')}</h5>
          <GridRows sheet={sheet} mapping={grid} head={head} onChange={onChange} />
        </fieldset>
      )}
    </section>
  );
}
