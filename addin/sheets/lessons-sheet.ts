/** @module lessons-sheet – Lärdomar: lessons learnt across the portfolio, newest first, as an Excel table. */
import type { LessonsResponse } from '../../pipeline/contracts/index.js';
import { SheetLayout } from './layout.js';
import type { Cell, Provenance, SheetPlan } from './plan.js';

export function lessonsSheet(data: Pick<LessonsResponse, 'lessons'>, provenance: Provenance): SheetPlan {
  const header: Cell[] = ['Program', 'ID', 'Datum', 'Område', 'Lärdom', 'Åtgärd', 'Ansvarig', 'Spridd till'];
  const sheet = new SheetLayout();
  sheet.title('Lärdomar – erfarenheter att sprida mellan program, förvaltningar och ledning');
  sheet.block('lardomar', (b) => {
    b.add(header);
    b.addEach(data.lessons, (l) => [l.program, l.id, l.date, l.area, l.lesson, l.action, l.owner, l.spreadTo.join(', ') || null]);
    return { table: { name: 'Lardomar', style: 'TableStyleMedium2' } };
  });
  return sheet.plan({ name: 'Lärdomar', code: 'LD', columnWidths: [12, 8, 12, 16, 50, 40, 20, 28], provenance });
}
