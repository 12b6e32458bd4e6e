/**
 * The readers kept between requests: one reader and one prepared statement serve questions asked one after another,
 * a kept statement answers what the store holds now (after new rows, a replaced table, a replaced macro), and a reader
 * that failed, was given views of its own or outnumbers the pool's bound is closed, never handed to the next question.
 */
import { DuckDBInstance, INTEGER, type DuckDBConnection } from '@duckdb/node-api';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ReaderPool, runKept } from '../../pipeline/store/reader-pool.js';

let instance: DuckDBInstance;
let writer: DuckDBConnection;
beforeEach(async () => {
  instance = await DuckDBInstance.create(':memory:');
  writer = await instance.connect();
  await writer.run('CREATE TABLE t AS SELECT 1 AS a');
  await writer.run('CREATE MACRO twice(x) AS x * 2');
});
afterEach(() => {
  writer.closeSync();
  instance.closeSync();
});

const SQL = 'SELECT sum(twice(a)) + $k AS s FROM t';
/** The answer for `k` on `connection`, through its kept statement. */
async function ask(connection: DuckDBConnection, k: number) {
  return { value: Number((await runKept(connection, SQL, { k }, { k: INTEGER })).getRows()[0][0]) };
}
const isClosed = (connection: DuckDBConnection) =>
  connection.run('SELECT 1').then(
    () => false,
    () => true,
  );

describe('the reader pool', () => {
  it('serves questions one after another from one reader and one statement, which answers the store as it is now', async () => {
    const pool = new ReaderPool(instance);
    const prepares: unknown[] = [];
    const first = await pool.use((c) => {
      vi.spyOn(c, 'prepare').mockImplementation(function (this: DuckDBConnection, sql: string) {
        prepares.push(sql);
        return (Object.getPrototypeOf(c) as DuckDBConnection).prepare.call(this, sql);
      });
      return ask(c, 10);
    });
    // 2·1 + 10
    expect(first.value).toBe(12);
    await writer.run('INSERT INTO t VALUES (4)');
    const second = await pool.use((c) => ask(c, 0));
    // 2·(1 + 4): the new row, with the new value bound
    expect(second.value).toBe(10);
    await writer.run('CREATE OR REPLACE TABLE t AS SELECT 100 AS a');
    expect((await pool.use((c) => ask(c, 0))).value).toBe(200);
    await writer.run('CREATE OR REPLACE MACRO twice(x) AS x * 3');
    expect((await pool.use((c) => ask(c, 0))).value).toBe(300);
    expect(pool.stats()).toEqual({ idle: 1, opened: 1, reused: 3 });
    // four questions, one statement prepared
    expect(prepares).toEqual([SQL]);
    pool.close();
  });

  it('gives two questions at once on one connection their own values', async () => {
    const connection = await instance.connect();
    // the statement kept first, so the four below find it
    expect((await ask(connection, 0)).value).toBe(2);
    const answers = await Promise.all([1, 2, 3, 4].map((k) => ask(connection, k * 100)));
    expect(answers.map((a) => a.value)).toEqual([102, 202, 302, 402]);
    connection.closeSync();
  });

  it('closes a reader whose work failed, and one it was told not to keep', async () => {
    const pool = new ReaderPool(instance);
    let failed!: DuckDBConnection;
    await expect(
      pool.use(async (c) => {
        failed = c;
        await c.run('SELECT * FROM finns_inte');
      }),
    ).rejects.toThrow(/finns_inte/);
    expect(await isClosed(failed)).toBe(true);
    let own!: DuckDBConnection;
    await pool.use(async (c) => {
      own = c;
      await c.run('CREATE TEMP VIEW t AS SELECT 7 AS a');
    }, false);
    expect(await isClosed(own)).toBe(true);
    // Neither came back: the next question opens a reader and sees the table, not the view.
    expect((await pool.use((c) => ask(c, 0))).value).toBe(2);
    expect(pool.stats()).toEqual({ idle: 1, opened: 3, reused: 0 });
    pool.close();
  });

  it('keeps at most its bound of idle readers; closing it closes those idle at once and those in use when done', async () => {
    const pool = new ReaderPool(instance, 2);
    const held: DuckDBConnection[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const running = Array.from({ length: 3 }, () =>
      pool.use(async (c) => {
        held.push(c);
        await gate;
      }),
    );
    while (held.length < 3) await new Promise((resolve) => setTimeout(resolve, 1));
    expect(new Set(held).size).toBe(3);
    release();
    await Promise.all(running);
    expect(pool.stats().idle).toBe(2);
    expect((await Promise.all(held.map(isClosed))).filter(Boolean)).toHaveLength(1);

    let busy!: DuckDBConnection;
    let finish!: () => void;
    const late = pool.use(async (c) => {
      busy = c;
      await new Promise<void>((resolve) => (finish = resolve));
    });
    while (!busy) await new Promise((resolve) => setTimeout(resolve, 1));
    pool.close();
    expect(pool.stats().idle).toBe(0);
    // The late question took one of the two idle readers; every other reader is closed now, that one when it is done.
    expect(held).toContain(busy);
    expect(await Promise.all(held.map(isClosed))).toEqual(held.map((c) => c !== busy));
    finish();
    await late;
    expect(await isClosed(busy)).toBe(true);
  });
});
