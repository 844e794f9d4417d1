// inspectZipArchive inflates every entry once, counting its bytes, through its own inflater rather than yauzl's
// decoding chain (zipSafety.ts drainEntry). Whatever the archive, the answer must be the one yauzl's chain gave:
// the same directory, or the same refusal (reason and message), for honest, lying, truncated, broken, stored,
// encrypted and unknown-method entries, small and over many inflate chunks.
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import { inspectZipArchive } from '../../electron/import/zipSafety';
import { ImportFileError } from '../../electron/import/importFileError';
import { deflateRepeated, makeZip, type ZipInput } from '../hostile/makeZip';

/** The drain as it was: yauzl's own decoding read stream, validating the entry's size. */
function yauzlDrain(bytes: Buffer): Promise<unknown> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: false, decodeStrings: true }, (err, zip) => {
      if (err || !zip) return reject(err);
      const entries: yauzl.Entry[] = [];
      zip.on('error', reject);
      zip.on('entry', (e: yauzl.Entry) => {
        entries.push(e);
        zip.readEntry();
      });
      zip.on('end', async () => {
        try {
          for (const entry of entries) {
            if (entry.fileName.endsWith('/')) continue;
            await new Promise<void>((res, rej) =>
              zip.openReadStream(entry, (e, s) => {
                if (e || !s) return rej(e);
                s.on('error', rej);
                s.on('end', () => res());
                s.resume();
              }),
            );
          }
          resolve(entries.length);
        } catch (e) {
          reject(e);
        } finally {
          zip.close();
        }
      });
      zip.readEntry();
    });
  });
}

/** What inspectZipArchive answers, in a comparable form. */
async function outcome(bytes: Buffer): Promise<unknown> {
  try {
    return { ok: (await inspectZipArchive(bytes)).map((e) => e.name) };
  } catch (e) {
    const err = e as ImportFileError;
    return { reason: err.reason, message: err.message };
  }
}

/** The same answer, from the drain as it was: its errors mapped as inspectZipArchive maps them (zipError). */
async function outcomeBefore(bytes: Buffer): Promise<unknown> {
  try {
    await yauzlDrain(bytes);
    return { ok: (await inspectZipArchive(bytes)).map((e) => e.name) };
  } catch (e) {
    const message = (e as Error).message;
    if (/too many bytes|uncompressedSize/i.test(message)) return { reason: 'zip_bomb', message: '条目解压后超过其声明的大小，疑似压缩炸弹，已拒绝 / An entry expands beyond its declared size; refused as a possible zip bomb' };
    return { reason: 'corrupt', message: `文件已损坏或不完整（zip 结构无效）/ The file is corrupt or truncated (invalid zip structure: ${message.slice(0, 200)})` };
  }
}

function deflated(data: Buffer): { data: Buffer; size: number; crc: number } {
  return { data: zlib.deflateRawSync(data), size: data.length, crc: zlib.crc32(data) };
}

function withMethod(zip: Buffer, method: number): Buffer {
  const out = Buffer.from(zip);
  out.writeUInt16LE(method, 8);
  const cd = out.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
  out.writeUInt16LE(method, cd + 10);
  return out;
}

function withFlag(zip: Buffer, flag: number): Buffer {
  const out = Buffer.from(zip);
  out.writeUInt16LE(flag, 6);
  const cd = out.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
  out.writeUInt16LE(flag, cd + 8);
  return out;
}

describe('inspectZipArchive drains entries as yauzl did', () => {
  const text = Buffer.from('<sheetData>'.repeat(40_000));
  const big = deflateRepeated(Buffer.from('<row r="1"><c r="A1"><v>1</v></c></row>'), 30_000);
  const broken = deflated(text);
  broken.data = Buffer.concat([broken.data.subarray(0, 200), Buffer.alloc(64, 0xff), broken.data.subarray(264)]);
  const cases: [string, Buffer][] = [
    ['honest deflated and stored entries', makeZip([{ name: '[Content_Types].xml', stored: Buffer.from('<x/>') }, { name: 'xl/worksheets/sheet1.xml', deflated: deflated(text) }, { name: 'xl/big.xml', deflated: big }])],
    ['an empty entry and a folder', makeZip([{ name: 'xl/', stored: Buffer.alloc(0) }, { name: 'empty.xml', deflated: deflated(Buffer.alloc(0)) }])],
    ['a declared size below the real one (one chunk)', makeZip([{ name: 'a.xml', deflated: deflated(text), declare: { uncompressedSize: 1000 } } as ZipInput])],
    ['a declared size below the real one (many chunks)', makeZip([{ name: 'a.xml', deflated: big, declare: { uncompressedSize: big.size - 1 } }])],
    ['a declared size above the real one', makeZip([{ name: 'a.xml', deflated: deflated(text), declare: { uncompressedSize: text.length + 1 } }])],
    ['broken deflate data', makeZip([{ name: 'a.xml', deflated: broken }])],
    ['deflate data cut short', makeZip([{ name: 'a.xml', deflated: { ...deflated(text), data: deflated(text).data.subarray(0, 100) } }])],
    ['an unknown compression method', withMethod(makeZip([{ name: 'a.xml', stored: Buffer.from('<x/>') }]), 12)],
    ['an encrypted entry', withFlag(makeZip([{ name: 'a.xml', deflated: deflated(text) }]), 0x0801)],
  ];
  for (const [name, bytes] of cases) {
    it(name, async () => {
      const before = await outcomeBefore(bytes);
      expect(await outcome(bytes)).toEqual(before);
    });
  }

  it('refuses what it should (the cases are not all accepted)', async () => {
    const answers = await Promise.all(cases.map(([, bytes]) => outcome(bytes)));
    expect(answers.filter((a) => 'ok' in (a as object)).length).toBe(2);
    expect(answers.filter((a) => (a as { reason?: string }).reason === 'zip_bomb').length).toBe(2);
  });
});
