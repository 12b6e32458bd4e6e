/**
 * @module approve-panel – *Fastställ en version*: a controller approves the version of a program's business case,
 * targets, baselines or report they looked at (a load, or the store as it stands); the program's approvals listed, a
 * version undone since said so.
 */
import { approvalsResponse, type Approval } from '../../pipeline/contracts/index.js';
import { queryString } from '../service/service-call.js';
import type { Key, Translate } from './i18n.js';
import type { ServiceClient } from './service-client.js';
import { say as sayIn } from './status-line.js';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

const SUBJECT: Record<Approval['subject'], Key> = {
  nyttokalkyl: 'subjectCase',
  malvarden: 'subjectTargets',
  baslinje: 'subjectBaseline',
  rapport: 'subjectReport',
};

const say = (message: string, kind: 'ok' | 'error' | '' = '') => sayIn('approve-status', message, kind);

/** The chosen program's approvals, the latest first. */
export async function showApprovals(client: ServiceClient, t: Translate): Promise<void> {
  const program = $<HTMLSelectElement>('approve-program').value;
  if (!program) return;
  const { approvals } = await client.call(`/api/v1/approvals?${queryString({ program })}`, approvalsResponse);
  const items = approvals.map((a) => {
    const item = document.createElement('li');
    item.textContent =
      t('approvalLine', { subject: t(SUBJECT[a.subject]), version: a.version, at: a.approvedAt.slice(0, 16), who: a.approvedBy ?? '–' }) +
      (a.versionUndone ? t('versionUndone') : '');
    if (a.versionUndone) item.className = 'error';
    return item;
  });
  if (!items.length) {
    const none = document.createElement('li');
    none.textContent = t('noApprovals');
    items.push(none);
  }
  $('approvals-list').replaceChildren(...items);
}

/** Approves the chosen version and says what was recorded. */
export async function approveVersion(client: ServiceClient, t: Translate): Promise<void> {
  const program = $<HTMLSelectElement>('approve-program').value;
  const subject = $<HTMLSelectElement>('approve-subject').value as Approval['subject'];
  const version = $<HTMLSelectElement>('approve-version').value;
  const comment = $<HTMLInputElement>('approve-comment').value.trim();
  say(t('working'));
  try {
    const approval = await client.approve({
      program,
      subject,
      ...(version ? { asOf: version } : {}),
      ...(comment ? { comment } : {}),
    });
    // The list first, then the outcome: whoever reads the outcome finds the list already showing it.
    await showApprovals(client, t);
    say(t('approvedNow', { subject: t(SUBJECT[approval.subject]), program: approval.program, version: approval.version }), 'ok');
  } catch (error) {
    say(t('failed', { message: error instanceof Error ? error.message : String(error) }), 'error');
  }
}
