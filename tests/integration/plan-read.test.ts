// readPlanFile on real files in a temp folder: text encodings, Word, PDF, and the files it must refuse.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PlanFileError, readPlanFile } from '../../electron/plan/readPlanFile';

const PLAN_LINE = '2025年经济社会发展的主要预期目标是：地区生产总值增长6%左右；城镇新增就业18万人以上。';
let dir: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-read-'));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function write(name: string, bytes: Uint8Array | string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  return file;
}

async function refusal(file: string): Promise<PlanFileError> {
  const error = await readPlanFile(file).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PlanFileError);
  const planError = error as PlanFileError;
  // Chinese first, then English.
  const slash = planError.message.search(/\/ [A-Z]/);
  expect(slash, planError.message).toBeGreaterThan(0);
  expect(planError.message.slice(0, slash)).toMatch(/[\u4e00-\u9fff]/);
  return planError;
}

/** A minimal Word document: the parts mammoth needs, one paragraph per line. */
async function minimalDocx(paragraphs: string[]): Promise<Buffer> {
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
  );
  zip.file(
    '_rels/.rels',
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
  );
  const body = paragraphs.map((p) => `<w:p><w:r><w:t xml:space="preserve">${p}</w:t></w:r></w:p>`).join('');
  zip.file(
    'word/document.xml',
    `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`,
  );
  return zip.generateAsync({ type: 'nodebuffer' });
}

/** A minimal PDF written by hand: one page per content stream, Helvetica, with a correct xref table. */
function minimalPdf(pageContents: string[]): Buffer {
  const objects: string[] = [];
  const pageIds = pageContents.map((_, i) => 4 + i * 2);
  objects[1] = '<< /Type /Catalog /Pages 2 0 R >>';
  objects[2] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pageIds.length} >>`;
  objects[3] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>';
  pageContents.forEach((content, i) => {
    const pageId = pageIds[i];
    objects[pageId] = `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents ${pageId + 1} 0 R >>`;
    objects[pageId + 1] = `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`;
  });
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  for (let id = 1; id < objects.length; id++) {
    offsets[id] = Buffer.byteLength(pdf, 'latin1');
    pdf += `${id} 0 obj\n${objects[id]}\nendobj\n`;
  }
  const xrefAt = Buffer.byteLength(pdf, 'latin1');
  pdf += `xref\n0 ${objects.length}\n0000000000 65535 f \n`;
  for (let id = 1; id < objects.length; id++) pdf += `${String(offsets[id]).padStart(10, '0')} 00000 n \n`;
  pdf += `trailer\n<< /Size ${objects.length} /Root 1 0 R >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

describe('readPlanFile: text files', () => {
  it('reads UTF-8 without a BOM', async () => {
    expect(await readPlanFile(write('plan-utf8.txt', PLAN_LINE))).toEqual({ text: PLAN_LINE, format: 'txt' });
  });

  it('reads UTF-8 with a BOM and drops the BOM', async () => {
    const file = write('plan-bom.txt', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(PLAN_LINE, 'utf8')]));
    expect((await readPlanFile(file)).text).toBe(PLAN_LINE);
  });

  it('reads GB18030 (GBK) text', async () => {
    const bytes = iconv.encode(PLAN_LINE, 'gb18030');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    expect(await readPlanFile(write('plan-gbk.txt', bytes))).toEqual({ text: PLAN_LINE, format: 'txt' });
  });

  it('reads the seed plan', async () => {
    const { text, format } = await readPlanFile(path.resolve('seeds/2025-plan.txt'));
    expect(format).toBe('txt');
    expect(text).toContain('地区生产总值增长 6%左右');
  });

  it('refuses an empty file and a file of blanks', async () => {
    expect((await refusal(write('empty.txt', ''))).code).toBe('empty');
    expect((await refusal(write('blank.txt', '  \n\n\t'))).code).toBe('empty');
  });

  it('refuses a binary file named .txt', async () => {
    const binary = Buffer.alloc(512);
    for (let i = 0; i < binary.length; i++) binary[i] = (i * 37) % 256;
    expect((await refusal(write('binary.txt', binary))).code).toBe('binary');
  });

  it('refuses a missing file', async () => {
    expect((await refusal(path.join(dir, 'no-such-plan.txt'))).code).toBe('not_found');
  });
});

describe('readPlanFile: Word', () => {
  it('reads the paragraphs of a .docx', async () => {
    const file = write('plan.docx', await minimalDocx(['一、重点任务', PLAN_LINE]));
    const { text, format } = await readPlanFile(file);
    expect(format).toBe('docx');
    expect(text).toContain('一、重点任务');
    expect(text).toContain(PLAN_LINE);
  });

  it('refuses a .docx that is not a zip', async () => {
    expect((await refusal(write('fake.docx', PLAN_LINE))).code).toBe('not_docx');
  });

  it('refuses a zip that is not a Word document', async () => {
    const zip = new JSZip();
    zip.file('hello.txt', 'hello');
    expect((await refusal(write('other.docx', await zip.generateAsync({ type: 'nodebuffer' })))).code).toBe('not_docx');
  });

  it('refuses a legacy .doc', async () => {
    expect((await refusal(write('old.doc', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0])))).code).toBe('legacy_doc');
  });
});

describe('readPlanFile: PDF', () => {
  it('reads the text layer, pages separated by a blank line', async () => {
    const file = write(
      'plan.pdf',
      minimalPdf(['BT /F1 12 Tf 72 720 Td (GDP growth 6 percent) Tj ET', 'BT /F1 12 Tf 72 720 Td (Coal output 12 billion tonnes) Tj ET']),
    );
    const { text, format } = await readPlanFile(file);
    expect(format).toBe('pdf');
    const pages = text.split('\n\n').map((p) => p.trim());
    expect(pages).toEqual(['GDP growth 6 percent', 'Coal output 12 billion tonnes']);
  });

  it('refuses a PDF without a text layer', async () => {
    const file = write('scan.pdf', minimalPdf(['0 0 1 rg 72 72 200 200 re f']));
    expect((await refusal(file)).code).toBe('no_text_layer');
  });

  it('refuses a .pdf that is not a PDF, and a damaged PDF', async () => {
    expect((await refusal(write('fake.pdf', PLAN_LINE))).code).toBe('not_pdf');
    expect((await refusal(write('broken.pdf', '%PDF-1.4\nthis is not a pdf body'))).code).toBe('unreadable');
  });
});
