/**
 * @module portfolio – the portfolio from each program's own answers: its row (phase, owner, go-live, status, the base
 * scenario's NPV, BCR and payback, the follow-up's statuses in the latest measured year, late milestones, risks by
 * colour with overdue actions), the overlaps where two programs claim the same benefit, and totals that count each
 * overlapping amount once. The figures are the very answers the business case, follow-up and risk matrix give.
 */
import type {
  BusinessCaseResponse,
  FollowupResponse,
  PortfolioProgram,
  PortfolioResponse,
  QueryRowOf,
  RiskMatrixResponse,
} from '../contracts/index.js';
import {
  doubleCountedPresentValue,
  indicatorOverlaps,
  lineOverlaps,
  type BenefitClaim,
  type FollowedEntry,
} from '../model/double-counting.js';
import { textOrNull } from './values.js';

/** What a program's row is made of: the program, and its answers (the business case null when it has none). */
export interface ProgramAnswers {
  program: QueryRowOf<'catalogue_programs'>;
  bc: BusinessCaseResponse | null;
  followup: FollowupResponse;
  risks: RiskMatrixResponse;
}

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

function programRow({ program: p, bc, followup, risks }: ProgramAnswers): PortfolioProgram {
  const colour = (c: string) => risks.register.filter((r) => r.colour === c).length;
  return {
    id: p.id,
    name: p.name,
    phase: textOrNull(p.phase),
    owner: textOrNull(p.owner),
    goLive: textOrNull(p.go_live),
    status: textOrNull(p.status),
    budget: p.budget_sek,
    comment: textOrNull(p.comment),
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

/** Each program's benefit lines of its base scenario's plan (`business_case`), whole, with the share it claims. */
export function benefitClaims(program: string, rows: readonly QueryRowOf<'business_case'>[]): BenefitClaim[] {
  return rows
    .filter((r) => r.kind === 'plan' && r.post === 'benefit')
    .map((r) => ({
      program,
      category: r.category,
      stakeholder: textOrNull(r.stakeholder),
      year: r.year,
      amount: r.amount_sek,
      attribution: r.attribution ?? 1,
    }));
}

/** The follow-up's entries of every program: an indicator at a place, in the calendar years it is followed. */
const followedEntries = (answers: readonly ProgramAnswers[]): FollowedEntry[] =>
  answers.flatMap((a) =>
    a.followup.indicators.map((i) => ({
      program: a.program.id,
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

/** The portfolio: every program's row, the overlaps, and the totals with each overlapping amount counted once. */
export function portfolioAnswer(answers: readonly ProgramAnswers[], claims: readonly BenefitClaim[]): PortfolioResponse {
  const lines = lineOverlaps(claims);
  const cases = new Map(answers.filter((a) => a.bc !== null).map((a) => [a.program.id, a.bc!]));
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
    programs: answers.map(programRow),
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
