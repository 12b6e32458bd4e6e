/** The named queries' row types are what their headers declare: the generated file is up to date, and holds. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { QUERY_ROWS_FILE } from '../../pipeline/named-queries/row-types.js';
import { formattedRowTypes } from '../../pipeline/named-queries/write-row-types.js';
import { parseQueryFile } from '../../pipeline/named-queries/header.js';
import { queryRowSchemas } from '../../pipeline/contracts/index.js';
import { DuckDBInstance } from '@duckdb/node-api';
import { paramsSchema } from '../../pipeline/named-queries/params.js';
import { HeaderBrokenError, runNamedQuery } from '../../pipeline/named-queries/run-query.js';

describe('typed named queries', () => {
  it('pipeline/contracts/query-rows.ts is what the headers give (npm run query-types writes it)', async () => {
    expect(readFileSync(QUERY_ROWS_FILE, 'utf8'), 'run npm run query-types').toBe(await formattedRowTypes());
  });

  it('a row type follows its header: NOT NULL, nullable, and optional for a column shown only for some parameters', () => {
    const series = queryRowSchemas.indicator_series;
    expect(series.parse({ period: '2024', value: null, n: null, status: null })).toEqual({
      period: '2024',
      value: null,
      n: null,
      status: null,
    });
    expect(series.safeParse({ period: null, value: null, n: null, status: null }).success).toBe(false);
    expect(series.safeParse({ period: '2024', sex: 'K', value: 0.5, n: '9007199254740993', status: null }).success).toBe(true);
  });

  it('a column suppression blanks cannot be declared NOT NULL', () => {
    const text = [
      '-- name: q',
      '-- description: d',
      '-- column: n BIGINT',
      '-- column: value DOUBLE NOT NULL',
      '-- suppress: count=n values=value',
      'SELECT 1 AS n, 2.0 AS value',
    ].join('\n');
    expect(() => parseQueryFile('q.sql', 'q', text)).toThrow(/kan inte vara NOT NULL/);
  });

  it('an answer with NULL where its header promised a value is refused, never handed on as its row type', async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    try {
      const header = (sql: string) =>
        parseQueryFile('q.sql', 'q', ['-- name: q', '-- description: d', '-- column: x VARCHAR NOT NULL', sql].join('\n'));
      const query = (sql: string) => ({ ...header(sql), schema: paramsSchema(header(sql)) });
      const run = (sql: string) => runNamedQuery(connection, query(sql), {}, { rowLimit: 10, timeoutMs: 5000 });
      expect((await run("SELECT 'a' AS x UNION ALL SELECT 'b'")).rows).toEqual([{ x: 'a' }, { x: 'b' }]);
      await expect(run("SELECT 'a' AS x UNION ALL SELECT NULL")).rejects.toThrow(HeaderBrokenError);
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  });
});
