/**
 * @module production-loss – lost care production around each unit's go-live: a weekly loss curve (0 at −12 weeks,
 * rising to the peak, the peak over the 4 weeks around the switch, back to 0 at +16), times the unit's baseline
 * weekly volume, times the cost (or reimbursement) per contact; summed per administration and per rollout wave.
 */
import type { LossCurve } from '../contracts/index.js';

// One declaration each: these shapes are the contracts' (the answers carry them as they are).
export type { LossCurve };

export const DEFAULT_CURVE: LossCurve = { weeksBefore: 12, weeksAfter: 16, peakWeeks: 4, peak: 0.25 };

/**
 * Share lost in week `w` relative to the switch (week 0 starts at go-live). Linear from 0 at −weeksBefore up to the
 * peak window [−peakWeeks/2, +peakWeeks/2), flat there, linear back to 0 at +weeksAfter.
 */
export function lossShare(w: number, curve: LossCurve = DEFAULT_CURVE): number {
  const half = curve.peakWeeks / 2;
  if (w < -curve.weeksBefore || w >= curve.weeksAfter) return 0;
  if (w >= -half && w < half) return curve.peak;
  if (w < -half) return (curve.peak * (w + curve.weeksBefore)) / (curve.weeksBefore - half);
  return (curve.peak * (curve.weeksAfter - w)) / (curve.weeksAfter - half);
}

export interface UnitVolume {
  unit: string;
  /** Administration (förvaltning) the unit belongs to. */
  administration: string;
  /** ISO date of go-live. */
  goLive: string;
  /** Contacts per week before go-live (baseline). */
  weeklyVolume: number;
  /** SEK per contact (cost or reimbursement). */
  costPerContact: number;
}

export interface WeekLoss {
  unit: string;
  week: number;
  /** ISO date of the week's first day. */
  date: string;
  share: number;
  lostContacts: number;
  lostSek: number;
}

export interface ProductionLoss {
  weeks: WeekLoss[];
  byUnit: Record<string, { lostContacts: number; lostSek: number }>;
  byAdministration: Record<string, { lostContacts: number; lostSek: number }>;
  /** Waves are the distinct go-live dates. */
  byWave: Record<string, { lostContacts: number; lostSek: number; units: string[] }>;
  /** Lost SEK per calendar year (weeks counted in the year their first day falls in), ready as cost lines. */
  byYear: Record<string, number>;
}

function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function productionLoss(units: readonly UnitVolume[], curve: LossCurve = DEFAULT_CURVE): ProductionLoss {
  const result: ProductionLoss = { weeks: [], byUnit: {}, byAdministration: {}, byWave: {}, byYear: {} };
  for (const u of units) {
    for (let w = -curve.weeksBefore; w < curve.weeksAfter; w++) {
      const share = lossShare(w, curve);
      if (share === 0) continue;
      const lostContacts = share * u.weeklyVolume;
      const lostSek = lostContacts * u.costPerContact;
      const date = addDays(u.goLive, 7 * w);
      result.weeks.push({ unit: u.unit, week: w, date, share, lostContacts, lostSek });
      const add = (target: { lostContacts: number; lostSek: number }) => {
        target.lostContacts += lostContacts;
        target.lostSek += lostSek;
      };
      add((result.byUnit[u.unit] ??= { lostContacts: 0, lostSek: 0 }));
      add((result.byAdministration[u.administration] ??= { lostContacts: 0, lostSek: 0 }));
      add((result.byWave[u.goLive] ??= { lostContacts: 0, lostSek: 0, units: [] }));
      const year = date.slice(0, 4);
      result.byYear[year] = (result.byYear[year] ?? 0) + lostSek;
    }
    const wave = result.byWave[u.goLive];
    if (wave && !wave.units.includes(u.unit)) wave.units.push(u.unit);
  }
  return result;
}
