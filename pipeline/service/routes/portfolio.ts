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
import type { BusinessCaseResponse, FollowupResponse, PortfolioResponse, QueryRow } from '../../contracts/index.js';
import {
  doubleCountedPresentValue,
  indicatorOverlaps,
  lineOverlaps,
  type BenefitClaim,
  type FollowedEntry,
} from '../../model/double-counting.js';
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

/** A program's row, with the answers it was made from (the portfolio's overlaps read them too). */
interface ProgramAnswers {
  row: PortfolioProgram;
  bc: BusinessCaseResponse | null;
  followup: FollowupResponse;
}

async function programRow(call: ServiceCall, p: QueryRow): Promise<ProgramAnswers> {
  const id = encodeURIComponent(String(p.id));
  const [bc, followup, risks] = await Promise.all([
    orNull(call(`/api/v1/business-case?program=${id}`, businessCaseResponse)),
    call(`/api/v1/followup?program=${id}`, followupResponse),
    call(`/api/v1/risk-matrix?program=${id}`, riskMatrixResponse),
  ]);
  const colour = (c: string) => risks.register.filter((r) => r.colour === c).length;
  const row: PortfolioProgram = {
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
  return { row, bc, followup };
}

/** Each program's benefit lines of its base scenario's plan, whole, with the share it claims (`business_case` itself). */
async function benefitClaims(deps: ServiceDeps, answers: readonly ProgramAnswers[]): Promise<BenefitClaim[]> {
  const withCase = answers.filter((a) => a.bc !== null);
  const lines = await Promise.all(withCase.map((a) => answer(deps, 'business_case', { program: a.row.id, scenario: a.bc!.scenario })));
  return lines.flatMap(({ rows }, i) =>
    rows
      .filter((r) => r.kind === 'plan' && r.post === 'benefit')
      .map((r) => ({
        program: withCase[i].row.id,
        category: String(r.category),
        stakeholder: text(r.stakeholder),
        year: Number(r.year),
        amount: Number(r.amount_sek),
        attribution: Number(r.attribution ?? 1),
      })),
  );
}

/** The follow-up's entries of every program: an indicator at a place, in the calendar years it is followed. */
const followedEntries = (answers: readonly ProgramAnswers[]): FollowedEntry[] =>
  answers.flatMap((a) =>
    a.followup.indicators.map((i) => ({
      program: a.row.id,
      indicator: i.indicator,
      indicatorName: i.name,
      place: i.unit ?? i.geography ?? '',
      placeName: i.placeName,
      calendarYears: i.years.map((y) => y.calendarYear),
      benefits: i.benefits,
    })),
  );

export const COUNTED_ONCE =
  'Där två eller fler program har nyttoposter med samma kategori och intressent samma år räknas nyttan en gång: ' +
  'programmens tillskrivna belopp tillsammans, men aldrig mer än det största hela belopp något av dem anger. ' +
  'Det som räknas två gånger dras från summan, och från nettonuvärdet diskonterat som varje programs kalkyl, fördelat på programmen efter deras andel.';

/** The portfolio's overlaps and totals, each overlapping amount counted once. */
function overlapsAndTotals(
  answers: readonly ProgramAnswers[],
  claims: readonly BenefitClaim[],
): Pick<PortfolioResponse, 'overlaps' | 'totals'> {
  const lines = lineOverlaps(claims);
  const cases = new Map(answers.filter((a) => a.bc !== null).map((a) => [a.row.id, a.bc!]));
  const discount = (program: string, year: number) => {
    const bc = cases.get(program)!;
    return (1 + bc.rate) ** -(year - bc.startYear);
  };
  const npv = [...cases.values()].reduce((s, bc) => s + bc.npv, 0);
  const benefits = [...cases.values()].reduce((s, bc) => s + bc.years.reduce((t, y) => t + y.benefits, 0), 0);
  const doubleCounted = lines.reduce((s, o) => s + o.doubleCounted, 0);
  const pvDoubleCounted = lines.reduce((s, o) => s + doubleCountedPresentValue(o, discount), 0);
  const round = (x: number) => Number(x.toPrecision(15));
  return {
    overlaps: [
      ...indicatorOverlaps(followedEntries(answers)).map((o) => ({ kind: 'indicator' as const, ...o })),
      ...lines.map((o) => ({ kind: 'benefit_line' as const, ...o })),
    ],
    totals: {
      programs: cases.size,
      npv: round(npv),
      benefits: round(benefits),
      doubleCounted: round(doubleCounted),
      benefitsCountedOnce: round(benefits - doubleCounted),
      doubleCountedPresentValue: round(pvDoubleCounted),
      npvCountedOnce: round(npv - pvDoubleCounted),
      countedOnce: COUNTED_ONCE,
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
    const answers = await Promise.all(programs.map((p) => programRow(call, p)));
    const body: PortfolioResponse = {
      programs: answers.map((a) => a.row),
      ...overlapsAndTotals(answers, await benefitClaims(deps, answers)),
    };
    return respond(c, body);
  });
}
