/**
 * @module effect-chain – the effect chain as the follow-up rolls it up: a benefit counts its own indicators, its
 * sub-benefits' and their milestones; an effect goal counts every benefit that reaches it, itself or through a parent
 * benefit. Milestones make a prerequisite (a yes/no fact, not a series) a member like an indicator.
 */
import type { MilestoneStatus } from '../contracts/index.js';
import type { FollowupStatus } from './followup.js';

// One declaration each: these shapes are the contracts' (the answers carry them as they are).
export type { MilestoneStatus };

export interface ChainBenefit {
  id: string;
  parent: string | null;
  effectGoals: readonly string[];
}

export interface Milestone {
  planned: string;
  done: string | null;
}

/** Done; late when the planned date has passed without it; else on time. Dates as ÅÅÅÅ-MM-DD. */
export function milestoneStatus(m: Milestone, today: string): MilestoneStatus {
  if (m.done !== null) return 'done';
  return m.planned < today ? 'late' : 'on_time';
}

/** Each benefit's ancestors, nearest first (a cycle in the parents stops the walk). */
function ancestors(benefits: readonly ChainBenefit[]): Map<string, string[]> {
  const byId = new Map(benefits.map((b) => [b.id, b]));
  return new Map(
    benefits.map((b) => {
      const line: string[] = [];
      for (let p = b.parent; p && byId.has(p) && !line.includes(p) && p !== b.id; p = byId.get(p)!.parent) line.push(p);
      return [b.id, line];
    }),
  );
}

/** Members per benefit: its own and its descendants'; every benefit is there, with none if nothing measures it. */
export function benefitMembers(
  benefits: readonly ChainBenefit[],
  own: Readonly<Record<string, readonly string[]>>,
): Record<string, string[]> {
  const up = ancestors(benefits);
  const out: Record<string, string[]> = Object.fromEntries(benefits.map((b) => [b.id, []]));
  for (const b of benefits) {
    for (const holder of [b.id, ...(up.get(b.id) ?? [])]) out[holder].push(...(own[b.id] ?? []));
  }
  for (const id of Object.keys(out)) out[id] = [...new Set(out[id])];
  return out;
}

/** Members per effect goal: those of every benefit whose own or inherited effect goals name it. */
export function goalMembers(benefits: readonly ChainBenefit[], own: Readonly<Record<string, readonly string[]>>): Record<string, string[]> {
  const up = ancestors(benefits);
  const byId = new Map(benefits.map((b) => [b.id, b]));
  const out: Record<string, string[]> = {};
  for (const b of benefits) {
    const goals = new Set([b.id, ...(up.get(b.id) ?? [])].flatMap((id) => byId.get(id)?.effectGoals ?? []));
    for (const goal of goals) (out[goal] ??= []).push(...(own[b.id] ?? []));
  }
  for (const id of Object.keys(out)) out[id] = [...new Set(out[id])];
  return out;
}

/**
 * A benefit's milestones as one member over calendar years: reached once every one is done by the year's end, at risk
 * when one planned by then is not done by then, on track otherwise.
 */
export function milestoneYears(milestones: readonly Milestone[], calendarYears: readonly number[]): { status: FollowupStatus }[] {
  return calendarYears.map((y) => {
    const end = `${y}-12-31`;
    const doneBy = (m: Milestone) => m.done !== null && m.done <= end;
    if (milestones.every(doneBy)) return { status: 'reached' };
    if (milestones.some((m) => m.planned <= end && !doneBy(m))) return { status: 'at_risk' };
    return { status: 'on_track' };
  });
}
