// The parse thread's side of the streamed import: an .xlsx read as a stream whose grid rows are mapped while the
// rest of the file is still being read, each series sent on as soon as its row is mapped, so that the store thread
// can write it meanwhile. The mapping is the one detection chooses over the sheet's first rows; the whole-file parse
// at the end is the classic one (parseWorkbook: detection over the whole grid, the checks, the duplicates), which
// takes the rows already mapped only where its own detection chose the same mapping. What was sent *held* when the
// classic parse's series are exactly the series sent, object for object and unchanged; otherwise the store thread
// rolls its writes back and imports the file the classic way.
import { isGridMapping, type GridMapping, type ParsedFile, type ParsedSeries, type SheetMapping } from '../../../shared/import/mapping';
import { detectLayout } from '../detectLayout';
import { GridRowMapper } from '../layouts/gridTable';
import { parseWorkbook } from '../parseFile';
import { readWorkbookSteps, type ReadObserver, type SheetCell, type WorkbookSheet } from '../readWorkbook';
import type { Measure } from '../../../shared/domain/series';

/**
 * Rows read before a sheet's layout is detected on them: detection looks for the header in the first 30 rows and
 * reads the label and unit columns from the 200 after the header, all within these.
 */
export const HEAD_ROWS = 1000;
/** Observations gathered before a batch goes to the store thread. */
const BATCH_OBSERVATIONS = 5000;

export interface SpeculationOptions {
  sheet?: string;
  measure?: Measure;
  head?: { rows: number; columns: number };
}

export interface SpeculationSink {
  /** Series mapped, in the order of the file; `fraction` of the file read so far. `'stop'`: enough, read no further. */
  series(series: ParsedSeries[], fraction: number): void | 'stop';
  /** The share of the file read, now and then while nothing is sent (at most every PROGRESS_MS). */
  progress(fraction: number): void;
  /** The read is done: the whole-file parse runs now. */
  parsing(): void;
  /** Nothing more will be sent: the file cannot be imported this way (why, for the record). */
  abandon(reason: string): void;
}

/** How often the read says how far it is when no series go (the store thread takes a long silence for a lost thread). */
const PROGRESS_MS = 250;

/** The classic parse and the series sent (they are its series, in order), or why what was sent did not hold. */
export type SpeculationEnd = { held: true; parsed: ParsedFile; sent: ParsedSeries[] } | { held: false; reason: string };

interface SheetSpeculation {
  name: string;
  rows: (SheetCell | undefined)[][];
  /** Detected over the head: a grid mapping mapped as rows come, null when the head holds no table. */
  mapping: GridMapping | null;
  detected: boolean;
  mapper: GridRowMapper | null;
  /** The last row that gave anything (-1: none). */
  lastProductive: number;
  sent: number;
  /** parseWorkbook took this sheet's mapped rows. */
  used: boolean;
}

/** Two grid mappings that make the same rows the same series (the mapper reads no lastDataRow; wide and analyst alike). */
function sameRowMapping(a: GridMapping, b: SheetMapping): boolean {
  if (!isGridMapping(b)) return false;
  const shape = (m: GridMapping) => JSON.stringify({ ...m, lastDataRow: 0, layout: m.layout === 'by_region' });
  return shape(a) === shape(b);
}

/**
 * Reads and maps the file, sending series as they are mapped; answers the classic parse and whether what was sent
 * is exactly its series. Errors of the file (corrupt, too large…) are thrown as the classic parse throws them.
 */
export async function speculativeParse(bytes: Uint8Array, fileName: string, options: SpeculationOptions, sink: SpeculationSink): Promise<SpeculationEnd> {
  const specs: SheetSpeculation[] = [];
  const sent: { series: ParsedSeries; observations: unknown; length: number }[] = [];
  let pending: ParsedSeries[] = [];
  let pendingObservations = 0;
  let abandoned: string | null = null;
  let fraction = 0;

  const abandon = (reason: string) => {
    if (abandoned !== null) return;
    abandoned = reason;
    pending = [];
    sink.abandon(reason);
  };
  let batches = 0;
  const flush = () => {
    if (pending.length === 0 || abandoned !== null) return;
    batches++;
    const answer = sink.series(pending, fraction);
    pending = [];
    pendingObservations = 0;
    if (answer === 'stop') abandon('the caller has what it wanted');
  };
  const take = (spec: SheetSpeculation) => {
    const mapper = spec.mapper!;
    for (; spec.sent < mapper.series.length; spec.sent++) {
      const s = mapper.series[spec.sent];
      sent.push({ series: s, observations: s.observations, length: s.observations.length });
      pending.push(s);
      pendingObservations += s.observations.length;
    }
    // The first series go at once: a store that holds them stops the speculation before anything more is done.
    if (pendingObservations >= BATCH_OBSERVATIONS || batches === 0) flush();
  };
  const mapUpTo = (spec: SheetSpeculation, last: number) => {
    const mapper = spec.mapper;
    if (!mapper) return;
    while (mapper.next <= last && !mapper.ended) {
      const before = mapper.outputs;
      const r = mapper.next;
      mapper.mapRows(r);
      if (mapper.outputs !== before) spec.lastProductive = r;
    }
    take(spec);
  };
  const detect = (spec: SheetSpeculation) => {
    spec.detected = true;
    const head: WorkbookSheet = { name: spec.name, rows: spec.rows.slice(0, HEAD_ROWS), merges: [], csv: false };
    const found = detectLayout(head).mapping;
    if (found === null) return;
    if (!isGridMapping(found)) {
      abandon(`sheet ${spec.name}: layout ${found.layout} is not mapped as it is read`);
      return;
    }
    spec.mapping = found;
    // The live grid, which the reader goes on filling; merged ranges come after the rows and the mapper reads none.
    spec.mapper = new GridRowMapper({ name: spec.name, rows: spec.rows, merges: [], csv: false }, found, fileName, options.measure !== undefined ? { measure: options.measure } : {});
  };
  /** A sheet read to its end: detected now if its head was never full, and mapped to its last row. */
  const close = (spec: SheetSpeculation) => {
    if (abandoned !== null) return;
    if (!spec.detected) detect(spec);
    if (abandoned === null) mapUpTo(spec, spec.rows.length - 1);
  };

  const observer: ReadObserver = {
    rows(index, name, rows, lowest) {
      if (abandoned !== null) return;
      if (options.sheet !== undefined && name !== options.sheet) return;
      let spec = specs[index];
      if (spec === undefined) {
        for (const earlier of specs) if (earlier) close(earlier);
        spec = specs[index] = { name, rows, mapping: null, detected: false, mapper: null, lastProductive: -1, sent: 0, used: false };
      }
      if (spec.mapper !== null && lowest < spec.mapper.next) {
        abandon(`sheet ${name}: row ${lowest + 1} came after rows below it`);
        return;
      }
      if (!spec.detected && rows.length >= HEAD_ROWS) detect(spec);
      // The last row read may be followed by more of the same row in no file, but rows come whole: map to it.
      if (spec.detected && abandoned === null) mapUpTo(spec, rows.length - 1);
    },
    stripped(count) {
      if (count > 0) abandon(`${count} cell(s) lost control characters after they were mapped`);
    },
  };

  const steps = readWorkbookSteps(bytes, fileName, observer);
  let book;
  let told = performance.now();
  for (;;) {
    const step = await steps.next();
    if (step.done) {
      book = step.value;
      break;
    }
    fraction = step.value;
    if (abandoned !== null) {
      // Nothing more goes: the store thread imports the classic way, so the read stops here.
      await steps.return(undefined as never);
      return { held: false, reason: abandoned };
    }
    const now = performance.now();
    if (now - told >= PROGRESS_MS) {
      told = now;
      sink.progress(fraction);
    }
  }
  for (const spec of specs) if (spec) close(spec);
  flush();
  if (abandoned === null) sink.parsing();
  if (book.format !== 'xlsx') abandon('not an .xlsx read as a stream');

  const specOf = new Map<WorkbookSheet, SheetSpeculation>();
  book.sheets.forEach((sheet, i) => {
    const spec = specs[i];
    if (spec && spec.rows === sheet.rows) specOf.set(sheet, spec);
  });
  const parsed = parseWorkbook(book, fileName, options, (sheet, mapping) => {
    const spec = specOf.get(sheet);
    if (!spec || !spec.mapper || !spec.mapping || abandoned !== null) return null;
    if (spec.name !== sheet.name || !sameRowMapping(spec.mapping, mapping) || spec.lastProductive > mapping.lastDataRow) return null;
    spec.used = true;
    return spec.mapper.finish();
  });
  if (abandoned !== null) return { held: false, reason: abandoned };
  const reason = unheldReason(parsed, sent, specs);
  return reason === null ? { held: true, parsed, sent: sent.map((s) => s.series) } : { held: false, reason };
}

/** Why the classic parse's series are not exactly those sent (null: they are). */
function unheldReason(parsed: ParsedFile, sent: readonly { series: ParsedSeries; observations: unknown; length: number }[], specs: readonly (SheetSpeculation | undefined)[]): string | null {
  for (const spec of specs) if (spec && spec.sent > 0 && !spec.used) return `sheet ${spec.name}: the whole sheet's detection differs from its head's`;
  let k = 0;
  for (const sheet of parsed.sheets) {
    for (const s of sheet.series) {
      const was = sent[k++];
      if (!was || was.series !== s || was.observations !== s.observations || was.length !== s.observations.length) return `sheet ${sheet.name}: the file's own checks changed its series`;
    }
  }
  if (k !== sent.length) return 'series were sent that the file does not keep';
  return null;
}

/**
 * The first series of the file as the streamed import would send them, mapped on the calling thread from the first
 * sheet's head (the read stops there); null when the head is no grid, or the file cannot be read (the classic
 * import says why).
 */
export async function firstSeries(bytes: Uint8Array, fileName: string, options: SpeculationOptions): Promise<ParsedSeries[] | null> {
  let first: ParsedSeries[] | null = null;
  try {
    await speculativeParse(bytes, fileName, options, {
      series(series) {
        first = series;
        return 'stop';
      },
      progress() {},
      parsing() {},
      abandon() {},
    });
  } catch {
    return null;
  }
  return first;
}
