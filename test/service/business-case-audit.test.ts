/**
 * The business case the audit asks for, on hand-made files whose figures are worked out by hand at a rate of 10 %
 * (test/fixtures/audit/PROVENANCE.md): per actor and stakeholder, forecast beside the plan, the operating-cost test (also
 * recalculated by LibreOffice, before and after the rate cell changes), the production loss in the NPV and as
 * measured, and a delay.
 */
import ExcelJS from 'exceljs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPlans } from '../../addin/service/build-plans.js';
import { httpService } from '../../addin/service/http-service.js';
import { serviceCall } from '../../addin/service/service-call.js';
import { writeWorkbook } from '../../addin/xlsx/render-workbook.js';
import { businessCaseResponse, type BusinessCaseResponse } from '../../pipeline/contracts/index.js';
import { ingestFiles } from '../../pipeline/ingest/ingest-files.js';
import { buildService } from '../../pipeline/service/start.js';
import { libreOfficeAvailable, recalculateXlsx } from '../helpers/libreoffice.js';
import { FIXTURES, tempStore } from '../helpers/store.js';

const DIR = join(FIXTURES, 'audit');
let store: Awaited<ReturnType<typeof tempStore>>;
let app: Awaited<ReturnType<typeof buildService>>['app'];

beforeAll(async () => {
  store = await tempStore();
  const files = ['organisation.csv', 'indikatorer.csv', 'utfall-besok.csv', 'nyttokalkyl-kom.csv', 'nyckeltal.csv'].map((f) =>
    join(DIR, f),
  );
  await ingestFiles(store.connection, files);
  ({ app } = await buildService(store, { host: '127.0.0.1', port: 0, env: {} }));
}, 60_000);
afterAll(() => store?.close());

async function get(query: string): Promise<{ status: number; body: BusinessCaseResponse & { detail?: string } }> {
  const res = await app.request(`/api/v1/business-case?program=KOM&rate=0.1&${query}`);
  return { status: res.status, body: (await res.json()) as BusinessCaseResponse & { detail?: string } };
}

describe('per actor and per stakeholder', () => {
  it("each actor's NPV as worked by hand, adding up to the case's", async () => {
    const { status, body } = await get('scenario=bas');
    expect(status).toBe(200);
    // Costs 2025, benefits 2026 and 2027 at 10 %: 550/1.1 = 500, 605/1.21 = 500, 110/1.1 = 100, 242/1.21 = 200.
    const byName = Object.fromEntries(body.actors.map((a) => [a.name, a]));
    expect(byName['Regionen']).toMatchObject({ pvCosts: 1000, npv: expect.closeTo(0, 9), bcr: expect.closeTo(1, 12) });
    expect(byName['Kommun A']).toMatchObject({ pvCosts: 200, pvBenefits: expect.closeTo(300, 9), npv: expect.closeTo(100, 9) });
    expect(byName['Kommun B']).toMatchObject({ pvCosts: 100, pvBenefits: expect.closeTo(200, 9), bcr: expect.closeTo(2, 12) });
    // Kommun B's benefit is 50 % likely: at expected value 121/1.21 = 100 against its 100.
    expect(byName['Kommun B'].expected.npv).toBeCloseTo(0, 9);
    expect(body.npv).toBeCloseTo(-1300 + 660 / 1.1 + 1089 / 1.21, 9);
    expect(body.npv).toBeCloseTo(200, 9);
    expect(body.actors.reduce((s, a) => s + a.npv, 0)).toBeCloseTo(body.npv, 9);
    // The outcome's actors add up to the outcome's NPV: only Regionen's 1 100 in 2025.
    const outcome = await get('scenario=bas&kind=outcome');
    expect(outcome.body.actors.map((a) => [a.name, a.npv])).toEqual([['Regionen', -1100]]);
    expect(outcome.body.npv).toBe(-1100);
    // Stakeholders: the costs name none; the benefits fall to staff (1 000) and residents (500).
    expect(body.stakeholders.map((x) => [x.name, Math.round(x.npv)])).toEqual([
      ['', -1300],
      ['Invånare', 500],
      ['Personal', 1000],
    ]);
  });
});

describe('plan, outcome and forecast', () => {
  it('the plan never includes outcome or forecast; outcome so far plus forecast has an NPV of its own', async () => {
    const { body } = await get('scenario=bas');
    // The plan: −1 300, 660, 1 089 (NPV 200, above). Outcome 2025: −1 100; forecast 2026: 300; 2027 as planned.
    expect(body.outcomeAndForecast.years.map((y) => [y.year, y.source, y.costs, y.benefits])).toEqual([
      [2025, 'outcome', 1100, 0],
      [2026, 'forecast', 0, 300],
      [2027, 'plan', 0, 1089],
    ]);
    expect(body.outcomeAndForecast.npv).toBeCloseTo(-1100 + 300 / 1.1 + 1089 / 1.21, 9);
    expect(body.outcomeAndForecast.planNpv).toBeCloseTo(200, 9);
    expect(body.planAgainstOutcome.find((r) => r.year === 2026)).toMatchObject({
      planBenefits: 660,
      forecastBenefits: 300,
      outcomeBenefits: null,
    });
    expect(body.lines.filter((l) => l.kind === 'forecast')).toHaveLength(1);
  });
});

describe('the operating-cost test', () => {
  it('recognises the yearly rise and sets the break-even and the expected yearly benefit beside it', async () => {
    const { body } = await get('scenario=bas');
    expect(body.operatingCostTest.map((t) => t.figure)).toEqual(['Ökade driftkostnader per år efter driftstart']);
    const [t] = body.operatingCostTest;
    const annuity = 1 / 1.1 + 1 / 1.21;
    // Break-even from 2026: PV(costs) 1 300 over the annuity; expected benefits 660 and 605 + 242 + 242 × 0.5 = 968.
    expect(t.yearlyRise).toBe(500);
    expect(t.breakEvenAnnualBenefit).toBeCloseTo(1300 / annuity, 9);
    expect(t.expectedAnnualBenefit).toBeCloseTo((660 / 1.1 + 968 / 1.21) / annuity, 9);
    expect(t.margin).toBeCloseTo((660 / 1.1 + 968 / 1.21) / annuity - 500, 9);
    const named = await get('scenario=bas&operatingCostFigure=investeringsbudget');
    expect(named.body.operatingCostTest[0]).toMatchObject({ figure: 'investeringsbudget', yearlyRise: 2000 });
    const unknown = await get('scenario=bas&operatingCostFigure=finns_inte');
    expect(unknown.status).toBe(400);
    expect(unknown.body.detail).toContain('nyckeltalet "finns_inte" finns inte i lagret');
  });

  it.runIf(libreOfficeAvailable())(
    'LibreOffice recalculates the row to the krona, and again after the rate cell changes',
    async () => {
      const call = serviceCall((path, init) => app.request(path, init));
      const plans = await buildPlans(httpService(call), 'nyttokalkyl', { program: 'KOM', scenario: 'bas', rate: '0.1' });
      const path = join(store.dir, 'kom.xlsx');
      await writeWorkbook(path, plans);
      const block = plans[0].blocks.find((b) => b.id === 'driftkostnad')!;
      const actors = plans[0].blocks.find((b) => b.id === 'aktorer_summa')!;
      const read = async (file: string) => {
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.readFile(recalculateXlsx(file));
        const ws = wb.getWorksheet('Nyttokalkyl')!;
        const value = (row: number, col: string) => {
          const v = ws.getCell(`${col}${row + 1}`).value;
          return Number(typeof v === 'object' && v && 'result' in v ? v.result : v);
        };
        const totalRow = actors.row + actors.cells.length - 1;
        return {
          rise: value(block.row + 1, 'B'),
          breakEven: value(block.row + 1, 'C'),
          expected: value(block.row + 1, 'D'),
          margin: value(block.row + 1, 'E'),
          actorsNpv: value(totalRow, 'D'),
        };
      };
      const byHand = (r: number) => {
        const annuity = 1 / (1 + r) + 1 / (1 + r) ** 2;
        const expected = (660 / (1 + r) + 968 / (1 + r) ** 2) / annuity;
        return { breakEven: 1300 / annuity, expected, margin: expected - 500, npv: -1300 + 660 / (1 + r) + 1089 / (1 + r) ** 2 };
      };
      const at10 = await read(path);
      const hand10 = byHand(0.1);
      expect(at10.rise).toBe(500);
      for (const key of ['breakEven', 'expected', 'margin'] as const) expect(Math.abs(at10[key] - hand10[key]), key).toBeLessThan(1);
      expect(Math.abs(at10.actorsNpv - hand10.npv)).toBeLessThan(1);
      // The controller changes the rate to 5 %: the row follows, as the hand computation does.
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(path);
      wb.getWorksheet('Nyttokalkyl')!.getCell('B3').value = 0.05;
      const changed = join(store.dir, 'kom-5.xlsx');
      await wb.xlsx.writeFile(changed);
      const at5 = await read(changed);
      const hand5 = byHand(0.05);
      for (const key of ['breakEven', 'expected', 'margin'] as const)
        expect(Math.abs(at5[key] - hand5[key]), `${key} at 5 %`).toBeLessThan(1);
      expect(Math.abs(at5.actorsNpv - hand5.npv)).toBeLessThan(1);
    },
    120_000,
  );
});

describe('production loss in the case', () => {
  // The unit goes live 2026-06-01 with a baseline of 10 × 100 + 2 × 60 = 1 120 visits in the 12 months before.
  const weekly = 1120 / 52.18;

  it('modelled: 16 × peak × weekly volume × cost per contact; twice at a peak of 50 %; in the NPV exactly discounted', async () => {
    const without = await get('scenario=bas&volumeIndicator=V&costPerContact=1000');
    const loss = without.body.productionLoss!;
    expect(loss.included).toBe(false);
    expect(loss.lostSek).toBeCloseTo(16 * 0.25 * weekly * 1000, 6);
    const half = await get('scenario=bas&volumeIndicator=V&costPerContact=1000&peak=0.5');
    expect(half.body.productionLoss!.lostSek).toBeCloseTo(2 * loss.lostSek, 6);
    // Weeks −12 to +15 around 2026-06-01 all fall in 2026, year 1 of the case: the NPV drops by the loss / 1.1.
    expect(loss.byYear).toEqual([{ year: 2026, lostSek: expect.closeTo(loss.lostSek, 6) }]);
    const included = await get('scenario=bas&volumeIndicator=V&costPerContact=1000&includeProductionLoss=true');
    expect(included.body.productionLoss!.included).toBe(true);
    expect(without.body.npv - included.body.npv).toBeCloseTo(loss.lostSek / 1.1, 6);
    expect(included.body.lines.some((l) => l.category === 'produktionsbortfall (modellerat)' && l.year === 2026)).toBe(true);
    const missing = await get('scenario=bas&includeProductionLoss=true');
    expect(missing.status).toBe(400);
  });

  it('measured: the baseline weekly volume over the window against what was recorded, per administration', async () => {
    const { body } = await get('scenario=bas&volumeIndicator=V&costPerContact=1000');
    // The window, 12 weeks before to 16 after go-live, takes the months starting 2026-04 … 2026-09: 183 days, 6 × 60 visits.
    const expected = (weekly * 183) / 7;
    expect(body.productionLoss!.measured).toEqual([
      {
        administration: 'A',
        expectedContacts: expect.closeTo(expected, 6),
        actualContacts: 360,
        lostContacts: expect.closeTo(expected - 360, 6),
        lostSek: expect.closeTo((expected - 360) * 1000, 3),
      },
    ]);
  });
});

describe('a delay', () => {
  it('12 months on a flat stream moves each benefit a year later; the last falls outside the period', async () => {
    // Cost 1 000 in 2025, benefits 400 in 2026–2029: delayed a year, 2026 loses its 400 and the rest shift along.
    const { body } = await get('scenario=platt&delayMonths=12');
    expect(body.delay).toEqual({
      months: 12,
      npvWithoutDelay: expect.closeTo(-1000 + 400 * (1 / 1.1 + 1 / 1.1 ** 2 + 1 / 1.1 ** 3 + 1 / 1.1 ** 4), 9),
      npvChange: expect.closeTo(-400 / 1.1, 9),
    });
    expect(body.npv).toBeCloseTo(-1000 + 400 * (1 / 1.1 ** 2 + 1 / 1.1 ** 3 + 1 / 1.1 ** 4), 9);
  });

  it('6 months moves half of each year into the next: the change is half a year of benefit, pro rata', async () => {
    const { body } = await get('scenario=platt&delayMonths=6');
    // After: 200 in 2026 and 400 in 2027–2029 (half of 2029's goes to 2030, past the end): −200/1.1 against the plan.
    expect(body.delay!.npvChange).toBeCloseTo(-200 / 1.1, 9);
    const none = await get('scenario=platt');
    expect(none.body.delay).toBeNull();
  });

  it('is checked: a negative or fractional delay is a 400 naming the parameter', async () => {
    for (const bad of ['-1', '1.5', 'ett']) {
      const { status, body } = await get(`scenario=platt&delayMonths=${bad}`);
      expect(status).toBe(400);
      expect(body.detail).toContain('delayMonths');
    }
  });
});

describe('key figures', () => {
  it('GET /api/v1/key-figures lists them, with SEK where they are money, and says which is the operating-cost rise', async () => {
    const res = await app.request('/api/v1/key-figures');
    const body = (await res.json()) as { keyFigures: { name: string; valueSek: number | null; operatingCostRise: boolean }[] };
    expect(body.keyFigures.map((k) => [k.name, k.valueSek, k.operatingCostRise])).toEqual([
      ['investeringsbudget', 2000, false],
      ['Ökade driftkostnader per år efter driftstart', 500, true],
    ]);
    expect(businessCaseResponse.shape.operatingCostTest).toBeDefined();
  });
});
