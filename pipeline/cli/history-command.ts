/** @module history-command – `nytta undo ID` and `nytta purge --before DATE`: withdraw a load; remove old history for good. */
import { createInterface } from 'node:readline/promises';
import { existsSync } from 'node:fs';
import { UserError } from '../errors.js';
import { openStore } from '../store/open-store.js';
import { planPurge, purgeHistory, type PurgePlan } from '../store/purge.js';
import { undoLoad, type UndoReport } from '../store/undo.js';
import { rebuildRollup, whoRuns } from './ingest-command.js';
import { remoteUndo } from './remote.js';

export interface UndoCommandOptions {
  db: string;
  server?: string;
  token?: string;
}

function loadId(raw: string): number {
  if (!/^\d{1,15}$/.test(raw) || Number(raw) < 1)
    throw new UserError(`"${raw}" är inget inläsnings-id: ange ett heltal, t.ex. nytta undo 12.`, 'load_id_invalid');
  return Number(raw);
}

function storeMissing(db: string): UserError {
  return new UserError(`Lagret ${db} finns inte. Läs in data först (nytta ingest eller nytta demo).`, 'store_missing');
}

export async function runUndo(raw: string, options: UndoCommandOptions): Promise<number> {
  const id = loadId(raw);
  let report: UndoReport;
  if (options.server) {
    report = await remoteUndo({ url: options.server, token: options.token ?? process.env.NYTTA_TOKEN }, id);
  } else {
    if (!existsSync(options.db)) throw storeMissing(options.db);
    const store = await openStore(options.db);
    try {
      console.error(`Ångrar inläsning ${id} i ${options.db} …`);
      report = await undoLoad(store.connection, id, { undoneBy: `${whoRuns()} (nytta undo)` });
      await rebuildRollup(store.connection);
    } finally {
      store.close();
    }
  }
  console.log(
    `Inläsning ${report.undone} ångrad (som inläsning ${report.undoId}): ${report.rowsRemoved} rader togs bort, ` +
      `${report.rowsRestored} ersatta rader gäller igen. Ångra ${report.undoId} för att få tillbaka den.`,
  );
  return 0;
}

export interface PurgeCommandOptions {
  db: string;
  before: string;
  yes?: boolean;
}

const described = (plan: PurgePlan) =>
  Object.entries(plan.rows)
    .map(([table, n]) => `${table}: ${n}`)
    .join(', ');

/** Shows what would go, asks for "ja" (or takes --yes), then purges. */
export async function runPurge(options: PurgeCommandOptions): Promise<number> {
  if (!existsSync(options.db)) throw storeMissing(options.db);
  const store = await openStore(options.db);
  try {
    const plan = await planPurge(store.connection, options.before);
    if (plan.total === 0) {
      console.log(`Ingen historik ersattes före ${plan.before}; inget att rensa.`);
      return 0;
    }
    console.log(`Rensar ${plan.total} historiska rader, ersatta före ${plan.before} (${described(plan)}).`);
    console.log(`Därefter kan lagret inte visas som det var före inläsning ${plan.horizon} (asOf).`);
    if (!options.yes) {
      if (!process.stdin.isTTY) throw new UserError('Bekräfta med --yes (ingen terminal att fråga i).', 'confirmation_needed');
      const prompt = createInterface({ input: process.stdin, output: process.stdout });
      const reply = await prompt.question('Skriv ja för att rensa: ');
      prompt.close();
      if (reply.trim().toLowerCase() !== 'ja') {
        console.log('Avbrutet; inget rensat.');
        return 1;
      }
    }
    const done = await purgeHistory(store.connection, options.before, `${whoRuns()} (nytta purge)`);
    console.log(`Rensat: ${done.total} rader.`);
    return 0;
  } finally {
    store.close();
  }
}
