/**
 * Nothing a user loads is lost: a revised business case, a corrected observations export and new targets keep what
 * they replaced; `asOf` answers as the store stood after any load; an undo withdraws a load and is itself undone;
 * an undo that would lose later work is refused; a purge removes only history replaced before its date. The expected
 * figures are worked by hand from the files in test/fixtures/audit (see its PROVENANCE.md) and the edits made here.
 */
import ExcelJS from 'exceljs';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessCaseResponse, CLIENT_HEADER, loadsResponse, queryAnswer, undoResponse } from '../../pipeline/contracts/index.js';
import { buildService } from '../../pipeline/service/start.js';
import { showStoreAsOf } from '../../pipeline/store/history.js';
import { planPurge, purgeHistory } from '../../pipeline/store/purge.js';
import { targetComparisonBlock } from '../../addin/sheets/version-compare.js';
import { libreOfficeAvailable, recalculateXlsx } from '../helpers/libreoffice.js';
import { count, FIXTURES, fingerprint, rows, tempStore } from '../helpers/store.js';

const CONTROLLER = 'controller-token-0123456789';
const READER = 'reader-token-0123456789';
const AUDIT = join(FIXTURES, 'audit');
const fixture = (name: string) => readFileSync(join(AUDIT, name), 'utf8');

let store: Awaited<ReturnType<typeof tempStore>>;
let app: Awaited<ReturnType<typeof buildService>>['app'];

async function send(name: string, content: string): Promise<number> {
  const form = new FormData();
  form.append('file', new Blob([content]), name);
  const res = await app.request('/api/v1/ingest', { method: 'POST', body: form, headers: { authorization: `Bearer ${CONTROLLER}` } });
  const body = (await res.json()) as { loadId: number; detail?: string };
  if (res.status !== 200) throw new Error(`${name}: ${res.status} ${body.detail}`);
  return body.loadId;
}
async function get(path: string, token = READER): Promise<{ status: number; body: Record<string, unknown> & { detail?: string } }> {
  const res = await app.request(path, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> & { detail?: string } };
}
async function undo(id: number, token = CONTROLLER) {
  const res = await app.request(`/api/v1/loads/${id}/undo`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> & { detail?: string } };
}
const npv = async (asOf?: number | string) => {
  const { status, body } = await get(`/api/v1/business-case?program=KOM&scenario=bas&rate=0.1${asOf === undefined ? '' : `&asOf=${asOf}`}`);
  expect(status, body.detail).toBe(200);
  return businessCaseResponse.parse(body).npv;
};
const loads = async () => loadsResponse.parse((await get('/api/v1/loads')).body).loads;

let firstCase: number;
beforeAll(async () => {
  store = await tempStore();
  const env = { NYTTA_TOKENS: `${CONTROLLER}:controller:Karin Controller,${READER}:reader:Rita Läsare` };
  ({ app } = await buildService(store, { host: '127.0.0.1', port: 0, env }));
  for (const name of ['organisation.csv', 'indikatorer.csv', 'utfall-besok.csv']) await send(name, fixture(name));
  firstCase = await send('nyttokalkyl-kom.csv', fixture('nyttokalkyl-kom.csv'));
}, 60_000);
afterAll(() => store?.close());

// The plan of scenario bas, revised: Regionen's införande in 2025 costs 1 100 instead of 1 000. The file replaces the
// scenario's plan (8 lines) and leaves its outcome, its forecast and scenario platt alone.
const revisedPlan = () => {
  const lines = fixture('nyttokalkyl-kom.csv').trim().split('\n');
  const plan = lines.filter((l) => l.startsWith('KOM;bas;') && l.includes(';plan;'));
  expect(plan).toHaveLength(8);
  return [
    lines[0],
    ...plan.map((l) =>
      l.replace('KOM;bas;2025;kostnad;införande;Regionen;plan;1000;', 'KOM;bas;2025;kostnad;införande;Regionen;plan;1100;'),
    ),
  ].join('\n');
};

describe('a revised business case', () => {
  it('answers the revision, answers the first version asOf its load, is undone and redone, and every step is a load', async () => {
    // By hand at 10 %, first year undiscounted: the first version's NPV is 200 (business-case-audit.test.ts); 100 more
    // in 2025 makes it 100.
    expect(await npv()).toBeCloseTo(200, 9);
    const revision = await send('nyttokalkyl-kom-rev.csv', revisedPlan());
    expect(await npv()).toBeCloseTo(100, 9);
    expect(await npv(firstCase)).toBeCloseTo(200, 9);
    expect(await npv(revision)).toBeCloseTo(100, 9);

    const listed = await loads();
    const rev = listed.find((l) => l.id === revision)!;
    expect([rev.file, rev.kind, rev.rowsAccepted, rev.rowsReplaced, rev.loadedBy]).toEqual([
      'nyttokalkyl-kom-rev.csv',
      'nyttokalkyl',
      8,
      8,
      'Karin Controller',
    ]);
    expect(listed.find((l) => l.id === firstCase)).toMatchObject({
      file: 'nyttokalkyl-kom.csv',
      loadedBy: 'Karin Controller',
      undoneBy: null,
    });

    // A reader may not undo; the controller may, and the undo is a load of its own.
    expect((await undo(revision, READER)).status).toBe(403);
    const undone = await undo(revision);
    expect(undone.status, undone.body.detail).toBe(200);
    const report = undoResponse.parse(undone.body);
    expect(report).toMatchObject({ undone: revision, rowsRemoved: 8, rowsRestored: 8 });
    expect(report.load).toMatchObject({ kind: 'ångra', undoes: revision, loadedBy: 'Karin Controller' });
    expect(await npv()).toBeCloseTo(200, 9);
    // History is kept through the undo: the revision is still what the store said right after it.
    expect(await npv(revision)).toBeCloseTo(100, 9);
    expect((await loads()).find((l) => l.id === revision)!.undoneBy).toBe(report.undoId);

    // Undoing it twice is refused; undoing the undo brings the revision back.
    const again = await undo(revision);
    expect(again.status).toBe(409);
    expect(again.body.detail).toContain(`är redan ångrad (av ${report.undoId})`);
    const redo = undoResponse.parse((await undo(report.undoId)).body);
    expect(await npv()).toBeCloseTo(100, 9);
    expect((await loads()).find((l) => l.id === revision)!.undoneBy).toBeNull();
    // The revision is back, as the redo's rows: to withdraw it now, undo the redo.
    const stale = await undo(revision);
    expect(stale.status).toBe(409);
    expect(stale.body.detail).toContain(`Ångra ${redo.undoId} i stället`);
    expect((await undo(redo.undoId)).status).toBe(200);
    expect(await npv()).toBeCloseTo(200, 9);
  });

  it('refuses to undo a load whose rows a later load replaced, naming the later load', async () => {
    const first = await send('nyckeltal.csv', fixture('nyckeltal.csv'));
    const later = await send('nyckeltal-rattad.csv', fixture('nyckeltal.csv').replace(';500;', ';650;'));
    const refused = await undo(first);
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toContain(`inläsning ${later} (nyckeltal-rattad.csv`);
    expect(refused.body.detail).toContain(`Ångra ${later} först`);
    const unknown = await undo(999999);
    expect(unknown.status).toBe(404);
    expect(unknown.body.detail).toContain('ingen inläsning med id 999999');
  });
});

describe('compare versions', () => {
  it.runIf(libreOfficeAvailable())(
    'the Nyttokalkyl sheet as of the revision beside the first version: NPV, payback and 2025 costs, the differences recalculated by LibreOffice',
    async () => {
      const revision = (await loads()).find((l) => l.file === 'nyttokalkyl-kom-rev.csv')!.id;
      const res = await app.request(
        `/api/v1/workbooks/nyttokalkyl?program=KOM&scenario=bas&rate=0.1&asOf=${revision}&compareAsOf=${firstCase}`,
        {
          headers: { authorization: `Bearer ${READER}` },
        },
      );
      expect(res.status).toBe(200);
      const path = join(store.dir, 'compare.xlsx');
      writeFileSync(path, Buffer.from(await res.arrayBuffer()));
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(recalculateXlsx(path));
      const sheet = wb.getWorksheet('Nyttokalkyl')!;
      const rowOf = (label: string, from = 1) => {
        for (let r = from; r <= sheet.rowCount; r++) if (sheet.getCell(r, 1).value === label) return r;
        throw new Error(`no row ${label}`);
      };
      const value = (r: number, c: number) => {
        const v = sheet.getCell(r, c).value as number | { result: number };
        return typeof v === 'object' && v !== null ? v.result : v;
      };
      const top = rowOf(`Jämfört med versionen efter inläsning ${firstCase}`);
      // NPV: the revision's 100 against the first version's 200 (hand-worked above).
      const npvRow = rowOf('Nettonuvärde (kr)', top);
      expect([value(npvRow, 2), value(npvRow, 3), value(npvRow, 4)].map((x) => Math.round(x * 1e6) / 1e6)).toEqual([100, 200, -100]);
      // 2025: costs 1 100 + 200 + 100 now, 1 000 + 200 + 100 then; benefits unchanged.
      const y2025 = rowOf('År', top) + 1;
      expect([2, 3, 4, 5, 6].map((c) => value(y2025, c))).toEqual([1400, 1300, 100, 0, 0]);
      // (ExcelJS reads a formula whose result LibreOffice saved as 0 without a result, so the zero difference of the
      // benefits is checked by its formula.)
      expect((sheet.getCell(y2025, 7).value as { formula: string }).formula).toBe(
        `IF(AND(ISNUMBER(E${y2025}),ISNUMBER(F${y2025})),E${y2025}-F${y2025},"")`,
      );
      // And the provenance says which version the sheet shows.
      expect(String(sheet.getCell(rowOf('Parametrar'), 2).value)).toContain(`asOf=${revision}`);
    },
    120_000,
  );

  it('the targets beside an earlier version, each with its difference as a formula', () => {
    const now = [
      {
        indicator: 'V',
        unit: 'E',
        years: [
          { calendarYear: 2027, target: 110 },
          { calendarYear: 2028, target: 130 },
        ],
      },
    ];
    const then = [
      {
        indicator: 'V',
        unit: 'E',
        years: [
          { calendarYear: 2027, target: 120 },
          { calendarYear: 2028, target: 130 },
        ],
      },
    ];
    const block = targetComparisonBlock(now, then, 'versionen efter inläsning 7', 40);
    expect(block.cells.slice(1).map((r) => r.slice(0, 5))).toEqual([
      ['V', 'E', 2027, 110, 120],
      ['V', 'E', 2028, 130, 130],
    ]);
    // Row 42 in Excel's numbering is the block's second row (0-based row 41): D minus E.
    expect(block.cells[1][5]).toEqual({ formula: 'IF(AND(ISNUMBER(D42),ISNUMBER(E42)),D42-E42,"")' });
  });
});

describe('a corrected observations export', () => {
  const series = async (asOf?: number) => {
    const { status, body } = await get(`/api/v1/queries/observations?indicator=V${asOf === undefined ? '' : `&asOf=${asOf}`}`);
    expect(status, body.detail).toBe(200);
    return Object.fromEntries(queryAnswer.parse(body).rows.map((r) => [String(r.period), Number(r.value)]));
  };

  it('replaces by key, keeps the replaced rows for asOf, and an undo restores them (direct and staged route)', async () => {
    const original = Object.fromEntries(
      fixture('utfall-besok.csv')
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => l.split(';'))
        .map(([, period, , value]) => [period, Number(value)]),
    );
    const before = (await loads()).find((l) => l.file === 'utfall-besok.csv')!.id;
    expect(await series()).toEqual(original);
    // A clean export takes the direct route: April 2026 corrected from 60 to 65.
    const direct = await send('utfall-rattad.csv', 'indikator;period;enhet;värde;antal\nV;2026-04;E;65;65\n');
    // A column the direct route does not know sends the file the staged route: May 2026 from 60 to 70.
    const staged = await send('utfall-rattad-2.csv', 'indikator;period;enhet;värde;antal;indikatornamn\nV;2026-05;E;70;70;Besök\n');
    expect(await series()).toEqual({ ...original, '2026-04': 65, '2026-05': 70 });
    expect(await series(before)).toEqual(original);
    expect(await series(direct)).toEqual({ ...original, '2026-04': 65 });
    const listed = await loads();
    expect(listed.find((l) => l.id === direct)!.rowsReplaced).toBe(1);
    expect(listed.find((l) => l.id === staged)!.rowsReplaced).toBe(1);

    expect((await undo(staged)).status).toBe(200);
    expect(await series()).toEqual({ ...original, '2026-04': 65 });
    expect((await undo(direct)).status).toBe(200);
    expect(await series()).toEqual(original);
    // A withdrawn file may be loaded again (it is not "already loaded").
    const reloaded = await send('utfall-rattad.csv', 'indikator;period;enhet;värde;antal\nV;2026-04;E;65;65\n');
    expect(reloaded).toBeGreaterThan(direct);
    expect((await series())['2026-04']).toBe(65);
  });
});

describe('targets', () => {
  it('a new targets file keeps the old targets, readable asOf the first', async () => {
    const first = await send('malvarden.csv', 'indikator;enhet;år;målvärde\nV;E;2027;120\nV;E;2028;130\n');
    const second = await send('malvarden-2.csv', 'indikator;enhet;år;målvärde\nV;E;2027;110\n');
    const targetsAsOf = async (asOf: number) => {
      const connection = await store.instance.connect();
      try {
        await showStoreAsOf(connection, asOf);
        return (await rows(connection, 'SELECT year, value FROM target ORDER BY year')).map((r) => [r.year, r.value]);
      } finally {
        connection.closeSync();
      }
    };
    expect(await targetsAsOf(first)).toEqual([
      [2027, 120],
      [2028, 130],
    ]);
    expect(await targetsAsOf(second)).toEqual([
      [2027, 110],
      [2028, 130],
    ]);
    expect(await targetsAsOf(first - 1)).toEqual([]);
  });
});

describe('asOf', () => {
  const ENDPOINTS = [
    '/api/v1/queries/observations?indicator=V',
    '/api/v1/business-case?program=KOM',
    '/api/v1/followup?program=KOM',
    '/api/v1/risk-matrix',
    '/api/v1/baseline?indicator=V&unit=E&goLive=2026-04-01',
    '/api/v1/production-loss',
    '/api/v1/key-figures',
    '/api/v1/loads',
    '/api/v1/workbooks/nyttokalkyl?program=KOM',
  ];

  it('an unknown load id is a 400 in Swedish naming it, on every reading endpoint', async () => {
    for (const path of ENDPOINTS) {
      const res = await app.request(`${path}${path.includes('?') ? '&' : '?'}asOf=424242`, {
        headers: { authorization: `Bearer ${READER}` },
      });
      expect(res.status, path).toBe(400);
      expect(res.headers.get('content-type'), path).toContain('application/problem+json');
      expect(((await res.json()) as { detail: string }).detail, path).toBe(
        'parametern "asOf": det finns ingen inläsning med id 424242 (se /api/v1/loads)',
      );
    }
    const bad = await get('/api/v1/key-figures?asOf=igår');
    expect(bad.status).toBe(400);
    expect(bad.body.detail).toContain('ska vara ett inläsnings-id (t.ex. 12) eller en tidpunkt');
  });

  it('a moment reads the last load finished by then: before every load the store is empty', async () => {
    expect((await get('/api/v1/business-case?program=KOM&asOf=2000-01-01')).status).toBe(404);
    expect(await npv('2999-12-31T23:59')).toBeCloseTo(await npv(), 9);
    const workbook = await app.request(`/api/v1/workbooks/nyttokalkyl?program=KOM&asOf=${firstCase}`, {
      headers: { authorization: `Bearer ${READER}` },
    });
    expect(workbook.status).toBe(200);
  });
});

describe('purge', () => {
  it('removes only history replaced before the date, and asOf before its horizon is refused from then on', async () => {
    const s = await tempStore();
    try {
      const { app: local } = await buildService(s, { host: '127.0.0.1', port: 0, env: {} });
      const load = async (name: string, content: string) => {
        const form = new FormData();
        form.append('file', new Blob([content]), name);
        // Local mode: a write carries the client header, as the task pane's and the CLI's do.
        const res = await local.request('/api/v1/ingest', { method: 'POST', body: form, headers: { [CLIENT_HEADER]: 'test' } });
        return ((await res.json()) as { loadId: number }).loadId;
      };
      const kf = (value: number) => `nyckeltal;varde;enhet\ninvesteringsbudget;${value};mnkr\n`;
      const a = await load('a.csv', kf(1));
      const b = await load('b.csv', kf(2));
      await load('c.csv', kf(3));
      // a and b as loads made in 2024; c today. History: a's row (replaced by b, in 2024) and b's row (replaced by c, today).
      await s.connection.run("UPDATE load_log SET finished_at = TIMESTAMP '2024-06-01 12:00:00' WHERE load_id IN ($a, $b)", { a, b });
      const plan = await planPurge(s.connection, '2025-01-01');
      expect(plan).toMatchObject({ horizon: b, rows: { key_figure: 1 }, total: 1 });
      const current = await fingerprint(s.connection);
      await purgeHistory(s.connection, '2025-01-01', 'test');
      expect(await count(s.connection, 'SELECT count(*) FROM key_figure_history')).toBe(1);
      expect((await rows(s.connection, 'SELECT load_id, value FROM key_figure_history'))[0]).toEqual({ load_id: BigInt(b), value: 2 });
      // The data in force is untouched.
      const after = await fingerprint(s.connection);
      expect(after.key_figure).toBe(current.key_figure);
      const refused = await local.request(`/api/v1/key-figures?asOf=${a}`);
      expect(refused.status).toBe(400);
      expect(((await refused.json()) as { detail: string }).detail).toContain(`historiken före inläsning ${b} är rensad`);
      const kept = await local.request(`/api/v1/key-figures?asOf=${b}`);
      expect(((await kept.json()) as { keyFigures: { value: number }[] }).keyFigures.map((k) => k.value)).toEqual([2]);
    } finally {
      s.close();
    }
  });
});
