/** @module peek-kind – a cheap guess of a file's kind from its header, to order a multi-file load. */
import { detectKind } from './kinds/index.js';
import { readCsvHeader } from './readers/csv.js';
import { detectFormat } from './readers/index.js';

export function peekKind(path: string): string | undefined {
  try {
    const format = detectFormat(path);
    if (format === 'json') return 'utfall';
    if (format !== 'csv') return undefined;
    return detectKind(new Set(readCsvHeader(path, path).normalised))?.kind;
  } catch {
    return undefined; // the real load reports the problem
  }
}
