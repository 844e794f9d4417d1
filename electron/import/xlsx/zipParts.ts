// The parts (entries) of an .xlsx zip, opened with yauzl and read as streams of text. The archive has already
// passed inspectZipArchive (zipSafety.ts); the declared sizes are checked again here (cheap: no inflation) and
// every read counts its bytes, so a part that inflates past its checked size stops with an ImportFileError
// instead of filling memory. Part names are matched without regard to case, as OPC says and SheetJS does.

import type { Readable, TransformOptions } from 'node:stream';
import { pipeline } from 'node:stream';
import { TextDecoder } from 'node:util';
import zlib from 'node:zlib';
import yauzl from 'yauzl';
import { ImportFileError } from '../importFileError';
import { checkZipSafety, type ZipLimits, ZIP_LIMITS, zipEntryKey } from '../zipSafety';

/**
 * Inflated bytes per chunk, and how many the inflater may hold ahead of the reader. zlib inflates on libuv's
 * threads, but each chunk's hand-back runs on this thread, between the reader's own steps: with 64 KB chunks and no
 * room ahead, the inflater mostly waited for the reader and the reader for the inflater (0.35–0.45 s of waiting in a
 * million-cell sheet). 256 KB chunks with 2 MB ahead let the inflation run beside the reading (the bench file's
 * whole parse: 2.08 s median against 2.20 s, 5 runs each alternated); memory stays flat at a few MB.
 */
const INFLATE_CHUNK = 256 * 1024;
const INFLATE_AHEAD = 2 * 1024 * 1024;

export class ZipParts {
  private openCount = 0;

  private constructor(
    private readonly zip: yauzl.ZipFile,
    private readonly entries: Map<string, yauzl.Entry>,
    private readonly verified: Set<string> | undefined,
  ) {}

  /**
   * `verified`, when given, receives the zipEntryKey of every entry read whole with its declared size and CRC-32
   * matched: the archive check (zipSafety.ts checkZipDirectory) need not inflate those again.
   */
  static async open(bytes: Uint8Array, limits: ZipLimits = ZIP_LIMITS, verified?: Set<string>): Promise<ZipParts> {
    const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let zip: yauzl.ZipFile;
    try {
      zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
        yauzl.fromBuffer(buffer, { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: false, decodeStrings: true }, (err, z) =>
          err || !z ? reject(err ?? new Error('no zip')) : resolve(z),
        ),
      );
    } catch (e) {
      throw corruptZip(e);
    }
    const entries = new Map<string, yauzl.Entry>();
    try {
      const all: yauzl.Entry[] = [];
      await new Promise<void>((resolve, reject) => {
        zip.on('error', reject);
        zip.on('end', () => resolve());
        zip.on('entry', (entry: yauzl.Entry) => {
          all.push(entry);
          // Past the entry limit, stop reading the directory: checkZipSafety below names the refusal.
          if (all.length > limits.maxEntries) resolve();
          else zip.readEntry();
        });
        zip.readEntry();
      });
      checkZipSafety(
        all.map((e) => ({ name: e.fileName, compressedSize: e.compressedSize, uncompressedSize: e.uncompressedSize, method: e.compressionMethod, localOffset: e.relativeOffsetOfLocalHeader })),
        limits,
      );
      for (const e of all) if (!e.fileName.endsWith('/')) entries.set(e.fileName.toLowerCase(), e);
    } catch (e) {
      zip.close();
      throw e instanceof ImportFileError ? e : corruptZip(e);
    }
    return new ZipParts(zip, entries, verified);
  }

  /** The part's real name (as stored), or null when the archive has no such part. */
  find(path: string): string | null {
    return this.entries.get(normalise(path))?.fileName ?? null;
  }

  /** Read streams not yet ended or destroyed (a leak check for callers and tests). */
  get openStreams(): number {
    return this.openCount;
  }

  /**
   * The part's text, chunk by chunk, inflated as a stream. A part that produces more than its declared size
   * stops with an ImportFileError ('too_large'); broken or truncated deflate data, fewer bytes than declared or
   * a CRC that does not match with one ('corrupt'). Ending the iteration early (break, return, an abort)
   * destroys the streams.
   */
  async *textChunks(path: string, signal?: AbortSignal): AsyncGenerator<string, void, undefined> {
    signal?.throwIfAborted();
    const entry = this.entry(path);
    const { stream, destroy } = await this.inflated(entry, path);
    this.openCount++;
    const onAbort = () => stream.destroy(signal?.reason as Error);
    signal?.addEventListener('abort', onAbort, { once: true });
    const decoder = new XmlDecoder();
    let produced = 0;
    let crc = 0;
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        produced += chunk.byteLength;
        if (produced > entry.uncompressedSize) throw tooLarge(path);
        crc = zlib.crc32(chunk, crc);
        const text = decoder.decode(chunk);
        if (text) yield text;
        signal?.throwIfAborted();
      }
      // Fewer bytes than declared: the part was cut (yauzl's own check, which its raw read leaves to us).
      if (produced !== entry.uncompressedSize) throw new Error(`${produced} bytes inflated, ${entry.uncompressedSize} declared`);
      if (crc >>> 0 !== entry.crc32 >>> 0) throw new Error('CRC-32 mismatch');
      this.verified?.add(zipEntryKey(entry));
      const rest = decoder.end();
      if (rest) yield rest;
    } catch (e) {
      if (signal?.aborted) throw signal.reason;
      throw partError(path, e);
    } finally {
      signal?.removeEventListener('abort', onAbort);
      destroy();
      this.openCount--;
    }
  }

  /** A whole (small) part as text: workbook.xml, the relationships. */
  async readText(path: string): Promise<string> {
    let text = '';
    for await (const chunk of this.textChunks(path)) text += chunk;
    return text;
  }

  /**
   * The entry's bytes as stored, through our own inflater: yauzl's own chain (three piped streams, 16 KB
   * chunks) costs more than the inflation itself on a 30 MB sheet. Sizes stay checked: yauzl bounds the raw
   * read by the compressed size, textChunks counts the inflated bytes against the declared size.
   */
  private async inflated(entry: yauzl.Entry, path: string): Promise<{ stream: Readable; destroy: () => void }> {
    if (entry.isEncrypted()) throw new ImportFileError('corrupt', `文件已加密，无法读取（${path}）/ The file is encrypted and cannot be read (${path})`);
    if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) throw partError(path, new Error(`unsupported compression method ${entry.compressionMethod}`));
    const raw = await new Promise<Readable>((resolve, reject) =>
      this.zip.openReadStream(entry, { decodeFileData: false }, (err, s) => (err || !s ? reject(partError(path, err)) : resolve(s))),
    );
    if (entry.compressionMethod === 0) return { stream: raw, destroy: () => raw.destroy() };
    // zlib hands its options on to the stream (Transform) it is, which takes the high-water mark; Node's types omit it.
    const options: zlib.ZlibOptions & TransformOptions = { chunkSize: INFLATE_CHUNK, readableHighWaterMark: INFLATE_AHEAD };
    const inflate = zlib.createInflateRaw(options);
    // A broken read fails the inflater; the caller's destroy stops both.
    pipeline(raw, inflate, () => undefined);
    return {
      stream: inflate,
      destroy: () => {
        inflate.destroy();
        raw.destroy();
      },
    };
  }

  private entry(path: string): yauzl.Entry {
    const entry = this.entries.get(normalise(path));
    if (!entry) throw new ImportFileError('corrupt', `文件已损坏或不完整（缺少 ${path}）/ The file is corrupt or truncated (${path} is missing)`);
    return entry;
  }

  close(): void {
    this.zip.close();
  }
}

/**
 * Bytes of an XML part → text, chunk by chunk. UTF-8 unless the part starts with a UTF-16 byte order mark
 * (SheetJS reads both); the UTF-8 mark is dropped. Malformed bytes become U+FFFD, as SheetJS's reading does.
 */
export class XmlDecoder {
  private decoder: TextDecoder | null = null;
  private head: Buffer | null = null;

  decode(chunk: Buffer): string {
    if (!this.decoder) {
      const head = this.head ? Buffer.concat([this.head, chunk]) : chunk;
      if (head.byteLength < 2) {
        this.head = head;
        return '';
      }
      this.head = null;
      const utf16le = head[0] === 0xff && head[1] === 0xfe;
      const utf16be = head[0] === 0xfe && head[1] === 0xff;
      this.decoder = new TextDecoder(utf16le ? 'utf-16le' : utf16be ? 'utf-16be' : 'utf-8');
      return this.decoder.decode(head, { stream: true });
    }
    return this.decoder.decode(chunk, { stream: true });
  }

  end(): string {
    if (!this.decoder) return this.head ? new TextDecoder().decode(this.head) : '';
    return this.decoder.decode();
  }
}

function normalise(path: string): string {
  return path.replace(/^\/+/, '').replace(/\\/g, '/').toLowerCase();
}

function tooLarge(path: string): ImportFileError {
  return new ImportFileError('too_large', `文件中的 ${path} 解压后超过其声明的大小，已停止读取 / The part ${path} inflates past its declared size; reading stopped`);
}

function corruptPart(path: string, e: unknown): ImportFileError {
  const message = (e as Error | null)?.message ?? String(e);
  return new ImportFileError('corrupt', `文件已损坏或不完整（${path} 无法解压）/ The file is corrupt or truncated (${path} cannot be inflated: ${message.slice(0, 200)})`);
}

/** yauzl's size validation ("too many bytes in the stream") is the same overflow as our own count. */
export function partError(path: string, e: unknown): ImportFileError {
  if (e instanceof ImportFileError) return e;
  const message = (e as Error | null)?.message ?? String(e);
  if (/too many bytes/i.test(message)) return tooLarge(path);
  return corruptPart(path, e);
}

function corruptZip(e: unknown): ImportFileError {
  const message = (e as Error | null)?.message ?? String(e);
  return new ImportFileError('corrupt', `文件已损坏或不完整（zip 结构无效）/ The file is corrupt or truncated (invalid zip structure: ${message.slice(0, 200)})`);
}
