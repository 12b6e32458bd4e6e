import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadFile } from '../../pipeline/ingest/load-file.js';
import { readMapping } from '../../pipeline/ingest/mapping.js';
import { buildService } from '../../pipeline/service/start.js';
import { FIXTURES, MAPPINGS, tempStore } from '../helpers/store.js';

// Values below are read by eye from the source files (and their PROVENANCE.md), not computed by this code.
describe('named queries on the real public exports', () => {
  let store: Awaited<ReturnType<typeof tempStore>>;
  let app: Awaited<ReturnType<typeof buildService>>['app'];
  const rows = async (path: string) => ((await (await app.request(path)).json()) as { rows: Record<string, unknown>[] }).rows;

  beforeAll(async () => {
    store = await tempStore();
    const real = (p: string) => join(FIXTURES, 'real', p);
    await loadFile(store.connection, real('kolada-hos-halland/kolada-hos-regioner-flat.csv'), {
      mapping: readMapping(join(MAPPINGS, 'kolada-platt.json')),
    });
    await loadFile(store.connection, real('sos-en-god-vard/Datalista-En-god-vard.csv'), {
      mapping: readMapping(join(MAPPINGS, 'socialstyrelsen-en-god-vard.json')),
    });
    ({ app } = await buildService(store, { host: '127.0.0.1', port: 3000, env: {} }));
  }, 60_000);
  afterAll(() => store.close());

  it('Kolada N79179 for Västra Götalandsregionen, 2018: 88.2 (PROVENANCE.md)', async () => {
    const series = await rows(
      '/api/v1/queries/indicator_series?indicator=N79179&municipality=Västra%20Götalandsregionen&grain=year&from=2018&to=2018',
    );
    expect(series).toEqual([{ period: '2018', value: 88.2, n: null, status: null }]);
  });

  it("Socialstyrelsen indicator 35 for Blekinge, 2017, total: 26606.33741 kronor (the file's first data row)", async () => {
    const series = await rows('/api/v1/queries/indicator_series?indicator=35&municipality=Blekinge&grain=year&from=2017&to=2017');
    expect(series).toEqual([{ period: '2017', value: 26606.33741, n: null, status: null }]);
  });

  it('a breakdown by sex on published totals uses the parts, not parts plus total', async () => {
    // Indicator 11 is published for Blekinge as Totalt, Kvinnor and Man (checked in the CSV).
    const bySex = await rows('/api/v1/queries/indicator_series?indicator=11&municipality=Blekinge&grain=year&breakdown=sex');
    expect(new Set(bySex.map((r) => r.sex))).toEqual(new Set(['K', 'M']));
    const total = await rows('/api/v1/queries/indicator_series?indicator=11&municipality=Blekinge&grain=year');
    expect(total.every((t) => bySex.some((b) => b.period === t.period))).toBe(true);
    expect(new Set(total.map((t) => t.period)).size).toBe(total.length); // one total per year: T rows only, not T + K + M
  });

  it('the catalogue shows the 52 + 76 indicators the mappings created', async () => {
    expect((await rows('/api/v1/queries/catalogue_indicators')).length).toBe(52 + 76);
  });
});
