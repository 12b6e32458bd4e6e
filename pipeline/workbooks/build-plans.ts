/**
 * @module build-plans – the sheet plans of a workbook kind, from the service's own endpoints. The CLI calls an in-process
 * service on the store; `GET /api/v1/workbooks/{kind}` calls its own app. Either way the figures, the suppression and
 * the validation are the service's.
 */
import { businessCaseSheet, type AdministrationLoss, type CaseFigures, type CaseLine } from '../../addin/sheets/business-case-sheet.js';
import { followupSheet, type BenefitInfo, type FollowupData } from '../../addin/sheets/followup-sheet.js';
import { baselineSheet, indicatorSheet, type BaselineData, type Series } from '../../addin/sheets/indicator-sheets.js';
import type { Provenance, SheetPlan } from '../../addin/sheets/plan.js';
import { riskSheet, type RiskData } from '../../addin/sheets/risk-sheet.js';
import { UserError } from '../errors.js';
import { productionLoss } from '../model/production-loss.js';

export const WORKBOOK_KINDS = ['indikatorer', 'baslinje', 'nyttokalkyl', 'uppfoljning', 'risker', 'alla'] as const;
export type WorkbookKind = (typeof WORKBOOK_KINDS)[number];

/** Calls the service: a path with query string in, the parsed JSON out; a problem becomes a Swedish UserError. */
export type ServiceCall = (path: string) => Promise<unknown>;

export function serviceCall(request: (path: string, init?: RequestInit) => Response | Promise<Response>, headers: Record<string, string> = {}): ServiceCall {
  return async (path) => {
    const res = await request(path, { headers });
    const body = (await res.json()) as { detail?: string };
    if (!res.ok) throw new UserError(body.detail ?? `Tjänsten svarade ${res.status} på ${path.split('?')[0]}`, `http_${res.status}`);
    return body;
  };
}

const qs = (params: Record<string, string | undefined>) => new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== '')).toString();

async function provenance(call: ServiceCall, source: string, parameters: Record<string, string | undefined>, kinds: string[]): Promise<Provenance> {
  const log = (await call('/api/v1/queries/load_log?limit=1000')) as { rows: { file_name: string; sha256: string; kind: string; status: string; finished_at: string }[] };
  return {
    source,
    parameters: Object.fromEntries(Object.entries(parameters).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== '')),
    loads: log.rows.filter((r) => r.status === 'loaded' && kinds.includes(r.kind)).map((r) => ({ file: r.file_name, sha256: r.sha256, loadedAt: r.finished_at })),
    writtenAt: new Date().toISOString().replace('T', ' ').slice(0, 19),
  };
}

type Params = Record<string, string | undefined>;

async function businessCasePlan(call: ServiceCall, p: Params): Promise<SheetPlan> {
  if (!p.program) throw new UserError('parametern "program" saknas (t.ex. --param program=FVIS)', 'param_missing');
  const query = qs({ program: p.program, scenario: p.scenario, rate: p.rate, fromYear: p.fromYear });
  const figures = (await call(`/api/v1/business-case?${query}`)) as CaseFigures;
  const lines = ((await call(`/api/v1/queries/business_case?${qs({ program: p.program, scenario: figures.scenario })}`)) as { rows: Record<string, unknown>[] }).rows.map(
    (r): CaseLine => ({
      year: Number(r.year), post: r.post as CaseLine['post'], category: String(r.category), kind: r.kind as CaseLine['kind'], amount: Number(r.amount_sek),
      benefitClass: (r.benefit_class as string | null) ?? null, stakeholder: (r.stakeholder as string | null) ?? null, low: r.low_sek as number | null, high: r.high_sek as number | null,
    }),
  );
  let loss: AdministrationLoss[] = [];
  if (p.volumeIndicator) {
    const units = ((await call(`/api/v1/queries/production_loss?${qs({ indicator: p.volumeIndicator })}`)) as { rows: Record<string, unknown>[] }).rows;
    const result = productionLoss(units.map((u) => ({ unit: String(u.unit), administration: String(u.administration), goLive: String(u.go_live), weeklyVolume: Number(u.weekly_volume), costPerContact: Number(p.costPerContact ?? 2000) })));
    loss = Object.entries(result.byAdministration).map(([administration, v]) => ({ administration, ...v }));
  }
  const prov = await provenance(call, `/api/v1/business-case?${query}`, { program: p.program, scenario: figures.scenario, rate: String(figures.rate) }, ['nyttokalkyl']);
  return businessCaseSheet(lines, figures, prov, loss).plan;
}

async function followupPlans(call: ServiceCall, p: Params): Promise<SheetPlan[]> {
  if (!p.program) throw new UserError('parametern "program" saknas (t.ex. --param program=FVIS)', 'param_missing');
  const benefits = ((await call(`/api/v1/queries/catalogue_benefits?${qs({ program: p.program })}`)) as { rows: Record<string, unknown>[] }).rows.map(
    (b): BenefitInfo => ({ id: String(b.id), name: String(b.name), effectGoals: String(b.effect_goals ?? '').split(',').filter(Boolean) }),
  );
  // One sheet per administration (`per=forvaltning`), or one for the chosen unit or the whole region.
  const units: { id?: string; sheet?: string }[] = p.per === 'forvaltning' ? (await administrations(call)).map((a) => ({ id: a.id, sheet: `Uppföljning ${a.name}` })) : [{ id: p.unit }];
  const plans: SheetPlan[] = [];
  for (const unit of units) {
    const query = qs({ program: p.program, unit: unit.id });
    const data = (await call(`/api/v1/followup?${query}`)) as FollowupData;
    plans.push(followupSheet(data, benefits, await provenance(call, `/api/v1/followup?${query}`, { program: p.program, unit: unit.id }, ['utfall', 'malvarden', 'nyttor']), unit.sheet));
  }
  return plans;
}

async function riskPlan(call: ServiceCall, p: Params): Promise<SheetPlan> {
  let query = qs({ program: p.program, scale: p.scale, assessed: p.assessed });
  let data = (await call(`/api/v1/risk-matrix?${query}`)) as RiskData;
  if (data.register.length === 0 && p.program) {
    // A program without a register of its own (the demo's FVIS) shows every risk loaded.
    query = qs({ scale: p.scale, assessed: p.assessed });
    data = (await call(`/api/v1/risk-matrix?${query}`)) as RiskData;
  }
  return riskSheet(data, await provenance(call, `/api/v1/risk-matrix?${query}`, { program: p.program, scale: String(data.scale), assessed: String(data.assessed) }, ['risker'])).plan;
}

async function indicatorPlan(call: ServiceCall, p: Params): Promise<SheetPlan> {
  const catalogue = ((await call(`/api/v1/queries/catalogue_indicators`)) as { rows: { id: string; name: string }[] }).rows;
  const wanted = p.indicator ? p.indicator.split(',') : catalogue.map((i) => i.id);
  const breakdown = (p.breakdown ?? 'none') as Series['breakdown'];
  const series: Series[] = [];
  for (const id of wanted) {
    const query = qs({ indicator: id, unit: p.unit, children: p.children, grain: p.grain ?? 'year', breakdown, from: p.from, to: p.to });
    const answer = (await call(`/api/v1/queries/indicator_series?${query}`)) as { rows: Record<string, unknown>[] };
    series.push({ indicator: id, name: catalogue.find((i) => i.id === id)?.name ?? id, breakdown, rows: answer.rows });
  }
  return indicatorSheet(series, await provenance(call, '/api/v1/queries/indicator_series', { indicator: wanted.join(','), unit: p.unit, grain: p.grain ?? 'year', breakdown }, ['utfall']));
}

async function baselinePlan(call: ServiceCall, p: Params): Promise<SheetPlan> {
  if (!p.indicator || !p.unit) throw new UserError('parametrarna "indicator" och "unit" behövs (t.ex. --param indicator=IND01 --param unit=SKAS)', 'param_missing');
  const query = qs({ indicator: p.indicator, unit: p.unit, goLive: p.goLive, window: p.window });
  const data = (await call(`/api/v1/baseline?${query}`)) as BaselineData;
  return baselineSheet(data, await provenance(call, `/api/v1/baseline?${query}`, { indicator: p.indicator, unit: p.unit }, ['utfall']));
}

function contents(plans: readonly SheetPlan[], p: Params): SheetPlan {
  const provenanceOf: Provenance = { source: 'nytta workbook alla', parameters: Object.fromEntries(Object.entries(p).filter((e): e is [string, string] => !!e[1])), loads: [], writtenAt: new Date().toISOString().replace('T', ' ').slice(0, 19) };
  return {
    name: 'Innehåll', code: 'IN', charts: [], notes: [], provenance: provenanceOf, columnWidths: [28, 70],
    blocks: [
      { id: 'rubrik', row: 0, col: 0, cells: [[`Nytta – ${p.program ?? ''}`]], rowStyles: ['title'] },
      { id: 'innehall', row: 2, col: 0, cells: [['Blad', 'Hämtat från'], ...plans.map((x) => [x.name, x.provenance.source])], rowStyles: ['header'] },
    ],
  };
}

/** The sheet plans of one workbook kind. */
export async function buildPlans(call: ServiceCall, kind: WorkbookKind, params: Params): Promise<SheetPlan[]> {
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
    case 'alla': {
      if (!params.program) throw new UserError('parametern "program" saknas (t.ex. --param program=FVIS)', 'param_missing');
      const units = ((await call('/api/v1/queries/catalogue_org_units')) as { rows: { id: string; level: string; go_live: string | null }[] }).rows;
      const first = units.find((u) => u.level === 'forvaltning' && u.go_live);
      const plans = [
        await indicatorPlan(call, { ...params, indicator: params.indicator }),
        ...(first ? [await baselinePlan(call, { indicator: params.indicator?.split(',')[0] ?? 'IND01', unit: params.unit ?? first.id })] : []),
        await businessCasePlan(call, params),
        ...(await followupPlans(call, params)),
        await riskPlan(call, { program: params.program }),
      ];
      return [contents(plans, params), ...plans];
    }
  }
}

/** Administrations, for `--per forvaltning`. */
export async function administrations(call: ServiceCall): Promise<{ id: string; name: string }[]> {
  const rows = ((await call('/api/v1/queries/catalogue_org_units')) as { rows: { id: string; name: string; level: string }[] }).rows;
  return rows.filter((r) => r.level === 'forvaltning').map((r) => ({ id: r.id, name: r.name }));
}

