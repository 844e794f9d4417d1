// Handlers for importing statistics files (directly or as a job with progress), the import history, undo, and
// reading series back. The file arrives base64-encoded; its hash is the sha256 of the decoded bytes. Arguments
// have passed the contract's schemas; the importer checks the file and any mapping against the sheets again.
import crypto from 'node:crypto';
import type { CommitImportResult, ImportedSeriesSummary, ImportJobResult, JobStatus } from '../../shared/contract/importCalls';
import { PREVIEW_HEAD } from '../../shared/contract/importCalls';
import type { ParsedArgs } from '../../shared/contract';
import { messageError, WorkbenchError } from '../../shared/errors';
import type { ParsedFile } from '../../shared/import/mapping';
import type { Measure } from '../../shared/domain/series';
import type { ChangeSummary } from '../../shared/import/importChanges';
import { undoBatchAs, withBatchAuthors } from '../store/batchAuthors';
import { commitImport, type CommitOptions, type CommitResult, listBatches, listSeries, planFileImport, seriesObservations, undoImportBatch } from '../import/commitImport';
import type { ParseOptions } from '../import/parseFile';
import { listSeriesWithValues } from '../store/seriesDataRepo';
import { buildPreview } from './importPreview';
import { fileBytes } from './fileInput';
import { JobRegistry, type JobControl } from './jobs';
import type { Handlers, ServiceContext } from './service';

// The file readers (SheetJS, its code pages, the CSV decoder) load on the first import, not with the service.
const fileParser = () => import('../import/parseFile');
const streamedImporter = () => import('../import/streamed/streamedImport');

type ImportHandlerNames = 'previewImport' | 'commitImport' | 'startImport' | 'jobStatus' | 'cancelJob' | 'listBatches' | 'undoBatch' | 'listSeries' | 'listSeriesValues' | 'seriesObservations';

type FileArgs = ParsedArgs<'previewImport'>;

export function sha256Hex(bytes: Uint8Array): string {
  return crypto.createHash('sha256').update(bytes).digest('hex');
}

const noYield: JobControl = { step: async () => undefined };

/** The parse options of a call: the analyst's sheet, mappings, header rows, layouts and measure. */
function parseOptionsOf(args: FileArgs): ParseOptions {
  // The analyst's measure for rows nothing in the file names (ParseOptions.measure, read by the layouts).
  const options: ParseOptions & { measure?: Measure } = {
    sheet: args.sheet,
    mappings: args.mappings,
    headerRows: args.headerRows,
    layouts: args.layouts,
    head: PREVIEW_HEAD,
    ...(args.measure !== undefined ? { measure: args.measure } : {}),
  };
  return options;
}

/** Parse in steps, reporting each one (a job yields to the event loop there and may be cancelled). */
async function parseInSteps(args: FileArgs, bytes: Uint8Array, ctl: JobControl): Promise<ParsedFile> {
  const { parseStatisticsFileSteps } = await fileParser();
  const steps = parseStatisticsFileSteps(bytes, args.file.fileName, parseOptionsOf(args));
  try {
    for (;;) {
      const step = await steps.next();
      if (step.done) return step.value;
      // Reading the file is the first half of the parse, sheets the second; the preview or commit follows.
      await ctl.step(step.value < 0.5 ? 'reading' : 'parsing', 0.05 + 0.85 * step.value);
    }
  } finally {
    // Cancelled midway (ctl.step threw): the reader stops and closes its streams.
    await steps.return(undefined as never);
  }
}

/** One line per series of the file (a series on several sheets, or under its region and the home region, is one). */
function importedSeries(changes: ChangeSummary): ImportedSeriesSummary[] {
  return changes.series.map((s) => ({
    name: s.name,
    label: s.label,
    unit: s.unit,
    measure: s.measure,
    frequency: s.frequency,
    region: s.region,
    observationCount: s.observations.new + s.observations.unchanged + s.observations.revised,
  }));
}

function withoutResult({ result: _result, ...rest }: JobStatus): Omit<JobStatus, 'result'> {
  return rest;
}

export function importHandlers(ctx: ServiceContext): Pick<Handlers, ImportHandlerNames> {
  const { db } = ctx;
  const jobs = new JobRegistry(Date.now, (status) => ctx.emit?.({ type: 'job', status: withoutResult(status) }));

  async function run(args: FileArgs & { skipInvalid?: boolean }, action: 'preview' | 'commit', ctl: JobControl): Promise<ImportJobResult> {
    await ctl.step('reading', 0);
    const bytes = fileBytes(ctx, args.file);
    if (action === 'commit') {
      // An .xlsx into a SQLite store: parsed in a second thread while this one writes (streamed/streamedImport.ts);
      // null when it stopped, having written nothing, and the classic parse and commit follow.
      const { importStreamedWhereItPays } = await streamedImporter();
      const step = (phase: 'reading' | 'parsing' | 'committing', fraction: number) => ctl.step(phase, fraction);
      const streamed = await importStreamedWhereItPays(db, bytes, args.file.fileName, parseOptionsOf(args), commitOptions(args, bytes), { step });
      if (streamed) return { action, commit: commitResult(args, streamed.result, streamed.parsed) };
    }
    const parsed = await parseInSteps(args, bytes, ctl);
    if (action === 'preview') {
      const { plan, checks } = planFileImport(db, parsed);
      return { action, preview: buildPreview(parsed, plan, checks) };
    }
    // The last step: after it, nothing yields until the one transaction has committed (or failed whole).
    await ctl.step('committing', 0.95);
    const result = commitImport(db, parsed, commitOptions(args, bytes));
    return { action, commit: commitResult(args, result, parsed) };
  }

  function commitOptions(args: FileArgs & { skipInvalid?: boolean }, bytes: Uint8Array): CommitOptions {
    return { fileName: args.file.fileName, fileHash: sha256Hex(bytes), skipInvalid: args.skipInvalid ?? false, user: ctx.user };
  }

  function commitResult(args: FileArgs, result: CommitResult, parsed: Pick<ParsedFile, 'skippedSheets' | 'warnings'>): CommitImportResult {
    return { ...result, fileName: args.file.fileName, skippedSheets: parsed.skippedSheets, series: importedSeries(result.changes), warnings: parsed.warnings };
  }

  return {
    previewImport: async (args) => {
      const r = await run(args, 'preview', noYield);
      if (r.action !== 'preview') throw new WorkbenchError('internal', 'preview');
      return r.preview;
    },
    commitImport: async (args) => {
      const r = await run(args, 'commit', noYield);
      if (r.action !== 'commit') throw new WorkbenchError('internal', 'commit');
      return r.commit;
    },
    startImport: ({ action, ...args }) => ({ jobId: jobs.start((ctl) => run(args, action, ctl)) }),
    jobStatus: ({ jobId }) => jobs.status(jobId),
    cancelJob: ({ jobId }) => jobs.cancel(jobId),
    listBatches: () => withBatchAuthors(db, listBatches(db)),
    undoBatch: ({ batchId }) => undoBatchAs(db, batchId, ctx.user, () => undoImportBatch(db, batchId)),
    listSeries: () => listSeries(db),
    listSeriesValues: () => listSeriesWithValues(db, listSeries(db)),
    seriesObservations: ({ seriesId, allVintages }) => {
      if (db.prepare('SELECT 1 FROM series WHERE id = ?').get(seriesId) === undefined) {
        throw messageError('not_found', 'series.notFound', { id: seriesId });
      }
      return seriesObservations(db, seriesId, { allVintages });
    },
  };
}
