import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { followupIndicator, rollup } from '../../pipeline/model/followup.js';
import { DEFAULT_THRESHOLDS, register, riskChanges, riskMatrix, validateThresholds } from '../../pipeline/model/risk.js';
import { productionLoss, lossShare } from '../../pipeline/model/production-loss.js';
import { FIXTURES } from '../helpers/store.js';

describe('five-year follow-up', () => {
  const input = {
    indicator: 'IND01',
    unit: 'SKAS',
    direction: 'higher' as const,
    goLiveYear: 2024,
    baseline: 0.4,
    targets: { 2029: 0.6 },
    outcomes: { 2025: 0.45, 2026: 0.41, 2027: null, 2029: 0.61 },
  };
  const rows = followupIndicator(input);

  it('years 1–5 are the calendar years after go-live; progress toward the final target', () => {
    expect(rows.map((r) => r.calendarYear)).toEqual([2025, 2026, 2027, 2028, 2029]);
    expect(rows[0].progress).toBeCloseTo((0.45 - 0.4) / 0.2, 12);
    expect(rows[0].expected).toBeCloseTo(0.44, 12); // a fifth of the way from 0.4 to 0.6
  });

  it('statuses: on track, at risk, not measured (missing and null), reached', () => {
    expect(rows.map((r) => r.status)).toEqual(['on_track', 'at_risk', 'not_measured', 'not_measured', 'reached']);
  });

  it('is direction-aware: lower is better', () => {
    // 2025 has no target of its own: expected is a fifth of the way from 40 to 30, i.e. 38; 37.5 is better.
    const lower = followupIndicator({
      ...input,
      direction: 'lower',
      baseline: 40,
      targets: { 2026: 35, 2029: 30 },
      outcomes: { 2025: 37.5, 2026: 36, 2029: 29 },
    });
    expect(lower[0].expected).toBeCloseTo(38, 12);
    expect(lower.map((r) => r.status)).toEqual(['on_track', 'at_risk', 'not_measured', 'not_measured', 'reached']);
    expect(lower[0].progress).toBeCloseTo((37.5 - 40) / (30 - 40), 12);
  });

  it('rolls up to a benefit as the share of measured indicators on track', () => {
    const other = followupIndicator({ ...input, outcomes: { 2025: 0.3 } });
    const r = rollup({ '1.1': ['a', 'b'] }, { a: rows, b: other });
    expect(r[0]).toEqual({ id: '1.1', year: 1, indicators: 2, measured: 2, onTrack: 1, share: 0.5, status: 'at_risk' });
    expect(r[2]).toMatchObject({ year: 3, measured: 0, share: null, status: 'not_measured' });
  });
});

describe('a year with no target to judge it by', () => {
  // No target at all: nothing says where the outcome should be, so it is neither on track nor at risk.
  const untargeted = followupIndicator({
    indicator: 'IND02',
    unit: 'SKAS',
    direction: 'higher',
    goLiveYear: 2024,
    baseline: 0.4,
    targets: {},
    outcomes: { 2025: 0.2, 2026: 0.9 },
  });

  it('is mål saknas (no_target), not risk, however the outcome went; unmeasured years stay not measured', () => {
    expect(untargeted.map((r) => r.status)).toEqual(['no_target', 'no_target', 'not_measured', 'not_measured', 'not_measured']);
    expect(untargeted.map((r) => r.expected)).toEqual([null, null, null, null, null]);
  });

  it('a final target without a baseline still judges reached, and leaves the years short of it without a target', () => {
    const noBaseline = followupIndicator({
      indicator: 'IND02',
      unit: 'SKAS',
      direction: 'higher',
      goLiveYear: 2024,
      baseline: null,
      targets: { 2029: 0.6 },
      outcomes: { 2025: 0.5, 2029: 0.7 },
    });
    expect(noBaseline.map((r) => r.status)).toEqual(['no_target', 'not_measured', 'not_measured', 'not_measured', 'reached']);
  });

  it('is not counted as at risk in a roll-up: a benefit with one such and one on track is on track', () => {
    const onTrack = followupIndicator({
      indicator: 'IND01',
      unit: 'SKAS',
      direction: 'higher',
      goLiveYear: 2024,
      baseline: 0.4,
      targets: { 2029: 0.6 },
      outcomes: { 2025: 0.45 },
    });
    const r = rollup({ '1.1': ['a', 'b'] }, { a: onTrack, b: untargeted });
    expect(r[0]).toEqual({ id: '1.1', year: 1, indicators: 2, measured: 1, onTrack: 1, share: 1, status: 'on_track' });
    // With nothing else judged, the benefit is not measured, never at risk.
    expect(rollup({ '1.2': ['b'] }, { b: untargeted })[0]).toMatchObject({ measured: 0, share: null, status: 'not_measured' });
  });
});

describe('risk', () => {
  // The seed register, counted by hand from its sannolikhet and konsekvens columns.
  const seed = readFileSync(join(FIXTURES, 'seed', 'riskanalys-fvm-2021.csv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const cells = line.match(/("([^"]|"")*"|[^;]*)(;|$)/g)!.map((c) => c.replace(/;$/, ''));
      return { id: cells[0], probability: Number(cells[3]), consequence: Number(cells[4]) };
    });

  // Counted independently (Python's csv module over the same file), not by this code.
  it('the seed register gives the hand-counted 3 × 3 matrix', () => {
    expect(seed).toHaveLength(31);
    const cells = riskMatrix(seed, 3);
    const grid = [3, 2, 1].map((p) => [1, 2, 3].map((c) => cells.find((x) => x.probability === p && x.consequence === c)!.count));
    expect(grid).toEqual([
      [2, 3, 2], // P3: R06, R19 | R09, R10, R21 | R15, R22
      [1, 4, 8], // P2: R23 | R04, R07, R11, R17 | R01, R02, R05, R08, R12, R16, R30, R31
      [3, 3, 5], // P1: R14, R20, R24 | R13, R18, R26 | R03, R25, R27, R28, R29
    ]);
    expect(cells.find((c) => c.probability === 3 && c.consequence === 3)).toMatchObject({ ids: ['R15', 'R22'], colour: 'red', value: 9 });
    expect(cells.find((c) => c.probability === 2 && c.consequence === 1)).toMatchObject({ ids: ['R23'], colour: 'green', value: 2 });
    expect(cells.reduce((s, c) => s + c.count, 0)).toBe(31);
  });

  it('colours by the threshold table: 3 × 3 greens 1–2, yellows 3–4, reds 6–9', () => {
    const cells = riskMatrix(seed, 3);
    const colour = (p: number, c: number) => cells.find((x) => x.probability === p && x.consequence === c)!.colour;
    expect([colour(1, 2), colour(1, 3), colour(2, 2), colour(2, 3)]).toEqual(['green', 'yellow', 'yellow', 'red']);
  });

  it('validates threshold tables: the published 5 × 5 set covers every product; gaps and overlaps are refused', () => {
    expect(() => validateThresholds(5, DEFAULT_THRESHOLDS[5])).not.toThrow();
    expect(() => validateThresholds(4, DEFAULT_THRESHOLDS[4])).not.toThrow();
    expect(() =>
      validateThresholds(5, [
        { from: 1, to: 4, colour: 'green' },
        { from: 5, to: 14, colour: 'yellow' },
        { from: 12, to: 25, colour: 'red' },
      ]),
    ).toThrow('Riskvärdet 12 hör till flera band i tröskeltabellen (5–14, 12–25).');
    expect(() =>
      validateThresholds(3, [
        { from: 1, to: 2, colour: 'green' },
        { from: 6, to: 9, colour: 'red' },
      ]),
    ).toThrow('Riskvärdet 3 (1 × 3)');
  });

  it('the register is sorted by value, then id; changes between assessments are classified', () => {
    const reg = register(seed, DEFAULT_THRESHOLDS[3]);
    expect(reg.slice(0, 3).map((r) => [r.id, r.value])).toEqual([
      ['R15', 9],
      ['R22', 9],
      ['R01', 6],
    ]);
    const later = [
      { id: 'R01', probability: 1, consequence: 3 },
      { id: 'R02', probability: 3, consequence: 3 },
      { id: 'R32', probability: 1, consequence: 1 },
    ];
    expect(
      riskChanges(
        seed.filter((r) => ['R01', 'R02', 'R03'].includes(r.id)),
        later,
      ).map((c) => `${c.id}:${c.change}`),
    ).toEqual(['R01:lowered', 'R02:raised', 'R03:removed', 'R32:new']);
  });
});

describe('production loss around go-live', () => {
  it('the default curve: 0 at −12 weeks, peak over the 4 weeks around the switch, 0 at +16', () => {
    expect(lossShare(-13)).toBe(0);
    expect(lossShare(-12)).toBe(0);
    expect(lossShare(-7)).toBeCloseTo((0.25 * 5) / 10, 12);
    expect([lossShare(-2), lossShare(-1), lossShare(0), lossShare(1)]).toEqual([0.25, 0.25, 0.25, 0.25]);
    expect(lossShare(9)).toBeCloseTo((0.25 * 7) / 14, 12);
    expect(lossShare(16)).toBe(0);
  });

  it('sums per unit, administration, wave and year, hand-worked for one unit', () => {
    // Σ of the curve's weekly shares: ramp-up 0.25·(0+1+…+9)/10 = 1.125, peak 4 × 0.25 = 1, ramp-down 0.25·(14+13+…+1)/14 = 1.875 → 4.
    const loss = productionLoss([
      { unit: 'E1', administration: 'SKAS', goLive: '2024-11-09', weeklyVolume: 100, costPerContact: 2000 },
      { unit: 'E2', administration: 'SKAS', goLive: '2025-05-17', weeklyVolume: 50, costPerContact: 1000 },
    ]);
    expect(loss.byUnit.E1.lostContacts).toBeCloseTo(400, 9);
    expect(loss.byUnit.E1.lostSek).toBeCloseTo(800_000, 6);
    expect(loss.byAdministration.SKAS.lostSek).toBeCloseTo(800_000 + 200_000, 6);
    expect(Object.keys(loss.byWave)).toEqual(['2024-11-09', '2025-05-17']);
    expect(loss.byYear['2024'] + loss.byYear['2025']).toBeCloseTo(1_000_000, 6);
  });
});
