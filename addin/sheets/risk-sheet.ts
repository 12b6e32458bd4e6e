/**
 * @module risk-sheet – Risker: a heat map with consequence along and probability up (highest risk top right), its counts
 * computed live from the register below (COUNTIFS), the ids per cell, the register as an Excel table sorted by risk
 * value (P × C as a formula), and what changed since the previous assessment.
 */
import type { RiskMatrixResponse } from '../../pipeline/contracts/index.js';
import { a1 } from './a1.js';
import { nextFreeRow, provenanceBlock, type Block, type Cell, type Provenance, type SheetPlan, type Style } from './plan.js';

type Response = RiskMatrixResponse;

/** What the sheet reads of `GET /api/v1/risk-matrix`: a full answer fits. */
export type RiskData = Pick<Response, 'program' | 'scale' | 'assessed' | 'previousAssessment' | 'cells' | 'changes'> & {
  register: (Pick<Response['register'][number], 'id' | 'probability' | 'consequence' | 'value' | 'colour'> &
    Partial<Pick<Response['register'][number], 'area' | 'text' | 'mitigation' | 'owner' | 'due' | 'status' | 'overdue' | 'history'>>)[];
  areas?: Response['areas'];
};

const COLOUR_TEXT: Record<string, string> = { green: 'grön', yellow: 'gul', red: 'röd' };
const CHANGE_TEXT: Record<string, string> = { new: 'ny', removed: 'borttagen', raised: 'höjd', lowered: 'sänkt', unchanged: 'oförändrad' };

/**
 * The Risker sheet. A question the register has no risks for is said plainly (`empty`, or that none are registered for
 * the program): never another program's risks in their place.
 */
export function riskSheet(data: RiskData, provenance: Provenance, empty?: string): { plan: SheetPlan; countCells: Record<string, string> } {
  if (!data.register.length) return { plan: noRisksSheet(data, provenance, empty), countCells: {} };
  const n = data.scale;
  const matrixRow = 3;
  const registerRow = matrixRow + n + 3 + n + 3;
  // 0-based: the title on registerRow, the table's header under it; so the first data row is registerRow + 3, 1-based.
  const regFirst = registerRow + 3;
  const regLast = registerRow + 2 + data.register.length;
  const pCol = `D${regFirst}:D${regLast}`;
  const cCol = `E${regFirst}:E${regLast}`;
  const countCells: Record<string, string> = {};
  const counts: Cell[][] = [['Sannolikhet ↓ / konsekvens →', ...Array.from({ length: n }, (_, c) => c + 1)]];
  const styles: { row: number; col: number; style: Style }[] = [];
  for (let p = n; p >= 1; p--) {
    const row: Cell[] = [p];
    for (let c = 1; c <= n; c++) {
      const cell = data.cells.find((x) => x.probability === p && x.consequence === c);
      row.push(data.register.length ? { formula: `COUNTIFS(${pCol},${p},${cCol},${c})` } : 0);
      countCells[`${p},${c}`] = a1(matrixRow + counts.length, c);
      styles.push({ row: counts.length, col: c, style: (cell?.colour ?? 'green') as Style });
    }
    counts.push(row);
  }
  const idsRow = matrixRow + n + 2;
  const ids: Cell[][] = [['Risker per cell', ...Array.from({ length: n }, (_, c) => `K${c + 1}`)]];
  for (let p = n; p >= 1; p--) {
    ids.push([
      `S${p}`,
      ...Array.from({ length: n }, (_, c) => data.cells.find((x) => x.probability === p && x.consequence === c + 1)?.ids.join(', ') ?? ''),
    ]);
  }
  const register: Cell[][] = [
    ['Id', 'Område', 'Risk', 'Sannolikhet', 'Konsekvens', 'Riskvärde', 'Färg', 'Åtgärd', 'Ansvar', 'Klart', 'Status', 'Försenad', 'Trend'],
  ];
  data.register.forEach((r, i) => {
    const row = regFirst + i;
    register.push([
      r.id,
      r.area ?? null,
      r.text ?? null,
      r.probability,
      r.consequence,
      { formula: `D${row}*E${row}` },
      COLOUR_TEXT[r.colour] ?? r.colour,
      r.mitigation ?? null,
      r.owner ?? null,
      r.due ?? null,
      r.status ?? null,
      r.overdue ? 'försenad' : null,
      // Every assessment's value, oldest first: the trend, not just the change since the last one.
      r.history && r.history.length ? r.history.map((h) => `${h.assessed}: ${h.value}`).join(' → ') : null,
    ]);
  });
  const assessed = Array.isArray(data.assessed) ? data.assessed.join(', ') : data.assessed;
  const blocks: Block[] = [
    {
      id: 'rubrik',
      row: 0,
      col: 0,
      cells: [[`Risker${data.program ? ` – ${data.program}` : ''}, bedömda ${assessed} (skala ${n} × ${n})`]],
      rowStyles: ['title'],
    },
    { id: 'matris', row: matrixRow, col: 0, cells: counts, rowStyles: ['header'], cellStyles: styles },
    { id: 'cellrisker', row: idsRow, col: 0, cells: ids, rowStyles: ['header'] },
    { id: 'registerrubrik', row: registerRow, col: 0, cells: [['Riskregister, sorterat efter riskvärde']], rowStyles: ['header'] },
    {
      id: 'register',
      row: registerRow + 1,
      col: 0,
      cells: register,
      table: { name: 'Riskregister', style: 'TableStyleMedium9' },
      conditionalFormats: [
        { range: `G${regFirst}:G${regLast}`, text: 'röd', style: 'red' },
        { range: `G${regFirst}:G${regLast}`, text: 'gul', style: 'yellow' },
        { range: `G${regFirst}:G${regLast}`, text: 'grön', style: 'green' },
        { range: `L${regFirst}:L${regLast}`, text: 'försenad', style: 'red' },
      ],
    },
  ];
  if (data.areas?.length) {
    blocks.push({
      id: 'omraden',
      row: nextFreeRow(blocks),
      col: 0,
      cells: [
        ['Per riskområde', 'Risker', 'Röda', 'Gula', 'Gröna', 'Högsta riskvärde', 'Försenade åtgärder'],
        ...data.areas.map((a): Cell[] => [a.area || '(inget område)', a.risks, a.red, a.yellow, a.green, a.maxValue, a.overdue]),
      ],
      rowStyles: ['header'],
    });
  }
  blocks.push({
    id: 'andringar',
    row: nextFreeRow(blocks),
    col: 0,
    cells: [
      [`Ändringar sedan ${data.previousAssessment ?? '(ingen tidigare bedömning)'}`, 'Ändring', 'Riskvärde före', 'Riskvärde nu'],
      ...data.changes
        .filter((c) => c.change !== 'unchanged')
        .map((c): Cell[] => [c.id, CHANGE_TEXT[c.change] ?? c.change, c.before, c.after]),
    ],
    rowStyles: ['header'],
  });
  blocks.push(provenanceBlock(provenance, nextFreeRow(blocks)));
  return { plan: riskPlanOf(blocks, provenance), countCells };
}

function riskPlanOf(blocks: Block[], provenance: Provenance): SheetPlan {
  return {
    name: 'Risker',
    code: 'RI',
    blocks,
    charts: [],
    columnWidths: [16, 22, 60, 12, 12, 11, 8, 50, 30, 14, 12, 10, 40],
    provenance,
    notes: [],
  };
}

/** A register without risks: the title, one plain sentence, the provenance. */
function noRisksSheet(data: RiskData, provenance: Provenance, empty?: string): SheetPlan {
  const assessed = Array.isArray(data.assessed) ? data.assessed.join(', ') : data.assessed;
  const sentence =
    empty ??
    (data.program
      ? assessed
        ? `Programmet ${data.program} har inga risker bedömda ${assessed}.`
        : `Inga risker är registrerade för programmet ${data.program}.`
      : 'Inga risker är registrerade.');
  const blocks: Block[] = [
    { id: 'rubrik', row: 0, col: 0, cells: [[`Risker${data.program ? ` – ${data.program}` : ''}`]], rowStyles: ['title'] },
    { id: 'inga', row: 2, col: 0, cells: [[sentence]] },
  ];
  blocks.push(provenanceBlock(provenance, nextFreeRow(blocks)));
  return riskPlanOf(blocks, provenance);
}
