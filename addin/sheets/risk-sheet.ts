/**
 * @module risk-sheet – Risker: a heat map with consequence along and probability up (highest risk top right), its counts
 * computed live from the register below (COUNTIFS), the ids per cell, the register as an Excel table sorted by risk
 * value (P × C as a formula), and what changed since the previous assessment.
 */
import type { RiskMatrixResponse } from '../../pipeline/contracts/index.js';
import { Columns, SheetLayout, type BlockWriter } from './layout.js';
import type { Cell, Provenance, SheetPlan, Style } from './plan.js';

type Response = RiskMatrixResponse;

/** What the sheet reads of `GET /api/v1/risk-matrix`: a full answer fits. */
export type RiskData = Pick<Response, 'program' | 'scale' | 'assessed' | 'previousAssessment' | 'cells' | 'changes'> & {
  register: (Pick<Response['register'][number], 'id' | 'probability' | 'consequence' | 'value' | 'colour'> &
    Partial<Pick<Response['register'][number], 'area' | 'text' | 'mitigation' | 'owner' | 'due' | 'status' | 'overdue' | 'history'>>)[];
  areas?: Response['areas'];
};

const COLOUR_TEXT: Record<string, string> = { green: 'grön', yellow: 'gul', red: 'röd' };
const CHANGE_TEXT: Record<string, string> = { new: 'ny', removed: 'borttagen', raised: 'höjd', lowered: 'sänkt', unchanged: 'oförändrad' };

/** The register's columns and their headers. */
const REGISTER = {
  id: 'Id',
  område: 'Område',
  risk: 'Risk',
  sannolikhet: 'Sannolikhet',
  konsekvens: 'Konsekvens',
  riskvärde: 'Riskvärde',
  färg: 'Färg',
  åtgärd: 'Åtgärd',
  ansvar: 'Ansvar',
  klart: 'Klart',
  status: 'Status',
  försenad: 'Försenad',
  trend: 'Trend',
} as const;
const REGISTER_COLUMNS = new Columns(Object.keys(REGISTER) as (keyof typeof REGISTER)[]);

const assessedText = (data: RiskData) => (Array.isArray(data.assessed) ? data.assessed.join(', ') : data.assessed);

/** The heat map: probability down from the highest, consequence along, each count a COUNTIFS over the register below. */
const heatMap =
  (data: RiskData, countCells: Record<string, string>): BlockWriter =>
  (b) => {
    const n = data.scale;
    b.add(['Sannolikhet ↓ / konsekvens →', ...Array.from({ length: n }, (_, c) => c + 1)], { style: 'header' });
    for (let p = n; p >= 1; p--) {
      const row = b.add([
        p,
        ...Array.from({ length: n }, (_, c) => (sheet: SheetLayout): Cell => ({
          formula: `COUNTIFS(${sheet.range('sannolikheter')},${p},${sheet.range('konsekvenser')},${c + 1})`,
        })),
      ]);
      for (let c = 1; c <= n; c++) {
        countCells[`${p},${c}`] = b.at(row, c);
        const cell = data.cells.find((x) => x.probability === p && x.consequence === c);
        b.style(row, c, (cell?.colour ?? 'green') as Style);
      }
    }
  };

/** The ids of the risks in each cell of the heat map. */
const idsPerCell =
  (data: RiskData): BlockWriter =>
  (b) => {
    const n = data.scale;
    b.add(['Risker per cell', ...Array.from({ length: n }, (_, c) => `K${c + 1}`)], { style: 'header' });
    for (let p = n; p >= 1; p--)
      b.add([
        `S${p}`,
        ...Array.from(
          { length: n },
          (_, c) => data.cells.find((x) => x.probability === p && x.consequence === c + 1)?.ids.join(', ') ?? '',
        ),
      ]);
  };

/** The register as an Excel table, the risk value a formula; its probability and consequence columns named for the heat map. */
const register =
  (data: RiskData): BlockWriter =>
  (b) => {
    const col = (name: keyof typeof REGISTER) => REGISTER_COLUMNS.of(name);
    b.add(Object.values(REGISTER));
    b.addEach(data.register, (r, row) => [
      r.id,
      r.area ?? null,
      r.text ?? null,
      r.probability,
      r.consequence,
      { formula: `${b.at(row, col('sannolikhet'))}*${b.at(row, col('konsekvens'))}` },
      COLOUR_TEXT[r.colour] ?? r.colour,
      r.mitigation ?? null,
      r.owner ?? null,
      r.due ?? null,
      r.status ?? null,
      r.overdue ? 'försenad' : null,
      // Every assessment's value, oldest first: the trend, not just the change since the last one.
      r.history && r.history.length ? r.history.map((h) => `${h.assessed}: ${h.value}`).join(' → ') : null,
    ]);
    b.nameColumn('sannolikheter', col('sannolikhet'));
    b.nameColumn('konsekvenser', col('konsekvens'));
    return {
      table: { name: 'Riskregister', style: 'TableStyleMedium9' },
      conditionalFormats: [
        { range: b.column(col('färg')), text: 'röd', style: 'red' },
        { range: b.column(col('färg')), text: 'gul', style: 'yellow' },
        { range: b.column(col('färg')), text: 'grön', style: 'green' },
        { range: b.column(col('försenad')), text: 'försenad', style: 'red' },
      ],
    };
  };

/**
 * The Risker sheet. A question the register has no risks for is said plainly (`empty`, or that none are registered for
 * the program): never another program's risks in their place.
 */
export function riskSheet(data: RiskData, provenance: Provenance, empty?: string): { plan: SheetPlan; countCells: Record<string, string> } {
  if (!data.register.length) return { plan: noRisksSheet(data, provenance, empty), countCells: {} };
  const n = data.scale;
  const countCells: Record<string, string> = {};
  const sheet = new SheetLayout();
  sheet.title(`Risker${data.program ? ` – ${data.program}` : ''}, bedömda ${assessedText(data)} (skala ${n} × ${n})`);
  sheet.block('matris', heatMap(data, countCells), { gap: 2 });
  sheet.block('cellrisker', idsPerCell(data));
  sheet.line('registerrubrik', 'Riskregister, sorterat efter riskvärde', 'header', { gap: 3 });
  sheet.block('register', register(data), { gap: 0 });
  if (data.areas?.length) {
    const areas = data.areas;
    sheet.block('omraden', (b) => {
      b.add(['Per riskområde', 'Risker', 'Röda', 'Gula', 'Gröna', 'Högsta riskvärde', 'Försenade åtgärder'], { style: 'header' });
      b.addEach(areas, (a) => [a.area || '(inget område)', a.risks, a.red, a.yellow, a.green, a.maxValue, a.overdue]);
    });
  }
  sheet.block('andringar', (b) => {
    b.add([`Ändringar sedan ${data.previousAssessment ?? '(ingen tidigare bedömning)'}`, 'Ändring', 'Riskvärde före', 'Riskvärde nu'], {
      style: 'header',
    });
    b.addEach(
      data.changes.filter((c) => c.change !== 'unchanged'),
      (c) => [c.id, CHANGE_TEXT[c.change] ?? c.change, c.before, c.after],
    );
  });
  return { plan: sheet.plan(riskPlan(provenance)), countCells };
}

const riskPlan = (provenance: Provenance) => ({
  name: 'Risker',
  code: 'RI',
  columnWidths: REGISTER_COLUMNS.full({
    id: 16,
    område: 22,
    risk: 60,
    sannolikhet: 12,
    konsekvens: 12,
    riskvärde: 11,
    färg: 8,
    åtgärd: 50,
    ansvar: 30,
    klart: 14,
    status: 12,
    försenad: 10,
    trend: 40,
  }),
  provenance,
});

/** A register without risks: the title, one plain sentence, the provenance. */
function noRisksSheet(data: RiskData, provenance: Provenance, empty?: string): SheetPlan {
  const assessed = assessedText(data);
  const sentence =
    empty ??
    (data.program
      ? assessed
        ? `Programmet ${data.program} har inga risker bedömda ${assessed}.`
        : `Inga risker är registrerade för programmet ${data.program}.`
      : 'Inga risker är registrerade.');
  const sheet = new SheetLayout();
  sheet.title(`Risker${data.program ? ` – ${data.program}` : ''}`);
  sheet.line('inga', sentence);
  return sheet.plan(riskPlan(provenance));
}
