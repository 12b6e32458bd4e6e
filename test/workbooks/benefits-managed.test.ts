/**
 * The workbooks of managing benefits over time, written by the CLI against a service on loopback (its clock fixed at
 * 2026-04-10) on the hand-worked region of test/helpers/benefits-fixture.ts, and recalculated by LibreOffice: the
 * approved version beside today's with each difference a formula, the benefits' judged status beside the measured one,
 * Att göra in the report, the portfolio's totals counting the overlapping amount once, and Lärdomar.
 */
import { serve, type ServerType } from '@hono/node-server';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildService } from '../../pipeline/service/start.js';
import { fixedToday } from '../../pipeline/service/clock.js';
import { HAND, KOM_REVISED, loadBenefitsFixture, TODAY } from '../helpers/benefits-fixture.js';
import { libreOfficeAvailable, recalculateXlsx } from '../helpers/libreoffice.js';
import { sendExport } from '../helpers/service.js';
import { tempStore } from '../helpers/store.js';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'nytta.js');
const CONTROLLER = 'controller-token-0123456789';

let store: Awaited<ReturnType<typeof tempStore>>;
let app: Awaited<ReturnType<typeof buildService>>['app'];
let server: ServerType;
let base: string;

beforeAll(async () => {
  store = await tempStore();
  const reports = await loadBenefitsFixture(store.connection, store.dir);
  ({ app } = await buildService(store, {
    host: '127.0.0.1',
    port: 0,
    env: { NYTTA_TOKENS: `${CONTROLLER}:controller:Karin Controller` },
    today: fixedToday(TODAY),
  }));
  const approve = async (body: unknown) =>
    (
      await app.request('/api/v1/approvals', {
        method: 'POST',
        body: JSON.stringify(body),
        headers: { authorization: `Bearer ${CONTROLLER}`, 'content-type': 'application/json' },
      })
    ).status;
  // Approved, then revised: the business case and a target.
  expect(await approve({ program: 'KOM', subject: 'nyttokalkyl', asOf: reports['kalkyl-kom.csv'].loadId })).toBe(201);
  expect(await approve({ program: 'KOM', subject: 'malvarden' })).toBe(201);
  expect((await sendExport(app, CONTROLLER, 'kalkyl-kom-2.csv', KOM_REVISED)).status).toBe(200);
  expect((await sendExport(app, CONTROLLER, 'malvarden-2.csv', 'indikator;enhet;år;målvärde\nIND01;;2025;8,5\n')).status).toBe(200);
  expect(await approve({ program: 'KOM', subject: 'rapport', comment: 'Nämnden 2026-05-20' })).toBe(201);
  await new Promise<void>((resolve) => {
    server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve());
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 60_000);
afterAll(() => {
  server?.close();
  store?.close();
});

/** `nytta workbook KIND --out FILE --server …`, as a person runs it. */
async function cli(kind: string, out: string, ...params: string[]): Promise<ExcelJS.Workbook> {
  const code = await new Promise<number | null>((resolve) => {
    const args = [BIN, 'workbook', kind, '--out', out, ...params.flatMap((p) => ['--param', p]), '--server', base, '--token', CONTROLLER];
    spawn(process.execPath, args, { stdio: 'ignore' }).on('close', resolve);
  });
  expect(code).toBe(0);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(libreOfficeAvailable() ? recalculateXlsx(out) : out);
  return wb;
}

/** The 1-based row whose first cell is `text`, at or after row `from`. */
function rowOf(sheet: ExcelJS.Worksheet, text: string, from = 1): number {
  for (let r = from; r <= sheet.rowCount; r++) if (String(sheet.getRow(r).getCell(1).value ?? '') === text) return r;
  throw new Error(`no row "${text}" on ${sheet.name}`);
}
/** A cell's value, or its result after LibreOffice recalculated it; a date (written as a date) as ÅÅÅÅ-MM-DD. */
const value = (cell: ExcelJS.Cell) => {
  const v = cell.value as unknown;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return v !== null && typeof v === 'object' && 'result' in v ? (v as { result: unknown }).result : v;
};
const texts = (sheet: ExcelJS.Worksheet, r: number, n: number) =>
  Array.from({ length: n }, (_, c) => value(sheet.getRow(r).getCell(c + 1)));

describe.runIf(libreOfficeAvailable())('nytta workbook, recalculated by LibreOffice', () => {
  it('rapport: Att göra on the cover, the report approved, the approved business case and targets beside today, the status block', async () => {
    const wb = await cli('rapport', join(store.dir, 'rapport.xlsx'), 'program=KOM', 'period=2026-T1');
    expect(wb.worksheets.map((w) => w.name).filter((n) => n !== '_nytta')).toEqual([
      'Rapport',
      'Portfölj',
      'Nyttokalkyl',
      'Uppföljning 5 år',
      'Risker',
    ]);

    const cover = wb.getWorksheet('Rapport')!;
    expect(String(value(cover.getRow(rowOf(cover, 'Fastställd')).getCell(2)))).toMatch(
      /^Rapporten fastställd \d{4}-\d{2}-\d{2} \d{2}:\d{2} av Karin Controller: version efter inläsning \d+ \(malvarden-2\.csv\) – Nämnden 2026-05-20$/,
    );
    const todo = rowOf(cover, 'Att göra per 2026-04-10');
    expect(texts(cover, todo + 1, 6)).toEqual([
      'Milstolpe',
      'KOM',
      'Milstolpe M1: Rollmodell beslutad (nytta K2)',
      'Per Pil',
      '2026-02-15',
      54,
    ]);
    expect(texts(cover, todo + 2, 6)).toEqual([
      'Mätning',
      'KOM',
      'Utfall saknas för IND01 Avvikelser per 1000 vårddagar: 2026-02–2026-03 (månad, 2 perioder)',
      'Eva Ek',
      '2026-02-28',
      41,
    ]);
    expect(texts(cover, todo + 3, 2)).toEqual(['Riskåtgärd', 'KOM']);

    const kalkyl = wb.getWorksheet('Nyttokalkyl')!;
    const info = rowOf(kalkyl, 'Fastställd version');
    expect(String(value(kalkyl.getRow(info).getCell(2)))).toContain('Nyttokalkylen fastställd');
    const npvRow = rowOf(kalkyl, 'Nettonuvärde (kr)', rowOf(kalkyl, 'Jämfört med den fastställda versionen'));
    const [, now, approved, difference] = texts(kalkyl, npvRow, 4) as [string, number, number, number];
    expect(now).toBeCloseTo(HAND.komRevisedNpv, 6);
    expect(approved).toBeCloseTo(HAND.komNpv, 6);
    // The difference is a formula, recalculated by LibreOffice: today's minus the approved.
    expect((kalkyl.getRow(npvRow).getCell(4).value as { formula: string }).formula).toMatch(/^IF\(AND\(ISNUMBER/);
    expect(difference).toBeCloseTo(HAND.komRevisedNpv - HAND.komNpv, 6);
    // The lines KOM claims only half of are said to be its share.
    expect(kalkyl.getSheetValues().flat()).toContain(
      'Tillskrivning: programmet räknar bara sin andel av Frigjord tid (Vårdpersonal) 50 %; beloppen ovan är den andelen.',
    );

    const followup = wb.getWorksheet('Uppföljning 5 år')!;
    const status = rowOf(followup, 'K1', rowOf(followup, 'Nyttornas status (aktuell period 2026-T1)'));
    expect(texts(followup, status, 13)).toEqual([
      'K1',
      'Färre avvikelser',
      '2026-T1',
      'grön',
      'hög',
      'Rutinerna är på plats',
      'Eva Ek',
      '2026-04-02',
      '2025-T3 gul, 2026-T1 grön',
      'risk',
      2,
      'ja',
      'ja',
    ]);
    const targets = rowOf(followup, 'Målvärden jämförda med den fastställda versionen');
    expect(texts(followup, targets + 1, 6)).toEqual(['IND01', 'R', 2025, 8.5, 9, -0.5]);
    expect((followup.getRow(targets + 1).getCell(6).value as { formula: string }).formula).toContain('D');
  }, 180_000);

  it('portfolj: the totals count the overlapping amount once, live on the table; the overlaps listed; Lärdomar', async () => {
    const wb = await cli('portfolj', join(store.dir, 'portfolj.xlsx'));
    expect(wb.worksheets.map((w) => w.name).filter((n) => n !== '_nytta')).toEqual(['Portfölj', 'Lärdomar']);
    const sheet = wb.getWorksheet('Portfölj')!;
    const total = rowOf(sheet, 'Portföljen totalt (basscenariernas plan)');
    const figure = (label: string) => value(sheet.getRow(rowOf(sheet, label, total)).getCell(2)) as number;
    expect(figure('Nettonuvärde, summa (kr)')).toBeCloseTo(HAND.komRevisedNpv + HAND.visNpv, 6);
    // KOM 50 + 50 (0,5 of 100 a year) and VIS 80: 180; 30 of it is counted twice in 2027.
    expect([figure('Nyttor i planerna, summa (kr)'), figure('Räknat två gånger (kr)'), figure('Nyttor räknade en gång (kr)')]).toEqual([
      180 + 60,
      30,
      150 + 60,
    ]);
    expect(figure('Nettonuvärde räknat en gång (kr)')).toBeCloseTo(HAND.komRevisedNpv + HAND.visNpv - HAND.doubleCountedPv, 6);
    const overlaps = rowOf(sheet, 'Samma nytta i flera program');
    expect(texts(sheet, overlaps + 1, 5)).toEqual([
      'Indikator',
      'KOM, VIS',
      'IND01 Avvikelser per 1000 vårddagar',
      'Regionen',
      '2027–2029',
    ]);
    expect(texts(sheet, overlaps + 2, 7)).toEqual([
      'Nyttopost',
      'KOM, VIS',
      'Frigjord tid',
      'Vårdpersonal',
      '2027',
      'KOM 2027: 100 kr × 50 %; VIS 2027: 80 kr × 100 %',
      30,
    ]);
    const lessons = wb.getWorksheet('Lärdomar')!;
    expect(texts(lessons, 3, 8)).toEqual(['Program', 'ID', 'Datum', 'Område', 'Lärdom', 'Åtgärd', 'Ansvarig', 'Spridd till']);
    expect(texts(lessons, 4, 2)).toEqual(['VIS', 'L1']);
    expect(texts(lessons, 5, 8)).toEqual([
      'KOM',
      'L1',
      '2026-03-01',
      'Styrning',
      'Utse nyttoägare innan driftstart',
      'Mall för nyttoprofil',
      'Eva Ek',
      'VIS, Koncernledning',
    ]);
  }, 180_000);
});
