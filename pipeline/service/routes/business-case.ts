/**
 * @module business-case – `GET /api/v1/business-case?program=&scenario=&rate=&fromYear=&kind=…`: the program's lines,
 * the production loss and the key figures read from the store, answered by `businessCaseAnswer`, with the latest
 * approved version beside today's figures.
 */
import { Refusal, type Approval, type ApprovedCase } from '../../contracts/index.js';
import {
  approvedCaseAnswer,
  askedScenario,
  businessCaseAnswer,
  caseLines,
  operatingCostFigures,
  type CaseFigures,
  type CaseQuestion,
} from '../../answers/business-case.js';
import { questionRoute } from '../define-route.js';
import { answer, readingAsOf, type ServiceDeps } from '../context.js';
import { latestApprovals } from './approvals.js';
import { storeKeyFigures } from './key-figures.js';
import { modelledLoss } from './production-loss.js';

const YEAR_COLUMNS = [
  { name: 'year', type: 'INTEGER' },
  { name: 'costs', type: 'DOUBLE' },
  { name: 'benefits', type: 'DOUBLE' },
  { name: 'net', type: 'DOUBLE' },
  { name: 'cumulativeNet', type: 'DOUBLE' },
  { name: 'discountFactor', type: 'DOUBLE' },
  { name: 'discountedNet', type: 'DOUBLE' },
  { name: 'cumulativeDiscountedNet', type: 'DOUBLE' },
] as const;

/** The answer to one question about a program's business case, as the store stands for the reader (or `asOf`). */
async function caseFigures(deps: ServiceDeps, q: CaseQuestion): Promise<CaseFigures> {
  const lines = caseLines((await answer(deps, 'business_case', { program: q.program })).rows);
  const scenario = askedScenario(q, lines);
  const loss = q.volumeIndicator ? await modelledLoss(deps, { ...q, volumeIndicator: q.volumeIndicator }) : null;
  const figures = operatingCostFigures(await storeKeyFigures(deps, q.operatingCostFigure), q.operatingCostFigure);
  return businessCaseAnswer(q, scenario, lines, loss, figures);
}

/**
 * The latest approved version beside today's figures: the same question asked of the store as it stood right after
 * the approved load. A question the approved version cannot answer (a scenario added since) or a version whose history
 * was purged gives no figures, the approval still named.
 */
async function approvedCase(
  deps: ServiceDeps,
  q: CaseQuestion,
  now: CaseFigures,
  approval: Approval | undefined,
): Promise<ApprovedCase | null> {
  if (!approval) return null;
  const then = approval.versionReadable
    ? await readingAsOf(approval.version, () => caseFigures(deps, { ...q, scenario: now.scenario })).catch((error: unknown) => {
        if (error instanceof Refusal) return null;
        throw error;
      })
    : null;
  return approvedCaseAnswer(approval, now, then);
}

export const businessCaseRoute = questionRoute({
  question: 'businessCase',
  operationId: 'getBusinessCase',
  summary:
    'Nyttokalkylens nyckeltal: npv, bcr, payback, discountedPayback, irr, breakEvenAnnualBenefit, years[], och samma till förväntat värde under expected',
  role: 'reader',
  errors: [400, 404, 406],
  async answer(deps, q) {
    // The approvals are asked beside the figures, not after them: most programs have none, and it costs no wait.
    const [figures, approvals] = await Promise.all([caseFigures(deps, q), latestApprovals(deps, q.program)]);
    return { ...figures, approved: await approvedCase(deps, q, figures, approvals.nyttokalkyl) };
  },
  table: (body) => ({ columns: YEAR_COLUMNS, rows: body.years }),
});
