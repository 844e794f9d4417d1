// Checks a zip container (xlsx, ods) from its central directory before any decompression, so a zip bomb
// is refused by its declared sizes instead of discovered by running out of memory.

import zlib from 'node:zlib';
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

const EOCD_SIG = 0x06054b50;
const ZIP64_EOCD_LOCATOR_SIG = 0x07064b50;
const ZIP64_EOCD_SIG = 0x06064b50;
const CDIR_SIG = 0x02014b50;

function corrupt(zh: string, en: string): ImportFileError {
  return new ImportFileError('corrupt', `文件已损坏或不完整（${zh}）/ The file is corrupt or truncated (${en})`);
}

function tooManyEntries(count: number, limit: number): ImportFileError {
  return new ImportFileError('too_many_entries', `压缩包条目过多（${count}，上限 ${limit}）/ Too many entries in the archive (${count}, limit ${limit})`);
}

/** Read the central directory; throws ImportFileError when it is missing or inconsistent (a truncated file). */
export function readZipDirectory(bytes: Uint8Array): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = bytes.byteLength;
  // The end record sits in the last 22 + 65535 (comment) bytes.
  let eocd = -1;
  for (let i = n - 22; i >= Math.max(0, n - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === EOCD_SIG) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw corrupt('找不到 zip 目录', 'zip directory not found');

  let entryCount = view.getUint16(eocd + 10, true);
  let dirSize = view.getUint32(eocd + 12, true);
  let dirOffset = view.getUint32(eocd + 16, true);
  if (entryCount === 0xffff || dirOffset === 0xffffffff || dirSize === 0xffffffff) {
    const loc = eocd - 20;
    if (loc < 0 || view.getUint32(loc, true) !== ZIP64_EOCD_LOCATOR_SIG) throw corrupt('zip64 目录缺失', 'zip64 directory missing');
    const z64 = Number(view.getBigUint64(loc + 8, true));
    if (z64 + 56 > n || view.getUint32(z64, true) !== ZIP64_EOCD_SIG) throw corrupt('zip64 目录无效', 'zip64 directory invalid');
    entryCount = Number(view.getBigUint64(z64 + 32, true));
    dirSize = Number(view.getBigUint64(z64 + 40, true));
    dirOffset = Number(view.getBigUint64(z64 + 48, true));
  }
  if (entryCount > ZIP_LIMITS.maxEntries) throw tooManyEntries(entryCount, ZIP_LIMITS.maxEntries);
  if (dirOffset + dirSize > n) throw corrupt('目录超出文件末尾', 'directory runs past the end of the file');

  const entries: ZipEntry[] = [];
  let p = dirOffset;
  const decoder = new TextDecoder('utf-8');
  for (let i = 0; i < entryCount; i++) {
    if (p + 46 > n || view.getUint32(p, true) !== CDIR_SIG) throw corrupt('目录条目无效', 'invalid directory entry');
    const method = view.getUint16(p + 10, true);
    let compressedSize = view.getUint32(p + 20, true);
    let uncompressedSize = view.getUint32(p + 24, true);
    const nameLen = view.getUint16(p + 28, true);
    const extraLen = view.getUint16(p + 30, true);
    const commentLen = view.getUint16(p + 32, true);
    let localOffset = view.getUint32(p + 42, true);
    if (p + 46 + nameLen + extraLen + commentLen > n) throw corrupt('目录条目被截断', 'directory entry truncated');
    const name = decoder.decode(bytes.subarray(p + 46, p + 46 + nameLen));
    // Zip64 sizes live in the extra field when the 32-bit fields are saturated.
    if (uncompressedSize === 0xffffffff || compressedSize === 0xffffffff) {
      let e = p + 46 + nameLen;
      const end = e + extraLen;
      while (e + 4 <= end) {
        const id = view.getUint16(e, true);
        const size = view.getUint16(e + 2, true);
        if (id === 0x0001) {
          let q = e + 4;
          if (uncompressedSize === 0xffffffff && q + 8 <= e + 4 + size) {
            uncompressedSize = Number(view.getBigUint64(q, true));
            q += 8;
          }
          if (compressedSize === 0xffffffff && q + 8 <= e + 4 + size) {
            compressedSize = Number(view.getBigUint64(q, true));
            q += 8;
          }
          if (localOffset === 0xffffffff && q + 8 <= e + 4 + size) localOffset = Number(view.getBigUint64(q, true));
        }
        e += 4 + size;
      }
    }
    if (localOffset >= n) throw corrupt(`条目 ${name} 的数据缺失`, `data of entry ${name} missing`);
    entries.push({ name, compressedSize, uncompressedSize, method, localOffset });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
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

/**
 * The directory could lie (declare small sizes for data that expands hugely), so inflate each entry with a cap at
 * its declared size before SheetJS sees it: an entry that produces more is refused. Costs one extra inflate pass.
 */
export function verifyZipEntries(bytes: Uint8Array, entries: ZipEntry[]): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (const e of entries) {
    if (e.method !== 8 || e.compressedSize === 0) continue;
    const h = e.localOffset;
    if (h + 30 > bytes.byteLength || view.getUint32(h, true) !== 0x04034b50) throw corrupt(`条目 ${e.name} 的本地头无效`, `local header of entry ${e.name} invalid`);
    const start = h + 30 + view.getUint16(h + 26, true) + view.getUint16(h + 28, true);
    if (start + e.compressedSize > bytes.byteLength) throw corrupt(`条目 ${e.name} 被截断`, `entry ${e.name} truncated`);
    try {
      zlib.inflateRawSync(bytes.subarray(start, start + e.compressedSize), { maxOutputLength: Math.max(1, e.uncompressedSize) });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError) {
        throw new ImportFileError(
          'zip_bomb',
          `条目 ${e.name} 解压后超过其声明的大小（${e.uncompressedSize} 字节），疑似压缩炸弹，已拒绝 / Entry ${e.name} expands beyond its declared size (${e.uncompressedSize} bytes); refused as a possible zip bomb`,
        );
      }
      throw corrupt(`条目 ${e.name} 无法解压`, `entry ${e.name} cannot be decompressed`);
    }
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
 * The archive check for callers that can wait (plan documents), on yauzl: the central directory is read and
 * checked against the limits (entry count first, then each entry's declared size and ratio) before anything is
 * inflated; then every entry is inflated once as a stream, counting bytes, and yauzl refuses an entry that
 * produces more than its declared size. Memory stays bounded by one stream chunk, whatever the archive claims.
 * Returns the directory (names and sizes) for the caller to pick its entries.
 */
export async function inspectZipArchive(bytes: Uint8Array, limits: ZipLimits = ZIP_LIMITS): Promise<ZipEntry[]> {
  const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let zip: yauzl.ZipFile;
  try {
    zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
      yauzl.fromBuffer(buffer, { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: false, decodeStrings: true }, (err, z) => (err || !z ? reject(err) : resolve(z))),
    );
  } catch (e) {
    throw zipError(e);
  }
  try {
    if (zip.entryCount > limits.maxEntries) throw tooManyEntries(zip.entryCount, limits.maxEntries);
    const found: yauzl.Entry[] = [];
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
    for (const entry of found) {
      if (entry.fileName.endsWith('/')) continue;
      await drainEntry(zip, entry);
    }
    return found.map(toZipEntry);
  } catch (e) {
    throw zipError(e);
  } finally {
    zip.close();
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
