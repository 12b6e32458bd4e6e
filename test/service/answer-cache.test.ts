/**
 * Answers kept per store version: the same question asked again is served from the cache with the same ETag (304 when
 * the asker holds it), whatever the order of its parameters; a load, an undo or a refusal makes a new version, so no
 * answer from before it is served after; concurrent askers share one computation; errors are never kept.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyFigureListResponse, loadsResponse, portfolioResponse } from '../../pipeline/contracts/index.js';
import { NAMED, namedCallersService, sendExport } from '../helpers/service.js';

const CONTROLLER = NAMED.controller;
const READER = NAMED.reader;

let service: Awaited<ReturnType<typeof namedCallersService>>;
beforeAll(async () => {
  service = await namedCallersService();
});
afterAll(() => service?.store.close());

const get = (path: string, headers: Record<string, string> = {}) =>
  service.app.request(path, { headers: { authorization: `Bearer ${READER}`, ...headers } });
const load = async (name: string, content: string) => (await sendExport(service.app, CONTROLLER, name, content)).status;
const figures = (budget: string) => `nyckeltal;varde;enhet;period\ninvesteringsbudget;${budget};mnkr;införandet\n`;
const budgetOf = async (res: Response) =>
  keyFigureListResponse.parse(await res.json()).keyFigures.find((f) => f.name === 'investeringsbudget')?.valueSek;

describe('answers kept per store version', () => {
  it('serves the same question again from the cache, parameters in any order, and a 304 to one who holds it', async () => {
    expect(await load('nyckeltal-1.csv', figures('2,5'))).toBe(200);
    const first = await get('/api/v1/key-figures?name=investeringsbudget');
    expect(first.status).toBe(200);
    expect(first.headers.get('x-nytta-cache')).toBe('miss');
    expect(first.headers.get('cache-control')).toBe('private, no-cache');
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]{27}"$/);
    expect(first.headers.get('x-request-id')).toBeTruthy();
    expect(await budgetOf(first)).toBe(2_500_000);

    const again = await get('/api/v1/key-figures?name=investeringsbudget');
    expect([again.status, again.headers.get('x-nytta-cache'), again.headers.get('etag')]).toEqual([200, 'hit', etag]);
    expect(again.headers.get('content-type')).toMatch(/^application\/json/);
    expect(again.headers.get('x-request-id')).toBeTruthy();
    expect(await budgetOf(again)).toBe(2_500_000);

    const held = await get('/api/v1/key-figures?name=investeringsbudget', { 'if-none-match': etag });
    expect([held.status, await held.text(), held.headers.get('etag')]).toEqual([304, '', etag]);

    // The same question with its parameters in another order is the same answer.
    const a = await get('/api/v1/queries/load_log?limit=5&load_id=0');
    const b = await get('/api/v1/queries/load_log?load_id=0&limit=5');
    expect(a.status).toBe(200);
    expect([b.headers.get('x-nytta-cache'), b.headers.get('etag')]).toEqual(['hit', a.headers.get('etag')]);
    // JSON and Arrow are two answers.
    const arrow = await get('/api/v1/queries/load_log?limit=5&load_id=0', { accept: 'application/vnd.apache.arrow.stream' });
    expect([arrow.status, arrow.headers.get('content-type'), arrow.headers.get('x-nytta-cache')]).toEqual([
      200,
      'application/vnd.apache.arrow.stream',
      'miss',
    ]);
  });

  it('after a load the answer is asked anew, and one who held the old one gets the new (then after an undo, the old again)', async () => {
    const before = await get('/api/v1/key-figures?name=investeringsbudget');
    const oldTag = before.headers.get('etag')!;
    expect(await load('nyckeltal-2.csv', figures('3'))).toBe(200);
    const after = await get('/api/v1/key-figures?name=investeringsbudget', { 'if-none-match': oldTag });
    expect([after.status, after.headers.get('x-nytta-cache')]).toEqual([200, 'miss']);
    expect(after.headers.get('etag')).not.toBe(oldTag);
    expect(await budgetOf(after)).toBe(3_000_000);

    const { loads } = loadsResponse.parse(await (await get('/api/v1/loads')).json());
    const undo = await service.app.request(`/api/v1/loads/${loads[0].id}/undo`, {
      method: 'POST',
      headers: { authorization: `Bearer ${CONTROLLER}` },
    });
    expect(undo.status).toBe(200);
    // Computed anew after the undo, it is the same bytes as before the load: one who held those gets a 304.
    const held = await get('/api/v1/key-figures?name=investeringsbudget', { 'if-none-match': oldTag });
    expect([held.status, held.headers.get('x-nytta-cache'), held.headers.get('etag'), await held.text()]).toEqual([
      304,
      'miss',
      oldTag,
      '',
    ]);
    const undone = await get('/api/v1/key-figures?name=investeringsbudget');
    expect(undone.headers.get('x-nytta-cache')).toBe('hit');
    expect(await budgetOf(undone)).toBe(2_500_000);
    // The same bytes as before the load: the same strong ETag.
    expect(undone.headers.get('etag')).toBe(oldTag);
  });

  it('a load moves the version once: the rollup check after it commits nothing on a store too small for one', async () => {
    const commits = service.deps.gate.commits;
    expect(await load('nyckeltal-once.csv', figures('7'))).toBe(200);
    await service.deps.writes.idle();
    expect(service.deps.gate.commits).toBe(commits + 1);
    // So an answer kept right after the load is still the current version's once the write's clean-up has run.
    const first = await get('/api/v1/key-figures?name=investeringsbudget');
    await service.deps.writes.idle();
    expect((await get('/api/v1/key-figures?name=investeringsbudget')).headers.get('etag')).toBe(first.headers.get('etag'));
    expect((await get('/api/v1/key-figures?name=investeringsbudget')).headers.get('x-nytta-cache')).toBe('hit');
  });

  it('a refused load is a new version too: the loads list shows it at once', async () => {
    const before = loadsResponse.parse(await (await get('/api/v1/loads')).json()).loads.length;
    expect(await load('fel.csv', figures('tre'))).toBe(422);
    const after = await get('/api/v1/loads');
    expect(after.headers.get('x-nytta-cache')).toBe('miss');
    const { loads } = loadsResponse.parse(await after.json());
    expect([loads.length, loads[0].file, loads[0].status]).toEqual([before + 1, 'fel.csv', 'refused']);
  });

  it('askers at the same time share one computation; errors are never kept', async () => {
    const statsBefore = service.deps.answers.stats();
    const answers = await Promise.all(Array.from({ length: 12 }, () => get('/api/v1/queries/catalogue_indicators')));
    expect(new Set(answers.map((r) => r.status))).toEqual(new Set([200]));
    expect(new Set(answers.map((r) => r.headers.get('etag'))).size).toBe(1);
    const stats = service.deps.answers.stats();
    expect(stats.misses - statsBefore.misses).toBe(1);
    expect(stats.shared + stats.hits - statsBefore.shared - statsBefore.hits).toBe(11);

    for (let i = 0; i < 2; i++) {
      const bad = await get('/api/v1/key-figures?namn=x');
      expect(bad.status).toBe(400);
      expect(bad.headers.get('x-nytta-cache')).toBeNull();
    }
    expect(service.deps.answers.stats().entries).toBe(stats.entries);
  });

  it("a route's own questions asked as of an earlier load are kept apart from today's (the portfolio asks the business case)", async () => {
    const kalkyl = (benefit: number) =>
      `program;scenario;år;post;kategori;plan_utfall;belopp_kr\nKC;bas;2026;kostnad;drift;plan;100\nKC;bas;2027;nytta;tid;plan;${benefit}\n`;
    expect(await load('kalkyl-kc-1.csv', kalkyl(300))).toBe(200);
    expect(await load('kalkyl-kc-2.csv', kalkyl(500))).toBe(200);
    const { loads } = loadsResponse.parse(await (await get('/api/v1/loads')).json());
    const earlier = loads.find((l) => l.file === 'kalkyl-kc-1.csv')!.id;
    const npvOf = async (path: string) => portfolioResponse.parse(await (await get(path)).json()).programs.find((p) => p.id === 'KC')!.npv;
    // By hand at 3 %: −100 + 300 / 1,03 then, −100 + 500 / 1,03 now. Asked in this order, the inner business-case
    // answer made for the earlier load was once kept as today's and served to the question after it.
    expect(await npvOf(`/api/v1/portfolio?asOf=${earlier}`)).toBeCloseTo(-100 + 300 / 1.03, 9);
    expect(await npvOf('/api/v1/portfolio')).toBeCloseTo(-100 + 500 / 1.03, 9);
  });

  it('the version moves at the commit, inside the gate: a poll between a commit and the end of its write gets the new answer', async () => {
    const path = '/api/v1/queries/load_log?limit=1000';
    const loaded = (body: { rows: { status: string }[] }) => body.rows.filter((r) => r.status === 'loaded').length;
    const held = await get(path);
    let etag = held.headers.get('etag')!;
    let body = (await held.json()) as { rows: { status: string }[] };
    const polls: { health: number; answer: number; status: number }[] = [];
    // A poller that asks right after each commit, while the write that made it is still cleaning up: health first
    // (it reads the store), then the question with the ETag it holds.
    const poll = async () => {
      const health = ((await (await service.app.request('/api/v1/health')).json()) as { loads: number }).loads;
      const res = await get(path, { 'if-none-match': etag });
      if (res.status === 200) {
        etag = res.headers.get('etag')!;
        body = (await res.json()) as { rows: { status: string }[] };
      }
      polls.push({ health, answer: loaded(body), status: res.status });
    };
    const gate = service.deps.gate;
    const exclusive = gate.exclusive.bind(gate);
    gate.exclusive = async <T>(work: () => Promise<T>) => {
      const result = await exclusive(work);
      await poll();
      return result;
    };
    try {
      expect(await load('nyckeltal-poll-1.csv', figures('4'))).toBe(200);
      expect(await load('nyckeltal-poll-2.csv', figures('5'))).toBe(200);
      const { loads } = loadsResponse.parse(await (await get('/api/v1/loads')).json());
      const undo = await service.app.request(`/api/v1/loads/${loads[0].id}/undo`, {
        method: 'POST',
        headers: { authorization: `Bearer ${CONTROLLER}` },
      });
      expect(undo.status).toBe(200);
    } finally {
      gate.exclusive = exclusive;
    }
    expect(polls.length).toBeGreaterThanOrEqual(3);
    // Every poll's answer counts the loads health has just counted: none was the version from before the commit.
    for (const p of polls) expect(p.answer, JSON.stringify(polls)).toBe(p.health);
  });
});
