/**
 * @module records – the store's records as the answers carry them: approvals, loads, lessons, key figures, status
 * assessments. Each from its named query's typed row, parsed with its contract where the contract is narrower than the
 * row's text (a subject, a status).
 */
import {
  approvalSchema,
  assessmentSchema,
  loadSchema,
  type Approval,
  type Assessment,
  type KeyFigureListResponse,
  type LessonsResponse,
  type QueryRowOf,
} from '../contracts/index.js';
import { isOperatingCostRise, toSek } from '../model/operating-cost.js';
import { bigintOrNull, textOrNull } from './values.js';

export const toApproval = (r: QueryRowOf<'approvals'>): Approval =>
  approvalSchema.parse({
    id: Number(r.id),
    program: r.program,
    subject: r.subject,
    version: Number(r.version),
    comment: textOrNull(r.comment),
    approvedBy: textOrNull(r.approved_by),
    approvedAt: r.approved_at,
    versionFile: textOrNull(r.version_file),
    versionLoadedAt: textOrNull(r.version_loaded_at),
    versionUndone: r.version_undone_by !== null,
    versionUndoneBy: bigintOrNull(r.version_undone_by),
    versionReadable: r.version_readable,
  });

export const toLoad = (r: QueryRowOf<'load_log'>) =>
  loadSchema.parse({
    id: Number(r.load_id),
    file: r.file_name,
    sha256: r.sha256,
    kind: r.kind || null,
    status: r.status,
    rowsRead: Number(r.rows_read),
    rowsAccepted: Number(r.rows_accepted),
    rowsRejected: Number(r.rows_rejected),
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    loadedBy: r.loaded_by,
    rowsReplaced: bigintOrNull(r.rows_replaced) ?? 0,
    undoes: bigintOrNull(r.undoes),
    undoneBy: bigintOrNull(r.undone_by),
  });

/** A status assessment of a benefit in a period. */
export const toAssessment = (r: QueryRowOf<'benefit_status'>): Assessment =>
  assessmentSchema.parse({
    period: r.period,
    grain: r.grain,
    start: r.period_start,
    end: r.period_end,
    status: r.status,
    confidence: textOrNull(r.confidence),
    comment: textOrNull(r.comment),
    assessedBy: textOrNull(r.assessed_by),
    assessed: r.assessed,
  });

export const toLesson = (r: QueryRowOf<'lessons'>): LessonsResponse['lessons'][number] => ({
  program: r.program,
  id: r.id,
  date: r.date,
  area: textOrNull(r.area),
  lesson: r.lesson,
  action: textOrNull(r.action),
  owner: textOrNull(r.owner),
  spreadTo: (r.spread_to ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
});

/** A key figure with its value in SEK and whether it is a yearly rise in operating costs. */
export const toKeyFigure = (r: QueryRowOf<'key_figures'>): KeyFigureListResponse['keyFigures'][number] => ({
  name: r.name,
  value: r.value,
  unit: r.unit,
  period: r.period ?? '',
  source: r.source,
  note: r.note,
  valueSek: toSek(r.value, r.unit),
  operatingCostRise: isOperatingCostRise(r.name, r.unit),
});
