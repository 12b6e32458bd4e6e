/** @module lessons-sheet – Lärdomar: lessons learnt across the portfolio, newest first, as an Excel table. */
import type { LessonsResponse } from '../../pipeline/contracts/index.js';
import { nextFreeRow, provenanceBlock, type Block, type Cell, type Provenance, type SheetPlan } from './plan.js';

export function lessonsSheet(data: Pick<LessonsResponse, 'lessons'>, provenance: Provenance): SheetPlan {
  const header: Cell[] = ['Program', 'ID', 'Datum', 'Område', 'Lärdom', 'Åtgärd', 'Ansvarig', 'Spridd till'];
  const rows: Cell[][] = [
    header,
    ...data.lessons.map((l): Cell[] => [l.program, l.id, l.date, l.area, l.lesson, l.action, l.owner, l.spreadTo.join(', ') || null]),
  ];
  const blocks: Block[] = [
    {
      id: 'rubrik',
      row: 0,
      col: 0,
      cells: [['Lärdomar – erfarenheter att sprida mellan program, förvaltningar och ledning']],
      rowStyles: ['title'],
    },
    { id: 'lardomar', row: 2, col: 0, cells: rows, table: { name: 'Lardomar', style: 'TableStyleMedium2' } },
  ];
  blocks.push(provenanceBlock(provenance, nextFreeRow(blocks)));
  return { name: 'Lärdomar', code: 'LD', blocks, charts: [], columnWidths: [12, 8, 12, 16, 50, 40, 20, 28], provenance, notes: [] };
}
