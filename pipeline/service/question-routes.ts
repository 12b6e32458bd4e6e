/** @module question-routes – every question's route, by its name in the questions' table (contracts/questions.ts). */
import type { QuestionName } from '../contracts/index.js';
import type { QuestionRoute } from './define-route.js';
import { actionsRoute } from './routes/actions.js';
import { approvalsRoute } from './routes/approvals.js';
import { baselineRoute } from './routes/baseline.js';
import { benefitStatusRoute } from './routes/benefit-status.js';
import { businessCaseRoute } from './routes/business-case.js';
import { followupRoute } from './routes/followup.js';
import { keyFiguresRoute } from './routes/key-figures.js';
import { lessonsRoute } from './routes/lessons.js';
import { loadsRoute } from './routes/loads.js';
import { portfolioRoute } from './routes/portfolio.js';
import { productionLossRoute } from './routes/production-loss.js';
import { riskMatrixRoute } from './routes/risk-matrix.js';

export const QUESTION_ROUTES: { [Q in QuestionName]: QuestionRoute<Q> } = {
  businessCase: businessCaseRoute,
  followup: followupRoute,
  riskMatrix: riskMatrixRoute,
  baseline: baselineRoute,
  productionLoss: productionLossRoute,
  keyFigures: keyFiguresRoute,
  loads: loadsRoute,
  portfolio: portfolioRoute,
  benefitStatus: benefitStatusRoute,
  approvals: approvalsRoute,
  actions: actionsRoute,
  lessons: lessonsRoute,
};
