/** @module ingest-files – several files in dependency order (organisation before utfall), each its own transaction. */
import type { DuckDBConnection } from '@duckdb/node-api';
import { basename } from 'node:path';
import { KINDS } from './kinds/index.js';
import { loadFile, type LoadOptions, type LoadReport } from './load-file.js';
import { peekKind } from './peek-kind.js';

export interface IngestEffects {
  onFile?: (index: number, total: number, file: string, step: string) => void;
}

/** Loads every file; one refused file does not stop the others. */
export async function ingestFiles(
  connection: DuckDBConnection,
  paths: readonly string[],
  options: LoadOptions = {},
  effects: IngestEffects = {},
): Promise<LoadReport[]> {
  const order = (path: string) => {
    const kind = options.kind ?? options.mapping?.kind ?? peekKind(path);
    const index = KINDS.findIndex((k) => k.kind === kind);
    return index < 0 ? KINDS.length : index;
  };
  const sorted = [...paths].map((p, i) => ({ p, i, o: order(p) })).sort((a, b) => a.o - b.o || a.i - b.i);
  const reports: LoadReport[] = [];
  for (const [index, { p }] of sorted.entries()) {
    reports.push(
      await loadFile(connection, p, { ...options, onStep: (step) => effects.onFile?.(index, sorted.length, basename(p), step) }),
    );
  }
  return reports;
}
