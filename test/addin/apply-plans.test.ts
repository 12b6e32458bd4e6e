/**
 * The Office.js adapter against the recording stand-in for Excel: plans from the real service on a demo store, written,
 * refreshed, refused and undone. What is asserted is the workbook the stand-in holds afterwards and the syncs it saw.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyPlans, ApplyError } from '../../addin/excel/apply-plans.js';
import { PAYLOAD_LIMIT, REGISTRY_KEY } from '../../addin/excel/operations.js';
import { describeVerification, verifyPlans } from '../../addin/excel/verify-plans.js';
import { a1 } from '../../addin/sheets/a1.js';
import { isFormula, planBlocks, type SheetPlan } from '../../addin/sheets/plan.js';
import { buildPlans } from '../../addin/service/build-plans.js';
import { httpService } from '../../addin/service/http-service.js';
import { serviceCall } from '../../addin/service/service-call.js';
import { createExcelStandIn, type ExcelStandIn } from '../helpers/excel-standin.js';
import { auth, startTestService, type TestService } from '../helpers/service.js';

let service: TestService;
let plans: SheetPlan[];

beforeAll(async () => {
  service = await startTestService();
  const call = serviceCall((path, init) => service.app.request(path, init), auth('reader'));
  // FVIS has no risks of its own (its Risker sheet says so in one line): the register these tests write is FVM's.
  const [fvmRisks] = await buildPlans(httpService(call), 'risker', { program: 'FVM' });
  plans = (await buildPlans(httpService(call), 'alla', { program: 'FVIS' })).map((p) => (p.name === 'Risker' ? fvmRisks : p));
}, 120_000);
afterAll(() => service?.close());

const apply = (excel: ExcelStandIn, p: readonly SheetPlan[] = plans, options = {}) =>
  applyPlans(excel.context as unknown as Excel.RequestContext, p, options);
/** The workbook's content: cells (with styles unless `contentOnly`), charts and formats, names, tables, settings. */
const snapshot = (excel: ExcelStandIn, contentOnly = false) =>
  JSON.stringify({
    sheets: [...excel.state.sheets.values()].map((s) => [
      s.name,
      [...s.cells.entries()]
        .filter(([, c]) => !contentOnly || c.value !== '' || c.numberFormat)
        .sort()
        .map(([k, c]) => [k, contentOnly ? [c.value, c.numberFormat] : c]),
      contentOnly ? [] : [s.charts, s.conditionalFormats],
    ]),
    names: [...excel.state.names.keys()].sort(),
    tables: [...excel.state.tables.entries()].sort(),
    settings: [...excel.state.settings.entries()],
  });

/** Every cell of every block as the plan says, read back from the stand-in. */
function expectWritten(excel: ExcelStandIn, plan: SheetPlan) {
  for (const block of planBlocks(plan)) {
    block.cells.forEach((row, r) =>
      row.forEach((cell, c) => {
        // What the sheet must hold: the plan's own value, text as text, a formula with its =, a date as its serial day
        // number (2024-03-15 is 45366, as Excel's DATE(2024;3;15)) shown with a date format.
        const written = excel.cell(plan.name, a1(block.row + r, block.col + c));
        const date =
          typeof cell === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(cell) ? (Date.parse(cell) - Date.parse('1899-12-30')) / 86_400_000 : null;
        const expected = isFormula(cell)
          ? `=${cell.formula}`
          : cell === null || (typeof cell === 'number' && !Number.isFinite(cell))
            ? ''
            : (date ?? cell);
        expect(written?.value ?? '', `${plan.name}!${a1(block.row + r, block.col + c)}`).toEqual(expected);
        if (date !== null) expect(written?.numberFormat, `${plan.name}!${a1(block.row + r, block.col + c)}`).toBe('yyyy-mm-dd');
      }),
    );
  }
}

describe('applying sheet plans through Office.js', () => {
  it("writes every job's sheets in one read and a few batches, each under the payload limit, with calculation suspended", async () => {
    const excel = createExcelStandIn();
    const report = await apply(excel);
    expect(plans.map((p) => p.name)).toEqual([
      'Innehåll',
      'Portfölj',
      'Indikatorserier',
      'Baslinje',
      'Nyttokalkyl',
      'Uppföljning 5 år',
      'Risker',
    ]);
    for (const plan of plans) expectWritten(excel, plan);
    // One sync to read what is there, then the batches; the whole workbook is far under 5 MB, so one batch.
    expect(report.syncs).toBe(excel.state.syncs.length);
    expect(excel.state.syncs.length).toBe(2);
    expect(excel.state.syncs.every((s) => s.bytes < PAYLOAD_LIMIT)).toBe(true);
    expect(excel.state.syncs[1].suspendedCalculation).toBe(true);
    // Formulas in invariant form; the business case's NPV hangs on the rate cell.
    expect(excel.cell('Nyttokalkyl', 'B3')?.value).toBeTypeOf('number');
    const npv = [...excel.state.sheets.get('Nyttokalkyl')!.cells.values()].find((c) => String(c.value).includes('NPV($B$3,'));
    expect(npv).toBeDefined();
    // Tables, names, charts, conditional formats and the registry.
    expect([...excel.state.tables.keys()]).toEqual(expect.arrayContaining(['Styrdiagram']));
    expect([...excel.state.names.keys()].every((n) => n.startsWith('NYTTA_'))).toBe(true);
    expect(excel.state.sheets.get('Baslinje')!.charts.map((c) => c.series.map((s) => s.name))).toEqual([
      ['Värde', 'Centrallinje', 'Nedre gräns', 'Övre gräns', 'Utanför gränserna'],
    ]);
    expect(excel.state.sheets.get('Baslinje')!.conditionalFormats[0]).toMatchObject({ type: 'ContainsText', text: 'ja', color: '#FFC7CE' });
    // The add-in draws the charts, so no sheet carries the .xlsx files' note that it cannot.
    expect(
      [...excel.state.sheets.values()].flatMap((s) => [...s.cells.values()]).some((c) => String(c.value).startsWith('Diagrammen ritas')),
    ).toBe(false);
    const registry = JSON.parse(String(excel.state.settings.get(REGISTRY_KEY))) as { sheet: string }[];
    expect(registry.map((r) => r.sheet)).toEqual(plans.map((p) => p.name));
  });

  it('charts: every series has its name, values and categories set explicitly, and is drawn as the plan says', async () => {
    const g = globalThis as { Office?: unknown };
    for (const excelApi of [9, 7]) {
      const excel = createExcelStandIn({ excelApi });
      g.Office = excel.Office;
      try {
        await apply(excel);
      } finally {
        delete g.Office;
      }
      for (const plan of plans) {
        const charts = excel.state.sheets.get(plan.name)!.charts;
        expect(charts.length, plan.name).toBe(plan.charts.length);
        plan.charts.forEach((spec, i) => {
          const chart = charts[i];
          expect(chart.title).toBe(spec.title);
          expect([chart.xTitle, chart.yTitle]).toEqual([spec.xTitle, spec.yTitle]);
          // Every series set by hand, the first too: its values are never left to Excel's guess from the source range.
          expect(chart.series.map((s) => [s.name, s.values, s.categories, s.valuesSet])).toEqual(
            spec.series.map((s) => [s.name, s.values, spec.categories, true]),
          );
        });
      }
      const [spc] = excel.state.sheets.get('Baslinje')!.charts;
      expect(spc.type).toBe('Line');
      expect(spc.series.map((s) => [s.markerStyle, s.lineStyle ?? null])).toEqual([
        ['None', null],
        ['None', 'Dash'],
        ['None', 'Dash'],
        ['None', 'Dash'],
        ['Circle', 'None'],
      ]);
      // The business case: costs and benefits as columns, the cumulative net as a line over them where the host can (1.8).
      const [combo] = excel.state.sheets.get('Nyttokalkyl')!.charts;
      expect(combo.type).toBe('ColumnClustered');
      expect(combo.series.map((s) => s.chartType ?? null)).toEqual(excelApi >= 8 ? [null, null, 'Line'] : [null, null, null]);
    }
  });

  it("a second refresh replaces exactly what it wrote: the user's own cells, sheets and widths beside it survive", async () => {
    const excel = createExcelStandIn();
    await apply(excel);
    excel.setCell('Nyttokalkyl', 'Z2', 'min egen anteckning');
    excel.setCell('Nyttokalkyl', 'Z3', '=SUM(C10:D10)');
    excel.addSheet('Mina beräkningar');
    excel.setCell('Mina beräkningar', 'A1', 42);
    const counts = () => [
      excel.state.names.size,
      excel.state.tables.size,
      [...excel.state.sheets.values()].reduce((n, s) => n + s.charts.length + s.conditionalFormats.length, 0),
    ];
    const before = counts();
    await apply(excel);
    expect(counts()).toEqual(before);
    expect(excel.cell('Nyttokalkyl', 'Z2')?.value).toBe('min egen anteckning');
    expect(excel.cell('Nyttokalkyl', 'Z3')?.value).toBe('=SUM(C10:D10)');
    expect(excel.cell('Mina beräkningar', 'A1')?.value).toBe(42);
    for (const plan of plans) expectWritten(excel, plan);
  });

  it('a smaller layout leaves no trace of the larger one it replaces', async () => {
    const excel = createExcelStandIn();
    const risk = plans.find((p) => p.name === 'Risker')!;
    await apply(excel, [risk]);
    const smaller: SheetPlan = { ...risk, blocks: risk.blocks.slice(0, 2), charts: [], notes: [] };
    await apply(excel, [smaller]);
    const owned = new Set(planBlocks(smaller).flatMap((b) => b.cells.flatMap((row, r) => row.map((_, c) => a1(b.row + r, b.col + c)))));
    const sheet = excel.state.sheets.get('Risker')!;
    const stray = [...sheet.cells.keys()]
      .map((k) => k.split(',').map(Number))
      .map(([r, c]) => a1(r, c))
      .filter((ref) => !owned.has(ref));
    expect(stray).toEqual([]);
    expect(excel.state.tables.size).toBe(smaller.blocks.filter((b) => b.table).length);
  });

  it("refuses a layout that would cover a user's cell, and writes nothing", async () => {
    const excel = createExcelStandIn();
    const risk = plans.find((p) => p.name === 'Risker')!;
    const small: SheetPlan = { ...risk, blocks: risk.blocks.slice(0, 1), charts: [], notes: [] };
    await apply(excel, [small]);
    excel.setCell('Risker', 'B5', 'användarens cell');
    const before = snapshot(excel);
    const error = await apply(excel, [risk]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApplyError);
    expect((error as ApplyError).message).toMatch(/Nytta behöver cellerna Risker!A\d+:[A-Z]+\d+, men Risker!B5 innehåller egna uppgifter/);
    expect(snapshot(excel)).toBe(before);
  });

  it('a refresh that fails halfway is undone: the previous content, names, tables and registry come back', async () => {
    const excel = createExcelStandIn();
    const first = plans.filter((p) => ['Nyttokalkyl', 'Risker'].includes(p.name));
    await apply(excel, first);
    excel.setCell('Nyttokalkyl', 'Z2', 'min egen anteckning');
    const before = snapshot(excel, true);
    const syncsBefore = excel.state.syncs.length;
    // The refresh's reads are syncs 1–2; the third is its first write batch, which fails after half its commands ran.
    const failing = createExcelStandIn({ failAtSync: syncsBefore + 3 });
    Object.assign(failing.state, excel.state);
    const error = await apply(failing, first).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApplyError);
    expect((error as ApplyError).restored).toBe(true);
    expect((error as ApplyError).message).toMatch(
      /^Uppdateringen avbröts i steg 1 av 1 \(An internal error has occurred\.\)\. Det Nytta skrivit tidigare är återställt: värden, formler, talformat, namn, tabeller och registret\. Fyllnadsfärger och diagram ritas om vid nästa uppdatering\./,
    );
    // Values, formulas, number formats, names, tables and the registry are as they were; fills and charts are drawn
    // again by the next refresh (the README says so).
    const after = snapshot(failing, true);
    // Compared by hand so that a failure names the first difference instead of printing two workbooks.
    const at = [...after].findIndex((ch, i) => ch !== before[i]);
    expect(at === -1 ? '' : after.slice(Math.max(0, at - 80), at + 80)).toBe(at === -1 ? '' : before.slice(Math.max(0, at - 80), at + 80));
    expect(after.length).toBe(before.length);
    expect(failing.cell('Nyttokalkyl', 'Z2')?.value).toBe('min egen anteckning');
  });

  it("a user's sheet named like Nytta's but for case stops the refresh before anything is written, naming it", async () => {
    const excel = createExcelStandIn();
    excel.addSheet('risker');
    excel.setCell('risker', 'A1', 'mina egna risker');
    const risk = plans.filter((p) => p.name === 'Risker');
    const error = await apply(excel, risk).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApplyError);
    expect((error as ApplyError).message).toContain('Bladet "risker" finns redan i arbetsboken');
    expect([...excel.state.sheets.keys()]).toEqual(['risker']);
    expect(excel.cell('risker', 'A1')?.value).toBe('mina egna risker');
    expect(excel.state.names.size).toBe(0);
  });

  it('a response Excel finds too large (the snapshot of long texts) is read again in smaller parts', async () => {
    const excel = createExcelStandIn({ responseLimit: 40_000 });
    await apply(excel);
    // The refresh reads back every range Nytta owns before it writes: far more than 40 000 bytes in one response.
    const report = await apply(excel);
    for (const plan of plans) expectWritten(excel, plan);
    const reads = report.syncs - report.batchBytes.length;
    expect(reads).toBeGreaterThan(4);
  });

  it('a request Excel finds too large is undone and retried in smaller batches', async () => {
    const excel = createExcelStandIn({ payloadLimit: 60_000 });
    const report = await apply(excel, plans, { budget: 100_000 });
    expect(report.batchBytes.every((b) => b <= 50_000)).toBe(true);
    expect(excel.state.syncs.some((s) => s.bytes > 60_000)).toBe(true);
    for (const plan of plans) expectWritten(excel, plan);
  });
});

describe('Kontrollera', () => {
  it('finds the sheet matching the service, then names a cell a user changed and a figure the service now gives differently', async () => {
    const excel = createExcelStandIn();
    const chosen = plans.filter((p) => ['Nyttokalkyl', 'Risker'].includes(p.name));
    await apply(excel, chosen);
    const clean = await verifyPlans(excel.context as unknown as Excel.RequestContext, chosen);
    expect(clean.differences).toEqual([]);
    expect(clean.checkedCells).toBeGreaterThan(500);
    expect(describeVerification(clean)).toMatch(/^Bladen stämmer med tjänsten \(\d[\d\s\u00a0\u202f]* celler kontrollerade\)\.$/);

    excel.setCell('Nyttokalkyl', 'B3', 0.05);
    const risk = chosen.find((p) => p.name === 'Risker')!;
    // The service's register now says otherwise for one risk: the plan is rebuilt with another probability.
    const changed: SheetPlan = {
      ...risk,
      blocks: risk.blocks.map((b) =>
        b.id === 'register' ? { ...b, cells: b.cells.map((row, r) => (r === 1 ? row.map((c, i) => (i === 3 ? 1 : c)) : row)) } : b,
      ),
    };
    const report = await verifyPlans(excel.context as unknown as Excel.RequestContext, [chosen[0], changed]);
    expect(report.differences.map((d) => `${d.sheet}!${d.cell}`)).toEqual(['Nyttokalkyl!B3', 'Risker!D18']);
    expect(report.differences[0]).toMatchObject({ expected: 0.03, actual: 0.05 });
    expect(describeVerification(report)).toMatch(
      /^2 av .* celler skiljer sig från tjänsten\. Nyttokalkyl!B3: bladet har 0\.05, tjänsten ger 0\.03/,
    );
  });
});
