/** @module actions-block – *Att göra*: every item someone must act on, the most overdue first, with owner, due date and days late. */
import type { ActionsResponse } from '../../pipeline/contracts/index.js';
import { FORMAT, type Block, type Cell } from './plan.js';

export const ACTION_KIND_TEXT: Record<ActionsResponse['items'][number]['kind'], string> = {
  risk_action: 'Riskåtgärd',
  milestone: 'Milstolpe',
  measurement: 'Mätning',
  status_assessment: 'Statusbedömning',
  benefit_owner: 'Nyttoägare',
};

export function actionsBlock(data: Pick<ActionsResponse, 'today' | 'items'>, row: number, id = 'att_gora'): Block {
  const cells: Cell[][] = [[`Att göra per ${data.today}`, 'Program', 'Vad', 'Ägare', 'Förföll', 'Dagar sen']];
  for (const i of data.items) cells.push([ACTION_KIND_TEXT[i.kind], i.program, i.what, i.owner, i.due, i.daysOverdue]);
  if (!data.items.length) cells.push(['Inget att göra', null, null, null, null, null]);
  return {
    id,
    row,
    col: 0,
    cells,
    rowStyles: ['header'],
    formats: [null, null, null, null, FORMAT.date, FORMAT.integer],
    // The days of what is past due in red.
    cellStyles: data.items.flatMap((i, k) => (i.daysOverdue ? [{ row: k + 1, col: 5, style: 'red' as const }] : [])),
  };
}
