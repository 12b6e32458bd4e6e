import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { presentValue } from '../../pipeline/model/finance.js';
import { writeWorkbook } from '../../addin/xlsx/render-workbook.js';
import { businessCaseSheet } from '../../addin/sheets/business-case-sheet.js';
import { caseFigures } from '../helpers/case-figures.js';
import { buildPlans } from '../../addin/service/build-plans.js';
import { httpService } from '../../addin/service/http-service.js';
import { serviceCall } from '../../addin/service/service-call.js';
import {
  baselineResponse,
  businessCaseResponse,
  followupResponse,
  queryAnswer,
  riskMatrixResponse,
} from '../../pipeline/contracts/index.js';
import { libreOfficeAvailable, pdftoppmAvailable, recalculateXlsx, renderPages } from '../helpers/libreoffice.js';
import { auth, startTestService, type TestService } from '../helpers/service.js';
import { FIXTURES } from '../helpers/store.js';

const ARTIFACTS = join(import.meta.dirname, '..', 'artifacts', 'workbooks');
const BIN = join(import.meta.dirname, '..', '..', 'bin', 'nytta.js');

let s: TestService;
let call: ReturnType<typeof serviceCall>;
beforeAll(async () => {
  s = await startTestService();
  call = serviceCall((path, init) => s.app.request(path, init), auth('admin'));
}, 120_000);
afterAll(() => s?.close());

/** Formula results after LibreOffice recalculated the workbook; cached values were never written by us. */
async function recalculated(path: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(recalculateXlsx(path));
  return wb;
}
const result = (cell: ExcelJS.Cell): unknown =>
  typeof cell.value === 'object' && cell.value && 'result' in cell.value ? cell.value.result : cell.value;

describe('written workbooks hold formulas without cached results', () => {
  it('no formula cell carries a result', async () => {
    const path = join(s.store.dir, 'nk-raw.xlsx');
    await writeWorkbook(path, await buildPlans(httpService(call), 'nyttokalkyl', { program: 'FVIS' }));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    let formulas = 0;
    wb.getWorksheet('Nyttokalkyl')!.eachRow((row) =>
      row.eachCell((cell) => {
        if (cell.formula) {
          formulas++;
          expect((cell.value as ExcelJS.CellFormulaValue).result).toBeUndefined();
        }
      }),
    );
    expect(formulas).toBeGreaterThan(100);
  });
});

describe.runIf(libreOfficeAvailable())('recalculated by LibreOffice', () => {
  it('nyttokalkyl: NPV, benefit-cost ratio, payback and break-even agree with the service within a krona, for every scenario', async () => {
    const scenarios = (await call('/api/v1/business-case?program=FVIS', businessCaseResponse)).scenarios.map((x) => x.scenario);
    let paysBack = 0;
    for (const scenario of scenarios) {
      const api = (await call(`/api/v1/business-case?program=FVIS&scenario=${scenario}`, businessCaseResponse)) as unknown as Record<
        string,
        number | null
      >;
      const path = join(s.store.dir, `nk-${scenario}.xlsx`);
      const plans = await buildPlans(httpService(call), 'nyttokalkyl', { program: 'FVIS', scenario });
      await writeWorkbook(path, plans);
      const ws = (await recalculated(path)).getWorksheet('Nyttokalkyl')!;
      // Each key figure found by its label in the key-figures block, so a row added there moves nothing here.
      const key = plans[0].blocks.find((b) => b.id === 'nyckeltal')!;
      const LABELS = [
        '',
        'Nettonuvärde (kr)',
        '',
        '',
        'Nyttokostnadskvot',
        'Återbetalningstid (år)',
        'Återbetalningstid, diskonterad (år)',
      ];
      const labelled: Record<number, string> = {
        ...LABELS,
        7: 'Internränta',
        8: 'Nytta per år för nollresultat (kr)',
        9: 'Återbetalning sker år',
        10: 'Återbetalning, diskonterad, sker år',
      };
      const at = (which: number) => {
        const row = key.cells.findIndex((r) => r[0] === labelled[which]);
        expect(row, labelled[which]).toBeGreaterThan(0);
        return result(ws.getCell(`B${key.row + row + 1}`));
      };
      expect(Math.abs(Number(at(1)) - api.npv!), `${scenario} npv`).toBeLessThan(1);
      expect(Math.abs(Number(at(4)) - api.bcr!), `${scenario} bcr`).toBeLessThan(1e-9);
      expect(Math.abs(Number(at(8)) - api.breakEvenAnnualBenefit!), `${scenario} break-even`).toBeLessThan(1);
      if (api.payback === null) expect(at(5)).toBe('inte inom perioden');
      else {
        paysBack++;
        expect(Math.abs(Number(at(5)) - api.payback), `${scenario} payback`).toBeLessThan(1e-9);
      }
      // The calendar year it happens in, as the API says it.
      if (api.paybackYear === null) expect(at(9)).toBe('inte inom perioden');
      else expect(Number(at(9)), `${scenario} payback year`).toBe(api.paybackYear);
      if (api.discountedPaybackYear === null) expect(at(10)).toBe('inte inom perioden');
      else expect(Number(at(10)), `${scenario} discounted payback year`).toBe(api.discountedPaybackYear);
      if (api.discountedPayback === null) expect(at(6)).toBe('inte inom perioden');
      else expect(Math.abs(Number(at(6)) - api.discountedPayback), `${scenario} discounted payback`).toBeLessThan(1e-9);
      if (api.irr !== null && at(7) !== 'saknas') expect(Math.abs(Number(at(7)) - api.irr), `${scenario} irr`).toBeLessThan(1e-6);
      else if (api.irr !== null) {
        // LibreOffice's IRR (Newton from 10 %) gives up on some very negative rates; ours is a root of NPV all the same.
        const net = (await call(`/api/v1/business-case?program=FVIS&scenario=${scenario}`, businessCaseResponse)).years.map((y) => y.net);
        expect(Math.abs(presentValue(net, api.irr) / Math.max(...net.map(Math.abs))), `${scenario} irr root`).toBeLessThan(1e-9);
      }
    }
    expect(paysBack).toBeGreaterThan(0); // some scenario pays back, so the payback formulas were exercised with a number
  });

  it.each([
    // flows by calendar year → payback in years from the start of the first year, and the year it happens in (by hand)
    ['−100, 60, 60 in 2022–2024: 2 + 40/60, during 2024', [-100, 60, 60], 2 + 40 / 60, 2024],
    ['−100, 50, 50, 50: exactly at the end of 2024, three years in', [-100, 50, 50, 50], 3, 2024],
    ['−100, 10, 10: never within the period', [-100, 10, 10], null, null],
  ] as const)('the sheet reads payback as a controller does: %s', async (_, flows, years, year) => {
    const lines = flows.map((amount, i) => ({
      year: 2022 + i,
      post: amount < 0 ? ('cost' as const) : ('benefit' as const),
      category: amount < 0 ? 'investering' : 'licenser',
      kind: 'plan' as const,
      amount: Math.abs(amount),
      actor: '',
      benefitClass: null,
      stakeholder: null,
      low: null,
      high: null,
    }));
    const { plan, cells } = businessCaseSheet(
      caseFigures(lines, { startYear: 2022, endYear: 2021 + flows.length, fromYear: 2023, rate: 0 }),
      {
        source: 'test',
        parameters: {},
        loads: [],
        writtenAt: '2026-11-28 08:00:00',
      },
    );
    const path = join(s.store.dir, `payback-${flows.length}-${flows[1]}.xlsx`);
    await writeWorkbook(path, [plan]);
    const ws = (await recalculated(path)).getWorksheet('Nyttokalkyl')!;
    if (years === null) {
      expect(result(ws.getCell(cells.payback))).toBe('inte inom perioden');
      expect(result(ws.getCell(cells.paybackYear))).toBe('inte inom perioden');
    } else {
      expect(Number(result(ws.getCell(cells.payback)))).toBeCloseTo(years, 9);
      expect(Number(result(ws.getCell(cells.paybackYear)))).toBe(year);
    }
  });

  it('the discount rate is a live input: changed in the sheet, NPV follows to the service figure at that rate', async () => {
    const path = join(s.store.dir, 'nk-rate.xlsx');
    const plans = await buildPlans(httpService(call), 'nyttokalkyl', { program: 'FVIS', scenario: 'optimistisk' });
    await writeWorkbook(path, plans);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    wb.getWorksheet('Nyttokalkyl')!.getCell('B3').value = 0.035;
    await wb.xlsx.writeFile(path);
    const ws = (await recalculated(path)).getWorksheet('Nyttokalkyl')!;
    const keyRow = plans[0].blocks.find((b) => b.id === 'nyckeltal')!.row + 1;
    const api = await call('/api/v1/business-case?program=FVIS&scenario=optimistisk&rate=0.035', businessCaseResponse);
    expect(Math.abs(Number(result(ws.getCell(`B${keyRow + 1}`))) - api.npv)).toBeLessThan(1);
  });

  it('risker: the matrix counts, computed by COUNTIFS over the register, equal the service and sum to the register', async () => {
    const path = join(s.store.dir, 'risker.xlsx');
    const plans = await buildPlans(httpService(call), 'risker', { program: 'FVM', assessed: '2021-06-29' });
    await writeWorkbook(path, plans);
    const ws = (await recalculated(path)).getWorksheet('Risker')!;
    const api = await call('/api/v1/risk-matrix?program=FVM&assessed=2021-06-29', riskMatrixResponse);
    const matrix = plans[0].blocks.find((b) => b.id === 'matris')!;
    let total = 0;
    for (let i = 1; i <= 3; i++) {
      const p = 4 - i;
      for (let c = 1; c <= 3; c++) {
        const value = Number(result(ws.getCell(matrix.row + i + 1, c + 1)));
        expect(value, `P${p} K${c}`).toBe(api.cells.find((x) => x.probability === p && x.consequence === c)!.count);
        total += value;
      }
    }
    expect(total).toBe(api.register.length);
    expect(total).toBe(31);
  });

  it('uppföljning: statuses in the sheet are the service statuses, in Swedish', async () => {
    const path = join(s.store.dir, 'uf.xlsx');
    await writeWorkbook(path, await buildPlans(httpService(call), 'uppfoljning', { program: 'FVIS', unit: 'SKAS' }));
    const ws = (await recalculated(path)).getWorksheet('Uppföljning 5 år')!;
    const api = await call('/api/v1/followup?program=FVIS&unit=SKAS', followupResponse);
    // The status column follows the years: found by its header on the table's header row (row 3).
    let statusCol = 0;
    ws.getRow(3).eachCell((cell, col) => {
      if (cell.value === 'Status') statusCol = col;
    });
    expect(statusCol).toBeGreaterThan(0);
    const statuses = new Set<string>();
    ws.eachRow((row, n) => {
      if (n > 3 && /^IND\d+$/.test(String(row.getCell(3).value)) && row.getCell(6).value === null)
        statuses.add(String(row.getCell(statusCol).value));
    });
    // mål saknas: a measured year without a target, no longer called risk (issue #29).
    expect(
      [...statuses].every((x) => ['uppnått', 'på väg', 'risk', 'mål saknas', 'ej mätt'].includes(x)),
      [...statuses].join(', '),
    ).toBe(true);
    expect(statuses.size).toBeGreaterThan(1);
    const ind01 = api.indicators.find((i) => i.indicator === 'IND01' && i.unit === 'SKAS')!;
    const last = [...ind01.years].reverse().find((y) => y.status !== 'not_measured')!.status;
    let sheetStatus = '';
    ws.eachRow((row) => {
      if (row.getCell(3).value === 'IND01' && row.getCell(5).value === 'Skaraborgs Sjukhus' && !sheetStatus)
        sheetStatus = String(row.getCell(statusCol).value);
    });
    expect(sheetStatus).toBe({ reached: 'uppnått', on_track: 'på väg', at_risk: 'risk', no_target: 'mål saknas' }[last as 'reached']);
  });

  it("indikatorer and baslinje: the values read back after recalculation are the service's", async () => {
    const path = join(s.store.dir, 'ind-bl.xlsx');
    await writeWorkbook(path, [
      ...(await buildPlans(httpService(call), 'indikatorer', { indicator: 'IND03', unit: 'SU', grain: 'year' })),
      ...(await buildPlans(httpService(call), 'baslinje', { indicator: 'IND03', unit: 'SU' })),
    ]);
    const wb = await recalculated(path);
    const series = (await call('/api/v1/queries/indicator_series?indicator=IND03&unit=SU&grain=year', queryAnswer)) as unknown as {
      rows: { period: string; value: number; n: number }[];
    };
    const ind = wb.getWorksheet('Indikatorserier')!;
    const read: [string, number, number][] = [];
    ind.eachRow((row) => {
      if (/^\d{4}$/.test(String(row.getCell(1).value)))
        read.push([String(row.getCell(1).value), Number(result(row.getCell(2))), Number(result(row.getCell(3)))]);
    });
    expect(read).toEqual(series.rows.map((r) => [r.period, r.value, r.n]));
    const baseline = (await call('/api/v1/baseline?indicator=IND03&unit=SU', baselineResponse)) as unknown as {
      baseline: { value: number };
      spc: { rows: { label: string; centre: number; ucl: number }[] };
    };
    const bl = wb.getWorksheet('Baslinje')!;
    // B7: the baseline, under the go-live and where it came from.
    expect(Number(result(bl.getCell('B7')))).toBeCloseTo(baseline.baseline.value, 12);
    let checked = 0;
    bl.eachRow((row) => {
      const spcRow = baseline.spc.rows.find((r) => r.label === String(row.getCell(1).value));
      if (spcRow && row.getCell(3).value !== null) {
        expect(Number(result(row.getCell(3)))).toBeCloseTo(spcRow.centre, 12);
        expect(Number(result(row.getCell(5)))).toBeCloseTo(spcRow.ucl, 12);
        checked++;
      }
    });
    expect(checked).toBe(baseline.spc.rows.length);
    // The files have their charts now: no sheet says it has none.
    const texts = (ws: typeof bl) => {
      const out: string[] = [];
      ws.eachRow((row) => out.push(String(row.getCell(1).value)));
      return out;
    };
    expect([...texts(bl), ...texts(ind)].some((t) => /diagram/i.test(t) && /tillägget/.test(t))).toBe(false);
  });

  it.runIf(pdftoppmAvailable())('every kind renders to PDF and PNG, saved as test artifacts for a person to look at', async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const path = join(ARTIFACTS, 'nytta-alla.xlsx');
    await writeWorkbook(path, await buildPlans(httpService(call), 'alla', { program: 'FVIS', indicator: 'IND01,IND04' }));
    const { pdf, pngs } = renderPages(path, ARTIFACTS);
    expect(statSync(pdf).size).toBeGreaterThan(10_000);
    expect(pngs.length).toBeGreaterThan(0);
    for (const png of pngs) expect(statSync(png).size).toBeGreaterThan(1_000);
  });
});

describe('a program without risks', () => {
  /** Every text the sheet holds, in order. */
  const texts = (plan: { blocks: { cells: unknown[][] }[] }) => plan.blocks.flatMap((b) => b.cells.flat()).map(String);
  const fvmRisks = async () => (await call('/api/v1/risk-matrix?program=FVM', riskMatrixResponse)).register.map((r) => r.id);

  it('its Risker sheet says plainly that none are registered for it, and shows no other program’s risks', async () => {
    // The service says FVIS has none; the demo's register is FVM's.
    expect((await call('/api/v1/risk-matrix?program=FVIS', riskMatrixResponse)).register).toEqual([]);
    const others = await fvmRisks();
    expect(others.length).toBe(31);
    const [risk] = await buildPlans(httpService(call), 'risker', { program: 'FVIS' });
    expect(risk.name).toBe('Risker');
    expect(texts(risk)).toContain('Inga risker är registrerade för programmet FVIS.');
    expect(texts(risk).filter((t) => others.includes(t))).toEqual([]);
    expect(risk.blocks.some((b) => b.table)).toBe(false);
    expect(risk.provenance.parameters.program).toBe('FVIS');
  });

  it('in alla and rapport too', async () => {
    const others = await fvmRisks();
    const all = await buildPlans(httpService(call), 'alla', { program: 'FVIS' });
    const report = await buildPlans(httpService(call), 'rapport', { program: 'FVIS', period: '2026-delår' });
    for (const plans of [all, report]) {
      const risk = plans.find((p) => p.name === 'Risker')!;
      expect(risk, plans.map((p) => p.name).join(', ')).toBeDefined();
      expect(texts(risk)).toContain('Inga risker är registrerade för programmet FVIS.');
      expect(texts(risk).filter((t) => others.includes(t))).toEqual([]);
    }
    // The report's cover compares no assessments of another program's.
    const cover = report.find((p) => p.name === 'Rapport')!;
    expect(texts(cover)).toContain('ingen bedömning före periodens slut');
  });
});

describe('the report for the governance calendar', () => {
  it.runIf(pdftoppmAvailable())(
    "the demo's FVIS interim report 2026: every sheet present, its own risks (none: the demo's register is FVM's), rendered to PDF",
    async () => {
      mkdirSync(ARTIFACTS, { recursive: true });
      const path = join(ARTIFACTS, 'nytta-rapport-2026-delar.xlsx');
      const plans = await buildPlans(httpService(call), 'rapport', { program: 'FVIS', period: '2026-delår' });
      expect(plans.map((p) => p.name)).toEqual(['Rapport', 'Portfölj', 'Nyttokalkyl', 'Uppföljning 5 år', 'Risker']);
      await writeWorkbook(path, plans);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(recalculateXlsx(path));
      const cover = wb.getWorksheet('Rapport')!;
      expect(cover.getCell('A1').value).toBe('Delårsrapport 2026 – FVIS');
      // Dates are dates, with a date format, as LibreOffice saves them back.
      expect(cover.getCell('B5').value).toEqual(new Date('2026-08-31T00:00:00Z'));
      expect(cover.getCell('B5').numFmt).toMatch(/yyyy-mm-dd/i);
      // FVIS has no risk assessment of its own (before issue #29 the report showed FVM's register in its place).
      expect(cover.getCell('B7').value).toBe('ingen bedömning före periodens slut');
      expect(wb.getWorksheet('Risker')!.getCell('A3').value).toBe('Inga risker är registrerade för programmet FVIS.');
      // Only the program's own row in the portfolio.
      const portfolio = wb.getWorksheet('Portfölj')!;
      expect(portfolio.getRow(4).getCell(1).value).toBe('FVIS');
      expect(portfolio.getRow(5).getCell(1).value).not.toBe('FVM');
      const { pdf, pngs } = renderPages(path, ARTIFACTS);
      expect(statSync(pdf).size).toBeGreaterThan(10_000);
      expect(pngs.length).toBeGreaterThan(0);
    },
    180_000,
  );

  it("a period that is none of the calendar's is a Swedish error", async () => {
    await expect(buildPlans(httpService(call), 'rapport', { program: 'FVIS', period: '2026-Q2' })).rejects.toThrow(
      'parametern "period" ska vara t.ex. 2026-T2, 2026-delår eller 2026-år, inte "2026-Q2"',
    );
  });
});

describe("refreshing never destroys the user's work", () => {
  it("a user's own sheet and cells beside Nytta's blocks survive a refresh unchanged; the managed cells are replaced", async () => {
    const path = join(s.store.dir, 'refresh.xlsx');
    await writeWorkbook(path, await buildPlans(httpService(call), 'nyttokalkyl', { program: 'FVIS' }));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    const mine = wb.addWorksheet('Mina anteckningar');
    mine.getCell('A1').value = 'Fråga controllern om 2027';
    mine.getCell('B2').value = 1234.5;
    mine.getCell('C3').value = { formula: 'B2*2' } as ExcelJS.CellFormulaValue;
    const nk = wb.getWorksheet('Nyttokalkyl')!;
    nk.getCell('Z1').value = 'min egen kommentar';
    nk.getCell('Z2').value = { formula: 'B3*100' } as ExcelJS.CellFormulaValue;
    await wb.xlsx.writeFile(path);
    const saved = new ExcelJS.Workbook();
    await saved.xlsx.readFile(path);
    const before = JSON.stringify((saved.getWorksheet('Mina anteckningar')!.model as unknown as { rows: unknown }).rows);

    await writeWorkbook(path, await buildPlans(httpService(call), 'nyttokalkyl', { program: 'FVIS', rate: '0.05' }));
    const after = new ExcelJS.Workbook();
    await after.xlsx.readFile(path);
    expect(JSON.stringify((after.getWorksheet('Mina anteckningar')!.model as unknown as { rows: unknown }).rows)).toBe(before);
    const nk2 = after.getWorksheet('Nyttokalkyl')!;
    expect(nk2.getCell('Z1').value).toBe('min egen kommentar');
    expect(nk2.getCell('Z2').formula).toBe('B3*100');
    expect(nk2.getCell('B3').value).toBe(0.05); // the managed input was replaced
    expect(after.worksheets.filter((w) => w.name === 'Nyttokalkyl')).toHaveLength(1); // replaced, not appended
  });

  it('a refresh of sheets with Excel tables and conditional formats replaces them instead of adding a second set', async () => {
    const path = join(s.store.dir, 'refresh-tables.xlsx');
    const plans = await buildPlans(httpService(call), 'risker', { program: 'FVM' });
    await writeWorkbook(path, plans);
    const first = new ExcelJS.Workbook();
    await first.xlsx.readFile(path);
    first.getWorksheet('Risker')!.getCell('M2').value = 'egen anteckning';
    await first.xlsx.writeFile(path);
    await writeWorkbook(path, await buildPlans(httpService(call), 'risker', { program: 'FVM', assessed: '2021-06-29' }));
    const again = new ExcelJS.Workbook();
    await again.xlsx.readFile(path);
    const ws = again.getWorksheet('Risker')!;
    expect(Object.keys((ws as unknown as { tables: Record<string, unknown> }).tables)).toEqual(['Riskregister']);
    const refs = (ws as unknown as { conditionalFormattings: { ref: string }[] }).conditionalFormattings.map((c) => c.ref);
    expect(refs).toHaveLength(4); // the colour column's three rules and the overdue column's one, once
    expect(ws.getCell('M2').value).toBe('egen anteckning');
    expect(String(ws.getCell('A1').value)).toContain('2021-06-29');
  });
});

describe('HTTP and the command line', () => {
  it('GET /api/v1/workbooks/{kind} returns the .xlsx, saying who had it written; an unknown kind is a 404', async () => {
    const res = await fetch(`${s.base}/api/v1/workbooks/risker?program=FVM`, { headers: auth('reader') });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const risks = wb.getWorksheet('Risker')!;
    expect(risks).toBeDefined();
    // The reader's name as the service's tokens give it, in the sheet's provenance and as the file's last author.
    const rows = risks.getSheetValues().map((r) => (Array.isArray(r) ? r.slice(1, 3) : []));
    expect(rows).toContainEqual(['Skrivet av', 'reader']);
    expect(wb.lastModifiedBy).toBe('reader');
    const unknown = await fetch(`${s.base}/api/v1/workbooks/budget`, { headers: auth('reader') });
    expect(unknown.status).toBe(404);
    const noProgram = await fetch(`${s.base}/api/v1/workbooks/nyttokalkyl`, { headers: auth('reader') });
    expect(noProgram.status).toBe(400);
    expect(((await noProgram.json()) as { detail: string }).detail).toContain('parametern "program" saknas');
  });

  it('nytta workbook uppfoljning --per forvaltning --server writes one workbook per administration', async () => {
    const out = join(s.store.dir, 'per');
    const code = await new Promise<number | null>((resolve) => {
      const child = spawn(
        process.execPath,
        [
          BIN,
          'workbook',
          'uppfoljning',
          '--per',
          'forvaltning',
          '--out',
          out,
          '--param',
          'program=FVIS',
          '--server',
          s.base,
          '--token',
          'admin-token-0123456789',
        ],
        { stdio: 'ignore' },
      );
      child.on('close', resolve);
    });
    expect(code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['NH', 'NU', 'SAS', 'SKAS', 'SU'].map((id) => `uppfoljning-${id}.xlsx`));
    expect(existsSync(join(out, 'uppfoljning-SKAS.xlsx'))).toBe(true);
  }, 120_000);
});

describe('alla: the program’s own indicators', () => {
  // Last in this file: it adds an indicator to the store the tests above read.
  it('its series and baseline are of the indicators measuring the program’s benefits, never every indicator in the store', async () => {
    const form = new FormData();
    form.append(
      'file',
      new Blob(['id;namn;enhet;riktning;frekvens;nyttor\nANNAT;Ett annat programs mått;antal;högre_bättre;månad;\n']),
      'annat.csv',
    );
    const res = await fetch(`${s.base}/api/v1/ingest`, { method: 'POST', body: form, headers: auth('admin') });
    expect(res.status, await res.clone().text()).toBe(200);
    await s.deps.writes.idle();
    // FVIS's benefits, and the indicators that name one of them, read from the catalogue itself.
    const benefits = new Set((await call('/api/v1/queries/catalogue_benefits?program=FVIS', queryAnswer)).rows.map((b) => String(b.id)));
    const all = (await call('/api/v1/queries/catalogue_indicators', queryAnswer)).rows;
    expect(all.map((i) => i.id)).toContain('ANNAT');
    const own = all
      .filter((i) =>
        String(i.benefits ?? '')
          .split(',')
          .some((b) => benefits.has(b)),
      )
      .map((i) => String(i.id));
    expect(own.length).toBeGreaterThan(0);
    const plans = await buildPlans(httpService(call), 'alla', { program: 'FVIS' });
    const series = plans.find((p) => p.name === 'Indikatorserier')!;
    const titled = series.blocks.filter((b) => b.id.startsWith('rubrik_')).map((b) => b.id.slice('rubrik_'.length));
    expect(titled).toEqual(own);
    expect(String(plans.find((p) => p.name === 'Baslinje')!.provenance.parameters.indicator)).toBe(own[0]);
  }, 60_000);
});

describe('the report with the program’s own risk assessments', () => {
  // Last in this file: it gives FVIS a register of its own, which the tests above say it has not.
  it("shows the register at the latest assessment by the period's end, compared with the latest by the previous report's", async () => {
    const send = async (name: string, assessed: string, probability: number) => {
      const form = new FormData();
      const text = `program;id;riskomrade;risk;sannolikhet;konsekvens;bedomd\nFVIS;FR1;Ekonomi;Kostnaderna drar iväg;${probability};3;${assessed}\n`;
      form.append('file', new Blob([text]), name);
      const res = await fetch(`${s.base}/api/v1/ingest`, { method: 'POST', body: form, headers: auth('admin') });
      expect(res.status, await res.clone().text()).toBe(200);
    };
    await send('fvis-risker-2025.csv', '2025-11-30', 1);
    await send('fvis-risker-2026.csv', '2026-06-30', 3);
    await send('fvis-risker-2026-10.csv', '2026-10-15', 2);
    await s.deps.writes.idle();
    const plans = await buildPlans(httpService(call), 'rapport', { program: 'FVIS', period: '2026-delår' });
    const cover = plans.find((p) => p.name === 'Rapport')!;
    const row = (label: string) => cover.blocks.flatMap((b) => b.cells).find((r) => r[0] === label)?.[1];
    // The period ends 2026-08-31: its assessment is 2026-06-30 (the October one is after it); the previous report's end
    // (2025-12-31) had 2025-11-30.
    expect(row('Riskbedömning i rapporten')).toBe('2026-06-30');
    expect(row('Jämförs med riskbedömningen')).toBe('2025-11-30');
    const risk = plans.find((p) => p.name === 'Risker')!;
    const register = risk.blocks.find((b) => b.id === 'register')!;
    expect(register.cells.slice(1).map((r) => [r[0], r[3]])).toEqual([['FR1', 3]]);
    expect(String(risk.blocks[0].cells[0][0])).toContain('2026-06-30');
  }, 60_000);
});

describe('provenance: the loads the figures come from', () => {
  // Last in this file: it adds another program's business case to the store.
  it('each sheet lists only the loads its figures come from, never another program’s', async () => {
    const form = new FormData();
    form.append('file', new Blob([readFileSync(join(FIXTURES, 'audit', 'nyttokalkyl-kom.csv'))]), 'nyttokalkyl-kom.csv');
    const res = await fetch(`${s.base}/api/v1/ingest`, { method: 'POST', body: form, headers: auth('admin') });
    expect(res.status, await res.clone().text()).toBe(200);
    await s.deps.writes.idle();
    const files = (plan: { provenance: { loads: { file: string }[] } }) => plan.provenance.loads.map((l) => l.file).sort();
    // The business case: FVIS's own lines and the key figures the sheet shows; not KOM's case.
    const [businessCase] = await buildPlans(httpService(call), 'nyttokalkyl', { program: 'FVIS' });
    expect(files(businessCase)).toEqual(['ekonomi-fvm.csv', 'nyttokalkyl.csv']);
    // The risks: FVM's two assessments; not the FVIS register loaded above.
    const [risks] = await buildPlans(httpService(call), 'risker', { program: 'FVM' });
    expect(files(risks)).toEqual(['riskanalys-fvm-2021.csv', 'riskanalys-fvm-2022.csv']);
    // The follow-up: the program's catalogue, units, indicators, targets, outcomes and its benefits' judged statuses (the
    // sheet's Nyttornas status); not the indicator of no program's (annat.csv), the business cases or the risks.
    const [followup] = await buildPlans(httpService(call), 'uppfoljning', { program: 'FVIS' });
    expect(files(followup)).toEqual(
      [
        'effektmal-fvis.csv',
        'indikatorer.csv',
        'malvarden.csv',
        'nyttostatus.csv',
        'organisation.csv',
        'utfall.csv',
        'verksamhetsnyttor-fvis.csv',
      ].sort(),
    );
    expect(followup.blocks.some((b) => b.id === 'nyttostatus')).toBe(true);
    // A series: its indicator's outcomes, its catalogue row and the org tree it is pooled over.
    const [series] = await buildPlans(httpService(call), 'indikatorer', { indicator: 'IND01' });
    expect(files(series)).toEqual(['indikatorer.csv', 'organisation.csv', 'utfall.csv']);
  }, 60_000);
});
