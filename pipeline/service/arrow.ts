/** @module arrow – an answer as an Apache Arrow IPC stream, with the same columns and types as the JSON. */
import { Bool, DateDay, Dictionary, Float64, Int32, Int64, Table, Utf8, tableToIPC, vectorFromArray, type DataType } from 'apache-arrow';
import type { ColumnSpec, SqlType } from '../named-queries/header.js';

export const ARROW_STREAM = 'application/vnd.apache.arrow.stream';

const ARROW_TYPES: Record<SqlType, () => DataType> = {
  // Text is dictionary-encoded: periods, units and sexes repeat row after row. It still decodes as strings.
  VARCHAR: () => new Dictionary(new Utf8(), new Int32()),
  INTEGER: () => new Int32(),
  BIGINT: () => new Int64(),
  DOUBLE: () => new Float64(),
  BOOLEAN: () => new Bool(),
  DATE: () => new DateDay(),
};

function arrowValue(value: unknown, type: SqlType): unknown {
  if (value === null || value === undefined) return null;
  if (type === 'BIGINT') return BigInt(value as string | number);
  if (type === 'DATE') return new Date(`${String(value)}T00:00:00Z`);
  return value;
}

export function toArrowStream(columns: readonly ColumnSpec[], rows: readonly Record<string, unknown>[]): Uint8Array {
  const vectors = Object.fromEntries(
    columns.map((c) => [
      c.name,
      vectorFromArray(
        rows.map((r) => arrowValue(r[c.name], c.type)),
        ARROW_TYPES[c.type](),
      ),
    ]),
  );
  return tableToIPC(new Table(vectors), 'stream');
}
