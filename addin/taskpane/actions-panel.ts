/**
 * @module actions-panel – *Att göra* in the task pane: what someone must act on today, for one program or all, filtered
 * by owner; the most overdue first, what is past due in red.
 */
import { actionsResponse, type ActionsResponse } from '../../pipeline/contracts/index.js';
import { queryString } from '../service/service-call.js';
import type { Key, Translate } from './i18n.js';
import type { ServiceClient } from './service-client.js';
import { say as sayIn } from './status-line.js';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

const KIND: Record<ActionsResponse['items'][number]['kind'], Key> = {
  risk_action: 'kindRiskAction',
  milestone: 'kindMilestone',
  measurement: 'kindMeasurement',
  status_assessment: 'kindStatusAssessment',
  benefit_owner: 'kindBenefitOwner',
};

const say = (message: string, kind: 'ok' | 'error' | '' = '') => sayIn('actions-status', message, kind);

/** The owners to filter by: everyone with an item, the one chosen kept. */
function fillOwners(owners: readonly string[], chosen: string, t: Translate): void {
  const select = $<HTMLSelectElement>('actions-owner');
  select.replaceChildren(new Option(t('all'), ''), ...owners.map((o) => new Option(o, o, false, o === chosen)));
  if (!owners.includes(chosen)) select.value = '';
}

/** Asks the service what is due for the chosen program and owner, and lists it. */
export async function showActions(client: ServiceClient, t: Translate): Promise<void> {
  const program = $<HTMLSelectElement>('actions-program').value;
  const owner = $<HTMLSelectElement>('actions-owner').value;
  say(t('working'));
  try {
    const query = queryString({ program, owner });
    const data = await client.call(`/api/v1/actions${query ? `?${query}` : ''}`, actionsResponse);
    // Everyone with an item in the program, whatever owner is chosen: the owner filter asks without one first.
    const owners = owner ? (await client.call(`/api/v1/actions?${queryString({ program })}`, actionsResponse)).owners : data.owners;
    fillOwners(owners, owner, t);
    $('actions-table')
      .querySelector('tbody')!
      .replaceChildren(
        ...data.items.map((item) => {
          const row = document.createElement('tr');
          // `what` names the kind itself (in the service's Swedish); the kind in the pane's language is the row's title.
          const cells = [item.what, item.owner ?? '', item.due ?? '', item.daysOverdue === null ? '' : String(item.daysOverdue)];
          for (const text of cells) {
            const cell = document.createElement('td');
            cell.textContent = text;
            row.append(cell);
          }
          if (item.daysOverdue) row.lastElementChild!.className = 'late';
          row.dataset.kind = item.kind;
          row.title = t(KIND[item.kind]);
          return row;
        }),
      );
    say(
      data.items.length ? t('actionsCount', { count: data.items.length, today: data.today }) : t('noActions', { today: data.today }),
      'ok',
    );
  } catch (error) {
    say(error instanceof Error ? error.message : String(error), 'error');
  }
}
