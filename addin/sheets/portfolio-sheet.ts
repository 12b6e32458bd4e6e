/**
 * @module portfolio-sheet – Portfölj: one row per program with its phase, owner, go-live and status (coloured), the base
 * scenario's figures, the follow-up's statuses, late milestones and risks; a program whose own sheets are in the
 * workbook links to them.
 */
import type { PortfolioResponse } from '../../pipeline/contracts/index.js';
import { FORMAT, nextFreeRow, provenanceBlock, type Block, type Cell, type Provenance, type SheetPlan } from './plan.js';

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
function overlapsBlock(overlaps: PortfolioResponse['overlaps'], row: number): Block {
  const cells: Cell[][] = [
    [
      'Samma nytta i flera program',
      'Program',
      'Indikator eller post',
      'Plats eller intressent',
      'År',
      'Vad programmen räknar',
      'Räknat två gånger (kr)',
    ],
  ];
  for (const o of overlaps) {
    if (o.kind === 'indicator')
      cells.push([
        'Indikator',
        o.programs.join(', '),
        `${o.indicator} ${o.indicatorName}`,
        o.placeName,
        yearsText(o.years),
        o.benefits.map((b) => `${b.program}: nytta ${b.ids.join(', ')}`).join('; '),
        null,
      ]);
    else
      cells.push([
        'Nyttopost',
        o.programs.join(', '),
        o.category,
        o.stakeholder,
        yearsText(o.years),
        o.claims.map((c) => `${c.program} ${c.year}: ${c.amount.toLocaleString('sv-SE')} kr × ${percent(c.attribution)}`).join('; '),
        o.doubleCounted,
      ]);
  }
  if (!overlaps.length) cells.push(['Inga överlapp', null, null, null, null, null, null]);
  return { id: 'overlapp', row, col: 0, cells, rowStyles: ['header'], formats: [null, null, null, null, null, null, FORMAT.sek] };
}

/** The portfolio's totals, each overlapping amount counted once; what is derived is a formula, the NPV summed over the table. */
function totalsBlock(totals: PortfolioResponse['totals'], row: number, npvRange: string): Block {
  const at = (k: number) => `B${row + k + 1}`;
  const cells: Cell[][] = [
    ['Portföljen totalt (basscenariernas plan)', null],
    ['Program med nyttokalkyl', totals.programs],
    ['Nettonuvärde, summa (kr)', { formula: `SUM(${npvRange})` }],
    ['Nyttor i planerna, summa (kr)', totals.benefits],
    ['Räknat två gånger (kr)', totals.doubleCounted],
    ['Nyttor räknade en gång (kr)', { formula: `${at(3)}-${at(4)}` }],
    ['Räknat två gånger, nuvärde (kr)', totals.doubleCountedPresentValue],
    ['Nettonuvärde räknat en gång (kr)', { formula: `${at(2)}-${at(6)}` }],
    ['Så räknas överlapp', totals.countedOnce],
  ];
  return {
    id: 'totalt',
    row,
    col: 0,
    cells,
    rowStyles: ['header', null, 'total', null, null, 'total', null, 'total', 'note'],
    cellFormats: [2, 3, 4, 5, 6, 7].map((r) => ({ row: r, col: 1, format: FORMAT.sek })),
  };
}

/** `links`: a program's first own sheet in this workbook, by program id. */
export function portfolioSheet(
  data: Pick<PortfolioResponse, 'programs'> & Partial<Pick<PortfolioResponse, 'overlaps' | 'totals'>>,
  provenance: Provenance,
  links: Readonly<Record<string, string>> = {},
): SheetPlan {
  const header: Cell[] = [
    'Program',
    'Namn',
    'Fas',
    'Ägare',
    'Driftstart',
    'Status',
    'Nettonuvärde (kr)',
    'Nyttokostnadskvot',
    'Återbetalningstid (år)',
    'Uppföljning, år',
    'Uppnått',
    'På väg',
    'Risk',
    'Mål saknas',
    'Ej mätt',
    'Sena milstolpar',
    'Röda risker',
    'Gula risker',
    'Gröna risker',
    'Försenade åtgärder',
    'Kommentar',
  ];
  const rows: Cell[][] = [
    header,
    ...data.programs.map((p): Cell[] => [
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
    ]),
  ];
  if (data.programs.length === 0) rows.push(['Inga program', ...header.slice(1).map(() => null)]);
  // The table's header is on sheet row 3 (1-based), its data from row 4; status is column F.
  const last = 3 + rows.length - 1;
  const blocks: Block[] = [
    { id: 'rubrik', row: 0, col: 0, cells: [['Portfölj – pågående verksamhetsutveckling och dess nyttor']], rowStyles: ['title'] },
    {
      id: 'portfolj',
      row: 2,
      col: 0,
      cells: rows,
      formats: [null, null, null, null, null, null, FORMAT.sek, FORMAT.decimal, FORMAT.years, FORMAT.year],
      table: { name: 'Portfolj', style: 'TableStyleMedium2' },
      conditionalFormats: [
        { range: `F4:F${last}`, text: 'grön', style: 'green' },
        { range: `F4:F${last}`, text: 'gul', style: 'yellow' },
        { range: `F4:F${last}`, text: 'röd', style: 'red' },
      ],
    },
  ];
  if (data.totals) blocks.push(totalsBlock(data.totals, nextFreeRow(blocks), `G4:G${last}`));
  if (data.overlaps) blocks.push(overlapsBlock(data.overlaps, nextFreeRow(blocks)));
  blocks.push(provenanceBlock(provenance, nextFreeRow(blocks)));
  return {
    name: 'Portfölj',
    code: 'PF',
    blocks,
    charts: [],
    columnWidths: [12, 32, 14, 24, 12, 8, 16, 12, 12, 10, 9, 9, 9, 11, 9, 10, 9, 9, 9, 11, 40],
    provenance,
    notes: [],
  };
}
