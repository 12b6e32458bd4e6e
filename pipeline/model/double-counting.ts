/**
 * @module double-counting – when two programs claim the same benefit (MSP, Green Book): the same indicator followed at
 * the same place by both in overlapping years, or business-case benefit lines of both with the same category and
 * stakeholder in the same years. Each program claims its share (tillskrivning); the portfolio counts the benefit once.
 */
import type { IndicatorOverlap, LineOverlap } from '../contracts/index.js';

// One declaration each: these shapes are the contracts' (the answers carry them as they are).
export type { IndicatorOverlap, LineOverlap };

/** An indicator a program follows at a place, in the calendar years of its follow-up. */
export interface FollowedEntry {
  program: string;
  indicator: string;
  indicatorName: string;
  /** The org unit or geography. */
  place: string;
  placeName: string;
  calendarYears: readonly number[];
  /** The program's benefits the indicator measures. */
  benefits: readonly string[];
}

/** A benefit line as loaded: the whole amount (SEK) and the share attributed to the program (0–1). */
export interface BenefitClaim {
  program: string;
  category: string;
  stakeholder: string | null;
  year: number;
  amount: number;
  attribution: number;
}

const fold = (text: string) => text.trim().toLocaleLowerCase('sv').replace(/\s+/g, ' ');
const byText = (a: string, b: string) => a.localeCompare(b, 'sv', { numeric: true });

/** Entries of two or more programs for one indicator at one place, with the years they overlap. */
export function indicatorOverlaps(entries: readonly FollowedEntry[]): IndicatorOverlap[] {
  const groups = new Map<string, FollowedEntry[]>();
  for (const e of entries) {
    const key = `${e.indicator}\u0000${e.place}`;
    groups.set(key, [...(groups.get(key) ?? []), e]);
  }
  const overlaps: IndicatorOverlap[] = [];
  for (const group of groups.values()) {
    const programsByYear = new Map<number, Set<string>>();
    for (const e of group) for (const y of e.calendarYears) programsByYear.set(y, (programsByYear.get(y) ?? new Set()).add(e.program));
    const years = [...programsByYear.entries()]
      .filter(([, p]) => p.size > 1)
      .map(([y]) => y)
      .sort((a, b) => a - b);
    if (!years.length) continue;
    const programs = [...new Set(years.flatMap((y) => [...programsByYear.get(y)!]))].sort(byText);
    const first = group[0];
    overlaps.push({
      indicator: first.indicator,
      indicatorName: first.indicatorName,
      place: first.place,
      placeName: first.placeName,
      programs,
      years,
      benefits: programs.map((program) => ({
        program,
        ids: [...new Set(group.filter((e) => e.program === program).flatMap((e) => e.benefits))],
      })),
    });
  }
  return overlaps.sort((a, b) => byText(a.indicator, b.indicator) || byText(a.place, b.place));
}

/**
 * Benefit lines of two or more programs with the same category and stakeholder (compared without regard to case or
 * spacing) in the same years. Lines without a stakeholder are never taken for another program's. In each year the
 * portfolio counts the programs' attributed amounts together, but never more than the largest whole amount any of them
 * claims: the benefit is one, each program's share a part of it.
 */
export function lineOverlaps(claims: readonly BenefitClaim[]): LineOverlap[] {
  const groups = new Map<string, BenefitClaim[]>();
  for (const c of claims.filter((x) => x.stakeholder && x.stakeholder.trim())) {
    const key = `${fold(c.category)}\u0000${fold(c.stakeholder!)}`;
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  const overlaps: LineOverlap[] = [];
  for (const group of groups.values()) {
    // One claim per program and year: its lines summed.
    const perProgramYear = new Map<string, { program: string; year: number; amount: number; attributed: number }>();
    for (const c of group) {
      const key = `${c.program}\u0000${c.year}`;
      const had = perProgramYear.get(key) ?? { program: c.program, year: c.year, amount: 0, attributed: 0 };
      perProgramYear.set(key, { ...had, amount: had.amount + c.amount, attributed: had.attributed + c.amount * c.attribution });
    }
    const all = [...perProgramYear.values()];
    const years = [...new Set(all.map((c) => c.year))].filter(
      (y) => new Set(all.filter((c) => c.year === y).map((c) => c.program)).size > 1,
    );
    if (!years.length) continue;
    years.sort((a, b) => a - b);
    const inYears = all.filter((c) => years.includes(c.year));
    const byYear = years.map((year) => {
      const these = inYears.filter((c) => c.year === year);
      const attributed = these.reduce((s, c) => s + c.attributed, 0);
      const countedOnce = Math.min(attributed, Math.max(...these.map((c) => c.amount)));
      return { year, attributed, countedOnce, doubleCounted: attributed - countedOnce };
    });
    overlaps.push({
      category: group[0].category.trim(),
      stakeholder: group[0].stakeholder!.trim(),
      programs: [...new Set(inYears.map((c) => c.program))].sort(byText),
      years,
      claims: inYears
        .map((c) => ({ ...c, attribution: c.amount === 0 ? 0 : c.attributed / c.amount }))
        .sort((a, b) => byText(a.program, b.program) || a.year - b.year),
      byYear,
      doubleCounted: byYear.reduce((s, y) => s + y.doubleCounted, 0),
    });
  }
  return overlaps.sort((a, b) => byText(a.category, b.category) || byText(a.stakeholder, b.stakeholder));
}

/**
 * The present value of what an overlap counts twice, as the programs' NPVs carry it: each year's double count taken
 * from the programs in proportion to what they count, each discounted as its own case is (`discount(program, year)`).
 */
export function doubleCountedPresentValue(overlap: LineOverlap, discount: (program: string, year: number) => number): number {
  return overlap.byYear.reduce((sum, y) => {
    if (y.doubleCounted === 0 || y.attributed === 0) return sum;
    const these = overlap.claims.filter((c) => c.year === y.year);
    return sum + these.reduce((s, c) => s + y.doubleCounted * (c.attributed / y.attributed) * discount(c.program, y.year), 0);
  }, 0);
}
