// A minimal zip writer for building hostile archives at test time: stored or deflated entries, and the option to
// declare sizes in the central directory that differ from what the data really inflates to (a lying bomb).
import zlib from 'node:zlib';

export interface ZipInput {
  name: string;
  /** Raw deflate data and the size it really inflates to, or plain bytes stored as they are. */
  deflated?: { data: Buffer; size: number; crc: number };
  stored?: Buffer;
  /** Sizes to write into the headers instead of the true ones. */
  declare?: { uncompressedSize: number };
}

export function makeZip(entries: ZipInput[]): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const data = e.deflated ? e.deflated.data : (e.stored ?? Buffer.alloc(0));
    const method = e.deflated ? 8 : 0;
    const trueSize = e.deflated ? e.deflated.size : data.length;
    const crc = e.deflated ? e.deflated.crc : zlib.crc32(data);
    const size = e.declare?.uncompressedSize ?? trueSize;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    parts.push(local, name, data);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(0x0800, 8);
    cd.writeUInt16LE(method, 10);
    cd.writeUInt32LE(crc >>> 0, 16);
    cd.writeUInt32LE(data.length, 20);
    cd.writeUInt32LE(size, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE(offset, 42);
    central.push(cd, name);
    offset += 30 + name.length + data.length;
  }
  const dir = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, dir, end]);
}

/**
 * Deflate `count` copies of `chunk` without ever holding them uncompressed: the chunk is deflated once with a full
 * flush (which resets the history, so copies of it can follow each other in one stream), repeated, and closed
 * with an empty final block. A 400 MB bomb costs the test a few hundred KB and milliseconds.
 */
export function deflateRepeated(chunk: Buffer, count: number): { data: Buffer; size: number; crc: number } {
  const piece = zlib.deflateRawSync(chunk, { level: 9, finishFlush: zlib.constants.Z_FULL_FLUSH });
  let crc = 0;
  for (let i = 0; i < count; i++) crc = zlib.crc32(chunk, crc);
  const finalEmptyBlock = Buffer.from([0x03, 0x00]);
  return { data: Buffer.concat([...Array.from({ length: count }, () => piece), finalEmptyBlock]), size: chunk.length * count, crc };
}
