/** @module actions-block – *Att göra*: every item someone must act on, the most overdue first, with owner, due date and days late. */
import type { ActionsResponse } from '../../pipeline/contracts/index.js';
import type { BlockWriter } from './layout.js';
import { FORMAT } from './plan.js';

export const ACTION_KIND_TEXT: Record<ActionsResponse['items'][number]['kind'], string> = {
  risk_action: 'Riskåtgärd',
  milestone: 'Milstolpe',
  measurement: 'Mätning',
  status_assessment: 'Statusbedömning',
  benefit_owner: 'Nyttoägare',
};

export const actions =
  (data: Pick<ActionsResponse, 'today' | 'items'>): BlockWriter =>
  (b) => {
    b.add([`Att göra per ${data.today}`, 'Program', 'Vad', 'Ägare', 'Förföll', 'Dagar sen'], { style: 'header' });
    for (const i of data.items) {
      const row = b.add([ACTION_KIND_TEXT[i.kind], i.program, i.what, i.owner, i.due, i.daysOverdue]);
      // The days of what is past due in red.
      if (i.daysOverdue) b.style(row, 5, 'red');
    }
    if (!data.items.length) b.add(['Inget att göra', null, null, null, null, null]);
    return { formats: [null, null, null, null, FORMAT.date, FORMAT.integer] };
  };
