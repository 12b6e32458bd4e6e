/** @module loads-panel – the store's loads (file, time, who, rows) and sending a file to be loaded, from the task pane. */
import { loadsResponse } from '../../pipeline/contracts/index.js';
import type { Translate } from './i18n.js';
import type { ServiceClient } from './service-client.js';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

/** The latest loads, newest first, as rows of the panel's table. */
export async function showLoads(client: ServiceClient, t: Translate): Promise<void> {
  const { loads } = await client.call('/api/v1/loads?limit=50', loadsResponse);
  const body = $('loads-table').querySelector('tbody')!;
  body.replaceChildren(
    ...loads.map((l) => {
      const row = document.createElement('tr');
      const state = l.status === 'refused' ? ` (${t('refusedStatus')})` : l.undoneBy !== null ? ` (${t('undoneStatus')})` : '';
      const rows = `${l.rowsAccepted.toLocaleString('sv-SE')} / ${l.rowsRead.toLocaleString('sv-SE')}`;
      for (const text of [`${l.file}${state}`, l.finishedAt.slice(0, 16), l.loadedBy ?? '', rows]) {
        const cell = document.createElement('td');
        cell.textContent = text;
        row.append(cell);
      }
      row.dataset.loadId = String(l.id);
      return row;
    }),
  );
}

/** Sends the chosen file; says what became of it, lists a refusal's errors, and shows the loads again. */
export async function uploadChosenFile(client: ServiceClient, t: Translate): Promise<void> {
  const status = $('upload-status');
  const errors = $('upload-errors');
  errors.replaceChildren();
  const file = $<HTMLInputElement>('upload-file').files?.[0];
  if (!file) {
    status.textContent = t('noFile');
    status.className = 'error';
    return;
  }
  status.textContent = t('working');
  status.className = '';
  try {
    const report = await client.upload(file);
    // The list first, then the outcome: whoever reads the outcome finds the list already showing it.
    await showLoads(client, t);
    if (report.status === 'refused') {
      errors.replaceChildren(
        ...report.messages.map((m) => {
          const item = document.createElement('li');
          item.textContent = m;
          return item;
        }),
      );
      status.textContent = t('uploadRefused', { file: report.file, count: report.errorCount });
      status.className = 'error';
    } else {
      status.textContent =
        report.status === 'unchanged'
          ? t('uploadUnchanged', { file: report.file })
          : t('uploaded', { file: report.file, kind: report.kind ?? '', rows: report.rowsAccepted, id: report.loadId ?? '' });
      status.className = 'ok';
    }
  } catch (error) {
    status.textContent = error instanceof Error ? error.message : String(error);
    status.className = 'error';
  }
}
