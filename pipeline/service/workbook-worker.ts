/** @module workbook-worker – a worker thread's entry: sheet plans in, the .xlsx file's bytes out (see render-off-thread). */
import { parentPort, workerData } from 'node:worker_threads';
import { workbookBuffer } from '../../addin/xlsx/render-workbook.js';
import type { SheetPlan } from '../../addin/sheets/plan.js';

const buffer = await workbookBuffer(workerData as SheetPlan[]);
parentPort!.postMessage(buffer, [buffer.buffer as ArrayBuffer]);
