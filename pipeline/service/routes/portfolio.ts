/**
 * @module portfolio – `GET /api/v1/portfolio` (reader): one row per program with its phase, owner, go-live and status,
 * the base scenario's NPV, BCR and payback, the follow-up's statuses in the latest measured year, late milestones, and
 * risks by colour with overdue actions. The figures come from the service's own endpoints, with the caller's token,
 * so they are the very ones `GET /api/v1/business-case?program=` and the others give.
 */
import { Hono } from 'hono';
import {
  businessCaseResponse,
  followupResponse,
  portfolioQuery,
  riskMatrixResponse,
  type PortfolioProgram,
} from '../../contracts/index.js';
import type { FollowupResponse, PortfolioResponse, QueryRow } from '../../contracts/index.js';
import { serviceCall, ServiceError, type ServiceCall } from '../../../addin/service/service-call.js';
import { answer, respond, validQuery, type Env, type ServiceDeps } from '../context.js';

const text = (v: unknown) => (v === null || v === undefined || v === '' ? null : String(v));

/**
 * The entries' statuses in the latest year any entry is measured (no direction counts as not measured; a year without a
 * target is counted apart, never as at risk).
 */
function followupCounts(data: FollowupResponse): PortfolioProgram['followup'] {
  const measured = (s: string) => s !== 'not_measured' && s !== 'no_direction';
  const years = data.indicators.flatMap((i) => i.years.filter((y) => measured(y.status)).map((y) => y.year));
  if (!years.length) return { year: null, reached: 0, onTrack: 0, atRisk: 0, noTarget: 0, notMeasured: data.indicators.length };
  const year = Math.max(...years);
  const statuses = data.indicators.map((i) => i.years.find((y) => y.year === year)?.status ?? 'not_measured');
  return {
    year,
    reached: statuses.filter((s) => s === 'reached').length,
    onTrack: statuses.filter((s) => s === 'on_track').length,
    atRisk: statuses.filter((s) => s === 'at_risk').length,
    noTarget: statuses.filter((s) => s === 'no_target').length,
    notMeasured: statuses.filter((s) => !measured(s)).length,
  };
}

/** An answer, or null when the program has none (a 404 from its endpoint). */
async function orNull<T>(work: Promise<T>): Promise<T | null> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof ServiceError && error.status === 404) return null;
    throw error;
  }
}

async function programRow(call: ServiceCall, p: QueryRow): Promise<PortfolioProgram> {
  const id = encodeURIComponent(String(p.id));
  const [bc, followup, risks] = await Promise.all([
    orNull(call(`/api/v1/business-case?program=${id}`, businessCaseResponse)),
    call(`/api/v1/followup?program=${id}`, followupResponse),
    call(`/api/v1/risk-matrix?program=${id}`, riskMatrixResponse),
  ]);
  const colour = (c: string) => risks.register.filter((r) => r.colour === c).length;
  return {
    id: String(p.id),
    name: String(p.name),
    phase: text(p.phase),
    owner: text(p.owner),
    goLive: text(p.go_live),
    status: text(p.status),
    budget: p.budget_sek === null || p.budget_sek === undefined ? null : Number(p.budget_sek),
    comment: text(p.comment),
    scenario: bc?.scenario ?? null,
    npv: bc?.npv ?? null,
    bcr: bc?.bcr ?? null,
    payback: bc?.payback ?? null,
    followup: followupCounts(followup),
    milestonesLate: followup.benefitDetails.flatMap((b) => b.milestones).filter((m) => m.status === 'late').length,
    risks: {
      green: colour('green'),
      yellow: colour('yellow'),
      red: colour('red'),
      overdueActions: risks.register.filter((r) => r.overdue).length,
    },
  };
}

/** `api` is the service's own app, as for workbooks. */
export function portfolioRoutes(
  deps: ServiceDeps,
  api: { request: (path: string, init?: RequestInit) => Response | Promise<Response> },
): Hono<Env> {
  return new Hono<Env>().get('/portfolio', async (c) => {
    validQuery(c, 'reader', portfolioQuery);
    const auth = c.req.header('authorization');
    const call = serviceCall((path, init) => api.request(path, init), auth ? { authorization: auth } : {});
    const programs = (await answer(deps, 'catalogue_programs', {})).rows;
    const body: PortfolioResponse = { programs: await Promise.all(programs.map((p) => programRow(call, p))) };
    return respond(c, body);
  });
}
