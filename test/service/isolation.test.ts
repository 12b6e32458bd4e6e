/**
 * No reader sees half a load: 20 readers of two kinds poll the service while `POST /api/v1/ingest` loads an export
 * that replaces every key of the store. They must see exactly the state before and the state after, with no error.
 * (Without the commit gate, readers that start during DuckDB's commit count the new rows beside the old ones.)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDemoFiles } from '../../pipeline/demo/generate.js';
import { CommitGate } from '../../pipeline/store/commit-gate.js';
import { auth, DEMO_ROWS, startTestService, type TestService } from '../helpers/service.js';

let s: TestService;
beforeAll(async () => {
  s = await startTestService();
}, 120_000);
afterAll(() => s?.close());

const SERIES = '/api/v1/queries/indicator_series?indicator=IND01&grain=year';

describe('readers during a load', () => {
  it('see exactly the store before or after a load that replaces every key, and get no error', async () => {
    // Two exports that each replace every key (other seeds, the same keys), loaded one after the other.
    const exports: string[] = [];
    for (const seed of [7, 8]) {
      const files = await writeDemoFiles(join(s.store.dir, `seed-${seed}`), { rows: DEMO_ROWS, seed });
      exports.push(files.find((f) => f.endsWith('utfall.csv'))!);
    }
    const count = async () => ((await (await fetch(`${s.base}/api/v1/health`)).json()) as { observations: number }).observations;
    const series = async () => {
      const res = await fetch(`${s.base}${SERIES}`, { headers: auth('reader') });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      return JSON.stringify(((await res.json()) as { rows: unknown[] }).rows);
    };
    const before = { count: await count(), series: await series() };
    expect(before.count).toBe(DEMO_ROWS);

    const seenCounts = new Map<number, number>();
    const seenSeries = new Map<string, number>();
    const errors: string[] = [];
    let loading = true;
    const poll = async (read: () => Promise<void>) => {
      while (loading) {
        try {
          await read();
        } catch (error) {
          errors.push(String(error));
        }
      }
    };
    const readers = [
      ...Array.from({ length: 10 }, () =>
        poll(async () => {
          const n = await count();
          seenCounts.set(n, (seenCounts.get(n) ?? 0) + 1);
        }),
      ),
      ...Array.from({ length: 10 }, () =>
        poll(async () => {
          const got = await series();
          seenSeries.set(got, (seenSeries.get(got) ?? 0) + 1);
        }),
      ),
    ];
    const states = [before.series];
    for (const file of exports) {
      const form = new FormData();
      form.append('file', new Blob([readFileSync(file)]), 'utfall.csv');
      const res = await fetch(`${s.base}/api/v1/ingest`, { method: 'POST', body: form, headers: auth('controller') });
      const report = (await res.json()) as { status: string; rowsAccepted: number };
      expect(res.status).toBe(200);
      expect(report.status).toBe('loaded');
      states.push(await series());
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    loading = false;
    await Promise.all(readers);

    const after = { count: await count(), series: await series() };
    // Every key replaced: as many rows as before, other values.
    expect(after.count).toBe(DEMO_ROWS);
    expect(after.series).not.toBe(before.series);
    expect(errors).toEqual([]);
    expect([...seenCounts.keys()]).toEqual([DEMO_ROWS]);
    expect(after.series).toBe(states[2]);
    expect(new Set(states).size).toBe(3);
    expect([...seenSeries.keys()].every((x) => states.includes(x))).toBe(true);
    // The readers were really there while it loaded.
    expect([...seenCounts.values()].reduce((a, b) => a + b, 0)).toBeGreaterThan(20);
  }, 180_000);
});

describe('the commit gate', () => {
  it('lets reads run together, holds a commit until they end, and holds reads that arrive while a commit waits', async () => {
    const gate = new CommitGate();
    const order: string[] = [];
    let releaseFirst!: () => void;
    const firstRead = gate.read(() => new Promise<void>((resolve) => (releaseFirst = () => (order.push('read 1 done'), resolve()))));
    const secondRead = gate.read(async () => void order.push('read 2 ran beside read 1'));
    await secondRead;
    const commit = gate.exclusive(async () => void order.push('commit'));
    const lateRead = gate.read(async () => void order.push('late read'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(order).toEqual(['read 2 ran beside read 1']);
    releaseFirst();
    await Promise.all([firstRead, commit, lateRead]);
    expect(order).toEqual(['read 2 ran beside read 1', 'read 1 done', 'commit', 'late read']);
  });

  it('a failing read or commit frees the gate', async () => {
    const gate = new CommitGate();
    await expect(gate.read(async () => Promise.reject(new Error('read failed')))).rejects.toThrow('read failed');
    await expect(gate.exclusive(async () => Promise.reject(new Error('commit failed')))).rejects.toThrow('commit failed');
    expect(await gate.read(async () => 'free')).toBe('free');
    expect(gate.activeReaders).toBe(0);
  });
});
