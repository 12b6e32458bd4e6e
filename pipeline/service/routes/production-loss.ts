/**
 * @module production-loss – `GET /api/v1/production-loss?volumeIndicator=&costPerContact=&peak=&weeksBefore=&weeksAfter=`:
 * lost care production around each unit's go-live, modelled and measured (also the business case's, on request).
 */
import type { ProductionLossResponse } from '../../contracts/index.js';
import { lossCurve, productionLossAnswer, type LossParameters } from '../../answers/series.js';
import { questionRoute } from '../define-route.js';
import { answer, type ServiceDeps } from '../context.js';

const ADMINISTRATION_COLUMNS = [
  { name: 'administration', type: 'VARCHAR' },
  { name: 'lostContacts', type: 'DOUBLE' },
  { name: 'lostSek', type: 'DOUBLE' },
] as const;

/** The volume indicator's baseline per unit from the store, answered by the model's loss curve. */
export async function modelledLoss(deps: ServiceDeps, p: LossParameters): Promise<ProductionLossResponse> {
  const { curve } = lossCurve(p);
  const { rows } = await answer(deps, 'production_loss', {
    indicator: p.volumeIndicator,
    unit: p.unit,
    weeks_before: curve.weeksBefore,
    weeks_after: curve.weeksAfter,
  });
  return productionLossAnswer(p, rows);
}

export const productionLossRoute = questionRoute({
  question: 'productionLoss',
  operationId: 'getProductionLoss',
  summary: 'Modellerat produktionsbortfall kring varje enhets driftstart: per förvaltning, våg och år',
  role: 'reader',
  errors: [400, 404, 406],
  answer: (deps, q) => modelledLoss(deps, q),
  table: (body) => ({ columns: ADMINISTRATION_COLUMNS, rows: body.byAdministration }),
});
