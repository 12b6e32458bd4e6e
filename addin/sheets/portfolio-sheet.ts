/**
 * @module portfolio-sheet – Portfölj: one row per program with its phase, owner, go-live and status (coloured), the base
 * scenario's figures, the follow-up's statuses, late milestones and risks; a program whose own sheets are in the
 * workbook links to them.
 */
import type { PortfolioResponse } from '../../pipeline/contracts/index.js';
import { Columns, SheetLayout, type BlockWriter, type Field } from './layout.js';
import { FORMAT, type Cell, type Provenance, type SheetPlan } from './plan.js';

/** A formula linking to a sheet in the same workbook, shown as `label`. */
function sheetLink(sheet: string, label: string): Cell {
  const quoted = `'${sheet.replaceAll("'", "''")}'`;
  return { formula: `HYPERLINK("#${quoted.replaceAll('"', '""')}!A1","${label.replaceAll('"', '""')}")` };
}

/** Years as a person writes them: 2027–2029, or 2025, 2027. */
function yearsText(years: readonly number[]): string {
  const contiguous = years.every((y, i) => i === 0 || y === years[i - 1] + 1);
  return contiguous && years.length > 1 ? `${years[0]}–${years[years.length - 1]}` : years.join(', ');
}

const percent = (share: number) => `${Math.round(share * 1000) / 10} %`.replace('.', ',');

/** The same benefit claimed by two or more programs: an indicator followed at one place, or benefit lines alike. */
const overlapRows =
  (overlaps: PortfolioResponse['overlaps']): BlockWriter =>
  (b) => {
    b.add(
      [
        'Samma nytta i flera program',
        'Program',
        'Indikator eller post',
        'Plats eller intressent',
        'År',
        'Vad programmen räknar',
        'Räknat två gånger (kr)',
      ],
      { style: 'header' },
    );
    b.addEach(overlaps, (o) =>
      o.kind === 'indicator'
        ? [
            'Indikator',
            o.programs.join(', '),
            `${o.indicator} ${o.indicatorName}`,
            o.placeName,
            yearsText(o.years),
            o.benefits.map((x) => `${x.program}: nytta ${x.ids.join(', ')}`).join('; '),
            null,
          ]
        : [
            'Nyttopost',
            o.programs.join(', '),
            o.category,
            o.stakeholder,
            yearsText(o.years),
            o.claims.map((c) => `${c.program} ${c.year}: ${c.amount.toLocaleString('sv-SE')} kr × ${percent(c.attribution)}`).join('; '),
            o.doubleCounted,
          ],
    );
    if (!overlaps.length) b.add(['Inga överlapp', null, null, null, null, null, null]);
    return { formats: [null, null, null, null, null, null, FORMAT.sek] };
  };

/** The portfolio's totals, each overlapping amount counted once; what is derived is a formula, the NPV summed over the table. */
function totals(t: PortfolioResponse['totals']): Field[] {
  return [
    { label: 'Program med nyttokalkyl', value: t.programs },
    {
      label: 'Nettonuvärde, summa (kr)',
      value: (s) => ({ formula: `SUM(${s.range('nettonuvärden')})` }),
      name: 'npv',
      style: 'total',
      format: FORMAT.sek,
    },
    { label: 'Nyttor i planerna, summa (kr)', value: t.benefits, name: 'nyttor', format: FORMAT.sek },
    { label: 'Räknat två gånger (kr)', value: t.doubleCounted, name: 'dubbelt', format: FORMAT.sek },
    {
      label: 'Nyttor räknade en gång (kr)',
      value: (s) => ({ formula: `${s.cell('nyttor')}-${s.cell('dubbelt')}` }),
      style: 'total',
      format: FORMAT.sek,
    },
    { label: 'Räknat två gånger, nuvärde (kr)', value: t.doubleCountedPresentValue, name: 'dubbelt nuvärde', format: FORMAT.sek },
    {
      label: 'Nettonuvärde räknat en gång (kr)',
      value: (s) => ({ formula: `${s.cell('npv')}-${s.cell('dubbelt nuvärde')}` }),
      style: 'total',
      format: FORMAT.sek,
    },
    { label: 'Så räknas överlapp', value: t.countedOnce, style: 'note' },
  ];
}

/** The table's columns and their headers. */
const PROGRAMS = {
  program: 'Program',
  namn: 'Namn',
  fas: 'Fas',
  ägare: 'Ägare',
  driftstart: 'Driftstart',
  status: 'Status',
  npv: 'Nettonuvärde (kr)',
  kvot: 'Nyttokostnadskvot',
  återbetalning: 'Återbetalningstid (år)',
  uppföljningsår: 'Uppföljning, år',
  uppnått: 'Uppnått',
  påVäg: 'På väg',
  risk: 'Risk',
  målSaknas: 'Mål saknas',
  ejMätt: 'Ej mätt',
  senaMilstolpar: 'Sena milstolpar',
  röda: 'Röda risker',
  gula: 'Gula risker',
  gröna: 'Gröna risker',
  försenade: 'Försenade åtgärder',
  kommentar: 'Kommentar',
} as const;
const COLUMNS = new Columns(Object.keys(PROGRAMS) as (keyof typeof PROGRAMS)[]);

/** One row per program, its status coloured; the NPV column named for the totals. */
const programRows =
  (programs: PortfolioResponse['programs'], links: Readonly<Record<string, string>>): BlockWriter =>
  (b) => {
    const header = Object.values(PROGRAMS);
    b.add(header);
    b.addEach(programs, (p) => [
      links[p.id] ? sheetLink(links[p.id], p.id) : p.id,
      p.name,
      p.phase,
      p.owner,
      p.goLive,
      p.status,
      p.npv,
      p.bcr,
      p.payback ?? (p.npv === null ? null : 'inte inom perioden'),
      p.followup.year,
      p.followup.reached,
      p.followup.onTrack,
      p.followup.atRisk,
      p.followup.noTarget,
      p.followup.notMeasured,
      p.milestonesLate,
      p.risks.red,
      p.risks.yellow,
      p.risks.green,
      p.risks.overdueActions,
      p.comment,
    ]);
    if (programs.length === 0) b.add(['Inga program', ...header.slice(1).map(() => null)]);
    b.nameColumn('nettonuvärden', COLUMNS.of('npv'));
    const status = b.column(COLUMNS.of('status'));
    return {
      formats: COLUMNS.row({ npv: FORMAT.sek, kvot: FORMAT.decimal, återbetalning: FORMAT.years, uppföljningsår: FORMAT.year }),
      table: { name: 'Portfolj', style: 'TableStyleMedium2' },
      conditionalFormats: [
        { range: status, text: 'grön', style: 'green' },
        { range: status, text: 'gul', style: 'yellow' },
        { range: status, text: 'röd', style: 'red' },
      ],
    };
  };

/** `links`: a program's first own sheet in this workbook, by program id. */
export function portfolioSheet(
  data: Pick<PortfolioResponse, 'programs'> & Partial<Pick<PortfolioResponse, 'overlaps' | 'totals'>>,
  provenance: Provenance,
  links: Readonly<Record<string, string>> = {},
): SheetPlan {
  const sheet = new SheetLayout();
  sheet.title('Portfölj – pågående verksamhetsutveckling och dess nyttor');
  sheet.block('portfolj', programRows(data.programs, links));
  if (data.totals) sheet.fields('totalt', ['Portföljen totalt (basscenariernas plan)', null], totals(data.totals));
  if (data.overlaps) sheet.block('overlapp', overlapRows(data.overlaps));
  return sheet.plan({
    name: 'Portfölj',
    code: 'PF',
    columnWidths: COLUMNS.full({
      program: 12,
      namn: 32,
      fas: 14,
      ägare: 24,
      driftstart: 12,
      status: 8,
      npv: 16,
      kvot: 12,
      återbetalning: 12,
      uppföljningsår: 10,
      uppnått: 9,
      påVäg: 9,
      risk: 9,
      målSaknas: 11,
      ejMätt: 9,
      senaMilstolpar: 10,
      röda: 9,
      gula: 9,
      gröna: 9,
      försenade: 11,
      kommentar: 40,
    }),
    provenance,
  });
}
