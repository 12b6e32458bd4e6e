import { describe, expect, it } from 'vitest';
import { runChart, runsAnalysis, spc } from '../../pipeline/model/spc.js';
import { qbinom, roundHalfEven } from '../../pipeline/model/stats.js';

describe('Anhøj runs rules', () => {
  it('limits as qicharts2 has them (R: round(log2(n)) + 3, qbinom(0.05, n - 1, 0.5))', () => {
    // Published table (Anhøj & Olesen 2014): n = 10 → run > 6, crossings < 2; n = 20 → 7, 6; n = 30 → 8, 10.
    for (const [n, run, cross] of [
      [10, 6, 2],
      [20, 7, 6],
      [30, 8, 10],
      [100, 10, 41],
    ]) {
      expect(roundHalfEven(Math.log2(n)) + 3).toBe(run);
      expect(qbinom(0.05, n - 1, 0.5)).toBe(cross);
    }
  });

  it('points on the centre line neither break nor extend a run', () => {
    const r = runsAnalysis([1, 1, 5, 1, 9, 9, 9], 5);
    expect(r).toMatchObject({ useful: 6, longestRun: 3, crossings: 1 });
  });

  it('a shift of 8 points above the median signals', () => {
    const ys = [3, 4, 3, 5, 4, 3, 4, 5, 3, 4, 8, 9, 8, 9, 8, 9, 8, 9];
    const r = runChart(ys);
    // Sorted, the 9th and 10th of 18 values are 5 and 5; the two 5s sit on the median and are not useful.
    expect(r.median).toBe(5);
    expect(r.useful).toBe(16);
    expect(r.longestRun).toBe(8);
    expect(r.longestRunMax).toBe(7); // round(log2(16)) + 3
    expect(r.signal).toBe(true);
  });
});

describe('p-chart', () => {
  // Hand-worked: baseline events 10 + 20 + 30 of 100 + 200 + 300 → p̄ = 0.1.
  const points = [
    { label: 'a', numerator: 10, denominator: 100 },
    { label: 'b', numerator: 20, denominator: 200 },
    { label: 'c', numerator: 30, denominator: 300 },
    { label: 'd', numerator: 40, denominator: 100 },
  ];
  const chart = spc(points, { chart: 'p', goLiveIndex: 3 });

  it('centre line is pooled over the baseline, limits vary with n', () => {
    expect(chart.rows[0].centre).toBeCloseTo(0.1, 12);
    expect(chart.rows[0].ucl).toBeCloseTo(0.1 + 3 * Math.sqrt(0.09 / 100), 12);
    expect(chart.rows[1].ucl).toBeCloseTo(0.1 + 3 * Math.sqrt(0.09 / 200), 12);
    expect(chart.rows[0].lcl).toBeCloseTo(0.01, 12);
  });

  it('limits are clipped to [0, 1] and frozen after go-live, where 0.4 is outside', () => {
    const small = spc([{ label: 'x', numerator: 1, denominator: 4 }], { chart: 'p' });
    expect(small.rows[0].lcl).toBe(0);
    expect(chart.rows[3]).toMatchObject({ phase: 2, y: 0.4, outside: true });
    expect(chart.rows[3].centre).toBeCloseTo(0.1, 12);
  });

  it('a single point gives limits but flags too few points', () => {
    const one = spc([{ label: 'x', numerator: 5, denominator: 50 }], { chart: 'p' });
    expect(one.rows[0].ucl).toBeCloseTo(0.1 + 3 * Math.sqrt(0.09 / 50), 12);
    expect(one.fewPoints).toBe(true);
  });

  it('phased mode gives the go-live phase its own centre line', () => {
    const phased = spc(points, { chart: 'p', goLiveIndex: 3, mode: 'phased' });
    expect(phased.rows[3].centre).toBeCloseTo(0.4, 12);
    expect(phased.runs).toHaveLength(2);
  });

  it('all values suppressed: no centre line, nothing flagged', () => {
    const none = spc([{ label: 'x', numerator: null, denominator: null }, { label: 'y' }], { chart: 'p' });
    expect(none.rows.every((r) => r.centre === null && !r.outside)).toBe(true);
  });
});

describe("Laney's p′ chart", () => {
  it('widens the limits by σz, the average moving range of z-scores over 1.128', () => {
    const points = [
      { label: '1', numerator: 1100, denominator: 10000 },
      { label: '2', numerator: 900, denominator: 10000 },
      { label: '3', numerator: 1000, denominator: 10000 },
    ];
    const p = 0.1;
    const s = Math.sqrt((p * (1 - p)) / 10000); // 0.003
    const z = [(0.11 - p) / s, (0.09 - p) / s, 0]; // 3.33, -3.33, 0
    const sigmaZ = (Math.abs(z[1] - z[0]) + Math.abs(z[2] - z[1])) / 2 / 1.128;
    const chart = spc(points, { chart: 'pp' });
    expect(chart.rows[0].ucl).toBeCloseTo(p + 3 * s * sigmaZ, 12);
  });
});

describe('XmR chart', () => {
  it('screens moving ranges above 3.267 · MR̄ before the limits', () => {
    // x = 10, 12, 11, 13, 40; MR = 2, 1, 2, 27 → MR̄ = 8; 27 > 26.1 is screened → MR̄ = 5/3.
    const chart = spc(
      [10, 12, 11, 13, 40].map((value, i) => ({ label: String(i), value })),
      { chart: 'i' },
    );
    const amr = 5 / 3;
    expect(chart.rows[0].centre).toBeCloseTo(86 / 5, 12);
    expect(chart.rows[0].ucl).toBeCloseTo(86 / 5 + (3 * amr) / 1.128, 12);
    expect(chart.rows[4].outside).toBe(true);
  });

  it('one point: a centre line, no limits', () => {
    const chart = spc([{ label: 'a', value: 7 }], { chart: 'i' });
    expect(chart.rows[0]).toMatchObject({ centre: 7, lcl: null, ucl: null, outside: false });
  });
});
