/**
 * The portfolio and the risks over time: programs with their phase, one overview with the figures each program's own
 * endpoints give, risk actions with a status and a due date that can pass, risks tied to what they threaten, the trend
 * over every assessment. The files are written here; expectations are counted by hand from them.
 */
import ExcelJS from 'exceljs';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessCaseResponse, followupResponse, portfolioResponse, riskMatrixResponse } from '../../pipeline/contracts/index.js';
import { loadFile, type LoadReport } from '../../pipeline/ingest/load-file.js';
import { reportPeriod } from '../../addin/sheets/report-sheet.js';
import { buildService } from '../../pipeline/service/start.js';
import { libreOfficeAvailable, recalculateXlsx } from '../helpers/libreoffice.js';
import { FIXTURES, tempStore, writeFixture } from '../helpers/store.js';

let store: Awaited<ReturnType<typeof tempStore>>;
let app: Awaited<ReturnType<typeof buildService>>['app'];
const reports: Record<string, LoadReport> = {};

// Dates relative to today, so "overdue" holds whenever the test runs.
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

const FILES: Record<string, string> = {
  'program.csv': `id;namn;fas;ägare;driftstart;startdatum;slutdatum;budget_kr;status;kommentar
KOM;Kommunsamverkan;införande;Karin Controller;2025-09-01;2024-01-01;2029-12-31;1500;gul;försenad upphandling
NY;Nytt initiativ;idé;Per Portfölj;;;;;grön;
`,
  'effektmal.csv': `program;id;effektmål
KOM;E1;Säkrare vård
`,
  'nyttor.csv': `program;id;nivå;nytta;effektmål
KOM;N1;2;Färre avvikelser;E1
KOM;N2;1;Behörighetsstyrning införd;E1
`,
  'milstolpar.csv': `program;nytta;id;milstolpe;planerad;klar
KOM;N2;M1;Rollmodell beslutad;${day(-400)};${day(-390)}
KOM;N2;M2;Verktyget i drift;${day(-30)};
`,
  // Assessments of the same register (R1 three times). 3 × 3: green 1–2, yellow 3–4, red 6–9.
  'risker-1.csv': `program;id;riskområde;risk;sannolikhet;konsekvens;åtgärd;ansvar;klart;status;bedömd;nyttor;effektmål
KOM;R1;Teknik;Integrationen försenas;3;3;Extra resurser;IT;${day(-10)};pågår;${day(-200)};N1;
KOM;R2;Teknik;Prestanda räcker inte;2;2;Lasttest;IT;${day(20)};ej påbörjad;${day(-200)};;
KOM;R3;Verksamhet;Utbildningen hinns inte;2;3;Fler utbildare;HR;Q3;pågår;${day(-200)};N1;E1
`,
  'risker-2.csv': `program;id;riskområde;risk;sannolikhet;konsekvens;åtgärd;ansvar;klart;status;bedömd;nyttor;effektmål
KOM;R1;Teknik;Integrationen försenas;3;2;Extra resurser;IT;${day(-10)};pågår;${day(-100)};N1;
`,
  'risker-3.csv': `program;id;riskområde;risk;sannolikhet;konsekvens;åtgärd;ansvar;klart;status;bedömd;nyttor;effektmål
KOM;R1;Teknik;Integrationen försenas;2;3;Extra resurser;IT;${day(-10)};pågår;${day(-5)};N1;
KOM;R2;Teknik;Prestanda räcker inte;1;2;Lasttest;IT;${day(-3)};klar;${day(-5)};;
KOM;R3;Verksamhet;Utbildningen hinns inte;3;3;Fler utbildare;HR;Q3;pågår;${day(-5)};N1;E1
`,
};

beforeAll(async () => {
  store = await tempStore();
  for (const [name, content] of Object.entries(FILES)) {
    reports[name] = await loadFile(store.connection, writeFixture(store.dir, name, content));
    expect(reports[name].status, `${name}: ${JSON.stringify(reports[name].errors)}`).toBe('loaded');
  }
  expect((await loadFile(store.connection, join(FIXTURES, 'audit', 'nyttokalkyl-kom.csv'))).status).toBe('loaded');
  ({ app } = await buildService(store, { host: '127.0.0.1', port: 0, env: {} }));
}, 60_000);
afterAll(() => store?.close());

const get = async (path: string) => {
  const res = await app.request(path);
  const body = await res.json();
  expect(res.status, JSON.stringify(body)).toBe(200);
  return body;
};

describe('programs with their phase', () => {
  it('refuses a phase or status it does not know, naming the allowed ones', async () => {
    const bad = await loadFile(store.connection, writeFixture(store.dir, 'fel-program.csv', 'id;namn;fas;status\nX;X;drömfas;blå\n'));
    expect(bad.status).toBe('refused');
    expect(bad.errors.map((e) => [e.column, e.reason])).toEqual([
      ['fas', expect.stringContaining('idé, förstudie, planering, genomförande, införande, förvaltning eller avslutad')],
      ['status', expect.stringContaining('grön, gul eller röd')],
    ]);
  });
});

describe('GET /api/v1/portfolio', () => {
  it('one row per program: phase, owner, status, the business case as its endpoint gives it, follow-up, milestones, risks', async () => {
    const { programs } = portfolioResponse.parse(await get('/api/v1/portfolio'));
    expect(programs.map((p) => p.id)).toEqual(['KOM', 'NY']);
    const kom = programs[0];
    expect(kom).toMatchObject({
      name: 'Kommunsamverkan',
      phase: 'införande',
      owner: 'Karin Controller',
      goLive: '2025-09-01',
      status: 'gul',
      budget: 1500,
    });
    const bc = businessCaseResponse.parse(await get('/api/v1/business-case?program=KOM'));
    expect([kom.scenario, kom.npv, kom.bcr, kom.payback]).toEqual([bc.scenario, bc.npv, bc.bcr, bc.payback]);
    // M2 was planned 30 days ago and is not done.
    expect(kom.milestonesLate).toBe(1);
    // The latest assessment: R1 2 × 3 = 6 red, R2 1 × 2 = 2 green, R3 3 × 3 = 9 red; overdue: R1 only (R2 done, R3's "Q3" no date).
    expect(kom.risks).toEqual({ green: 1, yellow: 0, red: 2, overdueActions: 1 });
    const ny = programs[1];
    expect([ny.phase, ny.npv, ny.bcr, ny.payback, ny.milestonesLate]).toEqual(['idé', null, null, null, 0]);
    expect(ny.risks).toEqual({ green: 0, yellow: 0, red: 0, overdueActions: 0 });
  });
});

describe('risk actions followed', () => {
  it('the register has each action status, overdue ones marked, the trend over every assessment and what each risk threatens', async () => {
    const data = riskMatrixResponse.parse(await get('/api/v1/risk-matrix?program=KOM'));
    const byId = Object.fromEntries(data.register.map((r) => [r.id, r]));
    expect([byId.R1.status, byId.R1.overdue, byId.R1.dueDate]).toEqual(['pågår', true, day(-10)]);
    expect([byId.R2.status, byId.R2.overdue]).toEqual(['klar', false]);
    // "Q3" is kept as written but is no date, so it cannot be overdue.
    expect([byId.R3.due, byId.R3.dueDate, byId.R3.overdue]).toEqual(['Q3', null, false]);
    // Three assessments of R1: 3 × 3, 3 × 2, 2 × 3: the trend over all of them, not just the last change.
    expect(byId.R1.history.map((h) => [h.probability, h.consequence, h.value])).toEqual([
      [3, 3, 9],
      [3, 2, 6],
      [2, 3, 6],
    ]);
    expect(byId.R3.history.map((h) => [h.assessed, h.value])).toEqual([
      [day(-200), 6],
      [day(-5), 9],
    ]);
    expect([byId.R3.benefits, byId.R3.effectGoals]).toEqual([['N1'], ['E1']]);
    expect(data.areas).toEqual([
      { area: 'Teknik', risks: 2, green: 1, yellow: 0, red: 1, maxValue: 6, overdue: 1 },
      { area: 'Verksamhet', risks: 1, green: 0, yellow: 0, red: 1, maxValue: 9, overdue: 0 },
    ]);
    expect(reports['risker-1.csv'].warnings).toContain(
      'Klart är inget datum (ÅÅÅÅ-MM-DD) för R3 (rad 4: "Q3"); texten sparas men åtgärden kan inte bli försenad.',
    );
  });

  it('a risk naming a benefit the program does not have is refused', async () => {
    const bad = await loadFile(
      store.connection,
      writeFixture(store.dir, 'fel-risk.csv', 'program;id;risk;sannolikhet;konsekvens;nyttor\nKOM;R9;Okänd;1;1;N9\n'),
    );
    expect(bad.status).toBe('refused');
    expect(bad.errors[0]).toMatchObject({ line: 2, column: 'nyttor', value: 'N9' });
  });

  it('the follow-up shows the open risks next to the benefits they threaten', async () => {
    const data = followupResponse.parse(await get('/api/v1/followup?program=KOM'));
    const n1 = data.benefitDetails.find((b) => b.id === 'N1')!;
    expect(n1.risks.map((r) => [r.id, r.value, r.overdue])).toEqual([
      ['R3', 9, false],
      ['R1', 6, true],
    ]);
    expect(data.benefitDetails.find((b) => b.id === 'N2')!.risks).toEqual([]);
  });
});

describe('the follow-up’s effect chain in one question', () => {
  it('followup_chain gives what the four catalogue queries give for the program: go-live, benefits, milestones, open risks', async () => {
    for (const program of ['KOM', 'NY']) {
      const rows = async (name: string, params = `program=${program}`) =>
        (await get(`/api/v1/queries/${name}?${params}`)).rows as Record<string, unknown>[];
      const chain = await rows('followup_chain');
      const of = (kind: string) => chain.filter((r) => r.kind === kind);
      const pick = (r: Record<string, unknown>, keys: string[]) => Object.fromEntries(keys.map((k) => [k, r[k]]));
      const programRow = (await rows('catalogue_programs', '')).find((p) => p.id === program)!;
      expect(of('program').map((r) => r.go_live)).toEqual([programRow.go_live]);
      const benefitKeys = ['id', 'name', 'level', 'parent', 'owner', 'realised_by', 'effect_goals'];
      expect(of('benefit').map((r) => pick(r, benefitKeys))).toEqual((await rows('catalogue_benefits')).map((r) => pick(r, benefitKeys)));
      const milestoneKeys = ['benefit', 'id', 'name', 'owner', 'planned', 'done'];
      expect(of('milestone').map((r) => pick(r, milestoneKeys))).toEqual((await rows('milestones')).map((r) => pick(r, milestoneKeys)));
      const open = (await rows('risk_register')).filter((r) => r.status !== 'klar');
      expect(of('risk').map((r) => [r.id, r.value, r.status, r.overdue, r.benefit])).toEqual(
        open.map((r) => [r.id, r.value, r.status, r.overdue, r.benefits]),
      );
      if (program === 'KOM') {
        // the case has each kind: two benefits, two milestones, two open risks (R2 is klar at the latest assessment)
        expect(chain.map((r) => r.kind)).toEqual(['program', 'benefit', 'benefit', 'milestone', 'milestone', 'risk', 'risk']);
        expect(of('risk').map((r) => r.id)).toEqual(['R3', 'R1']);
      } else expect(chain.map((r) => r.kind)).toEqual(['program']);
    }
  });
});

describe('the Portfölj workbook', () => {
  it("a row per program with its status, and in alla a link to the program's own sheet", async () => {
    const res = await app.request('/api/v1/workbooks/alla?program=KOM');
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const sheet = wb.getWorksheet('Portfölj')!;
    expect(sheet).toBeDefined();
    expect(sheet.getRow(3).getCell(1).value).toBe('Program');
    const kom = sheet.getRow(4);
    expect((kom.getCell(1).value as { formula: string }).formula).toBe(`HYPERLINK("#'Nyttokalkyl'!A1","KOM")`);
    expect([kom.getCell(3).value, kom.getCell(6).value]).toEqual(['införande', 'gul']);
    expect(sheet.getRow(5).getCell(1).value).toBe('NY');
    expect(wb.getWorksheet('Nyttokalkyl')).toBeDefined();
  });
});

describe('the portfolio workbook read back by LibreOffice', () => {
  it.runIf(libreOfficeAvailable())(
    "nytta workbook portfolj: the figures are the endpoint's, after recalculation",
    async () => {
      const res = await app.request('/api/v1/workbooks/portfolj');
      expect(res.status).toBe(200);
      const path = join(store.dir, 'portfolj.xlsx');
      writeFileSync(path, Buffer.from(await res.arrayBuffer()));
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(recalculateXlsx(path));
      const sheet = wb.getWorksheet('Portfölj')!;
      const { programs } = portfolioResponse.parse(await get('/api/v1/portfolio'));
      const kom = programs.find((p) => p.id === 'KOM')!;
      const row = sheet.getRow(4);
      expect([row.getCell(1).value, row.getCell(6).value, row.getCell(7).value, row.getCell(8).value]).toEqual([
        'KOM',
        'gul',
        kom.npv,
        kom.bcr,
      ]);
      // Red and green risks, overdue actions (a column further right since the follow-up's "Mål saknas", issue #29).
      expect([row.getCell(17).value, row.getCell(19).value, row.getCell(20).value]).toEqual([2, 1, 1]);
    },
    120_000,
  );
});

describe('reports for the governance calendar', () => {
  it('reads the periods: tertials, the interim report through August, the annual report after it', () => {
    expect(reportPeriod('2026-T2')).toEqual({
      id: '2026-T2',
      title: 'Tertialrapport 2 2026',
      end: '2026-08-31',
      previousEnd: '2026-04-30',
    });
    expect(reportPeriod('2026-T1')!.previousEnd).toBe('2025-12-31');
    expect(reportPeriod('2026-delår')).toMatchObject({ end: '2026-08-31', previousEnd: '2025-12-31' });
    expect(reportPeriod('2026-år')).toMatchObject({ end: '2026-12-31', previousEnd: '2026-08-31' });
    expect(reportPeriod('2026-T4')).toBeNull();
  });
});
