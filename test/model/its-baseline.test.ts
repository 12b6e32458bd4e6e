import { describe, expect, it } from 'vitest';
import { baseline, changeAfterGoLive } from '../../pipeline/model/baseline.js';
import { interruptedTimeSeries } from '../../pipeline/model/its.js';
import { studentTQuantile } from '../../pipeline/model/stats.js';

describe('baseline', () => {
  const months = Array.from({ length: 24 }, (_, i) => `${2023 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-01`);
  const obs = months.map((periodStart, i) => ({ periodStart, numerator: i < 12 ? 10 + i : 50, denominator: 100 }));

  it('pools the 12 months before go-live: Σ numerator / Σ denominator', () => {
    const b = baseline(obs, '2024-01-15');
    // Periods 2023-02 … 2024-01 start in [2023-01-15, 2024-01-15): numerators 11 … 21 and 50.
    expect(b.periods).toBe(12);
    expect(b.value).toBeCloseTo((11 + 12 + 13 + 14 + 15 + 16 + 17 + 18 + 19 + 20 + 21 + 50) / 1200, 12);
    expect(b.n).toBe(1200);
  });

  it('a window with no data', () => {
    const b = baseline(obs, '2019-01-01');
    expect(b).toMatchObject({ periods: 0, value: null, mean: null, median: null, sd: null });
  });

  it('all values suppressed count as missing, never as 0', () => {
    const b = baseline([{ periodStart: '2023-06-01', value: null, n: 3 }], '2024-01-01');
    expect(b).toMatchObject({ periods: 0, missing: 1, value: null });
  });

  it('change for each year after go-live', () => {
    const c = changeAfterGoLive(obs, '2024-01-01', 1);
    expect(c[0].summary.value).toBeCloseTo(0.5, 12);
    expect(c[0].change).toBeCloseTo(0.5 - ((10 + 21) * 6) / 1200, 12);
  });
});

describe('interrupted time series', () => {
  it('recovers level and slope change exactly from noiseless data, with time since go-live from 0', () => {
    // y = 5 + 0.5 t before go-live at t = 10; after: + 3 level, + 0.2 per step since go-live.
    const ys = Array.from({ length: 20 }, (_, t) => 5 + 0.5 * t + (t >= 10 ? 3 + 0.2 * (t - 10) : 0));
    const fit = interruptedTimeSeries(ys, { goLiveIndex: 10 });
    expect(fit.intercept.estimate).toBeCloseTo(5, 9);
    expect(fit.trend.estimate).toBeCloseTo(0.5, 9);
    expect(fit.levelChange.estimate).toBeCloseTo(3, 9);
    expect(fit.slopeChange.estimate).toBeCloseTo(0.2, 9);
  });

  it('standard errors and 95 % intervals as OLS gives them (hand-checked on a small case)', () => {
    // With noise e = (+1, -1, +1, -1, …) the fit is not exact; check the interval is estimate ± t(0.975, df) · se.
    const ys = Array.from({ length: 12 }, (_, t) => 2 + t + (t >= 6 ? 4 : 0) + (t % 2 ? -1 : 1));
    const fit = interruptedTimeSeries(ys, { goLiveIndex: 6 });
    expect(fit.df).toBe(8);
    const q = studentTQuantile(0.975, 8);
    expect(q).toBeCloseTo(2.306004, 5); // the t table's value
    expect(fit.levelChange.upper - fit.levelChange.estimate).toBeCloseTo(q * fit.levelChange.se, 12);
    expect(fit.levelChange.se).toBeGreaterThan(0);
  });

  it('leaves the transition window out of the fit', () => {
    const ys = Array.from({ length: 20 }, (_, t) => (t >= 10 && t < 13 ? -50 : 1 + (t >= 10 ? 2 : 0)));
    const fit = interruptedTimeSeries(ys, { goLiveIndex: 10, transition: 3 });
    expect(fit.n).toBe(17);
    expect(fit.levelChange.estimate).toBeCloseTo(2, 9);
  });

  it('refuses a design with too few points, in Swedish', () => {
    expect(() => interruptedTimeSeries([1, 2, 3], { goLiveIndex: 2 })).toThrow(/För få punkter|singulär/);
  });
});
