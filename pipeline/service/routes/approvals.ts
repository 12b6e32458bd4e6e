/**
 * @module approvals – `POST /api/v1/approvals` (controller): a version of a program's business case, targets, baselines
 * or report approved (fastställd), recorded as a load of its own; `GET /api/v1/approvals?program=&subject=` (reader):
 * every approval, the latest first, an approved version that was later undone flagged.
 */
import { z } from 'zod';
import { approvalRequest, approvalSchema, type Approval, type ApprovalSubject } from '../../contracts/index.js';
import { toApproval } from '../../answers/records.js';
import { recordApproval } from '../../store/approve.js';
import { requireRole } from '../auth.js';
import { questionRoute, type RouteDefinition } from '../define-route.js';
import { answer, badRequest, currentAsOf, withReader, type ServiceDeps } from '../context.js';

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

export type LatestApprovals = Partial<Record<ApprovalSubject, Approval>>;

/** The program's latest approval of each subject in force (an approval undone is no longer one), in one question. */
export async function latestApprovals(deps: ServiceDeps, program: string): Promise<LatestApprovals> {
  if (!(await mayHaveApprovals(deps))) return {};
  const { rows } = await answer(deps, 'approvals', { program });
  const latest: LatestApprovals = {};
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

export const approvalsRoute = questionRoute({
  question: 'approvals',
  operationId: 'listApprovals',
  summary:
    'Fastställda versioner (nyttokalkyl, målvärden, baslinjer, rapport): vilken version, vem, när och varför; en fastställd version som senare ångrats står kvar, flaggad (POST för att fastställa)',
  role: 'reader',
  errors: [400, 404, 406],
  answer: async (deps, q) => ({
    approvals: (await answer(deps, 'approvals', { program: q.program ?? '', subject: q.subject ?? '' })).rows.map(toApproval),
  }),
  table: (body) => ({ columns: COLUMNS, rows: body.approvals }),
});

export const approveRoute: RouteDefinition = {
  method: 'post',
  path: '/api/v1/approvals',
  operationId: 'approveVersion',
  summary:
    'Fastställ en version (roll controller): {program, subject, asOf, comment}, subject nyttokalkyl, malvarden, baslinje eller rapport; asOf är versionen (inläsnings-id eller tidpunkt), utan den lagret som det står. Fastställelsen är en egen inläsning som kan läsas asOf och ångras',
  access: 'controller',
  body: { 'application/json': { schema: z.toJSONSchema(approvalRequest, { io: 'input', unrepresentable: 'any' }) } },
  ok: { status: 201, description: 'fastställd', schema: approvalSchema },
  errors: [400],
  async handle(c, deps) {
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
  },
};
