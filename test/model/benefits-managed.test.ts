/**
 * The pure parts of managing benefits over time, against cases worked by hand: periods (tertials, ISO weeks, an
 * indicator's frequency), what is due on a fixed day, a judgement beside a measurement, and a benefit two programs claim.
 */
import { describe, expect, it } from 'vitest';
import { actionsDue, currentPeriods, ownedBy, type ActionInput } from '../../pipeline/model/actions.js';
import { doubleCountedPresentValue, indicatorOverlaps, lineOverlaps } from '../../pipeline/model/double-counting.js';
import { daysBetween, endedPeriodsFrom, frequencyGrain, nextPeriod, parsePeriod, periodOf } from '../../pipeline/model/periods.js';
import { disagrees, latestMeasured } from '../../pipeline/model/status-assessment.js';

describe('periods', () => {
  it('a date in its tertial, quarter, month and year; the next tertial across the year end', () => {
    expect(periodOf('2026-06-15', 'tertial')).toEqual({ id: '2026-T2', grain: 'tertial', start: '2026-05-01', end: '2026-08-31' });
    expect(periodOf('2026-12-31', 'tertial').id).toBe('2026-T3');
    expect(nextPeriod(periodOf('2026-12-31', 'tertial'))).toEqual({
      id: '2027-T1',
      grain: 'tertial',
      start: '2027-01-01',
      end: '2027-04-30',
    });
    expect(periodOf('2028-02-10', 'month')).toEqual({ id: '2028-02', grain: 'month', start: '2028-02-01', end: '2028-02-29' });
    expect(periodOf('2026-11-30', 'quarter')).toEqual({ id: '2026-Q4', grain: 'quarter', start: '2026-10-01', end: '2026-12-31' });
    expect(periodOf('2026-11-30', 'year').end).toBe('2026-12-31');
  });

  it('ISO weeks: 2026 begins on a Thursday, so its week 1 starts 2025-12-29 and it has a week 53; 2025 has none', () => {
    expect(periodOf('2026-01-01', 'week')).toEqual({ id: '2026-W01', grain: 'week', start: '2025-12-29', end: '2026-01-04' });
    expect(periodOf('2027-01-01', 'week')).toEqual({ id: '2026-W53', grain: 'week', start: '2026-12-28', end: '2027-01-03' });
    expect(parsePeriod('2026W53')?.start).toBe('2026-12-28');
    expect(parsePeriod('2025-W53')).toBeNull();
  });

  it('periods as people write them; anything else is none', () => {
    expect(['2026', '2026t2', '2026 T2', '2026K3', '2026-q3', '2026M03', '2026-03'].map((p) => parsePeriod(p)?.id)).toEqual([
      '2026',
      '2026-T2',
      '2026-T2',
      '2026-Q3',
      '2026-Q3',
      '2026-03',
      '2026-03',
    ]);
    expect(['2026-T4', '2026-13', 'T2', '2026-delår'].map(parsePeriod)).toEqual([null, null, null, null]);
  });

  it("an indicator's frequency as a grain; a frequency that names none is none", () => {
    expect(
      ['månad', 'Månadsvis', 'kvartal', 'Tertialvis', 'år', 'Årligen', 'veckovis', 'monthly', 'löpande', '', null].map(frequencyGrain),
    ).toEqual(['month', 'month', 'quarter', 'tertial', 'year', 'year', 'week', 'month', null, null, null]);
  });

  it('the periods ended before a day, counted from a day; days between two days', () => {
    expect(endedPeriodsFrom('2026-02-01', 'month', '2026-04-10')).toMatchObject({
      first: { id: '2026-02' },
      last: { id: '2026-03' },
      count: 2,
    });
    // A period that ends the day before is ended; one that ends that day is not.
    expect(endedPeriodsFrom('2026-03-01', 'month', '2026-04-01')?.count).toBe(1);
    expect(endedPeriodsFrom('2026-03-01', 'month', '2026-03-31')).toBeNull();
    // From the middle of a month: the first whole month after it.
    expect(endedPeriodsFrom('2026-01-15', 'month', '2026-04-10')?.first.id).toBe('2026-02');
    // 2026-02-28 to 2026-04-10: the 31 days of March and 10 of April.
    expect(daysBetween('2026-02-28', '2026-04-10')).toBe(41);
  });
});

const TODAY = '2026-04-10';
const input = (over: Partial<ActionInput> = {}): ActionInput => ({
  programs: [{ id: 'KOM', owner: 'Karin Controller', goLive: '2025-09-01' }],
  riskActions: [],
  milestones: [],
  benefits: [],
  measurements: [],
  assessments: [],
  ...over,
});

describe('what is due on 2026-04-10', () => {
  it('a risk action past its due date and not done; one not yet due and one done are not', () => {
    const risk = (id: string, dueDate: string, status: string | null) => ({
      program: 'KOM',
      id,
      text: 'Integrationen försenas',
      mitigation: 'Extra resurser',
      owner: 'IT-chefen',
      dueDate,
      status,
    });
    const items = actionsDue(
      input({ riskActions: [risk('R1', '2026-03-31', 'pågår'), risk('R2', '2026-04-20', null), risk('R3', '2026-03-01', 'klar')] }),
      TODAY,
    );
    expect(items).toEqual([
      {
        kind: 'risk_action',
        program: 'KOM',
        id: 'R1',
        what: 'Riskåtgärd R1: Extra resurser',
        owner: 'IT-chefen',
        due: '2026-03-31',
        daysOverdue: 10,
      },
    ]);
  });

  it('a milestone planned 2026-02-15 and not done is 54 days late (13 of February, 31 of March, 10 of April)', () => {
    const m = { program: 'KOM', benefit: 'N2', name: 'Rollmodell beslutad', owner: null, planned: '2026-02-15' };
    const items = actionsDue(
      input({
        milestones: [
          { ...m, id: 'M1', done: null },
          { ...m, id: 'M2', done: '2026-02-20' },
        ],
      }),
      TODAY,
    );
    expect(items).toEqual([
      {
        kind: 'milestone',
        program: 'KOM',
        id: 'M1',
        what: 'Milstolpe M1: Rollmodell beslutad (nytta N2)',
        // no owner of its own: the program's
        owner: 'Karin Controller',
        due: '2026-02-15',
        daysOverdue: 54,
      },
    ]);
  });

  it("a monthly indicator whose latest outcome is January misses February and March; the first was due 2026-02-28, 41 days ago; its benefit's owner measures", () => {
    const items = actionsDue(
      input({
        benefits: [{ program: 'KOM', id: 'N1', name: 'Färre avvikelser', owner: 'Eva Ek' }],
        // An assessment for the current tertial, so the benefit itself is not due.
        assessments: [{ program: 'KOM', benefit: 'N1', period: '2026-T1', grain: 'tertial', start: '2026-01-01' }],
        measurements: [
          { program: 'KOM', indicator: 'IND01', name: 'Avvikelser', frequency: 'månad', latestEnd: '2026-01-31', benefits: ['N1'] },
          { program: 'KOM', indicator: 'IND02', name: 'Ledtid', frequency: 'månad', latestEnd: '2026-03-31', benefits: ['N1'] },
          { program: 'KOM', indicator: 'IND03', name: 'Enkät', frequency: 'vid behov', latestEnd: null, benefits: ['N1'] },
        ],
      }),
      TODAY,
    );
    expect(items).toEqual([
      {
        kind: 'measurement',
        program: 'KOM',
        id: 'IND01',
        what: 'Utfall saknas för IND01 Avvikelser: 2026-02–2026-03 (månad, 2 perioder)',
        owner: 'Eva Ek',
        due: '2026-02-28',
        daysOverdue: 41,
      },
    ]);
  });

  it("an indicator with no outcome at all is due from the program's go-live", () => {
    const items = actionsDue(
      input({ measurements: [{ program: 'KOM', indicator: 'IND04', name: 'Nöjdhet', frequency: 'år', latestEnd: null, benefits: [] }] }),
      TODAY,
    );
    // Go-live 2025-09-01: the first whole year after it is 2026, not ended yet; nothing is due.
    expect(items).toEqual([]);
    const quarterly = actionsDue(
      input({
        measurements: [{ program: 'KOM', indicator: 'IND04', name: 'Nöjdhet', frequency: 'kvartal', latestEnd: null, benefits: [] }],
      }),
      TODAY,
    );
    // 2025-Q4 and 2026-Q1 have ended; the first ended 2025-12-31, 100 days before 2026-04-10.
    expect(quarterly.map((i) => [i.what, i.due, i.daysOverdue, i.owner])).toEqual([
      ['Utfall saknas för IND04 Nöjdhet: 2025-Q4–2026-Q1 (kvartal, 2 perioder)', '2025-12-31', 100, 'Karin Controller'],
    ]);
  });

  it('benefits without an assessment for the current period (a tertial unless the latest assessment says otherwise), and without an owner', () => {
    const benefits = [
      { program: 'KOM', id: 'N1', name: 'Färre avvikelser', owner: 'Eva Ek' },
      { program: 'KOM', id: 'N2', name: 'Kortare ledtider', owner: null },
    ];
    const assessed = [{ program: 'KOM', benefit: 'N1', period: '2026-T1', grain: 'tertial' as const, start: '2026-01-01' }];
    expect(actionsDue(input({ benefits, assessments: assessed }), TODAY)).toEqual([
      {
        kind: 'status_assessment',
        program: 'KOM',
        id: 'N2',
        what: 'Statusbedömning saknas för nytta N2 Kortare ledtider, period 2026-T1',
        owner: 'Karin Controller',
        due: '2026-04-30',
        daysOverdue: 0,
      },
      {
        kind: 'benefit_owner',
        program: 'KOM',
        id: 'N2',
        what: 'Nytta N2 Kortare ledtider saknar nyttoägare',
        owner: 'Karin Controller',
        due: null,
        daysOverdue: null,
      },
    ]);
    // Assessed by month lately: the current period is April.
    const monthly = [...assessed, { program: 'KOM', benefit: 'N1', period: '2026-03', grain: 'month' as const, start: '2026-03-01' }];
    expect(currentPeriods(['KOM', 'NY'], monthly, TODAY)).toEqual(
      new Map([
        ['KOM', { id: '2026-04', grain: 'month', start: '2026-04-01', end: '2026-04-30' }],
        ['NY', { id: '2026-T1', grain: 'tertial', start: '2026-01-01', end: '2026-04-30' }],
      ]),
    );
  });

  it('the most overdue first, items without a date last; an owner matched without regard to case', () => {
    const items = actionsDue(
      input({
        benefits: [{ program: 'KOM', id: 'N2', name: 'Kortare ledtider', owner: null }],
        assessments: [{ program: 'KOM', benefit: 'N2', period: '2026-T1', grain: 'tertial', start: '2026-01-01' }],
        riskActions: [{ program: 'KOM', id: 'R1', text: 'x', mitigation: null, owner: 'IT-chefen', dueDate: '2026-04-01', status: null }],
        milestones: [{ program: 'KOM', benefit: 'N2', id: 'M1', name: 'Beslut', owner: 'it-chefen ', planned: '2026-01-10', done: null }],
      }),
      TODAY,
    );
    expect(items.map((i) => [i.kind, i.daysOverdue])).toEqual([
      ['milestone', 90],
      ['risk_action', 9],
      ['benefit_owner', null],
    ]);
    expect(items[1].what).toBe('Riskåtgärd R1: ingen åtgärd angiven för "x"');
    expect(items.filter((i) => ownedBy(i, 'IT-CHEFEN')).map((i) => i.id)).toEqual(['M1', 'R1']);
  });
});

describe('a judgement beside a measurement', () => {
  it('judged green and measured at risk disagree; so do red and on track; yellow and nothing measured never do', () => {
    expect(disagrees('grön', 'at_risk')).toBe(true);
    expect(disagrees('grön', 'on_track')).toBe(false);
    expect(disagrees('röd', 'on_track')).toBe(true);
    expect(disagrees('röd', 'reached')).toBe(true);
    expect(disagrees('röd', 'at_risk')).toBe(false);
    expect(['reached', 'on_track', 'at_risk', 'not_measured'].map((m) => disagrees('gul', m as 'at_risk'))).toEqual([
      false,
      false,
      false,
      false,
    ]);
    expect(disagrees('grön', 'not_measured')).toBe(false);
  });

  it('the measured status is the latest year any member is measured', () => {
    expect(
      latestMeasured([
        { year: 1, status: 'on_track' },
        { year: 2, status: 'at_risk' },
        { year: 3, status: 'not_measured' },
      ]),
    ).toEqual({ year: 2, status: 'at_risk' });
    expect(latestMeasured([{ year: 1, status: 'not_measured' }])).toEqual({ year: null, status: 'not_measured' });
  });
});

describe('a benefit two programs claim', () => {
  it('the same indicator at the same place in overlapping years: the years both follow it', () => {
    const entry = (program: string, place: string, years: number[], benefits: string[]) => ({
      program,
      indicator: 'IND01',
      indicatorName: 'Avvikelser',
      place,
      placeName: place,
      calendarYears: years,
      benefits,
    });
    expect(
      indicatorOverlaps([
        entry('KOM', 'R', [2026, 2027, 2028], ['K1']),
        entry('VIS', 'R', [2028, 2029, 2030], ['V1', 'V2']),
        entry('VIS', 'X', [2026, 2027], ['V1']),
      ]),
    ).toEqual([
      {
        indicator: 'IND01',
        indicatorName: 'Avvikelser',
        place: 'R',
        placeName: 'R',
        programs: ['KOM', 'VIS'],
        years: [2028],
        benefits: [
          { program: 'KOM', ids: ['K1'] },
          { program: 'VIS', ids: ['V1', 'V2'] },
        ],
      },
    ]);
    // Years that do not overlap are no overlap.
    expect(indicatorOverlaps([entry('KOM', 'R', [2026], ['K1']), entry('VIS', 'R', [2027], ['V1'])])).toEqual([]);
  });

  it('benefit lines with the same category and stakeholder in the same year: the portfolio counts the larger whole once', () => {
    const claims = [
      { program: 'KOM', category: 'Frigjord tid', stakeholder: 'Vårdpersonal', year: 2027, amount: 100, attribution: 0.5 },
      { program: 'KOM', category: 'Frigjord tid', stakeholder: 'Vårdpersonal', year: 2028, amount: 100, attribution: 0.5 },
      { program: 'VIS', category: 'frigjord  tid ', stakeholder: 'vårdpersonal', year: 2027, amount: 80, attribution: 1 },
      { program: 'VIS', category: 'frigjord tid', stakeholder: 'vårdpersonal', year: 2029, amount: 80, attribution: 1 },
      // No stakeholder: never taken for another program's.
      { program: 'VIS', category: 'Licenser', stakeholder: null, year: 2027, amount: 30, attribution: 1 },
      { program: 'KOM', category: 'Licenser', stakeholder: null, year: 2027, amount: 30, attribution: 1 },
    ];
    const [overlap, ...rest] = lineOverlaps(claims);
    expect(rest).toEqual([]);
    // 2027: KOM counts 100 × 0,5 = 50, VIS 80 × 1 = 80, together 130; the largest whole claimed is 100, so 100 is
    // counted once and 30 is counted twice.
    expect(overlap).toEqual({
      category: 'Frigjord tid',
      stakeholder: 'Vårdpersonal',
      programs: ['KOM', 'VIS'],
      years: [2027],
      claims: [
        { program: 'KOM', year: 2027, amount: 100, attribution: 0.5, attributed: 50 },
        { program: 'VIS', year: 2027, amount: 80, attribution: 1, attributed: 80 },
      ],
      byYear: [{ year: 2027, attributed: 130, countedOnce: 100, doubleCounted: 30 }],
      doubleCounted: 30,
    });
    // At present value, taken from each in proportion (50/130 and 80/130), each discounted as its own case: KOM from
    // 2026 at 3 %, VIS from 2027 at 3 %: 30·(50/130)/1,03 + 30·(80/130)·1.
    const pv = doubleCountedPresentValue(overlap, (program, year) => (program === 'KOM' ? 1.03 ** -(year - 2026) : 1.03 ** -(year - 2027)));
    expect(pv).toBeCloseTo((30 * 50) / 130 / 1.03 + (30 * 80) / 130, 10);
    // Shares that add up to the whole count no more than it: nothing counted twice.
    const shared = lineOverlaps([
      { program: 'KOM', category: 'Tid', stakeholder: 'Vård', year: 2027, amount: 100, attribution: 0.5 },
      { program: 'VIS', category: 'Tid', stakeholder: 'Vård', year: 2027, amount: 100, attribution: 0.5 },
    ]);
    expect(shared[0].byYear).toEqual([{ year: 2027, attributed: 100, countedOnce: 100, doubleCounted: 0 }]);
  });
});
