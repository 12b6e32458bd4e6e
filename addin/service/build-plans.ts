/**
 * @module build-plans – the sheet plans of a workbook kind, from the service's answers. The task pane calls the service
 * over HTTP, the CLI an in-process service on the store, and `GET /api/v1/workbooks/{kind}` its own app: either way
 * the figures, the suppression and the validation are the service's, and every answer is parsed with its contract.
 */
import { z } from 'zod';
import {
  actionsResponse,
  approvalsResponse,
  baselineResponse,
  benefitStatusResponse,
  businessCaseResponse,
  describeIssues,
  followupResponse,
  indicatorsAnswer,
  keyFigureListResponse,
  lessonsResponse,
  meResponse,
  orgUnitsAnswer,
  portfolioResponse,
  queryAnswer,
  riskMatrixResponse,
  sourceLoadsAnswer,
} from '../../pipeline/contracts/index.js';
import { businessCaseSheet } from '../sheets/business-case-sheet.js';
import { followupSheet, type BenefitInfo } from '../sheets/followup-sheet.js';
import { baselineSheet, indicatorSheet, type Series } from '../sheets/indicator-sheets.js';
import { lessonsSheet } from '../sheets/lessons-sheet.js';
import type { Provenance, SheetPlan } from '../sheets/plan.js';
import { portfolioSheet } from '../sheets/portfolio-sheet.js';
import { reportCoverSheet, reportPeriod } from '../sheets/report-sheet.js';
import { riskSheet } from '../sheets/risk-sheet.js';
import { callAsOf, queryString as qs, ServiceError, type ServiceCall } from './service-call.js';

export const WORKBOOK_KINDS = ['indikatorer', 'baslinje', 'nyttokalkyl', 'uppfoljning', 'risker', 'portfolj', 'rapport', 'alla'] as const;
export type WorkbookKind = (typeof WORKBOOK_KINDS)[number];

type Params = Record<string, string | undefined>;

const missing = (message: string) => new ServiceError(message, 400);
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
async function provenance(call: ServiceCall, source: string, parameters: Params, sources: Sources): Promise<Provenance> {
  const [loads, me] = await Promise.all([
    call(`/api/v1/queries/source_loads?${qs({ ...sources })}`, sourceLoadsAnswer),
    call('/api/v1/me', meResponse),
  ]);
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

async function businessCasePlan(call: ServiceCall, p: Params): Promise<SheetPlan> {
  if (!p.program) throw missing('parametern "program" saknas (t.ex. --param program=FVIS)');
  const query = qs({ program: p.program, ...Object.fromEntries(CASE_PARAMS.map((k) => [k, p[k]])) });
  const figures = await call(`/api/v1/business-case?${query}`, businessCaseResponse);
  const prov = await provenance(
    call,
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
  const keyFigures = (await call('/api/v1/key-figures', keyFigureListResponse)).keyFigures;
  const compare = p.compareAsOf
    ? {
        label: versionLabel(p.compareAsOf),
        now: figures,
        then: await callAsOf(call, p.compareAsOf)(`/api/v1/business-case?${query}`, businessCaseResponse),
      }
    : undefined;
  return businessCaseSheet(figures, prov, keyFigures, compare).plan;
}

async function followupPlans(call: ServiceCall, p: Params): Promise<SheetPlan[]> {
  if (!p.program) throw missing('parametern "program" saknas (t.ex. --param program=FVIS)');
  // One sheet per administration (`per=forvaltning`), or one for the chosen unit or the whole region.
  const units: { id?: string; sheet?: string }[] =
    p.per === 'forvaltning' ? (await administrations(call)).map((a) => ({ id: a.id, sheet: `Uppföljning ${a.name}` })) : [{ id: p.unit }];
  const plans: SheetPlan[] = [];
  // The benefits' judged status is the program's, the same beside every unit's sheet.
  const status = await call(`/api/v1/benefit-status?${qs({ program: p.program })}`, benefitStatusResponse);
  for (const unit of units) {
    const query = qs({
      program: p.program,
      unit: unit.id,
      level: p.level,
      breakdown: p.breakdown,
      years: p.years,
      baselineMonths: p.baselineMonths,
    });
    const data = await call(`/api/v1/followup?${query}`, followupResponse);
    const compare = p.compareAsOf
      ? {
          label: versionLabel(p.compareAsOf),
          then: (await callAsOf(call, p.compareAsOf)(`/api/v1/followup?${query}`, followupResponse)).indicators,
        }
      : undefined;
    // The follow-up answer names the program's benefits itself: no second call for them.
    const benefits = data.benefitDetails.map((b): BenefitInfo => ({ id: b.id, name: b.name, effectGoals: b.effectGoals }));
    plans.push(
      followupSheet(
        data,
        benefits,
        await provenance(
          call,
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
async function riskPlan(call: ServiceCall, p: Params, empty?: string): Promise<SheetPlan> {
  const query = qs({ program: p.program, scale: p.scale, assessed: p.assessed, since: p.since });
  const data = await call(`/api/v1/risk-matrix?${query}`, riskMatrixResponse);
  const assessed = Array.isArray(data.assessed) ? data.assessed.join(', ') : data.assessed;
  return riskSheet(
    data,
    await provenance(
      call,
      `/api/v1/risk-matrix?${query}`,
      { program: p.program, scale: String(data.scale), assessed: assessed || undefined, asOf: p.asOf },
      { of: 'risks', program: p.program },
    ),
    empty,
  ).plan;
}

/** The series of `only`, else of the indicators given, else of every indicator in the store. */
async function indicatorPlan(call: ServiceCall, p: Params, only?: readonly string[]): Promise<SheetPlan> {
  const catalogue = (await call('/api/v1/queries/catalogue_indicators', indicatorsAnswer)).rows;
  const wanted = only ?? (p.indicator ? p.indicator.split(',') : catalogue.map((i) => i.id));
  const breakdown = (p.breakdown ?? 'none') as Series['breakdown'];
  const series: Series[] = [];
  for (const id of wanted) {
    const query = qs({ indicator: id, unit: p.unit, children: p.children, grain: p.grain ?? 'year', breakdown, from: p.from, to: p.to });
    const answer = await call(`/api/v1/queries/indicator_series?${query}`, queryAnswer);
    const known = catalogue.find((i) => i.id === id);
    series.push({ indicator: id, name: known?.name ?? id, breakdown, rows: answer.rows, measure: known?.unit ?? null });
  }
  return indicatorSheet(
    series,
    await provenance(
      call,
      '/api/v1/queries/indicator_series',
      { indicator: wanted.join(','), unit: p.unit, grain: p.grain ?? 'year', breakdown, asOf: p.asOf },
      { of: 'series', indicators: wanted.join(',') },
    ),
  );
}

async function baselinePlan(call: ServiceCall, p: Params): Promise<SheetPlan> {
  if (!p.indicator || !p.unit)
    throw missing('parametrarna "indicator" och "unit" behövs (t.ex. --param indicator=IND01 --param unit=SKAS)');
  const query = qs({ indicator: p.indicator, unit: p.unit, goLive: p.goLive, window: p.window, program: p.program });
  const data = await call(`/api/v1/baseline?${query}`, baselineResponse);
  const catalogue = (await call('/api/v1/queries/catalogue_indicators', indicatorsAnswer)).rows;
  return baselineSheet(
    data,
    await provenance(
      call,
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
async function portfolioPlan(call: ServiceCall, p: Params): Promise<SheetPlan> {
  const all = await call('/api/v1/portfolio', portfolioResponse);
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
  return portfolioSheet(data, await provenance(call, '/api/v1/portfolio', { asOf: p.asOf }, { of: 'portfolio', program: p.only }), links);
}

/** Lessons learnt across the portfolio, or one program's (`program`). */
async function lessonsPlan(call: ServiceCall, p: Params): Promise<SheetPlan> {
  const query = qs({ program: p.program });
  const data = await call(`/api/v1/lessons${query ? `?${query}` : ''}`, lessonsResponse);
  return lessonsSheet(
    data,
    await provenance(call, '/api/v1/lessons', { program: p.program, asOf: p.asOf }, { of: 'lessons', program: p.program }),
  );
}

/**
 * The report for the governance calendar (`period=2026-T2`, `2026-delår`, `2026-år`): the program's portfolio row, the
 * business case against plan, the follow-up, and the risk register at the period's end with what changed since the
 * previous report's assessment.
 */
async function reportPlans(call: ServiceCall, p: Params): Promise<SheetPlan[]> {
  if (!p.program) throw missing('parametern "program" saknas (t.ex. --param program=FVIS)');
  const period = reportPeriod(p.period ?? '');
  if (!period) throw missing(`parametern "period" ska vara t.ex. 2026-T2, 2026-delår eller 2026-år, inte "${p.period ?? ''}"`);
  // The program's own assessments only: a program without risks says so, never shows another program's.
  const dates = (await call(`/api/v1/queries/risk_assessments?${qs({ program: p.program })}`, queryAnswer)).rows
    .map((r) => String(r.assessed))
    .sort();
  const now = [...dates].reverse().find((d) => d <= period.end) ?? null;
  const before = [...dates].reverse().find((d) => d <= period.previousEnd && d !== now) ?? null;
  const risks = now
    ? await riskPlan(call, { program: p.program, assessed: now, since: before ?? undefined, asOf: p.asOf })
    : await riskPlan(
        call,
        // the latest assessment is after the period: none to report
        { program: p.program, assessed: dates.length ? period.end : undefined, asOf: p.asOf },
        dates.length ? `Programmet ${p.program} har ingen riskbedömning till och med ${period.end}.` : undefined,
      );
  const body = [
    await portfolioPlan(call, { asOf: p.asOf, only: p.program }),
    await businessCasePlan(call, p),
    ...(await followupPlans(call, { program: p.program, unit: p.unit, asOf: p.asOf })),
    risks,
  ];
  const [actions, approvals] = await Promise.all([
    call(`/api/v1/actions?${qs({ program: p.program })}`, actionsResponse),
    call(`/api/v1/approvals?${qs({ program: p.program, subject: 'rapport' })}`, approvalsResponse),
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
export async function buildPlans(service: ServiceCall, kind: WorkbookKind, params: Params): Promise<SheetPlan[]> {
  refuseUnknown(kind, params);
  const call = callAsOf(service, params.asOf);
  return plansOf(call, kind, params);
}

async function plansOf(call: ServiceCall, kind: WorkbookKind, params: Params): Promise<SheetPlan[]> {
  switch (kind) {
    case 'nyttokalkyl':
      return [await businessCasePlan(call, params)];
    case 'uppfoljning':
      return followupPlans(call, params);
    case 'risker':
      return [await riskPlan(call, params)];
    case 'indikatorer':
      return [await indicatorPlan(call, params)];
    case 'baslinje':
      return [await baselinePlan(call, params)];
    case 'portfolj':
      return [await portfolioPlan(call, params), await lessonsPlan(call, { asOf: params.asOf })];
    case 'rapport':
      return reportPlans(call, params);
    case 'alla': {
      if (!params.program) throw missing('parametern "program" saknas (t.ex. --param program=FVIS)');
      const units = (await call('/api/v1/queries/catalogue_org_units', orgUnitsAnswer)).rows;
      const first = units.find((u) => u.level === 'forvaltning' && u.go_live);
      // The program's own indicators (those measuring its benefits) unless chosen: never every indicator in the store.
      const indicators = params.indicator
        ? params.indicator.split(',')
        : (await call(`/api/v1/queries/catalogue_indicators?${qs({ program: params.program })}`, indicatorsAnswer)).rows.map((i) => i.id);
      const plans = [
        await indicatorPlan(call, params, indicators),
        ...(first && indicators.length
          ? [
              await baselinePlan(call, {
                indicator: indicators[0],
                unit: params.unit ?? first.id,
                goLive: params.goLive,
                window: params.window,
                program: params.program,
                asOf: params.asOf,
              }),
            ]
          : []),
        await businessCasePlan(call, params),
        ...(await followupPlans(call, params)),
        await riskPlan(call, {
          program: params.program,
          scale: params.scale,
          assessed: params.assessed,
          since: params.since,
          asOf: params.asOf,
        }),
      ];
      // The portfolio first among the program's sheets, its row linking to the business case below.
      plans.unshift(await portfolioPlan(call, { asOf: params.asOf, links: `${params.program}=Nyttokalkyl` }));
      return [contents(plans, params), ...plans];
    }
  }
}

/** Administrations, for `--per forvaltning`. */
export async function administrations(call: ServiceCall): Promise<{ id: string; name: string }[]> {
  const rows = (await call('/api/v1/queries/catalogue_org_units', orgUnitsAnswer)).rows;
  return rows.filter((r) => r.level === 'forvaltning').map((r) => ({ id: r.id, name: r.name }));
}
