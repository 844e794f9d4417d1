// The monthly cycle (`cycle FILE --out DIR`) in process: import the bureau's October file into a store that
// holds September, link, analyse and write workbook + briefing PDF + report .docx — against exporting the
// analysis workbook alone on the same store (the baseline). The briefing PDF and the report .docx are timed
// alone too, so a slow step shows which one it is.
import { copyFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runCycle } from '../electron/cli/commands/cycle';
import { openWorkbench } from '../electron/openWorkbench';
import { dispatch } from '../electron/service/service';
import { bureauCsv } from '../tests/integration/helpers/bureauMonth';
import { makeTmpDir, removeDir } from '../tests/helpers/tmp';
import { median, printFigure, printHeading, timeIt } from './report';

const RUNS = 3;

export async function benchCycle(): Promise<void> {
  printHeading('Monthly cycle (import October, link, variance, workbook + briefing PDF + report .docx)');
  const dir = makeTmpDir('wb-bench-cycle-');
  try {
    const september = path.join(dir, '2025年9月.csv');
    const october = path.join(dir, '2025年10月.csv');
    writeFileSync(september, bureauCsv({ month: 9 }));
    writeFileSync(october, bureauCsv({ month: 10, reviseIndustry: 0.2 }));
    const base = path.join(dir, 'september.sqlite');
    const prepared = openWorkbench(base, 'cli', { create: true });
    await runCycle(prepared, { file: september, outDir: path.join(dir, 'out-9'), skipInvalid: false });
    prepared.ctx.db.close();

    const exports: number[] = [];
    const briefs: number[] = [];
    const reports: number[] = [];
    const cycles: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const store = path.join(dir, `run-${i}.sqlite`);
      copyFileSync(base, store);
      const service = openWorkbench(store, 'cli', { create: true });
      try {
        cycles.push((await timeIt(() => runCycle(service, { file: october, outDir: path.join(dir, `out-${i}`), skipInvalid: false }))).ms);
        exports.push((await timeIt(() => dispatch(service, 'exportWorkbook', { asOf: '2025-10' }))).ms);
        briefs.push((await timeIt(() => dispatch(service, 'briefPdf', { asOf: '2025-10' }))).ms);
        reports.push((await timeIt(() => dispatch(service, 'reportDocx', { asOf: '2025-10' }))).ms);
      } finally {
        service.ctx.db.close();
      }
    }
    const baseline = median(exports);
    printFigure('export: analysis workbook alone (baseline)', baseline);
    printFigure('brief: briefing PDF alone (Chromium launched)', median(briefs), baseline, 'export');
    printFigure('report: analysis report .docx alone (charts via Chromium)', median(reports), baseline, 'export');
    printFigure(`cycle: whole monthly cycle, median of ${RUNS}`, median(cycles), baseline, 'export');
  } finally {
    removeDir(dir);
  }
}
