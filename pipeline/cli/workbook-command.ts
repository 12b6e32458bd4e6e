/**
 * @module workbook-command – `nytta workbook <kind> --out FILE.xlsx`: the add-in's sheets as files, from the store or a
 * running service.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { writeWorkbook } from '../../addin/xlsx/render-workbook.js';
import { UserError } from '../errors.js';
import { buildService } from '../service/start.js';
import { openStore, type Store } from '../store/open-store.js';
import { administrations, buildPlans, WORKBOOK_KINDS, WORKBOOK_PARAMS, type WorkbookKind } from '../../addin/service/build-plans.js';
import { httpService } from '../../addin/service/http-service.js';
import { serviceCall } from '../../addin/service/service-call.js';
import type { NyttaService } from '../contracts/index.js';
import { LOCAL_CALLER } from '../service/auth.js';
import { inProcessService } from '../service/in-process.js';
import { forEachItem } from './per-item.js';
import { createProgress } from './progress.js';
import { parseParams } from './query-command.js';

export interface WorkbookCommandOptions {
  out: string;
  param: string[];
  per?: string;
  db: string;
  server?: string;
  token?: string;
  /** The store as it stood right after this load (or at this moment). */
  asOf?: string;
}

/** The service on the store (in process, as local mode's caller) or a running service (over HTTP). */
export async function connect(
  options: Pick<WorkbookCommandOptions, 'db' | 'server' | 'token'>,
): Promise<{ service: NyttaService; store?: Store }> {
  if (options.server) {
    const base = options.server.replace(/\/+$/, '');
    const token = options.token ?? process.env.NYTTA_TOKEN;
    const call = serviceCall((path, init) => fetch(`${base}${path}`, init), token ? { authorization: `Bearer ${token}` } : {});
    return { service: httpService(call) };
  }
  if (!existsSync(options.db))
    throw new UserError(`Lagret ${options.db} finns inte. Läs in data först (nytta ingest eller nytta demo).`, 'store_missing');
  const store = await openStore(options.db, { readOnly: true });
  const { deps } = await buildService(store, { host: '127.0.0.1', port: 0, env: {} });
  return { service: inProcessService(deps, LOCAL_CALLER), store };
}

export async function runWorkbook(kind: string, options: WorkbookCommandOptions): Promise<number> {
  if (!(WORKBOOK_KINDS as readonly string[]).includes(kind))
    throw new UserError(`Okänd arbetsbok "${kind}". Giltiga: ${WORKBOOK_KINDS.join(', ')}.`, 'workbook_unknown');
  if (options.per && options.per !== 'forvaltning')
    throw new UserError(`--per kan bara vara forvaltning, inte "${options.per}".`, 'per_unknown');
  // One workbook per administration is one per unit: only for the kinds that take a unit.
  if (options.per && !WORKBOOK_PARAMS[kind as WorkbookKind].includes('unit'))
    throw new UserError(
      `--per forvaltning gäller arbetsböcker som tar en enhet (${WORKBOOK_KINDS.filter((k) => WORKBOOK_PARAMS[k].includes('unit')).join(', ')}), inte ${kind}.`,
      'per_unknown',
    );
  const params = parseParams(options.param);
  const { service, store } = await connect(options);
  if (options.asOf) params.asOf = options.asOf;
  try {
    if (!options.per) {
      const plans = await buildPlans(service, kind as WorkbookKind, params);
      await writeWorkbook(options.out, plans);
      console.log(`Skrivet: ${options.out} (${plans.map((p) => p.name).join(', ')})`);
      return 0;
    }
    mkdirSync(options.out, { recursive: true });
    const progress = createProgress();
    const admins = await administrations(service);
    progress.start(admins.length, '');
    const results = await forEachItem(
      admins,
      (a) => a.name,
      async (a) => {
        const path = join(options.out, `${kind}-${a.id}.xlsx`);
        await writeWorkbook(path, await buildPlans(service, kind as WorkbookKind, { ...params, unit: a.id }));
      },
      (done, _total, label) => progress.update(done, label),
    );
    progress.stop();
    for (const r of results) {
      console.log(
        r.ok
          ? `Skrivet: ${join(options.out, `${kind}-${r.item.id}.xlsx`)} (${r.item.name})`
          : `MISSLYCKADES: ${r.item.name} (${r.item.id}): ${r.error}`,
      );
    }
    return results.every((r) => r.ok) ? 0 : 1;
  } finally {
    store?.close();
  }
}
