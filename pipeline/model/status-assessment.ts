/**
 * @module status-assessment – a benefit's judged status (grön, gul, röd: the delivery-confidence RAG) beside what its
 * indicators measure. A judged green with a measured "at risk" is the conversation a steering group needs.
 */
import type { JudgedStatus } from '../contracts/index.js';

// One declaration each: these shapes are the contracts' (the answers carry them as they are).
export type { JudgedStatus };

export type MeasuredStatus = 'reached' | 'on_track' | 'at_risk' | 'not_measured';

/**
 * Whether the judgement and the measurement differ: judged green while measured at risk, or judged red while measured
 * reached or on track. Yellow sits between and differs from neither; nothing measured cannot disagree.
 */
export function disagrees(judged: JudgedStatus, measured: MeasuredStatus): boolean {
  if (judged === 'grön') return measured === 'at_risk';
  if (judged === 'röd') return measured === 'reached' || measured === 'on_track';
  return false;
}

/** The latest year the roll-up measures a benefit, and its status then; not measured when no year is. */
export function latestMeasured(rows: readonly { year: number; status: MeasuredStatus }[]): { year: number | null; status: MeasuredStatus } {
  const measured = rows.filter((r) => r.status !== 'not_measured').sort((a, b) => b.year - a.year)[0];
  return measured ? { year: measured.year, status: measured.status } : { year: null, status: 'not_measured' };
}
