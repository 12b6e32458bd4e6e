import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { join } from 'node:path';
import { loadFile } from '../../pipeline/ingest/load-file.js';
import { quotedString } from '../../pipeline/store/sql.js';
import { count, rows, tempStore, writeFixture } from '../helpers/store.js';

const INDICATORS =
  'id;namn;enhet;riktning;frekvens;nyttor;källa;min_antal\nIND01;Andel;andel;högre_bättre;månad;;demo;5\nN79179;Telefonsamtal besvarade samma dag;procent;högre_bättre;år;;Kolada;\n';

describe('formats and encodings', () => {
  let store: Awaited<ReturnType<typeof tempStore>>;
  beforeEach(async () => {
    store = await tempStore();
    await loadFile(store.connection, writeFixture(store.dir, 'ind.csv', INDICATORS));
  });
  afterEach(() => store.close());

  const observations = () =>
    rows(store.connection, 'SELECT period, grain, municipality, sex, value, n, status FROM observation ORDER BY period, municipality, sex');

  it('tab-separated, UTF-8 with BOM, CRLF, decimal comma and thousands with (no-break) spaces', async () => {
    const text =
      '\uFEFFindikator\tperiod\tkommun\tvärde\tantal\r\nIND01\t2024K1\tBorås\t1 234,5\t12\r\nIND01\t2024-Q2\tBorås\t2\u00a0345,25\t1\u00a0200\r\n';
    const report = await loadFile(store.connection, writeFixture(store.dir, 'tab.tsv', text));
    expect(report.status).toBe('loaded');
    expect(await observations()).toEqual([
      { period: '2024-Q1', grain: 'quarter', municipality: 'Borås', sex: 'T', value: 1234.5, n: 12n, status: null },
      { period: '2024-Q2', grain: 'quarter', municipality: 'Borås', sex: 'T', value: 2345.25, n: 1200n, status: null },
    ]);
  });

  it('headers without å/ä/ö and in any case', async () => {
    const text = 'INDIKATOR;Period;KON;Varde\nIND01;2024;kvinnor;0,5\nIND01;2024;MÄN;0,4\n';
    expect((await loadFile(store.connection, writeFixture(store.dir, 'caps.csv', text))).status).toBe('loaded');
    expect((await observations()).map((r) => r.sex)).toEqual(['K', 'M']);
  });

  it('every period form', async () => {
    const text =
      'indikator;period;kommun;värde\nIND01;2024;a;1\nIND01;2024-03;b;1\nIND01;2024-Q1;c;1\nIND01;2024K4;d;1\nIND01;2024-03-15;e;1\nIND01;2024-W05;f;1\n';
    await loadFile(store.connection, writeFixture(store.dir, 'periods.csv', text));
    const got = await rows(
      store.connection,
      'SELECT municipality, period, grain, CAST(period_start AS VARCHAR) AS start FROM observation ORDER BY municipality',
    );
    expect(got).toEqual([
      { municipality: 'a', period: '2024', grain: 'year', start: '2024-01-01' },
      { municipality: 'b', period: '2024-03', grain: 'month', start: '2024-03-01' },
      { municipality: 'c', period: '2024-Q1', grain: 'quarter', start: '2024-01-01' },
      { municipality: 'd', period: '2024-Q4', grain: 'quarter', start: '2024-10-01' },
      { municipality: 'e', period: '2024-03-15', grain: 'day', start: '2024-03-15' },
      { municipality: 'f', period: '2024-W05', grain: 'week', start: '2024-01-29' },
    ]);
  });

  it('suppressed and missing values are NULL with their status, never 0', async () => {
    const text = [
      'indikator;period;kommun;täljare;nämnare;värde;antal;status',
      'IND01;2024;a;;;..;;',
      'IND01;2024;b;;;x;;',
      'IND01;2024;c;;;U;;',
      'IND01;2024;d;;;–;;',
      'IND01;2024;e;;;-;;',
      'IND01;2024;f;;;;;för få',
      'IND01;2024;g;3;4;;;',
      'IND01;2024;h;3;4;..;;',
      'IND01;2024;i;;;.;;',
    ].join('\n');
    const report = await loadFile(store.connection, writeFixture(store.dir, 'suppressed.csv', text));
    expect(report.status).toBe('loaded');
    const got = await rows(store.connection, 'SELECT municipality, value, status FROM observation ORDER BY municipality');
    expect(got).toEqual([
      { municipality: 'a', value: null, status: '..' },
      { municipality: 'b', value: null, status: 'x' },
      { municipality: 'c', value: null, status: 'U' },
      { municipality: 'd', value: null, status: '–' },
      { municipality: 'e', value: null, status: '-' },
      { municipality: 'f', value: null, status: 'för få' },
      { municipality: 'g', value: 0.75, status: null }, // täljare / nämnare when värde is empty
      { municipality: 'h', value: null, status: '..' }, // an explicit token wins over the parts
      { municipality: 'i', value: null, status: '.' },
    ]);
    expect(await count(store.connection, 'SELECT count(*) FROM observation WHERE value = 0')).toBe(0);
  });

  it('Windows-1252: the en dash 0x96 is a suppression token, not mojibake', async () => {
    const bytes = iconv.encode('indikator;period;kommun;värde\nIND01;2024;Västerås;–\nIND01;2025;Västerås;0,5\n', 'win1252');
    expect(bytes.includes(0x96)).toBe(true);
    await loadFile(store.connection, writeFixture(store.dir, 'cp1252.csv', bytes));
    expect(await observations()).toMatchObject([
      { period: '2024', municipality: 'Västerås', value: null, status: '–' },
      { period: '2025', municipality: 'Västerås', value: 0.5, status: null },
    ]);
  });

  it('Parquet', async () => {
    const path = join(store.dir, 'utfall.parquet');
    await store.connection.run(
      `COPY (SELECT 'IND01' AS indikator, '2023-0' || i AS period, 'Mölndal' AS kommun, i * 10 AS "täljare", 100 AS "nämnare" FROM range(1, 4) t(i)) TO ${quotedString(path)} (FORMAT parquet)`,
    );
    const report = await loadFile(store.connection, path);
    expect(report).toMatchObject({ status: 'loaded', kind: 'utfall', rowsAccepted: 3 });
    expect((await observations()).map((r) => r.value)).toEqual([0.1, 0.2, 0.3]);
  });

  it('XLSX: a named sheet, dates as dates, numbers as numbers', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Läs mig').addRow(['Det här bladet är inte data.']);
    const sheet = workbook.addWorksheet('Utfall');
    sheet.addRow(['Indikator', 'Period', 'Kommun', 'Värde', 'Antal']);
    sheet.addRow(['IND01', new Date(Date.UTC(2024, 2, 15)), 'Lerum', 0.25, 40]);
    sheet.addRow(['IND01', '2024-04', 'Lerum', 0.5, 42]);
    const path = join(store.dir, 'utfall.xlsx');
    await workbook.xlsx.writeFile(path);
    const report = await loadFile(store.connection, path, { sheet: 'Utfall' });
    expect(report).toMatchObject({ status: 'loaded', rowsAccepted: 2 });
    expect(await observations()).toMatchObject([
      { period: '2024-03-15', grain: 'day', value: 0.25, n: 40n },
      { period: '2024-04', grain: 'month', value: 0.5, n: 42n },
    ]);
    const missing = await loadFile(store.connection, path, { sheet: 'Data' }).catch((e: Error) => e.message);
    expect(missing).toBe('utfall.xlsx: bladet "Data" finns inte. Bladen heter "Läs mig", "Utfall".');
  });

  it('Kolada JSON: one row per gender, null values kept as missing with their status', async () => {
    const kolada = {
      count: 2,
      values: [
        {
          kpi: 'N79179',
          municipality: '0014',
          period: 2018,
          values: [
            { gender: 'T', count: 1, status: '', value: 88.2 },
            { gender: 'K', count: 1, status: 'Missing', value: null },
          ],
        },
        { kpi: 'N79179', municipality: '0014', period: 2019, values: [{ gender: 'T', count: 1, status: null, value: 87.1 }] },
      ],
    };
    const report = await loadFile(store.connection, writeFixture(store.dir, 'kolada.json', JSON.stringify(kolada)));
    expect(report).toMatchObject({ status: 'loaded', kind: 'utfall', rowsAccepted: 3 });
    expect(await observations()).toEqual([
      { period: '2018', grain: 'year', municipality: '0014', sex: 'K', value: null, n: 1n, status: 'Missing' },
      { period: '2018', grain: 'year', municipality: '0014', sex: 'T', value: 88.2, n: 1n, status: null },
      { period: '2019', grain: 'year', municipality: '0014', sex: 'T', value: 87.1, n: 1n, status: null },
    ]);
  });

  it('JSON that is not Kolada says so and points to --map', async () => {
    const message = await loadFile(store.connection, writeFixture(store.dir, 'other.json', '{"kpier": []}')).catch((e: Error) => e.message);
    expect(message).toContain('other.json: JSON-filen har inte Koladas format');
    expect(message).toContain('--map');
  });

  it('a clean utfall CSV goes the direct route; the same rows with thousands spaces go the staged route; both store the same', async () => {
    const clean = await loadFile(
      store.connection,
      writeFixture(store.dir, 'clean.csv', 'indikator;period;kommun;värde;antal\nIND01;2024-01;Ale;1234,5;10\nIND01;2024-02;Ale;..;\n'),
    );
    expect(clean).toMatchObject({ status: 'loaded', route: 'direct', rowsAccepted: 2 });
    const direct = await observations();
    await store.connection.run('DELETE FROM observation');
    const spaced = await loadFile(
      store.connection,
      writeFixture(store.dir, 'spaced.csv', 'indikator;period;kommun;värde;antal\nIND01;2024-01;Ale;1 234,5;1 0\nIND01;2024-02;Ale;..;\n'),
    );
    expect(spaced).toMatchObject({ status: 'loaded', route: 'staged', rowsAccepted: 2 });
    expect(await observations()).toEqual(direct);
    expect(direct).toEqual([
      { period: '2024-01', grain: 'month', municipality: 'Ale', sex: 'T', value: 1234.5, n: 10n, status: null },
      { period: '2024-02', grain: 'month', municipality: 'Ale', sex: 'T', value: null, n: null, status: '..' },
    ]);
  });

  it('cells the direct route stores as written only when they are clean: padded text and odd period spellings are stored as the staged route stores them', async () => {
    const base =
      'indikator;period;kommun;åldersgrupp;värde\nIND01;2024-03;Ale;18-44;1,5\nIND01;2024M04;Ale;18-44;2\nIND01;2024-q1;Ale;18-44;3\n';
    const clean = await loadFile(store.connection, writeFixture(store.dir, 'odd.csv', base));
    expect(clean).toMatchObject({ status: 'loaded', route: 'direct' });
    expect((await observations()).map((r) => [r.period, r.grain, r.value])).toEqual([
      ['2024-03', 'month', 1.5],
      ['2024-04', 'month', 2],
      ['2024-Q1', 'quarter', 3],
    ]);
    await store.connection.run('DELETE FROM observation');
    const padded = await loadFile(
      store.connection,
      writeFixture(store.dir, 'padded.csv', base.replace('Ale;18-44;1,5', ' Ale ;18-44 ;1,5').replace('2024M04', ' 2024-04 ')),
    );
    expect(padded).toMatchObject({ status: 'loaded', route: 'staged' });
    const got = await rows(store.connection, 'SELECT period, municipality, age_group FROM observation ORDER BY period');
    expect(got).toEqual([
      { period: '2024-03', municipality: 'Ale', age_group: '18-44' },
      { period: '2024-04', municipality: 'Ale', age_group: '18-44' },
      { period: '2024-Q1', municipality: 'Ale', age_group: '18-44' },
    ]);
  });

  it('one padded or blank-looking cell in any text column sends the file the staged route, which stores it trimmed', async () => {
    const header = 'indikator;period;kommun;åldersgrupp;värde;status';
    // Each case's clean file differs in a value, so none is taken for a file loaded before.
    const clean = (i: number) => [`IND01;2024-03;Ale;18-44;${i},5;`, 'IND01;2024-04;Ale;18-44;;..'];
    const cases: [string, string, string][] = [
      ['indikator', 'IND01;2024-04', ' IND01;2024-04'],
      ['kommun', ';Ale;18-44;;', ';Ale\u00a0;18-44;;'],
      ['åldersgrupp', ';18-44;;', ';18-44 ;;'],
      ['status', ';..', '; ..'],
    ];
    for (const [i, [column, from, to]] of cases.entries()) {
      await store.connection.run('DELETE FROM observation');
      const first = await loadFile(store.connection, writeFixture(store.dir, `clean-${i}.csv`, [header, ...clean(i), ''].join('\n')));
      expect(first, column).toMatchObject({ status: 'loaded', route: 'direct', rowsAccepted: 2 });
      await store.connection.run('DELETE FROM observation');
      const [one, two] = clean(i);
      expect(two.replace(from, to), column).not.toEqual(two);
      const report = await loadFile(
        store.connection,
        writeFixture(store.dir, `padded-${i}.csv`, [header, one, two.replace(from, to), ''].join('\n')),
      );
      expect(report, column).toMatchObject({ status: 'loaded', route: 'staged', rowsAccepted: 2 });
      const got = await rows(store.connection, 'SELECT indicator, municipality, age_group, status FROM observation ORDER BY period');
      expect(got, column).toEqual([
        { indicator: 'IND01', municipality: 'Ale', age_group: '18-44', status: null },
        { indicator: 'IND01', municipality: 'Ale', age_group: '18-44', status: '..' },
      ]);
    }
  });

  it('a month 13 and an infinite value are refused by name, whichever route tried first', async () => {
    const month = await loadFile(store.connection, writeFixture(store.dir, 'm13.csv', 'indikator;period;värde\nIND01;2024-13;1\n'));
    expect(month.status).toBe('refused');
    expect(month.errors[0]).toMatchObject({ line: 2, column: 'period', value: '2024-13' });
    const inf = await loadFile(store.connection, writeFixture(store.dir, 'inf.csv', 'indikator;period;värde\nIND01;2024-01;inf\n'));
    expect(inf.status).toBe('refused');
    expect(inf.errors[0]).toMatchObject({ line: 2, column: 'varde', value: 'inf' });
    expect(await count(store.connection, 'SELECT count(*) FROM observation')).toBe(0);
  });

  it('the same bytes under another name are still a no-op (the hash decides, not the name)', async () => {
    const text = 'indikator;period;kommun;värde\nIND01;2024-01;Ale;1,5\nIND01;2024-02;Ale;2\n';
    const first = await loadFile(store.connection, writeFixture(store.dir, 'jan.csv', text));
    expect(first).toMatchObject({ status: 'loaded', route: 'direct' });
    const again = await loadFile(store.connection, writeFixture(store.dir, 'jan.csv', text));
    expect(again).toMatchObject({ status: 'unchanged', loadId: first.loadId, sha256: first.sha256 });
    const renamed = await loadFile(store.connection, writeFixture(store.dir, 'januari-kopia.csv', text));
    expect(renamed).toMatchObject({ status: 'unchanged', loadId: first.loadId, sha256: first.sha256 });
    expect(await count(store.connection, 'SELECT count(*) FROM observation')).toBe(2);
    expect(await count(store.connection, "SELECT count(*) FROM load_log WHERE status = 'loaded' AND kind = 'utfall'")).toBe(1);
  });

  it('a corrected export replaces rows with the same key', async () => {
    await loadFile(
      store.connection,
      writeFixture(store.dir, 'v1.csv', 'indikator;period;kommun;värde\nIND01;2024;Ale;0,5\nIND01;2025;Ale;0,6\n'),
    );
    await loadFile(store.connection, writeFixture(store.dir, 'v2.csv', 'indikator;period;kommun;värde\nIND01;2025;Ale;0,65\n'));
    expect((await observations()).map((r) => [r.period, r.value])).toEqual([
      ['2024', 0.5],
      ['2025', 0.65],
    ]);
  });
});
