/**
 * @module workbook – the task pane's three ways into the open workbook, each one `Excel.run`: write plans, check them
 * against fresh ones, and read back which jobs wrote Nytta's sheets. With these, Office.js stays inside `addin/excel/`.
 */
import type { SheetPlan } from '../sheets/plan.js';
import { applyPlans, type ApplyOptions, type ApplyReport } from './apply-plans.js';
import { loadRegistry, registryOf, type ManagedSheet } from './operations.js';
import { describeVerification, verifyPlans } from './verify-plans.js';

/** Writes `plans` into the open workbook. */
export function writePlans(plans: readonly SheetPlan[], options: ApplyOptions): Promise<ApplyReport> {
  return Excel.run((context) => applyPlans(context, plans, options));
}

/** Compares Nytta's ranges with `plans` and says, in Swedish, whether they match. */
export function checkPlans(plans: readonly SheetPlan[]): Promise<string> {
  return Excel.run(async (context) => describeVerification(await verifyPlans(context, plans)));
}

/** The sheets Nytta wrote, each with the job behind it, as kept in the workbook's settings. */
export function writtenSheets(): Promise<{ sheet: string; job: NonNullable<ManagedSheet['job']> }[]> {
  return Excel.run(async (context) => {
    const setting = loadRegistry(context.workbook);
    await context.sync();
    return registryOf(setting).flatMap((m) => (m.job ? [{ sheet: m.sheet, job: m.job }] : []));
  });
}

/** The jobs behind the sheets Nytta wrote. */
export async function writtenJobs(): Promise<NonNullable<ManagedSheet['job']>[]> {
  return (await writtenSheets()).map((w) => w.job);
}
