/**
 * Heavy questions never starve the service: every reading route (the workbook route too) runs under the time limit,
 * work stops when its caller goes away, and costly questions take a bounded number of slots and a bounded queue (503
 * with Retry-After beyond it) while health and kept answers go on. How fast health answers under twenty costly questions
 * is measured in `npm run bench`; here what is asserted is what happens.
 */
import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUERIES_DIR } from '../../pipeline/service/start.js';
import { auth, startTestService, type TestService } from '../helpers/service.js';
import { tempDir } from '../helpers/store.js';

const TIMEOUT_MS = 5000;
let s: TestService;

beforeAll(async () => {
  const dir = tempDir();
  // A copy of queries/ plus one that counts for minutes unless interrupted.
  const queries = join(dir, 'queries');
  cpSync(QUERIES_DIR, queries, { recursive: true });
  writeFileSync(
    join(queries, 'slow.sql'),
    '-- name: slow\n-- description: räknar länge\n-- column: total BIGINT\nSELECT count(*) AS total FROM range(500000000000) t(i) WHERE i % 7 = 3\n',
  );
  const config = join(dir, 'nytta.json');
  // The per-query limit is generous, so that only the request's own stop can end the slow query early.
  writeFileSync(config, JSON.stringify({ timeoutMs: TIMEOUT_MS, costlySlots: 1, costlyQueue: 1 }));
  s = await startTestService({ queriesDir: queries, env: { NYTTA_TOKENS: 'reader-token-0123456789:reader', NYTTA_CONFIG: config } });
}, 180_000);
afterAll(() => s?.close());

const get = (path: string, init: RequestInit = {}) => fetch(`${s.base}${path}`, { ...init, headers: auth('reader') });
const HEAVY = 'program=FVIS&level=enhet&breakdown=age&baselineMonths=57';

/** Polls until `done` holds, for at most `ms`. */
async function until(done: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (!done() && Date.now() < end) await new Promise((r) => setTimeout(r, 25));
  return done();
}

describe('heavy questions', () => {
  it('the workbook route is under the time limit: a 504 in Swedish, and health answers while the file is being written', async () => {
    const workbook = get(`/api/v1/workbooks/uppfoljning?${HEAVY}&years=10`);
    // While it is written (over a minute of ExcelJS on its own), the service answers.
    await new Promise((r) => setTimeout(r, 2500));
    const health = await fetch(`${s.base}/api/v1/health`);
    expect(health.status).toBe(200);
    const res = await workbook;
    expect(res.status).toBe(504);
    expect(((await res.json()) as { detail: string }).detail).toBe(
      `Frågan avbröts efter ${TIMEOUT_MS} ms, tjänstens tidsgräns. Begränsa den (färre enheter, år eller uppdelningar) och försök igen.`,
    );
  });

  it('a caller who goes away stops its question: DuckDB is interrupted and the reader freed at once, not at the time limit', async () => {
    const caller = new AbortController();
    const asked = get('/api/v1/queries/slow', { signal: caller.signal }).catch(() => null);
    expect(await until(() => s.deps.gate.activeReaders > 0, 3000)).toBe(true);
    const left = Date.now();
    caller.abort();
    await asked;
    expect(await until(() => s.deps.gate.activeReaders === 0, TIMEOUT_MS - 2000)).toBe(true);
    // Freed by the caller's leaving, well before the time limit would have stopped it.
    expect(Date.now() - left).toBeLessThan(TIMEOUT_MS - 2000);
  });

  it('costly questions take the slots and the queue; beyond them a 503 with Retry-After; health and kept answers go on', async () => {
    // The slot is free once the work before has truly stopped (a stopped workbook's plans may still be finishing).
    const costlyNow = async () => ((await (await fetch(`${s.base}/api/v1/health`)).json()) as { costly: { running: number } }).costly;
    for (let i = 0; i < 200 && (await costlyNow()).running > 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(await costlyNow()).toEqual({ running: 0, waiting: 0, slots: 1, queue: 1 });
    const kept = await get('/api/v1/queries/catalogue_programs');
    expect(kept.status).toBe(200);
    const finished: string[] = [];
    // Questions no one has asked yet (the workbook above asked some follow-ups, and their answers are kept).
    const costly = [6, 5, 4, 3].map((years) =>
      get(`/api/v1/followup?${HEAVY}&years=${years}`).then(async (res) => {
        finished.push(`followup ${years}`);
        return { status: res.status, retryAfter: res.headers.get('retry-after'), body: (await res.json()) as { detail?: string } };
      }),
    );
    // Asked while the costly ones run or wait: neither waits for a slot.
    const [health, again] = await Promise.all([
      fetch(`${s.base}/api/v1/health`).then((res) => (finished.push('health'), res.status)),
      get('/api/v1/queries/catalogue_programs').then((res) => (finished.push('kept'), [res.status, res.headers.get('x-nytta-cache')])),
    ]);
    const answers = await Promise.all(costly);
    expect(health).toBe(200);
    expect(again).toEqual([200, 'hit']);
    // One slot, one place in the queue: two of the four are turned away at once.
    const busy = answers.filter((a) => a.status === 503);
    expect(busy).toHaveLength(2);
    for (const b of busy) {
      expect(b.retryAfter).toBe('5');
      expect(b.body.detail).toBe('Tjänsten räknar redan på 2 tunga frågor; försök igen om 5 sekunder.');
    }
    expect(answers[0].status).toBe(200);
    // Health and the kept answer came back before the costly question that held the slot.
    expect(finished.indexOf('health')).toBeLessThan(finished.indexOf('followup 6'));
    expect(finished.indexOf('kept')).toBeLessThan(finished.indexOf('followup 6'));
  });
});
