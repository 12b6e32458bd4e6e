/**
 * @module jobs – the task pane's five jobs: the user's choices become a request to the service (checked first, with a
 * Swedish message for what is missing), the service's answers become sheet plans, and the adapter writes them. The same
 * request is kept with the sheets, so "Kontrollera" can re-run exactly what was written.
 */
import { checkPlans, writePlans, writtenJobs, writtenSheets } from '../excel/workbook.js';
import { buildPlans, type WorkbookKind } from '../service/build-plans.js';
import { httpService } from '../service/http-service.js';
import type { ServiceCall } from '../service/service-call.js';
import type { Translate } from './i18n.js';

export const JOBS = ['indikatorer', 'baslinje', 'nyttokalkyl', 'uppfoljning', 'risker', 'portfolj'] as const;
export type Job = (typeof JOBS)[number];

export interface Choices {
  program: string;
  indicators: string[];
  indicator: string;
  unit: string;
  children: boolean;
  from: string;
  to: string;
  grain: string;
  breakdown: string;
  goLive: string;
  window: string;
  scenario: string;
  rate: string;
  volumeIndicator: string;
  peak: string;
  costPerContact: string;
  weeksBefore: string;
  weeksAfter: string;
  includeLoss: boolean;
  delayMonths: string;
  perAdministration: boolean;
  followupLevel: string;
  followupBreakdown: string;
  followupYears: string;
  /** A load id: the sheet shows the figures beside the store as it stood right after it. */
  compareAsOf: string;
  scale: string;
  assessed: string;
}

export interface JobRequest {
  kind: WorkbookKind;
  params: Record<string, string>;
}

const PERIOD = /^\d{4}(-\d{2}(-\d{2})?)?$/;
/** A number as a Swede may write it (3,5 or 3.5, a percentage with or without %); null when empty. */
const parseNumber = (text: string): number | null =>
  text.trim() === '' ? null : Number(text.trim().replace(',', '.').replace(/\s*%$/, ''));
const compact = (params: Record<string, string>) => Object.fromEntries(Object.entries(params).filter(([, v]) => v !== ''));

/** The request for a job, or the first thing the user must fix (in their language). */
export function jobRequest(job: Job, c: Choices, t: Translate): JobRequest | { problem: string } {
  switch (job) {
    case 'indikatorer':
      if (!c.indicators.length) return { problem: t('needIndicator') };
      if ((c.from && !PERIOD.test(c.from)) || (c.to && !PERIOD.test(c.to))) return { problem: t('badPeriod') };
      return {
        kind: job,
        params: compact({
          indicator: c.indicators.join(','),
          unit: c.unit,
          children: String(c.children),
          from: c.from,
          to: c.to,
          grain: c.grain,
          breakdown: c.breakdown,
        }),
      };
    case 'baslinje':
      if (!c.indicator) return { problem: t('needIndicator') };
      if (!c.unit) return { problem: t('needUnit') };
      return { kind: job, params: compact({ indicator: c.indicator, unit: c.unit, goLive: c.goLive, window: c.window }) };
    case 'nyttokalkyl': {
      // Swedes write 3,5 %; both comma and point are read.
      const percent = parseNumber(c.rate);
      if (percent !== null && (!Number.isFinite(percent) || percent < 0 || percent > 100)) return { problem: t('badRate') };
      const peak = parseNumber(c.peak);
      if (peak !== null && (!Number.isFinite(peak) || peak <= 0 || peak > 100)) return { problem: t('badPeak') };
      const cost = parseNumber(c.costPerContact);
      if (cost !== null && (!Number.isFinite(cost) || cost < 0)) return { problem: t('badCost') };
      const delay = c.delayMonths.trim() === '' ? null : Number(c.delayMonths.trim());
      if (delay !== null && (!Number.isInteger(delay) || delay < 0 || delay > 120)) return { problem: t('badDelay') };
      const weeks = [c.weeksBefore, c.weeksAfter].map((w) => (w.trim() === '' ? null : Number(w.trim())));
      if (weeks.some((w) => w !== null && (!Number.isInteger(w) || w < 1 || w > 104))) return { problem: t('badWeeks') };
      if (c.includeLoss && !c.volumeIndicator) return { problem: t('needVolume') };
      return {
        kind: job,
        params: compact({
          program: c.program,
          scenario: c.scenario,
          rate: percent === null ? '' : String(percent / 100),
          volumeIndicator: c.volumeIndicator,
          peak: peak === null ? '' : String(peak / 100),
          costPerContact: cost === null ? '' : String(cost),
          weeksBefore: weeks[0] === null ? '' : String(weeks[0]),
          weeksAfter: weeks[1] === null ? '' : String(weeks[1]),
          includeProductionLoss: c.includeLoss ? 'true' : '',
          delayMonths: delay ? String(delay) : '',
          compareAsOf: c.compareAsOf,
        }),
      };
    }
    case 'uppfoljning': {
      const years = c.followupYears.trim() === '' ? null : Number(c.followupYears.trim());
      if (years !== null && (!Number.isInteger(years) || years < 1 || years > 10)) return { problem: t('badYears') };
      return {
        kind: job,
        params: compact({
          program: c.program,
          // a level replaces the unit: every unit of that level
          unit: c.perAdministration || c.followupLevel ? '' : c.unit,
          level: c.perAdministration ? '' : c.followupLevel,
          breakdown: c.followupBreakdown === 'none' ? '' : c.followupBreakdown,
          years: years === null || years === 5 ? '' : String(years),
          per: c.perAdministration ? 'forvaltning' : '',
          compareAsOf: c.compareAsOf,
        }),
      };
    }
    case 'risker':
      return { kind: job, params: compact({ program: c.program, scale: c.scale, assessed: c.assessed }) };
    case 'portfolj':
      return { kind: job, params: {} };
  }
}

/** The kinds whose sheets belong to one program, in the order a portfolio row prefers to link to. */
const PROGRAM_KINDS: readonly WorkbookKind[] = ['nyttokalkyl', 'uppfoljning', 'risker'];

/** `links` for the portfolio: each program whose own sheets a job wrote into this workbook, to the first of them. */
async function portfolioLinks(): Promise<string> {
  const written = await writtenSheets();
  const links = new Map<string, string>();
  for (const kind of PROGRAM_KINDS) {
    for (const { sheet, job } of written.filter((w) => w.job.kind === kind && w.job.params.program)) {
      if (!links.has(job.params.program)) links.set(job.params.program, sheet);
    }
  }
  return [...links.entries()].map(([program, sheet]) => `${program}=${sheet}`).join('|');
}

export type Progress = (message: string, share: number | null) => void;

/** Fetches, plans and writes one job; returns what was done, in a sentence. */
export async function runJob(call: ServiceCall, request: JobRequest, progress: Progress, t: Translate): Promise<string> {
  progress(t('fetching'), null);
  const params = request.kind === 'portfolj' ? { ...request.params, links: await portfolioLinks() } : request.params;
  const plans = await buildPlans(httpService(call), request.kind, params);
  const report = await writePlans(plans, {
    // kept with the links it was written with, so "Kontrollera" compares like with like
    job: { ...request, params },
    onProgress: (done, total) => progress(t('writing', { done, total }), done / total),
  });
  return t('written', { sheets: plans.map((p) => p.name).join(', '), syncs: report.syncs });
}

/** The requests behind the sheets a job wrote before, as kept in the workbook. */
async function writtenRequests(job: Job): Promise<JobRequest[]> {
  const requests = (await writtenJobs()).filter((j): j is JobRequest => j.kind === job);
  return [...new Map(requests.map((r) => [JSON.stringify(r), r])).values()];
}

/** "Kontrollera": re-runs what the job wrote and says whether the sheets still match the service. */
export async function verifyJob(call: ServiceCall, job: Job, progress: Progress, t: Translate): Promise<string> {
  const requests = await writtenRequests(job);
  if (!requests.length) return t('noJobOnSheets');
  progress(t('fetching'), null);
  const plans = (await Promise.all(requests.map((r) => buildPlans(httpService(call), r.kind, r.params)))).flat();
  return checkPlans(plans);
}
