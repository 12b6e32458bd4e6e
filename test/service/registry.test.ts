import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadQueries } from '../../pipeline/named-queries/registry.js';
import { runNamedQuery } from '../../pipeline/named-queries/run-query.js';
import { QUERIES_DIR } from '../../pipeline/service/start.js';
import { tempDir, tempStore } from '../helpers/store.js';

describe('the query registry', () => {
  let store: Awaited<ReturnType<typeof tempStore>>;
  beforeAll(async () => {
    store = await tempStore();
  });
  afterAll(() => store.close());

  it('loads every shipped query file', async () => {
    const queries = await loadQueries(store.connection, QUERIES_DIR);
    expect([...queries.keys()]).toEqual(
      expect.arrayContaining([
        'indicator_series',
        'baseline',
        'followup',
        'followup_chain',
        'business_case',
        'production_loss',
        'risk_register',
        'risk_matrix',
        'load_log',
        'catalogue_programs',
        'catalogue_effect_goals',
        'catalogue_benefits',
        'catalogue_indicators',
        'catalogue_org_units',
      ]),
    );
  });

  const header = (name: string, extra = '') => `-- name: ${name}\n-- description: test\n${extra}`;
  const CASES: [string, string, RegExp][] = [
    ['a statement that changes the store', `${header('q')}DELETE FROM observation`, /bara SELECT är tillåtet/],
    ['two statements', `${header('q')}SELECT 1 AS a; SELECT 2 AS a`, /exakt en sats, inte 2/],
    ['an undeclared parameter', `${header('q', '-- column: a INTEGER\n')}SELECT 1 AS a WHERE $x = 1`, /deklarerar: \$x/],
    [
      'a declared parameter never used',
      `${header('q', '-- param: x VARCHAR\n-- column: a INTEGER\n')}SELECT 1 AS a`,
      /SQL inte använder: x/,
    ],
    [
      'columns that differ from the SQL',
      `${header('q', '-- column: a VARCHAR\n')}SELECT 1 AS a`,
      /rubrikens kolumner \(a VARCHAR\) stämmer inte med SQL-satsens \(a INTEGER\)/,
    ],
    ['SQL that does not prepare', `${header('q', '-- column: a INTEGER\n')}SELECT a FROM nowhere`, /kan inte förberedas/],
  ];
  it.each(CASES)('refuses %s', async (_name, text, message) => {
    const dir = tempDir();
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'q.sql'), text);
    await expect(loadQueries(store.connection, dir)).rejects.toThrow(message);
  });

  it('integers beyond 2^53 leave as exact strings, doubles without float noise', async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'numbers.sql'),
      `${header('numbers', '-- column: big BIGINT\n-- column: small BIGINT\n-- column: x DOUBLE\n')}SELECT 9007199254740993::BIGINT AS big, 42::BIGINT AS small, 0.1::DOUBLE + 0.2::DOUBLE AS x`,
    );
    const query = (await loadQueries(store.connection, dir)).get('numbers')!;
    const answer = await runNamedQuery(store.connection, query, {}, { rowLimit: 10, timeoutMs: 1000 });
    expect(answer.rows).toEqual([{ big: '9007199254740993', small: 42, x: 0.3 }]);
  });

  it('a new .sql file is a new query, without code', async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'count_loads.sql'),
      `${header('count_loads', '-- column: loads BIGINT\n')}SELECT count(*) AS loads FROM load_log`,
    );
    const queries = await loadQueries(store.connection, dir);
    expect(queries.get('count_loads')?.columns).toEqual([{ name: 'loads', type: 'BIGINT', when: undefined, description: undefined }]);
  });
});
