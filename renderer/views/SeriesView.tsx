// The imported series: a list of every series, and for the one selected its values (every vintage, with the file,
// sheet and cell each came from) and a line chart of the current values.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { AgGridReact } from 'ag-grid-react';
import { AG_GRID_LOCALE_CN } from '@ag-grid-community/locale';
import type { WorkbenchClient } from '../../shared/contract';
import { MEASURE_LABELS, type Observation, type Series } from '../../shared/domain/series';
import { useStoreVersion } from '../client/useStoreVersion';
import { touchesSeries } from '../client/colleagueNotice';
import { MessageBar, type Message } from '../components/MessageBar';
import { SeriesChart } from '../components/SeriesChart';
import { frequencyText, observationColumns, seriesColumns } from '../grid/seriesColumns';
import { useI18n } from '../i18n';
import { errorMessage } from '../messages';

export function SeriesView({ client }: { client: WorkbenchClient }) {
  const { t, lang } = useI18n();
  const [series, setSeries] = useState<Series[] | null>(null);
  const [selected, setSelected] = useState<Series | null>(null);
  const [observations, setObservations] = useState<Observation[]>([]);
  const [message, setMessage] = useState<Message | null>(null);
  const [filter, setFilter] = useState('');

  const fail = useCallback((e: unknown) => {
    setMessage(errorMessage(e, lang));
  }, [lang]);

  // Imports and their undo, wherever they were made, change the list.
  const storeVersion = useStoreVersion((by, event) => /import|undoBatch/i.test(by) || touchesSeries(event));
  useEffect(() => {
    client
      .call('listSeries', {})
      .then((list) => {
        setSeries(list);
        setSelected((cur) => list.find((s) => s.id === cur?.id) ?? list[0] ?? null);
      })
      .catch(fail);
  }, [client, fail, storeVersion]);

  useEffect(() => {
    if (!selected) return setObservations([]);
    client.call('seriesObservations', { seriesId: selected.id, allVintages: true }).then(setObservations).catch(fail);
  }, [client, selected, fail]);

  const listColumns = useMemo(() => seriesColumns(lang), [lang]);
  const obsColumns = useMemo(() => observationColumns(lang, selected?.measure ?? 'monthly'), [lang, selected]);
  const earlier = observations.filter((o) => !o.current).length;

  return (
    <div className="view series-view">
      <div className="toolbar">
        <input className="search" placeholder={t('筛选指标', 'Filter series')} value={filter} onChange={(e) => setFilter(e.target.value)} aria-label={t('筛选', 'Filter')} />
        <span className="count" data-testid="series-count">
          {series ? t(`共 ${series.length} 个指标序列`, `${series.length} series`) : ''}
        </span>
      </div>
      <MessageBar message={message} onClose={() => setMessage(null)} />
      <div className="grid-host series-list" data-testid="series-grid">
        <AgGridReact<Series>
          rowData={series ?? undefined}
          loading={series === null}
          columnDefs={listColumns}
          getRowId={(p) => String(p.data.id)}
          quickFilterText={filter}
          rowSelection={{ mode: 'singleRow', checkboxes: false, enableClickSelection: true }}
          onFirstDataRendered={(e) => {
            const first = selected ? e.api.getRowNode(String(selected.id)) : null;
            first?.setSelected(true);
          }}
          onSelectionChanged={(e) => {
            const node = e.api.getSelectedNodes()[0];
            if (node?.data) setSelected(node.data);
          }}
          localeText={lang === 'zh' ? AG_GRID_LOCALE_CN : undefined}
          overlayNoRowsTemplate={t('尚无数据，请先在“导入数据”中导入文件', 'No data yet: import a file under “Import data”')}
          defaultColDef={{ resizable: true, sortable: true, cellDataType: false }}
          tooltipShowDelay={400}
        />
      </div>
      {selected && (
        <div className="series-detail" data-testid="series-detail">
          <div className="series-observations">
            <h4>
              {selected.label}
              <span className="muted">
                {' '}
                {MEASURE_LABELS[selected.measure][lang]} · {selected.unit || t('无单位', 'no unit')} · {frequencyText(selected.frequency, lang)}
                {earlier > 0 ? t(` · 含 ${earlier} 个早期版本`, ` · ${earlier} earlier vintage(s)`) : ''}
              </span>
            </h4>
            <div className="grid-host" data-testid="observations-grid">
              <AgGridReact<Observation>
                rowData={observations}
                columnDefs={obsColumns}
                getRowId={(p) => `${p.data.period}-${p.data.batchId}`}
                rowClassRules={{ 'row-earlier': (p) => p.data?.current === false }}
                localeText={lang === 'zh' ? AG_GRID_LOCALE_CN : undefined}
                defaultColDef={{ resizable: true, sortable: true, cellDataType: false }}
              />
            </div>
          </div>
          <SeriesChart series={selected} observations={observations} />
        </div>
      )}
    </div>
  );
}
