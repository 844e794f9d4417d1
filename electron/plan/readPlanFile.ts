// Reads a plan document into text: .txt (UTF-8, with or without BOM, or GB18030), .docx (mammoth) or .pdf
// (pdfjs text layer). The format is told by the file's first bytes, checked against its extension; files that
// cannot hold a plan (empty, binary, a .docx that is not a zip, a scanned PDF) are refused with a clear message.
import fs from 'node:fs/promises';
import path from 'node:path';
import iconv from 'iconv-lite';

export type PlanFileFormat = 'txt' | 'docx' | 'pdf';

export type PlanFileErrorCode = 'not_found' | 'empty' | 'binary' | 'not_docx' | 'legacy_doc' | 'not_pdf' | 'no_text_layer' | 'unreadable';

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
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return refuseEmpty(new TextDecoder('utf-16le').decode(bytes.subarray(2)), file);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return refuseEmpty(new TextDecoder('utf-16be').decode(bytes.subarray(2)), file);
  if (looksBinary(bytes)) {
    throw new PlanFileError('binary', `文件不是文本文件（含二进制内容） / The file is not a text file (binary content): ${file}`);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'gb18030');
  }
  return refuseEmpty(text, file);
}

async function readDocx(bytes: Buffer, file: string): Promise<string> {
  const mammoth = (await import('mammoth')).default;
  let text: string;
  try {
    text = (await mammoth.extractRawText({ buffer: bytes })).value;
  } catch (e) {
    throw new PlanFileError('not_docx', `无法读取 Word 文档（文件损坏或不是 .docx） / Cannot read the Word document (damaged or not a .docx): ${file}: ${(e as Error).message}`);
  }
  return refuseEmpty(text, file);
}

interface PdfTextItem {
  str?: string;
  hasEOL?: boolean;
}

async function readPdf(bytes: Buffer, file: string): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  let doc;
  try {
    doc = await pdfjs.getDocument({
      data: new Uint8Array(bytes),
      useWorkerFetch: false,
      isEvalSupported: false,
      disableFontFace: true,
      verbosity: 0,
    }).promise;
  } catch (e) {
    throw new PlanFileError('unreadable', `无法解析 PDF 文件 / Cannot parse the PDF: ${file}: ${(e as Error).message}`);
  }
  try {
    const pages: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      pages.push((content.items as PdfTextItem[]).map((item) => (item.str ?? '') + (item.hasEOL ? '\n' : '')).join(''));
      page.cleanup();
    }
    const text = pages.join('\n\n');
    if (text.trim() === '') {
      throw new PlanFileError('no_text_layer', `PDF 没有文字层（可能是扫描件），请先做文字识别或提供 Word/文本版 / The PDF has no text layer (a scan?); run OCR first or supply a Word or text version: ${file}`);
    }
    return text;
  } finally {
    await doc.destroy();
  }
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
    bytes = await fs.readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new PlanFileError('not_found', `找不到文件 / File not found: ${file}`);
    if (code === 'EISDIR') throw new PlanFileError('unreadable', `这是文件夹，不是文件 / This is a folder, not a file: ${file}`);
    throw new PlanFileError('unreadable', `无法读取文件 / Cannot read the file: ${file}: ${(e as Error).message}`);
  }
  return readPlanBytes(bytes, file);
}
