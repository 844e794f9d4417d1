// Checks a zip container (xlsx, ods, docx) with yauzl: from its central directory before any decompression, so a
// zip bomb is refused by its declared sizes instead of discovered by running out of memory, and then by inflating
// every entry once as a stream, so a directory that lies about its sizes is refused too. yauzl also refuses
// entry names that are absolute or climb out of the archive (`../`), and a directory that runs past the file.

import yauzl from 'yauzl';
import { ImportFileError } from './importFileError';

export interface ZipLimits {
  maxTotalUncompressed: number;
  ratioCheckAbove: number;
  maxRatio: number;
  maxEntries: number;
}

/** Limits, documented for analysts: a real statistics workbook is far below them. */
export const ZIP_LIMITS: ZipLimits = {
  /** Sum of the uncompressed sizes of all entries. */
  maxTotalUncompressed: 200 * 1024 * 1024,
  /** Entries larger than this must not expand more than maxRatio times their compressed size. */
  ratioCheckAbove: 10 * 1024 * 1024,
  maxRatio: 100,
  maxEntries: 10_000,
};

export interface ZipEntry {
  name: string;
  compressedSize: number;
  uncompressedSize: number;
  /** 0 stored, 8 deflate. */
  method: number;
  localOffset: number;
}

function corrupt(zh: string, en: string): ImportFileError {
  return new ImportFileError('corrupt', `文件已损坏或不完整（${zh}）/ The file is corrupt or truncated (${en})`);
}

function tooManyEntries(count: number, limit: number): ImportFileError {
  return new ImportFileError('too_many_entries', `压缩包条目过多（${count}，上限 ${limit}）/ Too many entries in the archive (${count}, limit ${limit})`);
}

/** Refuse archives whose declared expansion is beyond the limits. */
export function checkZipSafety(entries: ZipEntry[], limits: ZipLimits = ZIP_LIMITS): void {
  const ZIP_LIMITS = limits;
  if (entries.length > ZIP_LIMITS.maxEntries) throw tooManyEntries(entries.length, ZIP_LIMITS.maxEntries);
  let total = 0;
  for (const e of entries) {
    total += e.uncompressedSize;
    if (e.uncompressedSize > ZIP_LIMITS.ratioCheckAbove && e.uncompressedSize > ZIP_LIMITS.maxRatio * Math.max(1, e.compressedSize)) {
      throw new ImportFileError(
        'zip_bomb',
        `压缩比异常（${e.name}：${e.compressedSize} 字节解压为 ${e.uncompressedSize} 字节，上限 ${ZIP_LIMITS.maxRatio}:1），疑似压缩炸弹，已拒绝 / ` +
          `Suspicious compression ratio (${e.name}: ${e.compressedSize} bytes expand to ${e.uncompressedSize}, limit ${ZIP_LIMITS.maxRatio}:1); refused as a possible zip bomb`,
      );
    }
  }
  if (total > ZIP_LIMITS.maxTotalUncompressed) {
    const mb = (x: number) => Math.round(x / 1024 / 1024);
    throw new ImportFileError(
      'zip_bomb',
      `解压后总大小 ${mb(total)} MB 超过上限 ${mb(ZIP_LIMITS.maxTotalUncompressed)} MB，已拒绝 / ` +
        `Uncompressed size ${mb(total)} MB exceeds the limit of ${mb(ZIP_LIMITS.maxTotalUncompressed)} MB; refused`,
    );
  }
}

function zipError(e: unknown): ImportFileError {
  if (e instanceof ImportFileError) return e;
  const message = (e as Error)?.message ?? String(e);
  // yauzl's size validation: the entry produced more bytes than the directory declared.
  if (/too many bytes|uncompressedSize/i.test(message)) {
    return new ImportFileError('zip_bomb', `条目解压后超过其声明的大小，疑似压缩炸弹，已拒绝 / An entry expands beyond its declared size; refused as a possible zip bomb`);
  }
  return corrupt('zip 结构无效', `invalid zip structure: ${message.slice(0, 200)}`);
}

/**
 * The archive check for every zip the workbench reads (statistics workbooks, returned target sheets, plan
 * documents), on yauzl: the central directory is read and
 * checked against the limits (entry count first, then each entry's declared size and ratio) before anything is
 * inflated; then every entry is inflated once as a stream, counting bytes, and yauzl refuses an entry that
 * produces more than its declared size. Memory stays bounded by one stream chunk, whatever the archive claims.
 * Returns the directory (names and sizes) for the caller to pick its entries.
 */
export async function inspectZipArchive(bytes: Uint8Array, limits: ZipLimits = ZIP_LIMITS): Promise<ZipEntry[]> {
  const checked = await checkZipDirectory(bytes, limits);
  await checked.finish(new Set());
  return checked.entries;
}

/**
 * What makes an entry's inflation come out as it does: where its data starts, how it is stored and what the
 * directory declares. Two directory records alike in these inflate alike, whatever their names.
 */
export function zipEntryKey(e: { relativeOffsetOfLocalHeader: number; compressedSize: number; uncompressedSize: number; compressionMethod: number }): string {
  return `${e.relativeOffsetOfLocalHeader}:${e.compressedSize}:${e.uncompressedSize}:${e.compressionMethod}`;
}

/** An archive whose directory has passed the limits, with the inflation of its entries under way. */
export interface CheckedZip {
  entries: ZipEntry[];
  /**
   * Settles once every entry has been inflated and counted, except the deferred ones in `verified` (by zipEntryKey:
   * entries a reader has inflated whole itself, their declared size and CRC-32 matched, as yauzl would have found
   * them); rejects with the archive's refusal, that of the first entry in the directory's order that fails, as
   * inflating them all in that order would. Closes the zip. Call it once.
   */
  finish(verified: ReadonlySet<string>): Promise<void>;
  /** The reader was stopped: the check stops after the entry it is inflating, and closes the zip. */
  abandon(): void;
  /** The names of the entries the check itself has inflated so far, in order (tests and the benchmark). */
  readonly inflated: readonly string[];
}

/**
 * inspectZipArchive in two halves: the directory is read and checked before this answers; the inflation of every
 * entry not `deferred` is started and left running, so that a reader may go on beside it (zlib inflates on
 * libuv's threads). The deferred ones (the parts the reader will inflate whole anyway: a sheet is the bulk of an
 * .xlsx, and inflating it twice made the reader wait for the check) are inflated by `finish` only when the reader
 * did not verify them. A reader must let a rejected `finish` win over its own error, so that the refusal is the one
 * inspectZipArchive would have given (readWorkbook.ts does).
 */
export async function checkZipDirectory(bytes: Uint8Array, limits: ZipLimits = ZIP_LIMITS, deferred: (name: string) => boolean = () => false): Promise<CheckedZip> {
  const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let zip: yauzl.ZipFile;
  try {
    zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
      yauzl.fromBuffer(buffer, { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: false, decodeStrings: true }, (err, z) => (err || !z ? reject(err) : resolve(z))),
    );
  } catch (e) {
    throw zipError(e);
  }
  const found: yauzl.Entry[] = [];
  try {
    if (zip.entryCount > limits.maxEntries) throw tooManyEntries(zip.entryCount, limits.maxEntries);
    let total = 0;
    await new Promise<void>((resolve, reject) => {
      zip.on('error', reject);
      zip.on('end', () => resolve());
      zip.on('entry', (entry: yauzl.Entry) => {
        found.push(entry);
        total += entry.uncompressedSize;
        try {
          // This entry's ratio; the whole list (with its total in the message) only once the total is over.
          checkZipSafety([toZipEntry(entry)], limits);
          if (total > limits.maxTotalUncompressed) checkZipSafety(found.map(toZipEntry), limits);
        } catch (e) {
          reject(e);
          return;
        }
        zip.readEntry();
      });
      zip.readEntry();
    });
  } catch (e) {
    zip.close();
    throw zipError(e);
  }
  return new ZipDrain(zip, found, deferred);
}

/** The first entry (by its place in the directory) that failed to inflate, and why. */
interface DrainFailure {
  index: number;
  error: unknown;
}

class ZipDrain implements CheckedZip {
  readonly entries: ZipEntry[];
  readonly inflated: string[] = [];
  private readonly isDeferred: boolean[];
  /** The entries not deferred, inflated in order from the start: the first failure, or null. */
  private readonly undeferred: Promise<DrainFailure | null>;
  private stopped = false;
  private finished = false;

  constructor(
    private readonly zip: yauzl.ZipFile,
    private readonly found: yauzl.Entry[],
    deferred: (name: string) => boolean,
  ) {
    this.entries = found.map(toZipEntry);
    this.isDeferred = found.map((e) => deferred(e.fileName));
    this.undeferred = this.drain((i) => !this.isDeferred[i], found.length);
  }

  /** Inflates the entries `pick` takes, in order, before `end`; stops at the first that fails, answering it. */
  private async drain(pick: (index: number) => boolean, end: number): Promise<DrainFailure | null> {
    for (let i = 0; i < end; i++) {
      if (this.stopped) return null;
      const entry = this.found[i];
      if (entry.fileName.endsWith('/') || !pick(i)) continue;
      this.inflated.push(entry.fileName);
      try {
        await drainEntry(this.zip, entry);
      } catch (error) {
        return { index: i, error };
      }
    }
    return null;
  }

  async finish(verified: ReadonlySet<string>): Promise<void> {
    if (this.finished) throw new Error('zip check: finish called twice');
    this.finished = true;
    try {
      const first = await this.undeferred;
      // The deferred entries before that failure, which a reader did not verify: the earliest failure of all wins.
      const end = first === null ? this.found.length : first.index;
      const earlier = await this.drain((i) => this.isDeferred[i] && !verified.has(zipEntryKey(this.found[i])), end);
      const failure = earlier ?? first;
      if (failure !== null) throw zipError(failure.error);
    } finally {
      this.zip.close();
    }
  }

  abandon(): void {
    if (this.finished || this.stopped) return;
    this.stopped = true;
    void this.undeferred.finally(() => this.zip.close());
  }
}

function toZipEntry(e: yauzl.Entry): ZipEntry {
  return { name: e.fileName, compressedSize: e.compressedSize, uncompressedSize: e.uncompressedSize, method: e.compressionMethod, localOffset: e.relativeOffsetOfLocalHeader };
}

function drainEntry(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<void> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (err, stream) => {
      if (err || !stream) {
        reject(err);
        return;
      }
      stream.on('error', reject);
      stream.on('end', () => resolve());
      stream.resume();
    });
  });
}
