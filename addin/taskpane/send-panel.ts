/**
 * @module send-panel – *Skicka till Nytta*: a table in the workbook sent through the same ingest as a file, its refusal
 * listed cell by cell (a click selects the cell), and *Ny tabell för …*, an empty table headed for each kind.
 */
import { TABLE_TEMPLATES, type IngestResponse } from '../../pipeline/contracts/index.js';
import { addTemplateTable, readTable, selectCell, workbookTables } from '../excel/tables.js';
import { errorCells, templateOfTable } from '../sheets/write-back.js';
import type { Language, Translate } from './i18n.js';
import { showLoads } from './loads-panel.js';
import type { ServiceClient } from './service-client.js';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

function say(message: string, kind: 'ok' | 'error' | '' = ''): void {
  const status = $('send-status');
  status.textContent = message;
  status.className = kind;
}

/** The kinds a table can be sent as, and the templates offered, in the pane's language. */
export function fillTemplates(t: Translate, language: Language): void {
  const options = TABLE_TEMPLATES.map((tpl) => new Option(tpl.label[language], tpl.kind));
  $<HTMLSelectElement>('template-kind').replaceChildren(...options.map((o) => o.cloneNode(true)));
  $<HTMLSelectElement>('send-kind').replaceChildren(new Option(t('kindAuto'), ''), ...options);
}

/** The workbook's tables, as choices; the one just made (or the one chosen before) stays chosen. */
export async function listTables(t: Translate, choose?: string): Promise<void> {
  const select = $<HTMLSelectElement>('send-table');
  const keep = choose ?? select.value;
  const tables = await workbookTables();
  select.replaceChildren(...tables.map((tb) => new Option(`${tb.name} (${tb.sheet})`, tb.name, false, tb.name === keep)));
  tableChanged();
  if (!tables.length) say(t('noTables'));
}

/** A table made from a template is sent as its kind; any other is recognised by its headers unless the user says. */
export function tableChanged(): void {
  const template = templateOfTable(TABLE_TEMPLATES, $<HTMLSelectElement>('send-table').value);
  if (template) $<HTMLSelectElement>('send-kind').value = template.kind;
}

export async function newTemplateTable(t: Translate): Promise<void> {
  const template = TABLE_TEMPLATES.find((tpl) => tpl.kind === $<HTMLSelectElement>('template-kind').value)!;
  try {
    const added = await addTemplateTable(template);
    await listTables(t, added.name);
    say(t('templateAdded', { table: added.name, sheet: added.sheet }), 'ok');
  } catch (error) {
    say(t('failed', { message: error instanceof Error ? error.message : String(error) }), 'error');
  }
}

/** Reads the chosen table, sends it (or only checks it), and says what became of it. */
export async function sendTable(client: ServiceClient, t: Translate, dryRun: boolean): Promise<void> {
  const list = $('send-errors');
  list.replaceChildren();
  const name = $<HTMLSelectElement>('send-table').value;
  if (!name) return say(t('noTables'), 'error');
  say(t('working'));
  try {
    const table = await readTable(name);
    const kind = $<HTMLSelectElement>('send-kind').value || undefined;
    const report = await client.sendTable({
      workbook: table.workbook,
      sheet: table.sheet,
      table: table.table,
      kind,
      dryRun,
      columns: [...table.columns],
      rows: table.rows,
    });
    if (report.status !== 'refused' && !dryRun) await showLoads(client, t);
    if (report.status === 'refused') return refused(table, report, t);
    const values = { table: table.table, kind: report.kind ?? '', rows: report.rowsAccepted, id: report.loadId ?? '' };
    say(t(dryRun ? 'sendChecked' : report.status === 'unchanged' ? 'sendUnchanged' : 'sent', values), 'ok');
  } catch (error) {
    say(t('failed', { message: error instanceof Error ? error.message : String(error) }), 'error');
  }
}

/** Each error as a link to its cell; nothing was loaded. */
function refused(table: Awaited<ReturnType<typeof readTable>>, report: IngestResponse, t: Translate): void {
  const items = errorCells(table, report.errors).map((e) => {
    const item = document.createElement('li');
    if (e.cell) {
      const link = document.createElement('button');
      link.type = 'button';
      link.className = 'link';
      link.textContent = e.address!;
      link.dataset.sheet = e.sheet;
      link.dataset.cell = e.cell;
      link.addEventListener('click', () => void selectCell(e.sheet, e.cell!));
      item.append(link, ` ${e.message}`);
    } else item.textContent = e.message;
    return item;
  });
  if (report.errorCount > report.errors.length) {
    const more = document.createElement('li');
    more.textContent = t('moreErrors', { count: report.errorCount - report.errors.length });
    items.push(more);
  }
  $('send-errors').replaceChildren(...items);
  say(t('sendRefused', { table: table.table, count: report.errorCount }), 'error');
}
