/**
 * @module approvals – `POST /api/v1/approvals` (controller): a version of a program's business case, targets, baselines
 * or report approved (fastställd), recorded as a load of its own; `GET /api/v1/approvals?program=&subject=` (reader):
 * every approval, the latest first, an approved version that was later undone flagged.
 */
import { Hono } from 'hono';
import {
  approvalRequest,
  approvalSchema,
  approvalsQuery,
  type Approval,
  type ApprovalSubject,
  type ApprovalsResponse,
  type QueryRow,
} from '../../contracts/index.js';
import { recordApproval } from '../../store/approve.js';
import { requireRole } from '../auth.js';
import { answer, badRequest, currentAsOf, respond, validQuery, withReader, type Env, type ServiceDeps } from '../context.js';

const text = (v: unknown) => (v === null || v === undefined || v === '' ? null : String(v));
const int = (v: unknown) => (v === null || v === undefined ? null : Number(v));

export const toApproval = (r: QueryRow): Approval =>
  approvalSchema.parse({
    id: Number(r.id),
    program: String(r.program),
    subject: r.subject,
    version: Number(r.version),
    comment: text(r.comment),
    approvedBy: text(r.approved_by),
    approvedAt: String(r.approved_at),
    versionFile: text(r.version_file),
    versionLoadedAt: text(r.version_loaded_at),
    versionUndone: r.version_undone_by !== null && r.version_undone_by !== undefined,
    versionUndoneBy: int(r.version_undone_by),
    versionReadable: r.version_readable === true,
  });

// Whether the store as it stands has any approval, per service, remembered per commit through its gate.
const anyKnown = new WeakMap<ServiceDeps, { commits: number; any: boolean }>();

/**
 * Whether an approval may answer: most stores have none, and the business case and the follow-up then ask nothing
 * more. Learnt once per commit (between two commits the store stands still); read `asOf`, always asked, since an
 * approval undone since is in that version.
 */
async function mayHaveApprovals(deps: ServiceDeps): Promise<boolean> {
  if (currentAsOf() !== undefined) return true;
  return withReader(deps, async (connection) => {
    // Inside the reader no commit lands, so the count and the answer belong together.
    const commits = deps.gate.commits;
    const known = anyKnown.get(deps);
    if (known?.commits === commits) return known.any;
    const any = (await connection.runAndReadAll('SELECT EXISTS (SELECT 1 FROM approval)')).getRows()[0][0] === true;
    anyKnown.set(deps, { commits, any });
    return any;
  });
}

/** The program's latest approval of each subject in force (an approval undone is no longer one), in one question. */
export async function latestApprovals(deps: ServiceDeps, program: string): Promise<Partial<Record<ApprovalSubject, Approval>>> {
  if (!(await mayHaveApprovals(deps))) return {};
  const { rows } = await answer(deps, 'approvals', { program });
  const latest: Partial<Record<ApprovalSubject, Approval>> = {};
  // Newest first: the first of each subject is its latest.
  for (const approval of rows.map(toApproval)) latest[approval.subject] ??= approval;
  return latest;
}

const COLUMNS = [
  { name: 'id', type: 'BIGINT' },
  { name: 'program', type: 'VARCHAR' },
  { name: 'subject', type: 'VARCHAR' },
  { name: 'version', type: 'BIGINT' },
  { name: 'approvedBy', type: 'VARCHAR' },
  { name: 'approvedAt', type: 'VARCHAR' },
  { name: 'versionUndone', type: 'BOOLEAN' },
] as const;

export function approvalRoutes(deps: ServiceDeps): Hono<Env> {
  return new Hono<Env>()
    .get('/approvals', async (c) => {
      const q = validQuery(c, 'reader', approvalsQuery);
      const { rows } = await answer(deps, 'approvals', { program: q.program ?? '', subject: q.subject ?? '' });
      const body: ApprovalsResponse = { approvals: rows.map(toApproval) };
      return respond(c, body, { columns: COLUMNS, rows: body.approvals });
    })
    .post('/approvals', async (c) => {
      requireRole(c.get('role'), 'controller');
      const raw: unknown = await c.req.json().catch(() => {
        throw badRequest('anropet ska vara JSON: {"program", "subject", "asOf", "comment"}');
      });
      const parsed = approvalRequest.safeParse(raw);
      if (!parsed.success)
        throw badRequest(
          parsed.error.issues.map((i) => (i.code === 'unrecognized_keys' ? `okänt fält: ${i.keys.join(', ')}` : i.message)).join('; '),
        );
      const { program, subject, asOf, comment } = parsed.data;
      const id = await deps.writes.run(() =>
        recordApproval(
          deps.writer,
          { program, subject, asOf: asOf === undefined ? undefined : String(asOf), comment, approvedBy: c.get('caller') },
          { gate: deps.gate },
        ),
      );
      const { rows } = await answer(deps, 'approvals', { program, subject });
      const made = rows.find((r) => Number(r.id) === id);
      return c.json(toApproval(made!), 201);
    });
}
