import { describe, expect, it } from 'vitest';
import { benefitCostRatio, breakEvenAnnualBenefit, irr, payback, paybackPoint, presentValue } from '../../pipeline/model/finance.js';

// Hand-worked: every expected number below was computed by hand from the formula, not by this code.
describe('present value and NPV', () => {
  it('discounts year t by (1 + r)^t and leaves year 0 alone', () => {
    // -100 + 60/1.1 + 60/1.21 = -100 + 54.5454… + 49.5867… = 4.1322…
    expect(presentValue([-100, 60, 60], 0.1)).toBeCloseTo(4.132231405, 9);
  });
  it('at a rate of 0 is the plain sum', () => {
    expect(presentValue([-100, 30, 30, 30], 0)).toBe(-10);
  });
  it('all benefits in year 0 are undiscounted', () => {
    expect(presentValue([500, 0, 0], 0.03)).toBe(500);
  });
});

describe('payback', () => {
  it('counts from the start of the first year, each year spread evenly: −100, 60, 60 pays back 2 + 40/60 years in, in year 2', () => {
    // By hand: after two years 100 − 60 = 40 is missing; the third year brings 60, so 40/60 of it is needed.
    expect(payback([-100, 60, 60])).toBeCloseTo(2 + 40 / 60, 12);
    expect(paybackPoint([-100, 60, 60])).toEqual({ years: expect.closeTo(2.6667, 4), index: 2 });
  });
  it('exactly at a year boundary: the end of the year it turns in', () => {
    // −100, −50, 0: the third year's 50 closes the gap exactly at its end, three years in, still in year index 2.
    expect(payback([-100, 50, 50, 50])).toBe(3);
    expect(paybackPoint([-100, 50, 50, 50])?.index).toBe(2);
  });
  it('is 0 when year 0 already pays', () => {
    expect(payback([10, -5, 5])).toBe(0);
  });
  it('is null when the net is negative all period', () => {
    expect(payback([-100, -10, -10])).toBeNull();
  });
  it('with no costs at all', () => {
    expect(payback([0, 20, 20])).toBe(0);
  });
  it('discounted payback comes later than undiscounted', () => {
    const flows = [-100, 60, 60];
    const disc = flows.map((f, t) => f / 1.1 ** t); // -100, 54.545…, 49.587…
    // By hand: after year 1, 100 − 54.545 = 45.455 is missing; year 2 brings 49.587, so 45.455 / 49.587 = 0.9167 of it.
    expect(payback(disc)).toBeCloseTo(2 + (100 - 60 / 1.1) / (60 / 1.21), 12);
    // Undiscounted, 40 is missing after year 1 and year 2 brings 60: 2 + 40/60 = 2.667, earlier than 2.917.
    expect(payback(flows)).toBeCloseTo(2 + 40 / 60, 12);
    expect(payback(disc)!).toBeGreaterThan(payback(flows)!);
  });
});

describe('benefit-cost ratio and break-even', () => {
  it('BCR = PV(B) / PV(C), null without costs', () => {
    // PV(B) = 110/1.1 = 100; PV(C) = 50 → 2
    expect(benefitCostRatio([0, 110], [50, 0], 0.1)).toBeCloseTo(2, 12);
    expect(benefitCostRatio([10, 10], [0, 0], 0.1)).toBeNull();
  });
  it('break-even annual benefit from year 1 covers the costs exactly', () => {
    // Costs 100 in year 0; annuity years 1–2 at 10 %: 1/1.1 + 1/1.21 = 1.735537…; 100 / 1.735537 = 57.619…
    const b = breakEvenAnnualBenefit([0, 0, 0], [100, 0, 0], 0.1, 1)!;
    expect(b).toBeCloseTo(57.61904762, 7);
    expect(presentValue([-100, b, b], 0.1)).toBeCloseTo(0, 9);
  });
  it('counts benefits before the chosen year as they are', () => {
    // Benefit 20 in year 0 offsets part of the 100: (100 - 20) / (1/1.1 + 1/1.21)
    expect(breakEvenAnnualBenefit([20, 0, 0], [100, 0, 0], 0.1, 1)).toBeCloseTo(80 / (1 / 1.1 + 1 / 1.21), 9);
  });
});

describe('IRR', () => {
  it('finds the rate where NPV is 0', () => {
    // -100 + 110/(1+r) = 0 → r = 10 %
    expect(irr([-100, 110])).toBeCloseTo(0.1, 10);
    // -100 + 60/(1+r) + 60/(1+r)^2 = 0 → 1+r = (60 + √(3600 + 24000)) / 200 → r = 0.130662…
    expect(irr([-100, 60, 60])).toBeCloseTo((60 + Math.sqrt(3600 + 24000)) / 200 - 1, 10);
  });
  it('does not exist when all flows have one sign', () => {
    expect(irr([-100, -10])).toBeNull();
    expect(irr([0, 10, 10])).toBeNull();
  });
});
