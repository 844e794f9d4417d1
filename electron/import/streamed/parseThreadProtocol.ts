// What the streamed import's two threads say to each other (the parse thread, importParseWorker.ts, and the store
// thread, streamedImport.ts): series as they are mapped, then the whole-file parse without the values already sent,
// or why the speculation stopped.
import type { MessagePort } from 'node:worker_threads';
import type { ParsedFile, ParsedSheet } from '../../../shared/import/mapping';
import type { SeriesBatch } from './seriesBatch';
import type { SpeculationOptions } from './speculativeParse';
import type { SpeculativePlan } from './speculativePlan';

export interface ParseThreadData {
  bytes: Uint8Array;
  fileName: string;
  options: SpeculationOptions;
  port: MessagePort;
  /** The SQLite store's file, opened read-only for the plan once the store thread holds the write lock. */
  storeFile: string;
}

/** A sheet of the whole-file parse, its series counted instead of sent again (they are the series already sent). */
export type SheetSummary = Omit<ParsedSheet, 'series'> & { seriesCount: number };
export type ParsedSummary = Omit<ParsedFile, 'sheets'> & { sheets: SheetSummary[] };

export type FromParseThread =
  | { type: 'series'; batch: SeriesBatch; fraction: number }
  /** How far the read is (reading), or that it is done and the whole-file parse and plan run (parsing). */
  | { type: 'progress'; phase: 'reading' | 'parsing'; fraction: number }
  /** The speculation cannot hold (the file is read on, but nothing more is sent). */
  | { type: 'stopped'; reason: string }
  | { type: 'failed'; message: string }
  | { type: 'end'; summary: ParsedSummary; plan: SpeculativePlan };

/** The store thread holds the write lock: from now on the store as read is the store as it was before the import. */
export type ToParseThread = { type: 'locked' };

export function summarise(parsed: ParsedFile): ParsedSummary {
  return { ...parsed, sheets: parsed.sheets.map(({ series, ...sheet }) => ({ ...sheet, seriesCount: series.length })) };
}
