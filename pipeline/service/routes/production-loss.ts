/**
 * @module production-loss – `GET /api/v1/production-loss?volumeIndicator=&costPerContact=&peak=&weeksBefore=&weeksAfter=`:
 * lost care production around each unit's go-live, modelled and measured.
 */
import { Hono } from 'hono';
import { productionLossQuery } from '../../contracts/index.js';
import { respond, validQuery, type Env, type ServiceDeps } from '../context.js';
import { modelledLoss } from '../production-loss-figures.js';

const ADMINISTRATION_COLUMNS = [
  { name: 'administration', type: 'VARCHAR' },
  { name: 'lostContacts', type: 'DOUBLE' },
  { name: 'lostSek', type: 'DOUBLE' },
] as const;

export function productionLossRoutes(deps: ServiceDeps): Hono<Env> {
  return new Hono<Env>().get('/production-loss', async (c) => {
    const body = await modelledLoss(deps, validQuery(c, 'reader', productionLossQuery));
    return respond(c, body, { columns: ADMINISTRATION_COLUMNS, rows: body.byAdministration });
  });
}
