/**
 * @module build-plans – the sheet plans of a workbook kind, from the service's answers. It takes the service as a
 * `NyttaService`: the task pane's asks over HTTP (http-service.ts), the workbook route's and `nytta workbook`'s in
 * process (pipeline/service/in-process.ts). Either way the figures, the suppression and the validation are the
 * service's.
 */
import { z } from 'zod';
import { describeIssues, Refusal, type NyttaService } from '../../pipeline/contracts/index.js';
import { queryString as qs } from './service-call.js';
import { businessCaseSheet } from '../sheets/business-case-sheet.js';
import { followupSheet, type BenefitInfo } from '../sheets/followup-sheet.js';
import { baselineSheet, indicatorSheet, type Series } from '../sheets/indicator-sheets.js';
import { lessonsSheet } from '../sheets/lessons-sheet.js';
import type { Provenance, SheetPlan } from '../sheets/plan.js';
import { portfolioSheet } from '../sheets/portfolio-sheet.js';
import { reportCoverSheet, reportPeriod } from '../sheets/report-sheet.js';
import { riskSheet } from '../sheets/risk-sheet.js';

export const WORKBOOK_KINDS = ['indikatorer', 'baslinje', 'nyttokalkyl', 'uppfoljning', 'risker', 'portfolj', 'rapport', 'alla'] as const;
export type WorkbookKind = (typeof WORKBOOK_KINDS)[number];

type Params = Record<string, string | undefined>;

const missing = (message: string) => new Refusal(message, 400);
const given = (params: Params) =>
  Object.fromEntries(Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== ''));
const timestamp = () => new Date().toISOString().replace('T', ' ').slice(0, 19);

/** What a sheet's figures are built from, as `source_loads` takes it. */
interface Sources {
  of: 'business_case' | 'risks' | 'followup' | 'series' | 'portfolio' | 'lessons';
  program?: string;
  indicators?: string;
  volume_indicator?: string;
}

/** The sheet's provenance: the loads its figures come from (the rows in force it is built from), and who asked. */
async function provenance(service: NyttaService, source: string, parameters: Params, sources: Sources): Promise<Provenance> {
  const [loads, me] = await Promise.all([service.query('source_loads', { ...sources }), service.me()]);
  return {
    source,
    parameters: given(parameters),
    loads: loads.rows.map((r) => ({ file: r.file_name, sha256: r.sha256, loadedAt: r.finished_at })),
    writtenAt: timestamp(),
    writtenBy: me.name,
  };
}

/** The business case's own choices, passed on to the service as given. */
const CASE_PARAMS = [
  'scenario',
  'rate',
  'fromYear',
  'delayMonths',
  'includeProductionLoss',
  'volumeIndicator',
  'costPerContact',
  'peak',
  'weeksBefore',
  'weeksAfter',
  'operatingCostFigure',
] as const;

const INDICATOR_PARAMS = ['indicator', 'unit', 'children', 'grain', 'breakdown', 'from', 'to'] as const;
const BASELINE_PARAMS = ['indicator', 'unit', 'goLive', 'window', 'program'] as const;
const FOLLOWUP_PARAMS = ['program', 'unit', 'level', 'breakdown', 'years', 'baselineMonths', 'per', 'compareAsOf'] as const;
const RISK_PARAMS = ['program', 'scale', 'assessed', 'since'] as const;

/** The parameters each kind takes (and every kind `asOf`): anything else is refused, never ignored. */
export const WORKBOOK_PARAMS: Record<WorkbookKind, readonly string[]> = {
  indikatorer: INDICATOR_PARAMS,
  baslinje: BASELINE_PARAMS,
  nyttokalkyl: ['program', ...CASE_PARAMS, 'compareAsOf'],
  uppfoljning: FOLLOWUP_PARAMS,
  risker: RISK_PARAMS,
  portfolj: ['links'],
  rapport: ['program', 'period', 'unit', ...CASE_PARAMS],
  alla: [...new Set([...INDICATOR_PARAMS, ...BASELINE_PARAMS, 'program', ...CASE_PARAMS, ...FOLLOWUP_PARAMS, ...RISK_PARAMS])],
};

/** A 400 naming a parameter the kind does not take, with those it takes, as the service's endpoints say it. */
function refuseUnknown(kind: WorkbookKind, params: Params): void {
  const names = [...WORKBOOK_PARAMS[kind], 'asOf'];
  const parsed = z
    .object(Object.fromEntries(names.map((name) => [name, z.string().optional()])))
    .strict()
    .safeParse(params);
  if (!parsed.success) throw missing(describeIssues(parsed.error, { what: `arbetsboken ${kind}`, names }));
}

async function businessCasePlan(service: NyttaService, p: Params): Promise<SheetPlan> {
  if (!p.program) throw missing('parametern "program" saknas (t.ex. --param program=FVIS)');
  const asked = { program: p.program, ...Object.fromEntries(CASE_PARAMS.map((k) => [k, p[k]])) };
  const query = qs(asked);
  const figures = await service.businessCase(asked);
  const prov = await provenance(
    service,
    `/api/v1/business-case?${query}`,
    {
      ...Object.fromEntries(CASE_PARAMS.map((k) => [k, p[k]])),
      program: p.program,
      scenario: figures.scenario,
      rate: String(figures.rate),
      compareAsOf: p.compareAsOf,
      asOf: p.asOf,
    },
    { of: 'business_case', program: p.program, volume_indicator: p.volumeIndicator },
  );
  const keyFigures = (await service.keyFigures({})).keyFigures;
  const compare = p.compareAsOf
    ? {
        label: versionLabel(p.compareAsOf),
        now: figures,
        then: await service.asOf(p.compareAsOf).businessCase(asked),
      }
    : undefined;
  return businessCaseSheet(figures, prov, keyFigures, compare).plan;
}

async function followupPlans(service: NyttaService, p: Params): Promise<SheetPlan[]> {
  if (!p.program) throw missing('parametern "program" saknas (t.ex. --param program=FVIS)');
  // One sheet per administration (`per=forvaltning`), or one for the chosen unit or the whole region.
  const units: { id?: string; sheet?: string }[] =
    p.per === 'forvaltning'
      ? (await administrations(service)).map((a) => ({ id: a.id, sheet: `Uppföljning ${a.name}` }))
      : [{ id: p.unit }];
  const plans: SheetPlan[] = [];
  // The benefits' judged status is the program's, the same beside every unit's sheet.
  const status = await service.benefitStatus({ program: p.program });
  for (const unit of units) {
    const asked = {
      program: p.program,
      unit: unit.id,
      level: p.level,
      breakdown: p.breakdown,
      years: p.years,
      baselineMonths: p.baselineMonths,
    };
    const query = qs(asked);
    const data = await service.followup(asked);
    const compare = p.compareAsOf
      ? {
          label: versionLabel(p.compareAsOf),
          then: (await service.asOf(p.compareAsOf).followup(asked)).indicators,
        }
      : undefined;
    // The follow-up answer names the program's benefits itself: no second call for them.
    const benefits = data.benefitDetails.map((b): BenefitInfo => ({ id: b.id, name: b.name, effectGoals: b.effectGoals }));
    plans.push(
      followupSheet(
        data,
        benefits,
        await provenance(
          service,
          `/api/v1/followup?${query}`,
          { program: p.program, unit: unit.id, compareAsOf: p.compareAsOf, asOf: p.asOf },
          { of: 'followup', program: p.program },
        ),
        unit.sheet,
        compare,
        status,
      ),
    );
  }
  return plans;
}

/** The program's risks as the service gives them; a program without any gets a sheet that says so (`empty`). */
async function riskPlan(service: NyttaService, p: Params, empty?: string): Promise<SheetPlan> {
  const asked = { program: p.program, scale: p.scale, assessed: p.assessed, since: p.since };
  const query = qs(asked);
  const data = await service.riskMatrix(asked);
  const assessed = Array.isArray(data.assessed) ? data.assessed.join(', ') : data.assessed;
  return riskSheet(
    data,
    await provenance(
      service,
      `/api/v1/risk-matrix?${query}`,
      { program: p.program, scale: String(data.scale), assessed: assessed || undefined, asOf: p.asOf },
      { of: 'risks', program: p.program },
    ),
    empty,
  ).plan;
}

/** The series of `only`, else of the indicators given, else of every indicator in the store. */
async function indicatorPlan(service: NyttaService, p: Params, only?: readonly string[]): Promise<SheetPlan> {
  const catalogue = (await service.query('catalogue_indicators', {})).rows;
  const wanted = only ?? (p.indicator ? p.indicator.split(',') : catalogue.map((i) => i.id));
  const breakdown = (p.breakdown ?? 'none') as Series['breakdown'];
  const series: Series[] = [];
  for (const id of wanted) {
    const answer = await service.query('indicator_series', {
      indicator: id,
      unit: p.unit,
      children: p.children,
      grain: p.grain ?? 'year',
      breakdown,
      from: p.from,
      to: p.to,
    });
    const known = catalogue.find((i) => i.id === id);
    series.push({ indicator: id, name: known?.name ?? id, breakdown, rows: answer.rows, measure: known?.unit ?? null });
  }
  return indicatorSheet(
    series,
    await provenance(
      service,
      '/api/v1/queries/indicator_series',
      { indicator: wanted.join(','), unit: p.unit, grain: p.grain ?? 'year', breakdown, asOf: p.asOf },
      { of: 'series', indicators: wanted.join(',') },
    ),
  );
}

async function baselinePlan(service: NyttaService, p: Params): Promise<SheetPlan> {
  if (!p.indicator || !p.unit)
    throw missing('parametrarna "indicator" och "unit" behövs (t.ex. --param indicator=IND01 --param unit=SKAS)');
  const asked = { indicator: p.indicator, unit: p.unit, goLive: p.goLive, window: p.window, program: p.program };
  const query = qs(asked);
  const data = await service.baseline(asked);
  const catalogue = (await service.query('catalogue_indicators', {})).rows;
  return baselineSheet(
    data,
    await provenance(
      service,
      `/api/v1/baseline?${query}`,
      { indicator: p.indicator, unit: p.unit, asOf: p.asOf },
      { of: 'series', indicators: p.indicator },
    ),
    catalogue.find((i) => i.id === p.indicator)?.unit ?? null,
  );
}

/**
 * The portfolio; `links` (`FVIS=Nyttokalkyl|FVM=Risker`) names the sheet in this workbook each program's row links to,
 * and `only` keeps one program's row.
 */
async function portfolioPlan(service: NyttaService, p: Params): Promise<SheetPlan> {
  const all = await service.portfolio({});
  // `only`: one program's row (a report's), with the overlaps it is part of; the portfolio's totals are the whole's.
  const data = p.only
    ? { programs: all.programs.filter((x) => x.id === p.only), overlaps: all.overlaps.filter((o) => o.programs.includes(p.only!)) }
    : all;
  const links = Object.fromEntries(
    (p.links ?? '')
      .split('|')
      .map((pair) => pair.split('='))
      .filter((pair): pair is [string, string] => pair.length === 2 && !!pair[0] && !!pair[1]),
  );
  return portfolioSheet(
    data,
    await provenance(service, '/api/v1/portfolio', { asOf: p.asOf }, { of: 'portfolio', program: p.only }),
    links,
  );
}

/** Lessons learnt across the portfolio, or one program's (`program`). */
async function lessonsPlan(service: NyttaService, p: Params): Promise<SheetPlan> {
  const data = await service.lessons({ program: p.program });
  return lessonsSheet(
    data,
    await provenance(service, '/api/v1/lessons', { program: p.program, asOf: p.asOf }, { of: 'lessons', program: p.program }),
  );
}

/**
 * The report for the governance calendar (`period=2026-T2`, `2026-delår`, `2026-år`): the program's portfolio row, the
 * business case against plan, the follow-up, and the risk register at the period's end with what changed since the
 * previous report's assessment.
 */
async function reportPlans(service: NyttaService, p: Params): Promise<SheetPlan[]> {
  if (!p.program) throw missing('parametern "program" saknas (t.ex. --param program=FVIS)');
  const period = reportPeriod(p.period ?? '');
  if (!period) throw missing(`parametern "period" ska vara t.ex. 2026-T2, 2026-delår eller 2026-år, inte "${p.period ?? ''}"`);
  // The program's own assessments only: a program without risks says so, never shows another program's.
  const dates = (await service.query('risk_assessments', { program: p.program })).rows.map((r) => r.assessed).sort();
  const now = [...dates].reverse().find((d) => d <= period.end) ?? null;
  const before = [...dates].reverse().find((d) => d <= period.previousEnd && d !== now) ?? null;
  const risks = now
    ? await riskPlan(service, { program: p.program, assessed: now, since: before ?? undefined, asOf: p.asOf })
    : await riskPlan(
        service,
        // the latest assessment is after the period: none to report
        { program: p.program, assessed: dates.length ? period.end : undefined, asOf: p.asOf },
        dates.length ? `Programmet ${p.program} har ingen riskbedömning till och med ${period.end}.` : undefined,
      );
  const body = [
    await portfolioPlan(service, { asOf: p.asOf, only: p.program }),
    await businessCasePlan(service, p),
    ...(await followupPlans(service, { program: p.program, unit: p.unit, asOf: p.asOf })),
    risks,
  ];
  const [actions, approvals] = await Promise.all([
    service.actions({ program: p.program }),
    service.approvals({ program: p.program, subject: 'rapport' }),
  ]);
  const cover = reportCoverSheet(
    p.program,
    period,
    { now, before },
    body.map((x) => x.name),
    {
      source: 'nytta workbook rapport',
      parameters: given({ program: p.program, period: period.id, asOf: p.asOf }),
      loads: [],
      writtenAt: timestamp(),
    },
    { actions, approval: approvals.approvals[0] ?? null },
  );
  return [cover, ...body];
}

function contents(plans: readonly SheetPlan[], p: Params): SheetPlan {
  const provenanceOf: Provenance = { source: 'nytta workbook alla', parameters: given(p), loads: [], writtenAt: timestamp() };
  return {
    name: 'Innehåll',
    code: 'IN',
    charts: [],
    notes: [],
    provenance: provenanceOf,
    columnWidths: [28, 70],
    blocks: [
      { id: 'rubrik', row: 0, col: 0, cells: [[`Nytta – ${p.program ?? ''}`]], rowStyles: ['title'] },
      {
        id: 'innehall',
        row: 2,
        col: 0,
        cells: [['Blad', 'Hämtat från'], ...plans.map((x) => [x.name, x.provenance.source])],
        rowStyles: ['header'],
      },
    ],
  };
}

/** How a sheet names an earlier version it is compared with. */
const versionLabel = (asOf: string) => (/^\d+$/.test(asOf) ? `versionen efter inläsning ${asOf}` : `versionen ${asOf}`);

/**
 * The sheet plans of one workbook kind; with `asOf`, every answer as the store stood right after that load, and the
 * provenance says so.
 */
export async function buildPlans(service: NyttaService, kind: WorkbookKind, params: Params): Promise<SheetPlan[]> {
  refuseUnknown(kind, params);
  return plansOf(params.asOf ? service.asOf(params.asOf) : service, kind, params);
}

async function plansOf(service: NyttaService, kind: WorkbookKind, params: Params): Promise<SheetPlan[]> {
  switch (kind) {
    case 'nyttokalkyl':
      return [await businessCasePlan(service, params)];
    case 'uppfoljning':
      return followupPlans(service, params);
    case 'risker':
      return [await riskPlan(service, params)];
    case 'indikatorer':
      return [await indicatorPlan(service, params)];
    case 'baslinje':
      return [await baselinePlan(service, params)];
    case 'portfolj':
      return [await portfolioPlan(service, params), await lessonsPlan(service, { asOf: params.asOf })];
    case 'rapport':
      return reportPlans(service, params);
    case 'alla': {
      if (!params.program) throw missing('parametern "program" saknas (t.ex. --param program=FVIS)');
      const units = (await service.query('catalogue_org_units', {})).rows;
      const first = units.find((u) => u.level === 'forvaltning' && u.go_live);
      // The program's own indicators (those measuring its benefits) unless chosen: never every indicator in the store.
      const indicators = params.indicator
        ? params.indicator.split(',')
        : (await service.query('catalogue_indicators', { program: params.program })).rows.map((i) => i.id);
      const plans = [
        await indicatorPlan(service, params, indicators),
        ...(first && indicators.length
          ? [
              await baselinePlan(service, {
                indicator: indicators[0],
                unit: params.unit ?? first.id,
                goLive: params.goLive,
                window: params.window,
                program: params.program,
                asOf: params.asOf,
              }),
            ]
          : []),
        await businessCasePlan(service, params),
        ...(await followupPlans(service, params)),
        await riskPlan(service, {
          program: params.program,
          scale: params.scale,
          assessed: params.assessed,
          since: params.since,
          asOf: params.asOf,
        }),
      ];
      // The portfolio first among the program's sheets, its row linking to the business case below.
      plans.unshift(await portfolioPlan(service, { asOf: params.asOf, links: `${params.program}=Nyttokalkyl` }));
      return [contents(plans, params), ...plans];
    }
  }
}

/** Administrations, for `--per forvaltning`. */
export async function administrations(service: NyttaService): Promise<{ id: string; name: string }[]> {
  const rows = (await service.query('catalogue_org_units', {})).rows;
  return rows.filter((r) => r.level === 'forvaltning').map((r) => ({ id: r.id, name: r.name }));
}
