// The archive check beside the streamed .xlsx reader (zipSafety.ts checkZipDirectory, readWorkbook.ts): the parts the
// reader inflates whole and checks itself (sheets, shared strings) are not inflated a second time, and yet every
// archive gets the answer it got when every entry was inflated first, in the directory's order.
import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ImportFileError, parseStatisticsFile } from '../../electron/import/parseFile';
import { isStreamedPart } from '../../electron/import/readWorkbook';
import { openXlsx, sheetRows } from '../../electron/import/xlsx/openXlsx';
import { checkZipDirectory, inspectZipArchive } from '../../electron/import/zipSafety';
import { chance, pick, seededRandom, type Rng } from '../helpers/seededRandom';
import { writeZip, type ZipInput } from './helpers/zipWriter';

/** A small NBS-layout workbook on two sheets (shared strings, styles) and a picture: its parts as stored. */
async function bookParts(): Promise<{ name: string; data: Uint8Array }[]> {
  const wb = new ExcelJS.Workbook();
  for (const [sheet, first] of [['煤炭', 0], ['电力', 100]] as const) {
    const ws = wb.addWorksheet(sheet);
    ws.addRow(['指标', '2025年10月', '2025年9月']);
    for (let i = 0; i < 60; i++) ws.addRow([`指标${first + i}当期值(万吨)`, i * 1.5 + 1, i * 1.25 + 1]);
  }
  const parts = Object.entries(unzipSync(new Uint8Array(await wb.xlsx.writeBuffer()))).map(([name, data]) => ({ name, data }));
  return [...parts, { name: 'xl/media/image1.png', data: new Uint8Array(Buffer.from('图片'.repeat(3000), 'utf8')) }];
}

type Damage = 'liar' | 'short' | 'broken' | 'cut' | 'crc';
const DAMAGES: readonly Damage[] = ['liar', 'short', 'broken', 'cut', 'crc'];

function damaged(rng: Rng, part: { name: string; data: Uint8Array }, damage: Damage): ZipInput {
  const size = part.data.byteLength;
  const deflated = zlib.deflateRawSync(part.data);
  switch (damage) {
    case 'liar':
      return { ...part, declaredSize: Math.max(0, size - 1 - Math.floor(rng() * size)) };
    case 'short':
      return { ...part, declaredSize: size + 1 + Math.floor(rng() * 1000) };
    case 'broken': {
      const bytes = new Uint8Array(deflated);
      for (let k = 0; k < 4; k++) bytes[Math.floor(rng() * bytes.length)] ^= 0xff;
      return { ...part, deflated: bytes };
    }
    case 'cut':
      return { ...part, deflated: deflated.subarray(0, Math.floor(deflated.length * rng())) };
    case 'crc':
      return { ...part, crc: (zlib.crc32(part.data) ^ 0x5a5a5a5a) >>> 0 };
  }
}

function shuffled<T>(rng: Rng, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

type Outcome = { ok: true; observations: number } | { ok: false; reason: string; message: string };

async function outcome(work: Promise<{ observationCount: number } | unknown>): Promise<Outcome> {
  try {
    const got = (await work) as { observationCount?: number };
    return { ok: true, observations: got.observationCount ?? -1 };
  } catch (e) {
    if (!(e instanceof ImportFileError)) throw e;
    return { ok: false, reason: e.reason, message: e.message };
  }
}

describe('the archive check beside the streamed reader', () => {
  it('does not inflate again the sheets and shared strings the reader read whole, and does inflate them when it did not', async () => {
    const bytes = writeZip(await bookParts());
    const read = await checkZipDirectory(bytes, undefined, isStreamedPart);
    const verified = new Set<string>();
    const book = await openXlsx(bytes, { verified });
    for (let i = 0; i < book.sheets.length; i++) for await (const batch of sheetRows(book, i)) expect(batch.length).toBeGreaterThan(0);
    book.close();
    await read.finish(verified);
    const streamed = (await bookParts()).map((p) => p.name).filter(isStreamedPart);
    expect(streamed).toEqual(expect.arrayContaining(['xl/worksheets/sheet1.xml', 'xl/worksheets/sheet2.xml', 'xl/sharedStrings.xml']));
    expect(read.inflated.filter(isStreamedPart)).toEqual([]);
    expect(read.inflated).toEqual(expect.arrayContaining(['xl/media/image1.png', 'xl/styles.xml', 'xl/workbook.xml']));

    // A sheet never read is not verified: the check inflates it.
    const unread = await checkZipDirectory(bytes, undefined, isStreamedPart);
    const onlySecond = new Set<string>();
    const second = await openXlsx(bytes, { verified: onlySecond });
    for await (const batch of sheetRows(second, 1)) expect(batch.length).toBeGreaterThan(0);
    second.close();
    await unread.finish(onlySecond);
    expect(unread.inflated.filter(isStreamedPart)).toEqual(['xl/worksheets/sheet1.xml']);
  });

  it('inflates a sheet the reader stopped reading midway', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('大表');
    for (let i = 0; i < 20_000; i++) ws.addRow([`指标${i}`, i, i + 0.5, i + 0.25]);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const checked = await checkZipDirectory(bytes, undefined, isStreamedPart);
    const verified = new Set<string>();
    const book = await openXlsx(bytes, { verified });
    for await (const batch of sheetRows(book, 0)) {
      expect(batch.length).toBeGreaterThan(0);
      break;
    }
    book.close();
    await checked.finish(verified);
    expect(checked.inflated.filter(isStreamedPart)).toEqual(['xl/worksheets/sheet1.xml']);
  });

  it('answers 400 damaged archives as inflating every entry first, in the directory\'s order, answers them', async () => {
    const parts = await bookParts();
    const clean = await outcome(parseStatisticsFile(writeZip(parts), 'clean.xlsx'));
    expect(clean).toEqual({ ok: true, observations: 240 });
    const seen = new Map<string, number>();
    for (let seed = 1; seed <= 400; seed++) {
      const rng = seededRandom(seed);
      // Each part damaged in one way or left whole; the directory in a random order (OPC does not fix one).
      const entries: ZipInput[] = shuffled(rng, parts).map((p) => (chance(rng, 0.2) ? damaged(rng, p, pick(rng, DAMAGES)) : p));
      const bytes = writeZip(entries);
      const checkedFirst = await outcome(inspectZipArchive(bytes));
      const got = await outcome(parseStatisticsFile(bytes, 'damaged.xlsx'));
      const key = checkedFirst.ok ? `passed → ${got.ok ? 'read' : got.reason}` : `refused ${checkedFirst.reason}`;
      seen.set(key, (seen.get(key) ?? 0) + 1);
      if (!checkedFirst.ok) {
        expect({ seed, got }, `seed ${seed}`).toEqual({ seed, got: checkedFirst });
        continue;
      }
      // Every entry inflates to its declared size: only a CRC-32 can still be wrong, which yauzl does not check and
      // the reader does, in the parts it reads.
      const readCrc = entries.some((e) => e.crc !== undefined && (isStreamedPart(e.name) || /workbook\.xml|styles\.xml|\.rels$/.test(e.name)));
      if (readCrc) expect({ seed, reason: got.ok ? 'read' : got.reason }).toEqual({ seed, reason: 'corrupt' });
      else expect({ seed, got }).toEqual({ seed, got: clean });
    }
    // The generated archives reach every kind of answer, so the comparison is not of clean files alone.
    expect([...seen.keys()].sort()).toEqual(expect.arrayContaining(['passed → read', 'passed → corrupt', 'refused zip_bomb', 'refused corrupt']));
    expect(seen.get('passed → read')).toBeLessThan(300);
  });
});
