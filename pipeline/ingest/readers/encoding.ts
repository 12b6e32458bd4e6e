/** @module encoding – tells UTF-8 from Windows-1252 over the whole file, and transcodes the latter. */
import iconv from 'iconv-lite';
import { createReadStream, createWriteStream } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { pipeline } from 'node:stream/promises';

/** Bytes at the end of `chunk` that start a UTF-8 sequence the chunk does not finish. */
function incompleteTail(chunk: Buffer): number {
  for (let back = 1; back <= Math.min(3, chunk.length); back++) {
    const byte = chunk[chunk.length - back];
    if ((byte & 0xc0) === 0x80) continue; // continuation byte: look further back
    const need = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return need > back ? back : 0;
  }
  return 0;
}

/** True when every byte of the file is valid UTF-8 (streamed, so a 1 GB export costs no memory). */
export async function isUtf8File(path: string): Promise<boolean> {
  let carry = Buffer.alloc(0);
  for await (const piece of createReadStream(path, { highWaterMark: 1 << 20 })) {
    const chunk = carry.length ? Buffer.concat([carry, piece as Buffer]) : (piece as Buffer);
    const tail = incompleteTail(chunk);
    if (!isUtf8(chunk.subarray(0, chunk.length - tail))) return false;
    carry = Buffer.from(chunk.subarray(chunk.length - tail));
  }
  return carry.length === 0;
}

/** Writes `source` (Windows-1252, which includes Latin-1's printable range) as UTF-8 to `target`. */
export async function transcodeToUtf8(source: string, target: string): Promise<void> {
  await pipeline(createReadStream(source), iconv.decodeStream('win1252'), iconv.encodeStream('utf8'), createWriteStream(target));
}
