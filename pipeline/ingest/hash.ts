/** @module hash – one streamed pass over a file: its SHA-256, and whether every byte is valid UTF-8. */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { isUtf8 } from 'node:buffer';

/** Bytes at the end of `chunk` that start a UTF-8 sequence the chunk does not finish. */
export function incompleteTail(chunk: Buffer): number {
  for (let back = 1; back <= Math.min(3, chunk.length); back++) {
    const byte = chunk[chunk.length - back];
    if ((byte & 0xc0) === 0x80) continue; // continuation byte: look further back
    const need = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return need > back ? back : 0;
  }
  return 0;
}

export interface FileDigest {
  sha256: string;
  utf8: boolean;
}

export async function digestFile(path: string): Promise<FileDigest> {
  const hash = createHash('sha256');
  let carry = Buffer.alloc(0);
  let utf8 = true;
  for await (const piece of createReadStream(path, { highWaterMark: 1 << 20 })) {
    hash.update(piece as Buffer);
    if (!utf8) continue;
    const chunk = carry.length ? Buffer.concat([carry, piece as Buffer]) : (piece as Buffer);
    const tail = incompleteTail(chunk);
    utf8 = isUtf8(chunk.subarray(0, chunk.length - tail));
    carry = Buffer.from(chunk.subarray(chunk.length - tail));
  }
  return { sha256: hash.digest('hex'), utf8: utf8 && carry.length === 0 };
}
