// The hostile corpus: files generated at test time in a temp folder (no large binaries in the repo), each one a
// way a file has crashed, hung or corrupted the workbench. Every case must be refused with a bilingual message,
// within seconds, with the process still answering and the store unchanged.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import * as XLSX from 'xlsx';
import { deflateRepeated, makeZip } from './makeZip';

export interface HostileCase {
  name: string;
  /** `plan`: read as a plan document; `import`: as a statistics file. */
  via: 'plan' | 'import';
  fileName: string;
  /** Writes the file into `dir`, returns its path. */
  make: (dir: string) => string;
  /** The refusal must match (Chinese part and English part). */
  message: RegExp;
  /** Too large to send through the browser shell in a test (the CLI path covers it). */
  cliOnly?: boolean;
}

const CONTENT_TYPES = Buffer.from(
  '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
);
const PARAGRAPH = Buffer.from('<w:p><w:r><w:t>一、主要预期目标：全市一般公共预算收入增长百分之五左右。</w:t></w:r></w:p>'.repeat(4000));

function write(dir: string, name: string, bytes: Buffer | string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  return file;
}

/** A .docx whose body inflates to `mb` MB; `lie` declares a tiny size in the directory instead. */
function docxBomb(mb: number, lie: boolean): Buffer {
  const body = deflateRepeated(PARAGRAPH, Math.ceil((mb * 1024 * 1024) / PARAGRAPH.length));
  return makeZip([
    { name: '[Content_Types].xml', stored: CONTENT_TYPES },
    { name: 'word/document.xml', deflated: body, ...(lie ? { declare: { uncompressedSize: 4096 } } : {}) },
  ]);
}

/** A PDF from numbered objects, with a correct cross-reference table. */
function pdf(objects: string[]): Buffer {
  const parts: string[] = ['%PDF-1.4\n'];
  const offsets: number[] = [];
  let length = Buffer.byteLength(parts[0]);
  objects.forEach((body, i) => {
    offsets.push(length);
    const obj = `${i + 1} 0 obj\n${body}\nendobj\n`;
    parts.push(obj);
    length += Buffer.byteLength(obj);
  });
  const xref = [`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`, ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`)].join('');
  parts.push(xref, `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${length}\n%%EOF\n`);
  return Buffer.from(parts.join(''), 'latin1');
}

function manyPagesPdf(pages: number): Buffer {
  const kids = Array.from({ length: pages }, (_, i) => `${i + 3} 0 R`).join(' ');
  const objects = ['<< /Type /Catalog /Pages 2 0 R >>', `<< /Type /Pages /Count ${pages} /Kids [${kids}] >>`];
  for (let i = 0; i < pages; i++) objects.push('<< /Type /Page /Parent 2 0 R /MediaBox [0 0 10 10] >>');
  return pdf(objects);
}

/** A long table (indicator, period, value) whose one numeric cell is 1e309, i.e. Infinity once read. */
function longTableWithOverflow(): Buffer {
  const rows: (string | number)[][] = [['指标', '时间', '数值'], ['规模以上工业增加值增速(%)', '2025年1-2月', 5.9], ['规模以上工业增加值增速(%)', '2025年1-3月', 6.1]];
  const ws = XLSX.utils.aoa_to_sheet(rows);
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, '月度');
  const bytes = Buffer.from(XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
  // SheetJS will not write a non-finite number, so patch the sheet's XML: `<v>6.1</v>` becomes `<v>1e309</v>`.
  return patchZipEntry(bytes, 'xl/worksheets/sheet1.xml', (xml) => xml.replace('<v>6.1</v>', '<v>1e309</v>'));
}

function patchZipEntry(zipBytes: Buffer, name: string, patch: (xml: string) => string): Buffer {
  // Rebuild the archive with our writer: every entry stored, the one patched.
  const entries = readStoredEntries(zipBytes);
  return makeZip(entries.map((e) => ({ name: e.name, stored: e.name === name ? Buffer.from(patch(e.data.toString('utf8'))) : e.data })));
}

function readStoredEntries(bytes: Buffer): { name: string; data: Buffer }[] {
  // Central directory walk (test helper only): SheetJS writes plain deflate entries.
  const eocd = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = bytes.readUInt16LE(eocd + 10);
  let p = bytes.readUInt32LE(eocd + 16);
  const out: { name: string; data: Buffer }[] = [];
  for (let i = 0; i < count; i++) {
    const method = bytes.readUInt16LE(p + 10);
    const csize = bytes.readUInt32LE(p + 20);
    const nlen = bytes.readUInt16LE(p + 28);
    const elen = bytes.readUInt16LE(p + 30);
    const clen = bytes.readUInt16LE(p + 32);
    const local = bytes.readUInt32LE(p + 42);
    const name = bytes.subarray(p + 46, p + 46 + nlen).toString('utf8');
    const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
    const raw = bytes.subarray(start, start + csize);
    out.push({ name, data: method === 8 ? zlib.inflateRawSync(raw) : Buffer.from(raw) });
    p += 46 + nlen + elen + clen;
  }
  return out;
}

export const HOSTILE_CORPUS: HostileCase[] = [
  {
    name: 'a .docx of 1 MB inflating to 300 MB (declared honestly)',
    via: 'plan',
    fileName: '政府工作报告-炸弹.docx',
    make: (dir) => write(dir, '政府工作报告-炸弹.docx', docxBomb(300, false)),
    message: /压缩|解压.*已拒绝[\s\S]*\/ .*(zip bomb|exceeds the limit|compression ratio)/i,
  },
  {
    name: 'a .docx bomb of 400 MB whose directory declares 4 KB',
    via: 'plan',
    fileName: '计划-谎报大小.docx',
    make: (dir) => write(dir, '计划-谎报大小.docx', docxBomb(400, true)),
    message: /声明的大小[\s\S]*\/ .*beyond its declared size/,
  },
  {
    name: 'a .docx without a Word body',
    via: 'plan',
    fileName: '空壳.docx',
    make: (dir) => write(dir, '空壳.docx', makeZip([{ name: '[Content_Types].xml', stored: CONTENT_TYPES }])),
    message: /没有 Word 正文[\s\S]*\/ The archive holds no Word body/,
  },
  {
    name: 'a 2 KB PDF whose page tree claims 10⁹ pages',
    via: 'plan',
    fileName: '十亿页.pdf',
    make: (dir) => write(dir, '十亿页.pdf', pdf(['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Count 1000000000 /Kids [3 0 R] >>', '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 10 10] >>'])),
    message: /PDF 页数过多（1000000000 页[\s\S]*\/ The PDF has too many pages/,
  },
  {
    name: 'a 2 KB PDF claiming 10⁹ pages behind a comment (seen only by pdfjs: the deadline stops it)',
    via: 'plan',
    fileName: '十亿页-注释.pdf',
    make: (dir) => write(dir, '十亿页-注释.pdf', pdf(['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Count%hidden\n1000000000 /Kids [3 0 R] >>', '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 10 10] >>'])),
    message: /(读取文件超过 \d+ 秒，已停止[\s\S]*\/ Reading the file took over)|(PDF 页数过多[\s\S]*\/ The PDF has too many pages)|(没有文字层[\s\S]*\/ The PDF has no text layer)/,
  },
  {
    name: 'a PDF of 200,000 real pages',
    via: 'plan',
    fileName: '二十万页.pdf',
    make: (dir) => write(dir, '二十万页.pdf', manyPagesPdf(200_000)),
    message: /PDF 页数过多（200000 页[\s\S]*\/ The PDF has too many pages/,
  },
  {
    name: 'a PDF whose page tree contains itself',
    via: 'plan',
    fileName: '循环页树.pdf',
    make: (dir) => write(dir, '循环页树.pdf', pdf(['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Count 1 /Kids [2 0 R] >>'])),
    message: /PDF 文件已损坏或结构无效[\s\S]*\/ The PDF is damaged/,
  },
  {
    name: 'a 100 MB .txt plan (refused by its size, unread)',
    via: 'plan',
    fileName: '超大计划.txt',
    make: (dir) => {
      const file = path.join(dir, '超大计划.txt');
      fs.writeFileSync(file, '');
      fs.truncateSync(file, 100 * 1024 * 1024);
      return file;
    },
    message: /文件过大（100 MB[\s\S]*\/ The file is too large \(100 MB/,
    cliOnly: true,
  },
  {
    name: 'a 20 MB .txt plan (over the text limit)',
    via: 'plan',
    fileName: '过长计划.txt',
    make: (dir) => write(dir, '过长计划.txt', Buffer.alloc(20 * 1024 * 1024, '全年经济增长5%左右。\n')),
    message: /文件过大（20 MB[\s\S]*\/ The file is too large \(20 MB/,
  },
  {
    name: 'a long-table .xlsx with a 1e309 numeric cell',
    via: 'import',
    fileName: '月报-溢出.xlsx',
    make: (dir) => write(dir, '月报-溢出.xlsx', longTableWithOverflow()),
    message: /C3[\s\S]*数值无效[\s\S]*not finite/,
  },
  {
    name: 'a CSV of one 60 MB line',
    via: 'import',
    fileName: '一行.csv',
    make: (dir) => write(dir, '一行.csv', Buffer.concat([Buffer.from('指标,2025年1-2月\n'), Buffer.alloc(60 * 1024 * 1024, 'a')])),
    message: /第 2 行[\s\S]*过长[\s\S]*\/ Line 2 .*too long/,
  },
  {
    name: 'a CSV with one 100,000-character quoted field',
    via: 'import',
    fileName: '长字段.csv',
    make: (dir) => write(dir, '长字段.csv', `指标,2025年1-2月\n"${'长'.repeat(100_000)}",5\n`),
    message: /单元格内容过长[\s\S]*\/ A cell .*too long/,
  },
  {
    name: 'a CSV with a value of 1e308',
    via: 'import',
    fileName: '极大值.csv',
    make: (dir) => write(dir, '极大值.csv', '指标,2025年1-2月,2025年1-3月\n规模以上工业增加值增速(%),5.9,1e308\n'),
    message: /C2[\s\S]*数值无效[\s\S]*not finite|C2[\s\S]*超出/,
  },
];
