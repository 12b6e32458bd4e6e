import { describe, expect, it } from 'vitest';
import { businessCase, DEFAULT_RATE, type BusinessCaseLine } from '../../pipeline/model/business-case.js';
import { DEFAULT_CURVE } from '../../pipeline/model/production-loss.js';
import { PARAMETER_DEFAULTS } from '../../pipeline/contracts/index.js';
import { planAgainstOutcome, scenarios, sensitivity } from '../../pipeline/model/sensitivity.js';

const line = (l: Partial<BusinessCaseLine> & Pick<BusinessCaseLine, 'year' | 'post' | 'amount'>): BusinessCaseLine => ({
  scenario: 'bas',
  category: l.post === 'cost' ? 'investering' : 'licenser',
  kind: 'plan',
  ...l,
});

const CASE: BusinessCaseLine[] = [
  line({ year: 2025, post: 'cost', amount: 100, low: 90, high: 130 }),
  line({
    year: 2026,
    post: 'benefit',
    amount: 40,
    probability: 0.5,
    benefitClass: 'omfordelning',
    stakeholder: 'Förvaltningarna',
    low: 30,
    high: 50,
  }),
  line({ year: 2026, post: 'benefit', amount: 20, benefitClass: 'finansiell', stakeholder: 'Koncernkontoret' }),
  line({ year: 2027, post: 'benefit', amount: 60, benefitClass: 'finansiell', stakeholder: 'Koncernkontoret' }),
  line({ year: 2026, post: 'cost', amount: 10, kind: 'outcome' }),
  line({ year: 2025, post: 'cost', amount: 200, scenario: 'dyr' }),
];

describe('business case', () => {
  const bc = businessCase(CASE, 'bas', { rate: 0.1 });

  it('yearly rows: costs, benefits, net, cumulative and discounted', () => {
    expect(bc.years.map((y) => [y.year, y.costs, y.benefits, y.net, y.cumulativeNet])).toEqual([
      [2025, 100, 0, -100, -100],
      [2026, 0, 60, 60, -40],
      [2027, 0, 60, 60, 20],
    ]);
    expect(bc.years[2].discountedNet).toBeCloseTo(60 / 1.21, 12);
    expect(bc.years[1].benefitsByClass).toEqual({ omfordelning: 40, finansiell: 20 });
  });

  it('key figures at face value, worked by hand', () => {
    expect(bc.npv).toBeCloseTo(-100 + 60 / 1.1 + 60 / 1.21, 10);
    // −100, 60, 60 from 2025: 2 + 40/60 years from the start of 2025, during 2027.
    expect(bc.payback).toBeCloseTo(2 + 40 / 60, 12);
    expect(bc.paybackYear).toBe(2027);
    expect(bc.bcr).toBeCloseTo((60 / 1.1 + 60 / 1.21) / 100, 12);
    expect(bc.fromYear).toBe(2026);
    expect(bc.breakEvenAnnualBenefit).toBeCloseTo(100 / (1 / 1.1 + 1 / 1.21), 9);
  });

  it('at expected value the 40 freed-time benefit counts 20', () => {
    expect(bc.expected.years[1].benefits).toBe(40);
    expect(bc.expected.npv).toBeCloseTo(-100 + 40 / 1.1 + 60 / 1.21, 10);
    expect(bc.expected.payback).toBe(3); // -100, -60, 0: reached exactly at the end of the period, three years in
    expect(bc.expected.paybackYear).toBe(2027);
  });

  it('shows how much rests on freed capacity (omfördelning)', () => {
    expect(bc.pvBenefitsByClass.omfordelning).toBeCloseTo(40 / 1.1, 12);
    expect(bc.redistributionShare).toBeCloseTo(40 / 1.1 / (60 / 1.1 + 60 / 1.21), 12);
    expect(Object.keys(bc.pvBenefitsByStakeholder).sort()).toEqual(['Förvaltningarna', 'Koncernkontoret']);
  });

  it('no costs: BCR null, payback 0', () => {
    const onlyBenefits = businessCase([line({ year: 2025, post: 'benefit', amount: 5 })], 'bas');
    expect(onlyBenefits.bcr).toBeNull();
    expect(onlyBenefits.payback).toBe(0);
    expect(onlyBenefits.irr).toBeNull();
  });

  it('sensitivity: low/high bounds, ±10 %, switching value, optimism bias', () => {
    const s = sensitivity(CASE, 'bas', { rate: 0.1, change: 0.1, optimismBias: 0.5 });
    const pvB = 60 / 1.1 + 60 / 1.21;
    expect(s.npvLow).toBeCloseTo(50 / 1.1 + 60 / 1.21 - 130, 10);
    expect(s.npvHigh).toBeCloseTo(70 / 1.1 + 60 / 1.21 - 90, 10);
    expect(s.costsUp).toBeCloseTo(pvB - 110, 10);
    expect(s.benefitsDown).toBeCloseTo(pvB * 0.9 - 100, 10);
    expect(s.switchingValue).toBeCloseTo(-(pvB - 100) / pvB, 12);
    expect(s.npvWithOptimismBias).toBeCloseTo(pvB - 150, 10);
  });

  it('scenarios side by side and plan against outcome', () => {
    expect(scenarios(CASE, { rate: 0.1 }).map((s) => [s.scenario, Math.round(s.npv * 1000) / 1000])).toEqual([
      ['bas', Math.round((-100 + 60 / 1.1 + 60 / 1.21) * 1000) / 1000],
      ['dyr', -200],
    ]);
    expect(planAgainstOutcome(CASE, 'bas')).toEqual([
      {
        year: 2025,
        planCosts: 100,
        outcomeCosts: null,
        planBenefits: 0,
        outcomeBenefits: null,
        forecastCosts: null,
        forecastBenefits: null,
      },
      { year: 2026, planCosts: 0, outcomeCosts: 10, planBenefits: 60, outcomeBenefits: 0, forecastCosts: null, forecastBenefits: null },
      {
        year: 2027,
        planCosts: 0,
        outcomeCosts: null,
        planBenefits: 60,
        outcomeBenefits: null,
        forecastCosts: null,
        forecastBenefits: null,
      },
    ]);
  });
});

describe('defaults', () => {
  it('the model’s own defaults are the ones the service applies and the task pane shows (PARAMETER_DEFAULTS)', () => {
    expect(DEFAULT_RATE).toBe(PARAMETER_DEFAULTS.rate);
    expect([DEFAULT_CURVE.peak, DEFAULT_CURVE.weeksBefore, DEFAULT_CURVE.weeksAfter]).toEqual([
      PARAMETER_DEFAULTS.peak,
      PARAMETER_DEFAULTS.weeksBefore,
      PARAMETER_DEFAULTS.weeksAfter,
    ]);
  });
});
