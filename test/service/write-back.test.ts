/**
 * *Skicka till Nytta*: a table from the workbook through `POST /api/v1/ingest/table`, the same ingest as a file. A good
 * send is a load named by workbook, sheet and table, made by the caller; a bad one is refused whole, each error with
 * the table's row and the column, the store unchanged; a malformed body is a 400 saying where.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { headerKey, loadsResponse, queryAnswer, refusedResponse, TABLE_TEMPLATES, ingestResponse } from '../../pipeline/contracts/index.js';
import { detectKind, kindByName } from '../../pipeline/ingest/kinds/index.js';
import { NAMED, namedCallersService } from '../helpers/service.js';
import { fingerprint } from '../helpers/store.js';

const CONTROLLER = NAMED.controller;
const READER = NAMED.reader;

let store: Awaited<ReturnType<typeof namedCallersService>>['store'];
let app: Awaited<ReturnType<typeof namedCallersService>>['app'];
beforeAll(async () => {
  ({ store, app } = await namedCallersService());
});
afterAll(() => store?.close());

const HEADER = ['Program', 'Scenario', 'År', 'Post', 'Kategori', 'Aktör', 'Plan/utfall', 'Belopp kr', 'Sannolikhet'];
const send = (body: unknown, token = CONTROLLER) =>
  app.request('/api/v1/ingest/table', {
    method: 'POST',
    body: JSON.stringify(body),
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
  });
const table = (rows: unknown[][]) => ({
  workbook: 'Kalkyl KOM.xlsx',
  sheet: 'Kalkyl',
  table: 'Nytta_nyttokalkyl',
  kind: 'nyttokalkyl',
  columns: HEADER,
  rows,
});

describe('the templates the task pane offers', () => {
  it('each is recognised as its kind and has every column the kind requires', () => {
    for (const template of TABLE_TEMPLATES) {
      const columns = new Set(template.columns.map((c) => headerKey(c.header)));
      const kind = kindByName(template.kind)!;
      expect(kind, template.kind).toBeDefined();
      expect(detectKind(columns)?.kind, template.kind).toBe(template.kind);
      const known = new Set(kind.columns.map((c) => c.name));
      expect(
        [...columns].filter((c) => !known.has(c)),
        `${template.kind}: columns the kind does not know`,
      ).toEqual([]);
      expect(
        kind.columns.filter((c) => c.required && !columns.has(c.name)).map((c) => c.name),
        template.kind,
      ).toEqual([]);
      expect(template.tableName).toMatch(/^[A-Za-z_][A-Za-z0-9_]*$/);
      expect(template.sheetName.length).toBeLessThanOrEqual(31);
    }
  });
});

describe('POST /api/v1/ingest/table', () => {
  it('refuses a table with bad cells whole: each error by the table row and column, the store unchanged', async () => {
    const before = await fingerprint(store.connection);
    const res = await send(
      table([
        ['KOM', 'bas', 2025, 'kostnad', 'införande', 'Regionen', 'plan', 1000, null],
        ['KOM', 'bas', 2026, 'kostnadd', 'drift', 'Regionen', 'plan', 'tre', null],
        ['KOM', 'bas', 2026.5, 'nytta', 'frigjord tid', 'Regionen', 'plan', 550, 0.45],
      ]),
    );
    expect(res.status).toBe(422);
    const { report, messages } = refusedResponse.parse(await res.json());
    // Row 1 is the header, so the sheet's table rows 3 and 4 hold the second and third rows sent.
    expect(report.errors.map((e) => [e.line, e.column, e.value])).toEqual([
      [3, 'belopp_kr', 'tre'],
      [3, 'post', 'kostnadd'],
      [4, 'ar', '2026.5'],
    ]);
    expect(messages[0]).toMatch(/^Kalkyl KOM\.xlsx › Kalkyl › Nytta_nyttokalkyl, rad 3, kolumn belopp_kr: "tre" är inte ett tal/);
    expect(await fingerprint(store.connection)).toEqual(before);
  });

  it('loads a good table as a load named by workbook, sheet and table, made by the caller; the same table again is unchanged', async () => {
    const rows = [
      ['KOM', 'bas', 2025, 'kostnad', 'införande', 'Regionen', 'plan', 1000, null],
      ['KOM', 'bas', 2026, 'nytta', 'frigjord tid', 'Regionen', 'plan', 550.5, 0.45],
      ['KOM', 'bas', 2026, 'Nytta', 'frigjord tid', ' Kommun A ', 'Utfall', 200, '45 %'],
      // The empty row Excel keeps at a table's foot for typing into is no data.
      [null, '', null, null, null, null, null, null, null],
    ];
    const res = await send(table(rows));
    expect(res.status).toBe(200);
    const report = ingestResponse.parse(await res.json());
    expect([report.status, report.kind, report.rowsRead, report.rowsAccepted]).toEqual(['loaded', 'nyttokalkyl', 3, 3]);

    const loads = loadsResponse.parse(
      await (await app.request('/api/v1/loads', { headers: { authorization: `Bearer ${READER}` } })).json(),
    ).loads;
    expect([loads[0].id, loads[0].file, loads[0].loadedBy, loads[0].rowsAccepted]).toEqual([
      report.loadId,
      'Kalkyl KOM.xlsx › Kalkyl › Nytta_nyttokalkyl',
      'Karin Controller',
      3,
    ]);
    const lines = queryAnswer.parse(
      await (await app.request('/api/v1/queries/business_case?program=KOM', { headers: { authorization: `Bearer ${READER}` } })).json(),
    ).rows;
    const sorted = lines
      .map((l) => [l.year, l.post, l.kind, l.actor, l.amount_sek, l.probability])
      .sort((a, b) => String(a).localeCompare(String(b)));
    expect(sorted).toEqual(
      [
        // An empty probability is certainty, as for a file.
        [2025, 'cost', 'plan', 'Regionen', 1000, 1],
        [2026, 'benefit', 'plan', 'Regionen', 550.5, 0.45],
        [2026, 'benefit', 'outcome', 'Kommun A', 200, 0.45],
      ].sort((a, b) => String(a).localeCompare(String(b))),
    );

    const again = ingestResponse.parse(await (await send(table(rows))).json());
    expect([again.status, again.loadId]).toEqual(['unchanged', report.loadId]);
  });

  it('answers a malformed body with a 400 saying where, and a reader with a 403', async () => {
    const cases: [unknown, string][] = [
      [{ ...table([['KOM', 'bas', 2025]]) }, 'rows[0]: rad 1 har 3 celler men tabellen har 9 kolumner'],
      [
        { ...table([['KOM', 'bas', 2025, 'kostnad', 'x', 'y', 'plan', { v: 1 }, null]]) },
        'rows[0][7]: en cell ska vara text, tal, sant/falskt eller null',
      ],
      [{ ...table([]), workbook: undefined }, 'workbook: arbetsbokens namn (workbook) saknas'],
      [{ ...table([]), sheet: 'ett blad med ett alldeles för långt namn' }, 'sheet: bladets namn (sheet) är längre än 31 tecken'],
      [{ ...table([]), extra: 1 }, 'okänt fält: extra'],
    ];
    for (const [body, detail] of cases) {
      const res = await send(body);
      expect(res.status, detail).toBe(400);
      expect(((await res.json()) as { detail: string }).detail).toBe(detail);
    }
    const broken = await app.request('/api/v1/ingest/table', {
      method: 'POST',
      body: '{"rows": [',
      headers: { authorization: `Bearer ${CONTROLLER}`, 'content-type': 'application/json' },
    });
    expect(broken.status).toBe(400);
    expect((await send(table([]), READER)).status).toBe(403);
  });
});
