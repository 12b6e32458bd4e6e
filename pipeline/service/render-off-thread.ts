/**
 * @module render-off-thread – the workbook route's .xlsx written in a worker thread. Writing a big workbook is minutes
 * of JavaScript (measured: a follow-up of every unit by age over ten years, 15 167 rows, took 114 s in ExcelJS) that no
 * DuckDB interrupt reaches: on the service's own thread it held up every other request, health too, and went on after
 * its caller had gone. In a worker the service keeps answering, and a stopped request ends the worker.
 */
import { Worker } from 'node:worker_threads';
import type { SheetPlan } from '../../addin/sheets/plan.js';

const ENTRY = new URL('./workbook-worker.ts', import.meta.url).href;

/**
 * The worker runs the TypeScript entry through tsx, as `nytta` itself does (a worker does not inherit the loader).
 * Resolved when first needed: only the workbook route uses it.
 */
const bootstrap = () =>
  `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((m) => { m.register(); return import(${JSON.stringify(ENTRY)}); })`;

/** The plans as an .xlsx file; `signal` ending (the request's time limit, or its caller gone) ends the worker. */
export function renderOffThread(plans: readonly SheetPlan[], signal: AbortSignal | undefined, stopped: () => Error): Promise<Buffer> {
  if (signal?.aborted) return Promise.reject(stopped());
  return new Promise((resolve, reject) => {
    const worker = new Worker(bootstrap(), { eval: true, workerData: plans });
    const stop = () => {
      void worker.terminate();
      reject(stopped());
    };
    signal?.addEventListener('abort', stop, { once: true });
    const done = () => signal?.removeEventListener('abort', stop);
    worker.once('message', (bytes: Uint8Array) => {
      done();
      resolve(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      void worker.terminate();
    });
    worker.once('error', (error) => {
      done();
      reject(error);
    });
    worker.once('exit', (code) => {
      done();
      if (code !== 0) reject(new Error(`the workbook worker exited with ${code}`));
    });
  });
}
