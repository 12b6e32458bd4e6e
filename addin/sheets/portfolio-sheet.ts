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

/** `links`: a program's first own sheet in this workbook, by program id. */
export function portfolioSheet(
  data: Pick<PortfolioResponse, 'programs'>,
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
