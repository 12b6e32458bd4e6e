import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { readColumnsJson } from '../../pipeline/named-queries/read-columns.js';

// DuckDB's own JSON converter is the reference: the fast reader must give exactly its values, type by type.
const COLUMNS = [
  `'Å' || (i % 7)::VARCHAR AS text`,
  `i % 3 = 0 AS flag`,
  `(i % 100)::TINYINT AS tiny`,
  `(i * 7)::SMALLINT AS small`,
  `(i * 1000)::INTEGER AS int`,
  `(i % 200)::UTINYINT AS utiny`,
  `(i * 2)::USMALLINT AS usmall`,
  `(i * 3)::UINTEGER AS uint`,
  `CASE i % 4 WHEN 0 THEN 9007199254740993 WHEN 1 THEN -42 ELSE i END::BIGINT AS big`,
  `CASE i % 5 WHEN 0 THEN 'nan'::DOUBLE WHEN 1 THEN 'inf'::DOUBLE WHEN 2 THEN '-inf'::DOUBLE ELSE i / 7 END AS dbl`,
  `(i / 3)::FLOAT AS flt`,
  `CASE i % 6 WHEN 0 THEN 'infinity'::DATE WHEN 1 THEN DATE '0044-03-15' - 100000 ELSE DATE '2024-01-01' + (i % 40)::INTEGER END AS day`,
  `TIMESTAMP '2024-05-01 12:30:00' + to_minutes(i) AS ts`,
  `(i / 8)::DECIMAL(38, 6) AS dec`,
  `[i, i + 1] AS list`,
  `{'a': i} AS struct`,
  `i::HUGEINT * 1000000000000 AS huge`,
];

describe('reading an answer as JSON-safe columns', () => {
  it('gives exactly what DuckDB’s JSON converter gives, NULLs included, over every type a query returns', async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const c = await instance.connect();
    // NULL every 9th row; over 2 500 rows, so the answer spans more than one chunk.
    const sql = `SELECT ${COLUMNS.map((col) => `CASE WHEN i % 9 = 8 THEN NULL ELSE ${col.replace(/ AS (\w+)$/, ' END AS $1')}`).join(',\n')}
      FROM range(2500) t(i)`;
    const reader = await c.runAndReadAll(sql);
    const expected = reader.getColumnsJson();
    const columns = readColumnsJson(reader);
    expect(columns).toHaveLength(COLUMNS.length);
    for (let i = 0; i < COLUMNS.length; i++) {
      expect(columns[i], reader.columnName(i)).toHaveLength(2500);
      expect(columns[i], reader.columnName(i)).toEqual(expected[i]);
    }
    // The cases that differ from a plain read are there: text for NaN and infinite, BIGINT beyond 2^53 as text.
    const dbl = columns[COLUMNS.findIndex((col) => col.endsWith('dbl'))];
    expect(dbl.slice(0, 3)).toEqual(['NaN', 'Infinity', '-Infinity']);
    expect(columns[COLUMNS.findIndex((col) => col.endsWith('big'))][0]).toBe('9007199254740993');
    expect(columns[COLUMNS.findIndex((col) => col.endsWith('day'))][2]).toBe('2024-01-03');
    expect(columns[0][8]).toBeNull();
    c.closeSync();
    instance.closeSync();
  });
});
