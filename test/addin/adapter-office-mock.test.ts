/**
 * The Office.js adapter against office-addin-mock, the ecosystem's own mock of the Excel object model: what is written
 * where, how many syncs, the largest payload in one, that nothing outside Nytta's ranges is touched, and that a second
 * refresh replaces instead of appending. office-addin-mock has no collections (its documented limit), so sheets, names
 * and tables are plain objects that record their calls; the settings item, the application and every range are mocks.
 */
import { OfficeMockObject } from 'office-addin-mock';
import { describe, expect, it } from 'vitest';
import { applyPlans } from '../../addin/excel/apply-plans.js';
import { excelCell, REGISTRY_KEY } from '../../addin/excel/operations.js';
import { parseRange } from '../../addin/sheets/a1.js';
import { indicatorSheet, type Series } from '../../addin/sheets/indicator-sheets.js';
import { planBlocks, type SheetPlan } from '../../addin/sheets/plan.js';
import { riskSheet, type RiskData } from '../../addin/sheets/risk-sheet.js';

const prov = {
  source: '/api/v1/queries/indicator_series',
  parameters: { indicator: 'IND01' },
  loads: [],
  writtenAt: '2026-11-23 12:00:00',
};

/** A 25 000-row series: 100 000 cells in its table. */
function bigIndicatorPlan(): SheetPlan {
  const rows = Array.from({ length: 25_000 }, (_, i) => ({
    period: `${2000 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-${i}`,
    value: Math.round(i * 1.37) / 100,
    n: 100 + (i % 50),
    status: i % 97 === 0 ? 'prel' : null,
  }));
  const series: Series[] = [{ indicator: 'IND01', name: 'Andel återinskrivningar', breakdown: 'none', rows }];
  return indicatorSheet(series, prov);
}

function riskPlan(): SheetPlan {
  const register = [
    { id: 'R01', probability: 3, consequence: 3, value: 9, colour: 'red' as const },
    { id: 'R02', probability: 1, consequence: 2, value: 2, colour: 'green' as const },
  ];
  const data: RiskData = { program: 'FVM', scale: 3, assessed: '2022-06-28', previousAssessment: null, cells: [], register, changes: [] };
  return riskSheet(data, { ...prov, source: '/api/v1/risk-matrix' }).plan;
}

/** A workbook made of office-addin-mock objects; `existing` lists sheets, names and tables already there, and a registry. */
function mockWorkbook(existing: { sheets?: string[]; names?: string[]; tables?: string[]; registry?: string } = {}) {
  const calls = {
    getRange: [] as string[],
    clear: [] as string[],
    addSheet: [] as string[],
    addName: [] as string[],
    deleteName: [] as string[],
    addTable: [] as string[],
    deleteTable: [] as string[],
    settings: [] as [string, string][],
    suspend: 0,
  };
  const ranges: { address: string; mock: Record<string, unknown> & { sync(): Promise<void> } }[] = [];
  const mock = new OfficeMockObject({
    context: {
      workbook: {
        settings: {
          item: { value: existing.registry ?? '' },
          getItemOrNullObject(this: { item: unknown }, key: string) {
            expect(key).toBe(REGISTRY_KEY);
            return this.item;
          },
          add(key: string, value: string) {
            calls.settings.push([key, value]);
          },
        },
        application: {
          suspendApiCalculationUntilNextSync() {
            calls.suspend++;
          },
          suspendScreenUpdatingUntilNextSync() {},
        },
      },
    },
  }) as unknown as { context: { workbook: Record<string, unknown> & { settings: { item: object } }; sync(): Promise<void> } };
  // Office.js fills isNullObject at the sync without a load; the mock would want one, so it is a plain property here.
  Object.defineProperty(mock.context.workbook.settings.item, 'isNullObject', { value: existing.registry === undefined });

  const range = (sheet: string, address: string) => {
    calls.getRange.push(`${sheet}!${address}`);
    const { rows, cols } = parseRange(address);
    const empty = Array.from({ length: rows }, () => Array.from({ length: cols }, () => ''));
    const r = new OfficeMockObject({
      address,
      formulas: empty,
      values: empty,
      numberFormat: empty,
      format: {
        fill: { color: '' },
        font: { bold: false, italic: false, color: '', size: 11 },
        columnWidth: 0,
        borders: {
          edge: { style: '' },
          getItem(this: { edge: unknown }) {
            return this.edge;
          },
        },
      },
      conditionalFormats: {
        cf: { textComparison: { format: { fill: { color: '' } } } },
        add(this: { cf: unknown }) {
          return this.cf;
        },
        clearAll() {},
      },
      clear() {
        calls.clear.push(`${sheet}!${address}`);
      },
    }) as unknown as Record<string, unknown> & { sync(): Promise<void> };
    ranges.push({ address: `${sheet}!${address}`, mock: r });
    return r;
  };
  const sheet = (name: string) => ({
    getRange: (address: string) => range(name, address),
    getRangeByIndexes: () => range(name, 'A1'),
    tables: {
      add(address: string) {
        calls.addTable.push(`${name}!${address}`);
        return { name: '', style: '' };
      },
    },
    charts: {
      items: [] as { name: string }[],
      load() {
        return this;
      },
      add() {
        const series = { name: '', setXAxisValues() {}, setValues() {}, format: { line: {} } };
        const axis = () => ({ title: { text: '' } });
        return {
          name: '',
          title: { text: '' },
          axes: { categoryAxis: axis(), valueAxis: axis() },
          setPosition() {},
          series: { getItemAt: () => series, add: () => series },
        };
      },
    },
  });
  const collection = (names: string[]) => ({
    items: names.map((name) => ({ name })),
    load() {
      return this;
    },
  });
  Object.assign(mock.context.workbook, {
    worksheets: {
      ...collection(existing.sheets ?? []),
      add(name: string) {
        calls.addSheet.push(name);
        return sheet(name);
      },
      getItem: sheet,
    },
    names: {
      ...collection(existing.names ?? []),
      add(name: string) {
        calls.addName.push(name);
      },
      getItem(name: string) {
        return { delete: () => calls.deleteName.push(name) };
      },
    },
    tables: {
      ...collection(existing.tables ?? []),
      getItem(name: string) {
        return { delete: () => calls.deleteTable.push(name) };
      },
    },
  });
  // Ranges are made on the fly, outside the mock's tree, so a sync resolves their loads too; and counts what was sent.
  const syncs: number[] = [];
  let counted = 0;
  const contextSync = mock.context.sync.bind(mock.context);
  mock.context.sync = async () => {
    await contextSync();
    for (const r of ranges) await r.mock.sync();
    syncs.push(
      ranges.slice(counted).reduce((n, r) => n + JSON.stringify(r.mock.formulas).length + JSON.stringify(r.mock.numberFormat).length, 0),
    );
    counted = ranges.length;
  };
  const written = (address: string) =>
    ranges
      .filter((r) => r.address === address)
      .map((r) => r.mock.formulas)
      .find(Array.isArray);
  return { context: mock.context as unknown as Excel.RequestContext, calls, syncs, written, ranges };
}

const managedAddresses = (plan: SheetPlan) =>
  new Set(planBlocks(plan).map((b) => `${plan.name}!${b.row},${b.col},${b.cells.length},${Math.max(...b.cells.map((r) => r.length))}`));
const inside = (plan: SheetPlan, address: string) => {
  const [sheet, a] = address.split('!');
  const r = parseRange(a);
  return (
    sheet === plan.name &&
    planBlocks(plan).some(
      (b) =>
        r.row >= b.row &&
        r.row + r.rows <= b.row + b.cells.length &&
        r.col >= b.col &&
        r.col + r.cols <= b.col + Math.max(...b.cells.map((x) => x.length)),
    )
  );
};

describe('the adapter on office-addin-mock', () => {
  it('writes a 100 000-cell table in one read and one write sync, every value where the plan puts it', async () => {
    const plan = bigIndicatorPlan();
    const wb = mockWorkbook();
    const report = await applyPlans(wb.context, [plan]);
    expect(wb.syncs.length).toBe(2);
    expect(report.syncs).toBe(2);
    expect(wb.calls.addSheet).toEqual(['Indikatorserier']);
    const table = plan.blocks.find((b) => b.id === 'serie_IND01')!;
    expect(table.cells.length * table.cells[0].length).toBe(100_004);
    expect(wb.written('Indikatorserier!A4:D25004')).toEqual(table.cells.map((r) => r.map(excelCell)));
    expect(wb.calls.addTable).toEqual(['Indikatorserier!A4:D25004']);
    expect(wb.calls.suspend).toBe(1);
    // The largest payload stays well under Excel on the web's 5 MB.
    expect(Math.max(...wb.syncs)).toBeLessThan(5 * 1024 * 1024);
    expect(Math.max(...wb.syncs)).toBeGreaterThan(1_000_000);
  });

  it('with a smaller budget the same table goes in row chunks, none above the budget, and no more syncs than needed', async () => {
    const plan = bigIndicatorPlan();
    const wb = mockWorkbook();
    const budget = 300_000;
    const report = await applyPlans(wb.context, [plan], { budget });
    expect(Math.max(...wb.syncs)).toBeLessThanOrEqual(budget);
    const total = wb.syncs.reduce((a, b) => a + b, 0);
    expect(report.syncs).toBeLessThanOrEqual(1 + Math.ceil(total / budget) + 2);
    const chunks = wb.calls.getRange.filter((a) => a.startsWith('Indikatorserier!A') && /:D\d+$/.test(a));
    expect(chunks.length).toBeGreaterThan(3);
    expect(wb.calls.getRange.every((a) => inside(plan, a))).toBe(true);
  });

  it('touches nothing outside its ranges, and a second refresh clears and replaces them instead of appending', async () => {
    const plan = riskPlan();
    const first = mockWorkbook();
    await applyPlans(first.context, [plan]);
    const registry = first.calls.settings.at(-1)![1];
    expect(first.calls.getRange.every((a) => inside(plan, a))).toBe(true);
    expect(first.calls.clear).toEqual([]);
    expect(managedAddresses(plan).size).toBe(planBlocks(plan).length);

    const second = mockWorkbook({ sheets: ['Risker', 'Mitt eget blad'], names: first.calls.addName, tables: ['Riskregister'], registry });
    await applyPlans(second.context, [plan]);
    const owned = (JSON.parse(registry) as { ranges: { address: string }[] }[])[0].ranges.map((r) => `Risker!${r.address}`);
    expect(second.calls.clear.sort()).toEqual([...owned].sort());
    expect(second.calls.deleteTable).toEqual(['Riskregister']);
    expect(second.calls.deleteName.sort()).toEqual([...first.calls.addName].sort());
    expect(second.calls.addName.sort()).toEqual([...first.calls.addName].sort());
    expect(second.calls.addTable).toEqual(first.calls.addTable);
    expect(second.calls.addSheet).toEqual([]);
    expect(second.calls.getRange.every((a) => inside(plan, a))).toBe(true);
    // Read (registry), read (snapshot of the old ranges), write.
    expect(second.syncs.length).toBe(3);
  });
});
