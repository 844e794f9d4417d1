// Reads a plan document into text: .txt (UTF-8, with or without BOM, or GB18030), .docx (mammoth) or .pdf
// (pdfjs text layer). The format is told by the file's first bytes, checked against its extension; files that
// cannot hold a plan (empty, binary, a .docx that is not a zip, a scanned PDF) are refused with a clear message.
import fs from 'node:fs/promises';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { stripControlChars } from '../../shared/boundary/safeValues';
import { ImportFileError } from '../import/importFileError';
import { inspectZipArchive, type ZipLimits } from '../import/zipSafety';

export type PlanFileFormat = 'txt' | 'docx' | 'pdf';

export type PlanFileErrorCode =
  | 'not_found'
  | 'empty'
  | 'binary'
  | 'not_docx'
  | 'legacy_doc'
  | 'not_pdf'
  | 'no_text_layer'
  | 'unreadable'
  | 'too_large'
  | 'zip_bomb'
  | 'too_many_pages'
  | 'too_long'
  | 'timeout';

/**
 * Limits for plan documents, each checked before the step it protects (size before reading or decoding, the zip
 * directory before inflating, the page count before the first page, characters before normalising). An annual
 * plan is a few hundred KB of text, 20–60 pages; these are far above any real one.
 */
export const PLAN_FILE_LIMITS = {
  /** A .txt plan: 5 million characters of GB18030/UTF-8 text need at most about 15 MB. */
  maxTextFileBytes: 16 * 1024 * 1024,
  /** A .docx or .pdf as a file. */
  maxDocumentBytes: 50 * 1024 * 1024,
  /** The .docx archive, inflated (document.xml of a long plan is a few MB). */
  docxZip: { maxTotalUncompressed: 64 * 1024 * 1024, ratioCheckAbove: 4 * 1024 * 1024, maxRatio: 100, maxEntries: 2_000 } satisfies ZipLimits,
  maxPages: 2_000,
  /** The same limit as the contract's plan text. */
  maxChars: 5_000_000,
  /** Reading one PDF, start to text (the reader runs in a worker thread stopped at this deadline). */
  maxMilliseconds: 6_000,
} as const;

export class PlanFileError extends Error {
  constructor(
    public readonly code: PlanFileErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'PlanFileError';
  }
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0]; // legacy .doc
/** More control bytes than this share of a sample means the file is not text. */
const MAX_CONTROL_SHARE = 0.01;
const SAMPLE_BYTES = 64 * 1024;

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

/** Which reader a file needs: its first bytes decide; the extension only has to agree. */
function detectFormat(bytes: Uint8Array, file: string): PlanFileFormat {
  const ext = path.extname(file).toLowerCase();
  if (startsWith(bytes, PDF_MAGIC)) return 'pdf';
  if (startsWith(bytes, ZIP_MAGIC)) return 'docx';
  if (startsWith(bytes, OLE_MAGIC)) {
    throw new PlanFileError('legacy_doc', `不支持旧版 Word (.doc) 文件，请另存为 .docx 后再导入 / Legacy Word (.doc) files are not supported; save as .docx and import again: ${file}`);
  }
  if (ext === '.docx') {
    throw new PlanFileError('not_docx', `文件不是有效的 Word 文档（.docx 应为 zip 格式） / Not a valid Word document (a .docx is a zip archive): ${file}`);
  }
  if (ext === '.pdf') {
    throw new PlanFileError('not_pdf', `文件不是有效的 PDF（缺少 %PDF 文件头） / Not a valid PDF (no %PDF header): ${file}`);
  }
  return 'txt';
}

function refuseEmpty(text: string, file: string): string {
  if (text.trim() === '') throw new PlanFileError('empty', `文件为空，没有可读取的文字 / The file is empty: no text to read: ${file}`);
  return text;
}

/** NUL bytes or many control characters: a binary file, whatever its name says. */
function looksBinary(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, SAMPLE_BYTES);
  let control = 0;
  for (const b of sample) {
    if (b === 0) return true;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) control++;
  }
  return control > sample.length * MAX_CONTROL_SHARE;
}

/** UTF-8 when the bytes are valid UTF-8 (BOM or not), else GB18030 (a superset of GBK and GB2312). */
export function decodePlanText(bytes: Uint8Array, file = ''): string {
  if (bytes.length === 0) refuseEmpty('', file);
  refuseLarger(bytes.length, PLAN_FILE_LIMITS.maxTextFileBytes, file);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return planText(new TextDecoder('utf-16le').decode(bytes.subarray(2)), file);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return planText(new TextDecoder('utf-16be').decode(bytes.subarray(2)), file);
  if (looksBinary(bytes)) {
    throw new PlanFileError('binary', `文件不是文本文件（含二进制内容） / The file is not a text file (binary content): ${file}`);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    try {
      text = new TextDecoder('gb18030', { fatal: true }).decode(bytes);
    } catch {
      throw new PlanFileError('binary', `无法识别文件编码（既非 UTF-8 也非 GB18030） / Unknown text encoding (neither UTF-8 nor GB18030): ${file}`);
    }
  }
  return planText(text, file);
}

function refuseLarger(size: number, limit: number, file: string): void {
  if (size > limit) {
    const mb = (x: number) => (x / 1024 / 1024).toFixed(1).replace(/\.0$/, '');
    throw new PlanFileError('too_large', `文件过大（${mb(size)} MB，上限 ${mb(limit)} MB），未读取 / The file is too large (${mb(size)} MB, limit ${mb(limit)} MB); not read: ${file}`);
  }
}

/** Text out of any reader: control characters removed, the character limit checked before anything normalises it. */
function planText(raw: string, file: string): string {
  if (raw.length > PLAN_FILE_LIMITS.maxChars) throw tooLong(raw.length, file);
  return refuseEmpty(stripControlChars(raw), file);
}

function tooLong(chars: number, file: string): PlanFileError {
  return new PlanFileError(
    'too_long',
    `文件文字过多（超过 ${PLAN_FILE_LIMITS.maxChars} 字，已读到 ${chars} 字），不像一份计划文件 / The document holds too much text (over ${PLAN_FILE_LIMITS.maxChars} characters; ${chars} read): not a plan: ${file}`,
  );
}

async function readDocx(bytes: Buffer, file: string): Promise<string> {
  refuseLarger(bytes.length, PLAN_FILE_LIMITS.maxDocumentBytes, file);
  // The zip directory and every entry's real size are checked (streamed, bounded) before mammoth inflates it.
  try {
    const entries = await inspectZipArchive(bytes, PLAN_FILE_LIMITS.docxZip);
    if (!entries.some((e) => e.name === 'word/document.xml')) {
      throw new PlanFileError('not_docx', `压缩包中没有 Word 正文（word/document.xml），不是 .docx / The archive holds no Word body (word/document.xml): not a .docx: ${file}`);
    }
  } catch (e) {
    if (e instanceof ImportFileError) {
      const code: PlanFileErrorCode = e.reason === 'zip_bomb' || e.reason === 'too_many_entries' ? 'zip_bomb' : 'not_docx';
      throw new PlanFileError(code, `${e.message}: ${file}`);
    }
    throw e;
  }
  const mammoth = (await import('mammoth')).default;
  let text: string;
  try {
    text = (await mammoth.extractRawText({ buffer: bytes })).value;
  } catch (e) {
    throw new PlanFileError('not_docx', `无法读取 Word 文档（文件损坏或不是 .docx） / Cannot read the Word document (damaged or not a .docx): ${file}: ${(e as Error).message}`);
  }
  return planText(text, file);
}

function damagedPdf(file: string, detail: string): PlanFileError {
  // pdfjs's own words (English only) are kept after the bilingual sentence, for whoever repairs the file.
  return new PlanFileError('unreadable', `PDF 文件已损坏或结构无效，无法读取 / The PDF is damaged or its structure is invalid: ${file} (${detail.slice(0, 200)})`);
}

function tooManyPages(pages: number, file: string): PlanFileError {
  return new PlanFileError(
    'too_many_pages',
    `PDF 页数过多（${pages} 页，上限 ${PLAN_FILE_LIMITS.maxPages} 页），未读取 / The PDF has too many pages (${pages}, limit ${PLAN_FILE_LIMITS.maxPages}); not read: ${file}`,
  );
}

/**
 * The page counts a PDF declares in plain (uncompressed) page-tree objects: `/Type /Pages … /Count N`. pdfjs
 * checks a claimed count by walking the tree, which for 10⁹ claimed pages is seconds of work before it says
 * anything; this look at the bytes refuses such a file at once. Counts inside compressed object streams are
 * not seen here: the worker's own page check and deadline cover those.
 */
export function declaredPageCount(bytes: Uint8Array): number {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  let max = 0;
  for (const m of text.matchAll(/\/Count\s+(\d{1,20})/g)) max = Math.max(max, Number(m[1]));
  return max;
}

type PdfWorkerResult =
  | { ok: true; text: string }
  | { ok: false; code: 'unparsable' | 'damaged'; detail: string }
  | { ok: false; code: 'too_many_pages'; pages: number }
  | { ok: false; code: 'too_long'; chars: number };

/** Worker heap cap: far above what pdfjs needs for a plan, far below what a hostile file would take. */
const PDF_WORKER_HEAP_MB = 768;
/** Starting the worker and loading pdfjs, before the file's own deadline starts. */
const PDF_WORKER_START_MS = 60_000;

function pdfWorkerResult(bytes: Buffer, file: string): Promise<PdfWorkerResult> {
  const data = new Uint8Array(bytes); // a copy, transferred to the worker
  const worker = new Worker(new URL('./pdfTextWorker.mjs', import.meta.url), {
    workerData: { data, maxPages: PLAN_FILE_LIMITS.maxPages, maxChars: PLAN_FILE_LIMITS.maxChars },
    transferList: [data.buffer],
    resourceLimits: { maxOldGenerationSizeMb: PDF_WORKER_HEAP_MB },
    stdout: true,
    stderr: true,
  });
  return new Promise((resolve, reject) => {
    const stopAfter = (ms: number, error: PlanFileError) =>
      setTimeout(() => {
        reject(error);
        void worker.terminate();
      }, ms);
    // Loading pdfjs gets its own, generous bound; the file's reading time starts when the worker is ready.
    let timer = stopAfter(PDF_WORKER_START_MS, new PlanFileError('timeout', `PDF 读取程序未能启动（${PDF_WORKER_START_MS / 1000} 秒内） / The PDF reader did not start within ${PDF_WORKER_START_MS / 1000} s: ${file}`));
    worker.on('message', (message: PdfWorkerResult | { ready: true }) => {
      clearTimeout(timer);
      if ('ready' in message) {
        timer = stopAfter(
          PLAN_FILE_LIMITS.maxMilliseconds,
          new PlanFileError('timeout', `读取文件超过 ${PLAN_FILE_LIMITS.maxMilliseconds / 1000} 秒，已停止（文件过于复杂或已损坏） / Reading the file took over ${PLAN_FILE_LIMITS.maxMilliseconds / 1000} s and was stopped (too complex or damaged): ${file}`),
        );
        return;
      }
      resolve(message);
      void worker.terminate();
    });
    worker.once('error', (e: Error & { code?: string }) => {
      clearTimeout(timer);
      if (e.code === 'ERR_WORKER_OUT_OF_MEMORY') {
        reject(new PlanFileError('too_large', `读取 PDF 所需内存超过 ${PDF_WORKER_HEAP_MB} MB 上限，已停止 / Reading the PDF needs more than the ${PDF_WORKER_HEAP_MB} MB memory limit; stopped: ${file}`));
      } else reject(damagedPdf(file, e.message));
    });
    worker.once('exit', (code) => {
      clearTimeout(timer);
      reject(damagedPdf(file, `reader stopped (${code})`));
    });
  });
}

async function readPdf(bytes: Buffer, file: string): Promise<string> {
  refuseLarger(bytes.length, PLAN_FILE_LIMITS.maxDocumentBytes, file);
  const declared = declaredPageCount(bytes);
  if (declared > PLAN_FILE_LIMITS.maxPages) throw tooManyPages(declared, file);
  const result = await pdfWorkerResult(bytes, file);
  if (!result.ok) {
    if (result.code === 'too_many_pages') throw tooManyPages(result.pages, file);
    if (result.code === 'too_long') throw tooLong(result.chars, file);
    if (result.code === 'unparsable') throw new PlanFileError('unreadable', `无法解析 PDF 文件 / Cannot parse the PDF: ${file}: ${result.detail.slice(0, 200)}`);
    throw damagedPdf(file, result.detail);
  }
  if (result.text.trim() === '') {
    throw new PlanFileError('no_text_layer', `PDF 没有文字层（可能是扫描件），请先做文字识别或提供 Word/文本版 / The PDF has no text layer (a scan?); run OCR first or supply a Word or text version: ${file}`);
  }
  return planText(result.text, file);
}

/**
 * Read a plan document already in memory (a file sent from the renderer); `fileName` gives the extension the
 * content must agree with and names the file in messages. Throws `PlanFileError` when it cannot hold a plan.
 */
export async function readPlanBytes(bytes: Uint8Array, fileName: string): Promise<{ text: string; format: PlanFileFormat }> {
  const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer.length === 0) refuseEmpty('', fileName);
  const format = detectFormat(buffer, fileName);
  if (format === 'pdf') return { text: await readPdf(buffer, fileName), format };
  if (format === 'docx') return { text: await readDocx(buffer, fileName), format };
  return { text: decodePlanText(buffer, fileName), format };
}

/** Read a plan document; throws `PlanFileError` with a bilingual message when the file cannot hold a plan. */
export async function readPlanFile(file: string): Promise<{ text: string; format: PlanFileFormat }> {
  let bytes: Buffer;
  try {
    // Size before reading: a 100 MB file is refused without loading it.
    const stat = await fs.stat(file);
    if (stat.isFile()) {
      const ext = path.extname(file).toLowerCase();
      refuseLarger(stat.size, ext === '.docx' || ext === '.pdf' ? PLAN_FILE_LIMITS.maxDocumentBytes : Math.max(PLAN_FILE_LIMITS.maxTextFileBytes, PLAN_FILE_LIMITS.maxDocumentBytes), file);
    }
    bytes = await fs.readFile(file);
  } catch (e) {
    if (e instanceof PlanFileError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new PlanFileError('not_found', `找不到文件 / File not found: ${file}`);
    if (code === 'EISDIR') throw new PlanFileError('unreadable', `这是文件夹，不是文件 / This is a folder, not a file: ${file}`);
    throw new PlanFileError('unreadable', `无法读取文件 / Cannot read the file: ${file}: ${(e as Error).message}`);
  }
  return readPlanBytes(bytes, file);
}
