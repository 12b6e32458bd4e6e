/** @module encoding – tells UTF-8 from Windows-1252 over the whole file, and transcodes the latter. */
import iconv from 'iconv-lite';
import { digestFile } from '../hash.js';
import { createReadStream, createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';

/** True when every byte of the file is valid UTF-8 (streamed, so a 1 GB export costs no memory). */
export async function isUtf8File(path: string): Promise<boolean> {
  return (await digestFile(path)).utf8;
}

/** Writes `source` (Windows-1252, which includes Latin-1's printable range) as UTF-8 to `target`. */
export async function transcodeToUtf8(source: string, target: string): Promise<void> {
  await pipeline(createReadStream(source), iconv.decodeStream('win1252'), iconv.encodeStream('utf8'), createWriteStream(target));
}
