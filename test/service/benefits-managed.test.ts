/**
 * Benefits managed over time through the API, on the hand-worked region of test/helpers/benefits-fixture.ts and the
 * fixed day 2026-04-10: status assessments beside the measurement (a benefit judged green but measured at risk),
 * approved versions (a business case approved, then revised: the deviation is the hand-computed difference and asOf the
 * approved version gives its NPV), what is due (an overdue risk action, a late milestone, a missing monthly
 * measurement), lessons, and a benefit two programs claim (an indicator shared at one place, a line at tillskrivning 0,5).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  TABLE_TEMPLATES,
  actionsResponse,
  approvalSchema,
  approvalsResponse,
  benefitStatusResponse,
  businessCaseResponse,
  followupResponse,
  lessonsResponse,
  portfolioResponse,
  refusedResponse,
} from '../../pipeline/contracts/index.js';
import type { LoadReport } from '../../pipeline/ingest/load-file.js';
import { buildService } from '../../pipeline/service/start.js';
import { HAND, KOM_REVISED, loadBenefitsFixture, TODAY } from '../helpers/benefits-fixture.js';
import { sendExport } from '../helpers/service.js';
import { tempStore } from '../helpers/store.js';

const CONTROLLER = 'controller-token-0123456789';
const READER = 'reader-token-0123456789';

let store: Awaited<ReturnType<typeof tempStore>>;
let app: Awaited<ReturnType<typeof buildService>>['app'];
let reports: Record<string, LoadReport>;
// The service's clock: a test may move it.
let today = TODAY;

beforeAll(async () => {
  store = await tempStore();
  reports = await loadBenefitsFixture(store.connection, store.dir);
  ({ app } = await buildService(store, {
    host: '127.0.0.1',
    port: 0,
    env: { NYTTA_TOKENS: `${CONTROLLER}:controller:Karin Controller,${READER}:reader:Rita Läsare` },
    today: () => today,
  }));
}, 60_000);
afterAll(() => store?.close());

const request = (path: string, init: RequestInit = {}, token = READER) =>
  app.request(path, { ...init, headers: { authorization: `Bearer ${token}`, ...(init.headers as Record<string, string>) } });
const get = async (path: string) => {
  const res = await request(path);
  const body = await res.json();
  expect(res.status, JSON.stringify(body)).toBe(200);
  return body;
};
/** A file loaded through the service, as a controller sends it: the service's kept answers move on with it. */
const send = async (name: string, content: string) => {
  const res = await sendExport(app, CONTROLLER, name, content);
  const report = await res.json();
  expect(res.status, JSON.stringify(report)).toBe(200);
  return report as LoadReport;
};
const approve = (body: unknown, token = CONTROLLER) =>
  request('/api/v1/approvals', { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }, token);

describe('GET /api/v1/benefit-status', () => {
  it('K1 judged green for 2026-T1 but measured at risk disagrees; its trend by period; K2 not assessed this period', async () => {
    const data = benefitStatusResponse.parse(await get('/api/v1/benefit-status?program=KOM'));
    expect(data.currentPeriod).toEqual({ id: '2026-T1', grain: 'tertial', start: '2026-01-01', end: '2026-04-30' });
    const [k1, k2] = data.benefits;
    expect(k1.id).toBe('K1');
    expect(k1.trend.map((a) => [a.period, a.status, a.confidence])).toEqual([
      ['2025-T3', 'gul', 'medel'],
      ['2026-T1', 'grön', 'hög'],
    ]);
    expect(k1.latest).toMatchObject({ period: '2026-T1', status: 'grön', assessedBy: 'Eva Ek', assessed: '2026-04-02' });
    // IND01 (lower is better) had a baseline of 10 in the year before go-live 2024-09-01 and 12 in every month of 2025
    // and January 2026: worse than the target 9 for 2025 and than the baseline, so at risk, also in 2026 (year 2).
    expect(k1.measured).toEqual({ status: 'at_risk', year: 2 });
    expect([k1.disagrees, k1.assessedThisPeriod]).toEqual([true, true]);
    expect([k2.id, k2.latest?.period, k2.latest?.status, k2.disagrees, k2.assessedThisPeriod]).toEqual([
      'K2',
      '2025-T3',
      'gul',
      false,
      false,
    ]);

    // The measurement itself, from the same store: the figures the judgement is set against.
    const followup = followupResponse.parse(await get('/api/v1/followup?program=KOM'));
    const ind01 = followup.indicators.find((i) => i.indicator === 'IND01')!;
    expect([ind01.baseline, ind01.years[0].calendarYear, ind01.years[0].outcome, ind01.years[0].status]).toEqual([10, 2025, 12, 'at_risk']);
  });
});

describe('GET /api/v1/actions on 2026-04-10', () => {
  it("KOM's items, the most overdue first: a milestone 54 days late, IND01's outcomes missing since February, a risk action 10 days overdue", async () => {
    const data = actionsResponse.parse(await get('/api/v1/actions?program=KOM'));
    expect(data.today).toBe('2026-04-10');
    expect(data.items.map((i) => [i.kind, i.id, i.owner, i.due, i.daysOverdue])).toEqual([
      // M1 planned 2026-02-15, not done: 13 days of February, 31 of March, 10 of April. M0 is done.
      ['milestone', 'M1', 'Per Pil', '2026-02-15', 54],
      // Monthly, the last outcome in January: February (due at its end, 2026-02-28, 41 days ago) and March are missing.
      ['measurement', 'IND01', 'Eva Ek', '2026-02-28', 41],
      // R1 due 2026-03-31 and in progress; R2 is due in May; R3 is done.
      ['risk_action', 'R1', 'IT-chefen', '2026-03-31', 10],
      // No assessment of K2 for 2026-T1 (January–April): due at its end, not late yet; K2 has no owner, so the program's.
      ['status_assessment', 'K2', 'Karin Controller', '2026-04-30', 0],
      ['benefit_owner', 'K2', 'Karin Controller', null, null],
    ]);
    expect(data.items[1].what).toBe('Utfall saknas för IND01 Avvikelser per 1000 vårddagar: 2026-02–2026-03 (månad, 2 perioder)');
    expect(data.owners).toEqual(['Eva Ek', 'IT-chefen', 'Karin Controller', 'Per Pil']);
  });

  it("one owner's items, named without regard to case; without a program, every program's", async () => {
    const eva = actionsResponse.parse(await get('/api/v1/actions?program=KOM&owner=eva%20ek'));
    expect(eva.items.map((i) => [i.kind, i.id])).toEqual([['measurement', 'IND01']]);
    expect(eva.owner).toBe('eva ek');
    const all = actionsResponse.parse(await get('/api/v1/actions'));
    // VIS's too: IND01 measures its V1 as well, and V1 is not assessed for 2026-T1.
    expect(all.items.filter((i) => i.program === 'VIS').map((i) => [i.kind, i.id, i.owner, i.daysOverdue])).toEqual([
      ['measurement', 'IND01', 'Vera Vis', 41],
      ['status_assessment', 'V1', 'Vera Vis', 0],
    ]);
    const bad = await request('/api/v1/actions?ägare=Eva');
    expect(bad.status).toBe(400);
  });

  it('moves with the clock, not only with loads: on 2026-05-01 the risk action is 31 days overdue and 2026-T2 is not assessed', async () => {
    today = '2026-05-01';
    try {
      const data = actionsResponse.parse(await get('/api/v1/actions?program=KOM'));
      expect(data.items.map((i) => [i.kind, i.id, i.daysOverdue])).toEqual([
        ['milestone', 'M1', 75],
        // April has ended too: three months missing now.
        ['measurement', 'IND01', 62],
        ['risk_action', 'R1', 31],
        ['status_assessment', 'K1', 0],
        ['status_assessment', 'K2', 0],
        ['benefit_owner', 'K2', null],
      ]);
      expect(data.items[1].what).toContain('2026-02–2026-04 (månad, 3 perioder)');
    } finally {
      today = TODAY;
    }
  });
});

describe('GET /api/v1/lessons', () => {
  it('keep history: asOf the load before them, there were none (nor status assessments)', async () => {
    const before = reports['lardomar.csv'].loadId! - 1;
    expect(lessonsResponse.parse(await get(`/api/v1/lessons?asOf=${before}`)).lessons).toEqual([]);
    const status = benefitStatusResponse.parse(
      await get(`/api/v1/benefit-status?program=KOM&asOf=${reports['nyttostatus.csv'].loadId! - 1}`),
    );
    expect(status.benefits.map((b) => b.latest)).toEqual([null, null]);
  });

  it("one program's lessons, or the portfolio's newest first", async () => {
    const kom = lessonsResponse.parse(await get('/api/v1/lessons?program=KOM'));
    expect(kom.lessons).toEqual([
      {
        program: 'KOM',
        id: 'L1',
        date: '2026-03-01',
        area: 'Styrning',
        lesson: 'Utse nyttoägare innan driftstart',
        action: 'Mall för nyttoprofil',
        owner: 'Eva Ek',
        spreadTo: ['VIS', 'Koncernledning'],
      },
    ]);
    const all = lessonsResponse.parse(await get('/api/v1/lessons'));
    expect([all.program, all.lessons.map((l) => `${l.program} ${l.date}`)]).toEqual([null, ['VIS 2026-03-20', 'KOM 2026-03-01']]);
  });
});

describe('GET /api/v1/portfolio: double counting', () => {
  it('KOM counts its line at tillskrivning 0,5; IND01 is followed at the region by both programs in 2027–2029', async () => {
    const data = portfolioResponse.parse(await get('/api/v1/portfolio'));
    const npv = Object.fromEntries(data.programs.map((p) => [p.id, p.npv]));
    expect(npv.KOM).toBeCloseTo(HAND.komNpv, 9);
    expect(npv.VIS).toBeCloseTo(HAND.visNpv, 9);
    const indicator = data.overlaps.find((o) => o.kind === 'indicator');
    // KOM follows years 1–5 after 2024 (2025–2029), VIS after 2026 (2027–2031).
    expect(indicator).toEqual({
      kind: 'indicator',
      indicator: 'IND01',
      indicatorName: 'Avvikelser per 1000 vårddagar',
      place: 'R',
      placeName: 'Regionen',
      programs: ['KOM', 'VIS'],
      years: [2027, 2028, 2029],
      benefits: [
        { program: 'KOM', ids: ['K1'] },
        { program: 'VIS', ids: ['V1'] },
      ],
    });
    const line = data.overlaps.find((o) => o.kind === 'benefit_line');
    expect(line).toMatchObject({
      category: 'Frigjord tid',
      stakeholder: 'Vårdpersonal',
      programs: ['KOM', 'VIS'],
      years: [2027],
      doubleCounted: 30,
    });
  });

  it('the totals count the overlapping amount once and say how', async () => {
    const { totals } = portfolioResponse.parse(await get('/api/v1/portfolio'));
    expect(totals.programs).toBe(2);
    expect(totals.npv).toBeCloseTo(HAND.komNpv + HAND.visNpv, 9);
    // KOM 50 + 50, VIS 80: 180 counted by the programs, 30 of it twice.
    expect([totals.benefits, totals.doubleCounted, totals.benefitsCountedOnce]).toEqual([180, 30, 150]);
    expect(totals.doubleCountedPresentValue).toBeCloseTo(HAND.doubleCountedPv, 9);
    expect(totals.npvCountedOnce).toBeCloseTo(HAND.komNpv + HAND.visNpv - HAND.doubleCountedPv, 9);
    expect(totals.countedOnce).toMatch(
      /^Där två eller fler program har nyttoposter med samma kategori och intressent samma år räknas nyttan en gång/,
    );
  });
});

describe('approved versions', () => {
  let approvalId: number;

  it('refuses a reader, an unknown subject, a program the version did not have, a bad asOf and an unknown field, in Swedish', async () => {
    expect((await approve({ program: 'KOM', subject: 'nyttokalkyl' }, READER)).status).toBe(403);
    const cases: [unknown, string][] = [
      [{ program: 'KOM', subject: 'budget' }, '"subject" ska vara nyttokalkyl, malvarden, baslinje, rapport'],
      [{ subject: 'rapport' }, '"program" saknas'],
      [{ program: 'NY', subject: 'rapport' }, `Programmet "NY" fanns inte i lagret efter inläsning ${reports['kalkyl-vis.csv'].loadId}`],
      [
        { program: 'VIS', subject: 'nyttokalkyl', asOf: reports['lardomar.csv'].loadId },
        `Programmet "VIS" hade ingen nyttokalkyl efter inläsning ${reports['lardomar.csv'].loadId}`,
      ],
      [{ program: 'KOM', subject: 'rapport', asOf: 'igår' }, 'parametern "asOf": ska vara ett inläsnings-id'],
      [{ program: 'KOM', subject: 'rapport', datum: '2026-03-15' }, 'okänt fält: datum'],
    ];
    for (const [body, detail] of cases) {
      const res = await approve(body);
      const problem = await res.json();
      expect([res.status, problem.detail], JSON.stringify(body)).toEqual([400, expect.stringContaining(detail)]);
    }
    const res = await request(
      '/api/v1/approvals',
      { method: 'POST', body: 'inte json', headers: { 'content-type': 'application/json' } },
      CONTROLLER,
    );
    expect(res.status).toBe(400);
  });

  it("records who approved which version when; the business case then answers with the approved version's figures", async () => {
    const version = reports['kalkyl-kom.csv'].loadId!;
    const res = await approve({ program: 'KOM', subject: 'nyttokalkyl', asOf: version, comment: 'Styrgruppen 2026-03-15' });
    expect(res.status).toBe(201);
    const approval = approvalSchema.parse(await res.json());
    approvalId = approval.id;
    expect(approval).toMatchObject({
      program: 'KOM',
      subject: 'nyttokalkyl',
      version,
      comment: 'Styrgruppen 2026-03-15',
      approvedBy: 'Karin Controller',
      versionFile: 'kalkyl-kom.csv',
      versionUndone: false,
      versionReadable: true,
    });
    const bc = businessCaseResponse.parse(await get('/api/v1/business-case?program=KOM'));
    expect(bc.approved?.approval.id).toBe(approvalId);
    expect(bc.approved?.figures?.npv).toBeCloseTo(HAND.komNpv, 9);
    expect(bc.approved?.deviation?.npv).toBeCloseTo(0, 9);
  });

  it('a revised business case: the deviation is the hand-computed difference, and asOf the approved version gives its NPV', async () => {
    await send('kalkyl-kom-2.csv', KOM_REVISED);
    const bc = businessCaseResponse.parse(await get('/api/v1/business-case?program=KOM'));
    expect(bc.npv).toBeCloseTo(HAND.komRevisedNpv, 9);
    expect(bc.approved!.figures!.npv).toBeCloseTo(HAND.komNpv, 9);
    expect(bc.approved!.deviation!.npv).toBeCloseTo(HAND.komRevisedNpv - HAND.komNpv, 9);
    // Payback: −120, 50, 50, 60 turns in 2029 after 3 + 20/60 years; the approved −100, 50, 50 reached 0 at the end of 2028.
    expect([bc.payback, bc.approved!.figures!.payback]).toEqual([3 + 20 / 60, 3].map((x) => Number(x.toPrecision(15))));
    expect(bc.approved!.deviation!.payback).toBeCloseTo(20 / 60, 12);
    expect(bc.approved!.figures!.years.map((y) => [y.year, y.costs, y.benefits])).toEqual([
      [2026, 100, 0],
      [2027, 0, 50],
      [2028, 0, 50],
    ]);
    const then = businessCaseResponse.parse(await get(`/api/v1/business-case?program=KOM&asOf=${bc.approved!.approval.version}`));
    expect(then.npv).toBeCloseTo(HAND.komNpv, 9);
    expect(then.npv).toBe(bc.approved!.figures!.npv);
  });

  it('approved targets: a revised target answers with its deviation from the approved one', async () => {
    expect((await approve({ program: 'KOM', subject: 'malvarden' })).status).toBe(201);
    await send('malvarden-2.csv', 'indikator;enhet;år;målvärde\nIND01;;2025;8,5\n');
    const followup = followupResponse.parse(await get('/api/v1/followup?program=KOM'));
    expect(followup.approved?.baseline).toBeNull();
    expect(followup.approved?.targets?.deviations).toEqual([
      { indicator: 'IND01', unit: 'R', geography: null, calendarYear: 2025, target: 8.5, approved: 9, difference: -0.5 },
      { indicator: 'IND01', unit: 'R', geography: null, calendarYear: 2029, target: 6, approved: 6, difference: 0 },
    ]);
  });

  it('an approval of a version later undone stays, flagged; an undone approval is no longer one, but asOf still shows it', async () => {
    const version = (await send('kalkyl-kom-3.csv', KOM_REVISED.replace('120', '130'))).loadId!;
    const report = approvalSchema.parse(await (await approve({ program: 'KOM', subject: 'rapport', asOf: version })).json());
    const undo = await request(`/api/v1/loads/${version}/undo`, { method: 'POST' }, CONTROLLER);
    expect(undo.status).toBe(200);
    const undoId = (await undo.json()).undoId;
    const { approvals } = approvalsResponse.parse(await get('/api/v1/approvals?program=KOM'));
    expect(approvals.map((a) => [a.subject, a.versionUndone, a.versionUndoneBy])).toEqual([
      ['rapport', true, undoId],
      ['malvarden', false, null],
      ['nyttokalkyl', false, null],
    ]);
    expect(approvals[0].id).toBe(report.id);

    // The approval itself is a load: undone, the business case has no approved version; asOf before the undo, it has.
    expect((await request(`/api/v1/loads/${approvalId}/undo`, { method: 'POST' }, CONTROLLER)).status).toBe(200);
    expect(businessCaseResponse.parse(await get('/api/v1/business-case?program=KOM')).approved).toBeNull();
    const before = approvalsResponse.parse(await get(`/api/v1/approvals?program=KOM&asOf=${approvalId}`));
    expect(before.approvals.map((a) => a.id)).toEqual([approvalId]);
  });
});

describe('the OpenAPI document', () => {
  it('has every new endpoint, POST approvals beside its GET', async () => {
    const doc = await get('/api/v1/openapi.json');
    for (const path of ['/api/v1/benefit-status', '/api/v1/actions', '/api/v1/lessons', '/api/v1/queries/latest_outcomes'])
      expect(doc.paths[path]?.get, path).toBeDefined();
    expect(Object.keys(doc.paths['/api/v1/approvals']).sort()).toEqual(['get', 'post']);
    expect(doc.paths['/api/v1/approvals'].post.requestBody.content['application/json'].schema.properties.subject.enum).toEqual([
      'nyttokalkyl',
      'malvarden',
      'baslinje',
      'rapport',
    ]);
  });
});

describe('sent from the workbook (Skicka till Nytta)', () => {
  const sendTable = (kind: string, rows: (string | number | null)[][]) => {
    const template = TABLE_TEMPLATES.find((t) => t.kind === kind)!;
    const body = {
      workbook: 'Uppföljning KOM.xlsx',
      sheet: template.sheetName,
      table: template.tableName,
      columns: template.columns.map((c) => c.header),
      rows,
    };
    return request(
      '/api/v1/ingest/table',
      { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } },
      CONTROLLER,
    );
  };

  it("a status assessment from its template: a bad row refused at its table row and column, a good one in the benefit's status", async () => {
    const bad = await sendTable('nyttostatus', [['KOM', 'K2', '2026-T1', 'lila', 'hög', null, 'Karin Controller', '2026-04-09']]);
    expect(bad.status).toBe(422);
    expect(refusedResponse.parse(await bad.json()).messages).toEqual([
      'Uppföljning KOM.xlsx › Skicka statusbedömningar › Nytta_nyttostatus, rad 2, kolumn status: "lila" är inte ett tillåtet värde (grön, gul eller röd)',
    ]);
    const good = await sendTable('nyttostatus', [
      ['KOM', 'K2', '2026-T1', 'röd', 'medel', 'Remisserna ligger kvar', 'Karin Controller', '2026-04-09'],
    ]);
    expect(good.status).toBe(200);
    const data = benefitStatusResponse.parse(await get('/api/v1/benefit-status?program=KOM'));
    expect(data.benefits.find((b) => b.id === 'K2')?.latest).toMatchObject({
      period: '2026-T1',
      status: 'röd',
      assessedBy: 'Karin Controller',
    });
    // K2 is assessed for the current period now: no longer due.
    const due = actionsResponse.parse(await get('/api/v1/actions?program=KOM'));
    expect(due.items.filter((i) => i.kind === 'status_assessment')).toEqual([]);
  });

  it('a lesson from its template', async () => {
    const res = await sendTable('lardomar', [
      ['KOM', 'L2', '2026-04-09', 'Mätning', 'Ta fram baslinjen före driftstart', null, 'Eva Ek', 'VIS'],
    ]);
    expect(res.status).toBe(200);
    const { lessons } = lessonsResponse.parse(await get('/api/v1/lessons?program=KOM'));
    expect(lessons.map((l) => [l.id, l.date, l.spreadTo])).toEqual([
      ['L2', '2026-04-09', ['VIS']],
      ['L1', '2026-03-01', ['VIS', 'Koncernledning']],
    ]);
  });
});
