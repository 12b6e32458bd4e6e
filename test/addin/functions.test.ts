/**
 * =NYTTA.SERIE: its metadata is what custom-functions-metadata generates from the source today (so functions.json never
 * drifts), and the function answers with the service's own series, says what is wrong in the cell, and shows a
 * suppressed value as its symbol.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateCustomFunctionsMetadata } from 'custom-functions-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configureFunctions, serie, seriesMatrix } from '../../addin/functions/functions.js';
import { startTestService, TOKENS, type TestService } from '../helpers/service.js';

const FUNCTIONS = join(import.meta.dirname, '..', '..', 'addin', 'functions');

let service: TestService;
beforeAll(async () => {
  service = await startTestService({ rows: 20_000 });
  configureFunctions(() => ({ baseUrl: service.base, token: TOKENS.reader }));
}, 120_000);
afterAll(() => service?.close());

describe('=NYTTA.SERIE', () => {
  it('functions.json is what the metadata generator makes of functions.ts now', async () => {
    const generated = await generateCustomFunctionsMetadata(join(FUNCTIONS, 'functions.ts'));
    expect(generated.errors).toEqual([]);
    const committed = JSON.parse(readFileSync(join(FUNCTIONS, 'functions.json'), 'utf8'));
    expect(JSON.parse(generated.metadataJson)).toEqual(committed);
    expect(committed.functions.map((f: { id: string; result: { dimensionality: string } }) => [f.id, f.result.dimensionality])).toEqual([
      ['SERIE', 'matrix'],
    ]);
  });

  it("spills the service's own series: a header, then period, value and n", async () => {
    const matrix = await serie('IND01', 'SKAS', '2020', '2022', 'år');
    const answer = (await (
      await fetch(`${service.base}/api/v1/queries/indicator_series?indicator=IND01&unit=SKAS&from=2020&to=2022&grain=year`, {
        headers: { authorization: `Bearer ${TOKENS.reader}` },
      })
    ).json()) as { rows: { period: string; value: number | null; n: number | null }[] };
    expect(matrix[0]).toEqual(['Period', 'Värde', 'n']);
    expect(matrix.slice(1)).toEqual(answer.rows.map((r) => [r.period, r.value ?? '..', r.n ?? '']));
    expect(matrix.slice(1).map((r) => r[0])).toEqual(['2020', '2021', '2022']);
    // Monthly by default.
    expect((await serie('IND01', 'SKAS', '2020-01', '2020-03'))[1][0]).toBe('2020-01');
  });

  it('a suppressed value shows its symbol, never 0', () => {
    expect(
      seriesMatrix([
        { period: '2024-01', value: null, n: null, status: '..' },
        { period: '2024-02', value: 0.5, n: 40, status: null },
      ]),
    ).toEqual([
      ['Period', 'Värde', 'n'],
      ['2024-01', '..', ''],
      ['2024-02', 0.5, 40],
    ]);
  });

  it('says in the cell what is wrong: a grain, an empty indicator, a bad period, a wrong token, a stopped service', async () => {
    await expect(serie('IND01', '', '', '', 'vecka')).rejects.toThrow('Upplösningen ska vara månad, kvartal eller år, inte "vecka".');
    await expect(serie(' ')).rejects.toThrow('Ange en indikator, t.ex. "IND01".');
    await expect(serie('IND01', '', 'förra året')).rejects.toThrow(/from/);
    configureFunctions(() => ({ baseUrl: service.base, token: 'fel-token' }));
    await expect(serie('IND01')).rejects.toThrow(/token|401/i);
    configureFunctions(() => ({ baseUrl: 'http://127.0.0.1:9', token: '' }));
    await expect(serie('IND01')).rejects.toThrow('Nytta-tjänsten svarar inte på http://127.0.0.1:9.');
    configureFunctions(() => ({ baseUrl: service.base, token: TOKENS.reader }));
  });
});
