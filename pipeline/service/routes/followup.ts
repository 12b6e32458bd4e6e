/**
 * @module followup – `GET /api/v1/followup?program=&unit=`: five years after go-live per indicator and administration,
 * rolled up to benefits and effect goals.
 */
import { Hono } from 'hono';
import { followupQuery, type FollowupResponse } from '../../contracts/index.js';
import { followupIndicator, rollup, type Direction, type FollowupYear } from '../../model/followup.js';
import { answer, respond, validQuery, type Env, type ServiceDeps } from '../context.js';

const ROW_COLUMNS = [
  { name: 'indicator', type: 'VARCHAR' },
  { name: 'unit', type: 'VARCHAR' },
  { name: 'year', type: 'INTEGER' },
  { name: 'calendarYear', type: 'INTEGER' },
  { name: 'baseline', type: 'DOUBLE' },
  { name: 'target', type: 'DOUBLE' },
  { name: 'expected', type: 'DOUBLE' },
  { name: 'outcome', type: 'DOUBLE' },
  { name: 'progress', type: 'DOUBLE' },
  { name: 'status', type: 'VARCHAR' },
] as const;

export function followupRoutes(deps: ServiceDeps): Hono<Env> {
  return new Hono<Env>().get('/followup', async (c) => {
    const { program, unit } = validQuery(c, 'reader', followupQuery);
    const [{ rows }, benefits] = await Promise.all([
      answer(deps, 'followup', { program, unit: unit ?? '' }),
      answer(deps, 'catalogue_benefits', { program }),
    ]);
    const groups = new Map<string, typeof rows>();
    for (const r of rows) {
      const key = `${r.indicator}\u0000${r.unit}`;
      groups.set(key, [...(groups.get(key) ?? []), r]);
    }
    const indicators = [...groups.values()].map((cells) => {
      const first = cells[0];
      const goLiveYear = Number(String(first.go_live).slice(0, 4));
      const baseline = cells.find((r) => r.year === 0)?.value as number | null | undefined;
      const targets: Record<number, number> = {};
      const outcomes: Record<number, number | null> = {};
      for (const r of cells.filter((x) => Number(x.year) > 0)) {
        if (r.target !== null && r.target !== undefined) targets[Number(r.calendar_year)] = Number(r.target);
        outcomes[Number(r.calendar_year)] = (r.value as number | null) ?? null;
      }
      const years: FollowupYear[] = followupIndicator({
        indicator: String(first.indicator),
        unit: String(first.unit),
        direction: first.direction as Direction,
        goLiveYear,
        baseline: baseline ?? null,
        targets,
        outcomes,
      });
      return {
        indicator: String(first.indicator),
        name: String(first.indicator_name),
        direction: (first.direction as string | null) ?? null,
        unit: String(first.unit),
        goLive: first.go_live === null || first.go_live === undefined ? null : String(first.go_live),
        benefits: String(first.benefits ?? '')
          .split(',')
          .filter(Boolean),
        baseline: baseline ?? null,
        years,
      };
    });
    const byKey = Object.fromEntries(indicators.map((i) => [`${i.indicator}\u0000${i.unit}`, i.years]));
    const benefitGroups: Record<string, string[]> = {};
    for (const i of indicators) for (const b of i.benefits) (benefitGroups[b] ??= []).push(`${i.indicator}\u0000${i.unit}`);
    const goalGroups: Record<string, string[]> = {};
    for (const b of benefits.rows) {
      for (const goal of String(b.effect_goals ?? '')
        .split(',')
        .filter(Boolean)) {
        (goalGroups[goal] ??= []).push(...(benefitGroups[String(b.id)] ?? []));
      }
    }
    for (const goal of Object.keys(goalGroups)) goalGroups[goal] = [...new Set(goalGroups[goal])];
    const flat = indicators.flatMap((i) => i.years.map((y) => ({ indicator: i.indicator, unit: i.unit, baseline: i.baseline, ...y })));
    const body: FollowupResponse = {
      program,
      unit: unit ?? null,
      indicators,
      benefits: rollup(benefitGroups, byKey),
      effectGoals: rollup(goalGroups, byKey),
    };
    return respond(c, body, { columns: ROW_COLUMNS, rows: flat });
  });
}
