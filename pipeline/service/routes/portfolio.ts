/**
 * @module portfolio – `GET /api/v1/portfolio` (reader): each program's own answers asked in process of the caller's
 * service (`GET /api/v1/business-case?program=`, the follow-up and the risk matrix, with the caller's role and kept as
 * those are), and the base scenarios' benefit lines, answered by `portfolioAnswer`.
 */
import { Refusal } from '../../contracts/index.js';
import { UnknownEntryError } from '../../errors.js';
import { benefitClaims, portfolioAnswer, type ProgramAnswers } from '../../answers/portfolio.js';
import { questionRoute } from '../define-route.js';
import { answer } from '../context.js';

/** An answer, or null when the program has none (a 404). */
async function orNull<T>(work: Promise<T>): Promise<T | null> {
  try {
    return await work;
  } catch (error) {
    if ((error instanceof Refusal && error.status === 404) || error instanceof UnknownEntryError) return null;
    throw error;
  }
}

export const portfolioRoute = questionRoute({
  question: 'portfolio',
  operationId: 'getPortfolio',
  summary:
    'Portföljen: varje program med fas, ägare, driftstart och status, nyttokalkylens npv, bcr och payback, uppföljningens statusar senaste mätta år, sena milstolpar och risker per färg med försenade åtgärder; overlaps[] där två program räknar samma nytta, och totals där varje överlappande belopp räknas en gång',
  role: 'reader',
  errors: [400, 406],
  async answer(deps, _q, service) {
    const programs = (await answer(deps, 'catalogue_programs', {})).rows;
    const answers: ProgramAnswers[] = await Promise.all(
      programs.map(async (program) => {
        const [bc, followup, risks] = await Promise.all([
          orNull(service.businessCase({ program: program.id })),
          service.followup({ program: program.id }),
          service.riskMatrix({ program: program.id }),
        ]);
        return { program, bc, followup, risks };
      }),
    );
    const withCase = answers.filter((a) => a.bc !== null);
    const lines = await Promise.all(
      withCase.map((a) => answer(deps, 'business_case', { program: a.program.id, scenario: a.bc!.scenario })),
    );
    return portfolioAnswer(
      answers,
      lines.flatMap(({ rows }, i) => benefitClaims(withCase[i].program.id, rows)),
    );
  },
});
