/**
 * @module main – the task pane: connection, the five jobs' choices filled from the service's catalogue, and the two
 * buttons. Everything a job does is in `jobs.ts`; this file only reads and writes the page.
 */
import { healthResponse, loadsResponse, PARAMETER_DEFAULTS, queryAnswer, type HealthResponse } from '../../pipeline/contracts/index.js';
import { officeReady, officeSignIn } from '../excel/host.js';
import { nestedAppAuthSupported, nestedSignIn } from '../excel/nested-auth.js';
import { showActions } from './actions-panel.js';
import { approveVersion, showApprovals } from './approve-panel.js';
import { showLoads, uploadChosenFile } from './loads-panel.js';
import { fillTemplates, listTables, newTemplateTable, sendTable, tableChanged } from './send-panel.js';
import { associateFunctions } from '../functions/functions.js';
import { languageFor, translator, type Key, type Language, type Translate } from './i18n.js';
import { JOBS, jobRequest, runJob, verifyJob, type Choices, type Job } from './jobs.js';
import { serviceClient, type ServiceClient } from './service-client.js';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const select = (id: string) => $<HTMLSelectElement>(id);
const input = (id: string) => $<HTMLInputElement>(id);

type Row = Record<string, unknown>;
interface Catalogue {
  programs: Row[];
  effectGoals: Row[];
  benefits: Row[];
  indicators: Row[];
  units: Row[];
  assessments: Row[];
  scenarios: Map<string, readonly string[]>;
}

const STORAGE = { url: 'nytta.serviceUrl', token: 'nytta.token' };
const INDENT: Record<string, number> = { region: 0, forvaltning: 1, verksamhet: 2, enhet: 3 };

let t: Translate = translator('sv');
let catalogue: Catalogue | null = null;
let inExcel = false;

/** A field's placeholder is what the service takes when it is left empty, in the unit the field is read in. */
const PLACEHOLDERS: Record<string, number> = {
  rate: PARAMETER_DEFAULTS.rate * 100,
  peak: PARAMETER_DEFAULTS.peak * 100,
  costPerContact: PARAMETER_DEFAULTS.costPerContact,
  weeksBefore: PARAMETER_DEFAULTS.weeksBefore,
  weeksAfter: PARAMETER_DEFAULTS.weeksAfter,
  delayMonths: PARAMETER_DEFAULTS.delayMonths,
};

function translatePage(language: Language): void {
  document.querySelectorAll<HTMLElement>('[data-i18n]').forEach((el) => (el.textContent = t(el.dataset.i18n as Key)));
  document
    .querySelectorAll<HTMLInputElement>('[data-i18n-placeholder]')
    .forEach((el) => (el.placeholder = t(el.dataset.i18nPlaceholder as Key)));
  // As a person of the language writes it (3,5 in Swedish), without grouping, so it can be typed as shown.
  document.querySelectorAll<HTMLInputElement>('[data-default]').forEach((el) => {
    const value = String(Number(PLACEHOLDERS[el.dataset.default!].toPrecision(12)));
    el.placeholder = language === 'sv' ? value.replace('.', ',') : value;
  });
}

function fill(id: string, options: { value: string; label: string }[], keep = true): void {
  const el = select(id);
  const before = keep ? [...el.selectedOptions].map((o) => o.value) : [];
  el.replaceChildren(...options.map((o) => new Option(o.label, o.value, false, before.includes(o.value))));
  if (!el.multiple && !el.selectedOptions.length && el.options.length) el.selectedIndex = 0;
}

const rows = async (client: ServiceClient, path: string): Promise<Row[]> => (await client.call(path, queryAnswer)).rows;

function client(): ServiceClient {
  return serviceClient(input('service-url').value || location.origin, input('token').value, t);
}

function say(id: string, message: string, kind: 'ok' | 'error' | '' = ''): void {
  const el = $(id);
  el.textContent = message;
  el.className = kind;
}

async function loadCatalogue(c: ServiceClient): Promise<void> {
  const [programs, effectGoals, benefits, indicators, units, assessments, { loads }] = await Promise.all([
    rows(c, '/api/v1/queries/catalogue_programs'),
    rows(c, '/api/v1/queries/catalogue_effect_goals'),
    rows(c, '/api/v1/queries/catalogue_benefits'),
    rows(c, '/api/v1/queries/catalogue_indicators'),
    rows(c, '/api/v1/queries/catalogue_org_units'),
    rows(c, '/api/v1/queries/risk_assessments'),
    c.call('/api/v1/loads', loadsResponse),
  ]);
  // Each program's scenarios, from its business-case lines.
  const cases = await Promise.all(
    programs.map(
      async (p) =>
        [
          String(p.id),
          [
            ...new Set(
              (await rows(c, `/api/v1/queries/business_case?program=${encodeURIComponent(String(p.id))}`)).map((r) => String(r.scenario)),
            ),
          ],
        ] as const,
    ),
  );
  catalogue = { programs, effectGoals, benefits, indicators, units, assessments, scenarios: new Map(cases) };
  fill(
    'program',
    programs.map((p) => ({ value: String(p.id), label: p.name && p.name !== p.id ? `${p.id} – ${p.name}` : String(p.id) })),
  );
  const unitOptions = units.map((u) => ({
    value: String(u.id),
    label: `${'\u00a0\u00a0'.repeat(INDENT[String(u.level)] ?? 0)}${u.name}${u.go_live ? ` (${u.go_live})` : ''}`,
  }));
  fill('unit', [{ value: '', label: t('all') }, ...unitOptions]);
  const indicatorOptions = indicators.map((i) => ({ value: String(i.id), label: `${i.id} ${i.name}` }));
  fill('indicator', indicatorOptions);
  fill('volume-indicator', [{ value: '', label: t('noneChosen') }, ...indicatorOptions]);
  // Att göra and approvals are chosen per program of their own (Att göra also for all of them).
  const programOptions = programs.map((p) => ({
    value: String(p.id),
    label: p.name && p.name !== p.id ? `${p.id} – ${p.name}` : String(p.id),
  }));
  fill('actions-program', [{ value: '', label: t('allPrograms') }, ...programOptions]);
  fill('approve-program', programOptions);
  // A version to approve: the store as it stands, or right after a load that changed its figures (not an approval).
  fill('approve-version', [
    { value: '', label: t('latestVersion') },
    ...loads
      .filter((l) => l.status === 'loaded' && l.kind !== 'fastställelse' && l.undoneBy === null)
      .map((l) => ({ value: String(l.id), label: `${l.id} – ${l.file} (${l.finishedAt.slice(0, 16)})` })),
  ]);
  // Earlier versions to compare with: every load that changed the store, newest first.
  fill('compare-as-of', [
    { value: '', label: t('noComparison') },
    ...loads
      .filter((l) => l.status === 'loaded')
      .map((l) => ({ value: String(l.id), label: `${l.id} – ${l.file} (${l.finishedAt.slice(0, 16)})` })),
  ]);
  programChanged();
}

/** The choices that depend on the program, and the ones under them. */
function programChanged(): void {
  if (!catalogue) return;
  const program = select('program').value;
  const goals = catalogue.effectGoals.filter((g) => g.program === program);
  fill('effect-goal', [{ value: '', label: t('all') }, ...goals.map((g) => ({ value: String(g.id), label: `${g.id} ${g.text}` }))]);
  fill(
    'scenario',
    (catalogue.scenarios.get(program) ?? []).map((s) => ({ value: s, label: s })),
  );
  const own = catalogue.assessments.filter((a) => a.program === program);
  const dates = [...new Set((own.length ? own : catalogue.assessments).map((a) => String(a.assessed)))].sort().reverse();
  fill(
    'assessed',
    dates.map((d) => ({ value: d, label: d })),
    false,
  );
  effectGoalChanged();
}

function effectGoalChanged(): void {
  if (!catalogue) return;
  const program = select('program').value;
  const goal = select('effect-goal').value;
  const benefits = catalogue.benefits.filter(
    (b) =>
      b.program === program &&
      (!goal ||
        String(b.effect_goals ?? '')
          .split(',')
          .includes(goal)),
  );
  fill('benefit', [{ value: '', label: t('all') }, ...benefits.map((b) => ({ value: String(b.id), label: `${b.id} ${b.name}` }))]);
  benefitChanged();
}

function benefitChanged(): void {
  if (!catalogue) return;
  const benefit = select('benefit').value;
  const wanted = benefit ? [benefit] : [...select('benefit').options].map((o) => o.value).filter(Boolean);
  const measured = catalogue.indicators.filter((i) =>
    String(i.benefits ?? '')
      .split(',')
      .some((b) => wanted.includes(b)),
  );
  // A program whose benefits no indicator measures yet still offers every indicator.
  const list = measured.length ? measured : catalogue.indicators;
  fill(
    'indicators',
    list.map((i) => ({ value: String(i.id), label: `${i.id} ${i.name}` })),
  );
}

function jobChanged(): void {
  const job = select('job').value;
  document.querySelectorAll<HTMLElement>('[data-jobs]').forEach((el) => (el.hidden = !el.dataset.jobs!.split(' ').includes(job)));
  say('status', '');
}

function choices(): Choices {
  return {
    program: select('program').value,
    indicators: [...select('indicators').selectedOptions].map((o) => o.value),
    indicator: select('indicator').value,
    unit: select('unit').value,
    children: input('children').checked,
    from: input('from').value.trim(),
    to: input('to').value.trim(),
    grain: select('grain').value,
    breakdown: select('breakdown').value,
    goLive: input('go-live').value,
    window: input('window').value,
    scenario: select('scenario').value,
    rate: input('rate').value,
    volumeIndicator: select('volume-indicator').value,
    peak: input('peak').value,
    costPerContact: input('cost-per-contact').value,
    weeksBefore: input('weeks-before').value,
    weeksAfter: input('weeks-after').value,
    includeLoss: input('include-loss').checked,
    delayMonths: input('delay-months').value,
    perAdministration: input('per-administration').checked,
    compareAsOf: select('compare-as-of').value,
    followupLevel: select('followup-level').value,
    followupBreakdown: select('followup-breakdown').value,
    followupYears: input('followup-years').value,
    scale: select('scale').value,
    assessed: select('assessed').value,
  };
}

async function testConnection(): Promise<boolean> {
  localStorage.setItem(STORAGE.url, input('service-url').value);
  localStorage.setItem(STORAGE.token, input('token').value);
  say('connection-status', t('working'));
  try {
    const c = client();
    const health = await c.health();
    const me = await c.me();
    const via = { oidc: t('viaOidc'), token: t('viaToken'), local: t('viaLocal') }[me.signedInVia];
    say(
      'connection-status',
      t('connected', { version: health.version, loads: health.loads, observations: health.observations.toLocaleString('sv-SE') }) +
        (health.localMode ? t('connectedLocal') : t('signedInAs', { name: me.name, role: me.role, via })),
      'ok',
    );
    await loadCatalogue(c);
    await showLoads(c, t);
    if (inExcel) await listTables(t);
    return true;
  } catch (error) {
    say('connection-status', error instanceof Error ? error.message : String(error), 'error');
    $('connection').setAttribute('open', '');
    return false;
  }
}

/**
 * Signs in with what the host offers: nested app authentication where the host brokers tokens and the service names
 * the add-in's app, else Office's single sign-on. The token replaces the pasted one; where neither works, the pane
 * says why and the pasted token stays.
 */
async function signIn(): Promise<void> {
  say('connection-status', t('working'));
  const reasons: string[] = [];
  let settings: HealthResponse['signIn'] = null;
  try {
    // Health is public: it names the add-in's app before anyone is signed in.
    settings = (await client().call('/api/v1/health', healthResponse)).signIn;
  } catch (error) {
    return say('connection-status', error instanceof Error ? error.message : String(error), 'error');
  }
  if (settings && nestedAppAuthSupported()) {
    const nested = await nestedSignIn(settings);
    if ('token' in nested) return useToken(nested.token);
    reasons.push(`NAA: ${nested.unavailable}`);
  }
  const sso = await officeSignIn();
  if ('token' in sso) return useToken(sso.token);
  reasons.push(sso.unavailable);
  say('connection-status', t('signInUnavailable', { reason: reasons.join('; ') }), 'error');
}

async function useToken(token: string): Promise<void> {
  input('token').value = token;
  await testConnection();
}

async function busy(work: () => Promise<string>): Promise<void> {
  const buttons = [$<HTMLButtonElement>('write'), $<HTMLButtonElement>('verify')];
  const progress = $<HTMLProgressElement>('progress');
  buttons.forEach((b) => (b.disabled = true));
  progress.hidden = false;
  progress.removeAttribute('value');
  try {
    say('status', await work(), 'ok');
  } catch (error) {
    say('status', t('failed', { message: error instanceof Error ? error.message : String(error) }), 'error');
  } finally {
    buttons.forEach((b) => (b.disabled = false));
    progress.hidden = true;
  }
}

function onProgress(message: string, share: number | null): void {
  const progress = $<HTMLProgressElement>('progress');
  if (share === null) progress.removeAttribute('value');
  else progress.value = share;
  say('status', message);
}

async function write(event: Event): Promise<void> {
  event.preventDefault();
  const job = select('job').value as Job;
  const request = jobRequest(job, choices(), t);
  if ('problem' in request) return say('status', request.problem, 'error');
  await busy(() => runJob(client().call, request, onProgress, t));
}

async function verify(): Promise<void> {
  await busy(() => verifyJob(client().call, select('job').value as Job, onProgress, t));
}

async function start(): Promise<void> {
  // In the shared runtime this page also hosts =NYTTA.SERIE; Excel wants the association as the script loads.
  associateFunctions();
  const host = await officeReady();
  // Outside Office there is no display language: Swedish then.
  const language = languageFor(host.displayLanguage);
  t = translator(language);
  document.documentElement.lang = language;
  translatePage(language);
  inExcel = host.inExcel;
  fillTemplates(t, language);
  if (!host.inExcel) {
    $('host-notice').textContent = t('notExcel');
    $('host-notice').hidden = false;
  }
  input('service-url').value = localStorage.getItem(STORAGE.url) || location.origin;
  input('token').value = localStorage.getItem(STORAGE.token) ?? '';
  select('job').addEventListener('change', jobChanged);
  select('program').addEventListener('change', programChanged);
  select('effect-goal').addEventListener('change', effectGoalChanged);
  select('benefit').addEventListener('change', benefitChanged);
  $('test-connection').addEventListener('click', () => void testConnection());
  $('sign-in').addEventListener('click', () => void signIn());
  $('upload').addEventListener('click', () => void uploadChosenFile(client(), t));
  $('refresh-tables').addEventListener('click', () => void listTables(t));
  select('send-table').addEventListener('change', tableChanged);
  $('send-table-button').addEventListener('click', () => void sendTable(client(), t, false));
  $('send-check').addEventListener('click', () => void sendTable(client(), t, true));
  $('new-table').addEventListener('click', () => void newTemplateTable(t));
  $('show-actions').addEventListener('click', () => void showActions(client(), t));
  select('actions-program').addEventListener('change', () => void showActions(client(), t));
  select('actions-owner').addEventListener('change', () => void showActions(client(), t));
  $('actions-panel').addEventListener('toggle', () => {
    if ($('actions-panel').hasAttribute('open')) void showActions(client(), t);
  });
  $('approve').addEventListener('click', () => void approveVersion(client(), t));
  select('approve-program').addEventListener('change', () => void showApprovals(client(), t));
  $('approve-panel').addEventListener('toggle', () => {
    if ($('approve-panel').hasAttribute('open')) void showApprovals(client(), t).catch(() => undefined);
  });
  $('job-form').addEventListener('submit', (e) => void write(e));
  $('verify').addEventListener('click', () => void verify());
  jobChanged();
  document.body.dataset.ready = JOBS.join(' ');
  if (await testConnection()) $('connection').removeAttribute('open');
}

void start();
