/**
 * The add-in benchmark: sheet plans applied through the Office.js adapter to the recording stand-in for Excel, on a
 * store built by the ingest benchmark. For a 100 000-cell indicator table (real observation rows) and for the full
 * business-case and all-jobs workbooks: syncs, request bytes per sync as the stand-in measures them, and the minimum the
 * 5 MB payload limit allows (one read, then the written bytes over the limit, rounded up). Also with a 1 MB budget,
 * where the limit forces several batches.
 */
import { applyPlans } from '../addin/excel/apply-plans.js';
import { PAYLOAD_LIMIT } from '../addin/excel/operations.js';
import { indicatorSheet } from '../addin/sheets/indicator-sheets.js';
import type { SheetPlan } from '../addin/sheets/plan.js';
import { buildService } from '../pipeline/service/start.js';
import { openStore } from '../pipeline/store/open-store.js';
import { buildPlans } from '../addin/service/build-plans.js';
import { httpService } from '../addin/service/http-service.js';
import { serviceCall } from '../addin/service/service-call.js';
import { queryAnswer } from '../pipeline/contracts/index.js';
import { createExcelStandIn } from '../test/helpers/excel-standin.js';

export interface AddinRun {
  what: string;
  cells: number;
  budgetBytes: number;
  syncs: number;
  minimumSyncs: number;
  bytesPerSync: number[];
  largestSyncBytes: number;
  ms: number;
}

async function measure(what: string, plans: SheetPlan[], budget: number, limit: number): Promise<AddinRun> {
  const excel = createExcelStandIn({ payloadLimit: limit });
  const start = performance.now();
  const report = await applyPlans(excel.context as unknown as Excel.RequestContext, plans, { budget });
  const ms = performance.now() - start;
  const bytes = excel.state.syncs.map((s) => s.bytes);
  const written = bytes.slice(1).reduce((a, b) => a + b, 0);
  return {
    what,
    cells: plans.reduce((n, p) => n + p.blocks.reduce((m, b) => m + b.cells.reduce((k, r) => k + r.length, 0), 0), 0),
    budgetBytes: budget,
    syncs: report.syncs,
    minimumSyncs: 1 + Math.ceil(written / limit),
    bytesPerSync: bytes,
    largestSyncBytes: Math.max(...bytes),
    ms: Math.round(ms),
  };
}

export async function addinBenchmark(db: string): Promise<{ runs: AddinRun[]; payloadLimit: number; target: string }> {
  const store = await openStore(db, { readOnly: true });
  try {
    const { app } = await buildService(store, { host: '127.0.0.1', port: 0, env: {} });
    const call = serviceCall((path, init) => app.request(path, init));
    const observations = (await call('/api/v1/queries/observations?indicator=IND02&from=2019&to=2024', queryAnswer)).rows.slice(0, 25_000);
    const table = indicatorSheet([{ indicator: 'IND02', name: 'Observationer', breakdown: 'none', rows: observations }], {
      source: '/api/v1/queries/observations',
      parameters: { indicator: 'IND02' },
      loads: [],
      writtenAt: new Date().toISOString(),
    });
    const businessCase = await buildPlans(httpService(call), 'nyttokalkyl', { program: 'FVIS', volumeIndicator: 'IND05' });
    const all = await buildPlans(httpService(call), 'alla', { program: 'FVIS' });
    const runs: AddinRun[] = [];
    const oneMiB = 1024 * 1024;
    for (const [what, plans] of [
      ['indikatortabell (25 000 rader × 4)', [table]],
      ['nyttokalkyl', businessCase],
      ['alla fem uppgifter', all],
    ] as const) {
      runs.push(await measure(what, [...plans], Math.floor(PAYLOAD_LIMIT * 0.9), PAYLOAD_LIMIT));
      runs.push(await measure(`${what}, gräns 1 MiB`, [...plans], Math.floor(oneMiB * 0.9), oneMiB));
    }
    return { runs, payloadLimit: PAYLOAD_LIMIT, target: 'syncs ≤ minimumSyncs + 2' };
  } finally {
    store.close();
  }
}
