import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadFile } from '../../pipeline/ingest/load-file.js';
import { mappingSchema } from '../../pipeline/ingest/mapping.js';
import { rows, tempStore, writeFixture } from '../helpers/store.js';

describe('mapping files', () => {
  let store: Awaited<ReturnType<typeof tempStore>>;
  beforeEach(async () => {
    store = await tempStore();
  });
  afterEach(() => store.close());
  const load = (text: string, mapping: unknown) =>
    loadFile(store.connection, writeFixture(store.dir, 'export.csv', text), { mapping: mappingSchema.parse(mapping) });

  it('wide to long with Excel serial dates and constants', async () => {
    const report = await load('Datum;Västra_Götaland;Skåne\n43865;1;2\n43866;3;\n', {
      columns: { period: 'Datum' },
      constants: { indikator: 'FALL' },
      wide: { columns: ['Västra_Götaland', 'Skåne'], into: 'kommun', value: 'värde' },
      excelDates: ['period'],
      createIndicators: true,
    });
    expect(report.status).toBe('loaded');
    expect(await rows(store.connection, 'SELECT period, municipality, value FROM observation ORDER BY period, municipality')).toEqual([
      { period: '2020-02-04', municipality: 'Skåne', value: 2 },
      { period: '2020-02-04', municipality: 'Västra_Götaland', value: 1 },
      { period: '2020-02-05', municipality: 'Västra_Götaland', value: 3 },
    ]);
  });

  it('value maps, a row filter, a regex extract and a zero-padded template', async () => {
    const text = 'kpi;typ;år;vecka;Kön;Värde\nA;LAN;2021;7;Kvinnor;1\nA;UTB;2021;7;Kvinnor;9\nA;LAN;2021;8;Samtliga;2\n';
    const report = await load(text, {
      columns: { indikator: 'kpi', period: { template: '{år}-W{vecka:2}' }, kön: 'Kön', värde: 'Värde' },
      values: { kön: { Samtliga: 'T' } },
      filter: { typ: ['LAN'] },
      createIndicators: true,
    });
    expect(report.status).toBe('loaded');
    expect(await rows(store.connection, 'SELECT period, sex, value FROM observation ORDER BY period')).toEqual([
      { period: '2021-W07', sex: 'K', value: 1 },
      { period: '2021-W08', sex: 'T', value: 2 },
    ]);
    const extract = await load('kpi;period;value\nB;2015-2017;1\nB;2018 (varen);2\n', {
      columns: { indikator: 'kpi', period: 'period', värde: 'value' },
      extract: { period: '(\\d{4})(?:\\s*\\([^)]*\\))?\\s*$' },
      createIndicators: true,
    });
    expect(extract.status).toBe('loaded');
    expect(await rows(store.connection, "SELECT period FROM observation WHERE indicator = 'B' ORDER BY period")).toEqual([
      { period: '2017' },
      { period: '2018' },
    ]);
  });

  it('values in a mapping reach SQL only as bound parameters: quotes and SQL in them are data', async () => {
    const evil = "x'); DROP TABLE observation; --";
    const report = await load('kpi;år;v\nA;2020;1\n', {
      columns: { indikator: 'kpi', period: 'år', värde: 'v' },
      constants: { kommun: evil },
      createIndicators: true,
    });
    expect(report.status).toBe('loaded');
    expect(await rows(store.connection, 'SELECT municipality FROM observation')).toEqual([{ municipality: evil }]);
  });

  it('the schema rejects unknown fields and says where', () => {
    const result = mappingSchema.safeParse({ columns: {}, colums: {} });
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error!.issues)).toContain('colums');
  });
});
