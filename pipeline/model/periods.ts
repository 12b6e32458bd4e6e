/**
 * @module periods – the periods a benefit is followed in: a year (`2026`), a tertial (`2026-T2`, the governance
 * calendar's), a quarter (`2026-Q1`), a month (`2026-03`) or an ISO week (`2026-W05`); the period a date falls in, the
 * next one, and an indicator's frequency read as a grain. Dates are `ÅÅÅÅ-MM-DD`, computed in UTC so no time zone moves
 * a day.
 */
import type { Period, PeriodGrain } from '../contracts/index.js';

// One declaration each: these shapes are the contracts' (the answers carry them as they are).
export type { Period, PeriodGrain };

const DAY = 86_400_000;
const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const iso = (time: number) => new Date(time).toISOString().slice(0, 10);
const utc = (date: string) => Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
const monthStart = (year: number, month: number) => Date.UTC(year, month - 1, 1);

/** Days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((utc(to) - utc(from)) / DAY);
}

/** Monday of ISO week 1 of `year`: the week with the year's first Thursday. */
function isoWeekOne(year: number): number {
  const jan4 = Date.UTC(year, 0, 4);
  return jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * DAY;
}

/** A period of `grain` that starts in `year` at index `n` (1-based tertial, quarter, month or week). */
function make(grain: PeriodGrain, year: number, n: number): Period {
  switch (grain) {
    case 'year':
      return { id: String(year), grain, start: iso(monthStart(year, 1)), end: iso(monthStart(year + 1, 1) - DAY) };
    case 'tertial':
      return { id: `${year}-T${n}`, grain, start: iso(monthStart(year, n * 4 - 3)), end: iso(monthStart(year, n * 4 + 1) - DAY) };
    case 'quarter':
      return { id: `${year}-Q${n}`, grain, start: iso(monthStart(year, n * 3 - 2)), end: iso(monthStart(year, n * 3 + 1) - DAY) };
    case 'month':
      return { id: `${year}-${pad(n)}`, grain, start: iso(monthStart(year, n)), end: iso(monthStart(year, n + 1) - DAY) };
    case 'week': {
      const start = isoWeekOne(year) + (n - 1) * 7 * DAY;
      return { id: `${year}-W${pad(n)}`, grain, start: iso(start), end: iso(start + 6 * DAY) };
    }
  }
}

/** The period of `grain` that `date` falls in. */
export function periodOf(date: string, grain: PeriodGrain): Period {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  switch (grain) {
    case 'year':
      return make(grain, year, 1);
    case 'tertial':
      return make(grain, year, Math.ceil(month / 4));
    case 'quarter':
      return make(grain, year, Math.ceil(month / 3));
    case 'month':
      return make(grain, year, month);
    case 'week': {
      // The ISO year is the one whose week 1 the date's Monday follows.
      const time = utc(date);
      const isoYear = time >= isoWeekOne(year + 1) ? year + 1 : time < isoWeekOne(year) ? year - 1 : year;
      return make(grain, isoYear, Math.floor((time - isoWeekOne(isoYear)) / (7 * DAY)) + 1);
    }
  }
}

/** The period after `p`. */
export function nextPeriod(p: Period): Period {
  return periodOf(iso(utc(p.end) + DAY), p.grain);
}

/** A period written canonically or as people write it (`2026T2`, `2026K1`, `2026M03`, `2026-w5`), or null. */
export function parsePeriod(text: string): Period | null {
  const t = text.trim().toUpperCase().replace(/\s+/g, '');
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})$/.exec(t))) return make('year', Number(m[1]), 1);
  if ((m = /^(\d{4})-?T([1-3])$/.exec(t))) return make('tertial', Number(m[1]), Number(m[2]));
  if ((m = /^(\d{4})-?[QK]([1-4])$/.exec(t))) return make('quarter', Number(m[1]), Number(m[2]));
  if ((m = /^(\d{4})[-M](0[1-9]|1[0-2])$/.exec(t))) return make('month', Number(m[1]), Number(m[2]));
  if ((m = /^(\d{4})-?W(\d{1,2})$/.exec(t))) {
    const week = make('week', Number(m[1]), Number(m[2]));
    // Week 53 exists only in long ISO years: its Monday must still be in that ISO year.
    return Number(m[2]) >= 1 && periodOf(week.start, 'week').id === week.id ? week : null;
  }
  return null;
}

/** The grain an indicator's frequency names (`månad`, `månadsvis`, `kvartal`, `tertial`, `år`, `årlig`, `vecka`, …), or null. */
export function frequencyGrain(frequency: string | null | undefined): PeriodGrain | null {
  const f = (frequency ?? '')
    .trim()
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '');
  if (/^(manad|manads|manatlig|monthly|month)/.test(f)) return 'month';
  if (/^(kvartal|quarter)/.test(f)) return 'quarter';
  if (/^tertial/.test(f)) return 'tertial';
  if (/^(ar$|arlig|arsvis|ars|year|annual|per ar)/.test(f)) return 'year';
  if (/^(vecka|veckovis|weekly|week)/.test(f)) return 'week';
  return null;
}

/** The periods of `grain` that start on or after `from` and have ended before `today`: the first, the last and how many. */
export function endedPeriodsFrom(from: string, grain: PeriodGrain, today: string): { first: Period; last: Period; count: number } | null {
  let p = periodOf(from, grain);
  if (p.start < from) p = nextPeriod(p);
  if (p.end >= today) return null;
  const first = p;
  let count = 1;
  for (let next = nextPeriod(p); next.end < today; next = nextPeriod(next)) {
    p = next;
    count++;
  }
  return { first, last: p, count };
}
