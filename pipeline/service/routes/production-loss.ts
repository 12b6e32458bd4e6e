/**
 * @module production-loss – `GET /api/v1/production-loss?volumeIndicator=&costPerContact=&peak=`: lost care production
 * around each unit's go-live.
 */
import { Hono } from 'hono';
import { productionLossQuery, type ProductionLossResponse } from '../../contracts/index.js';
import { DEFAULT_CURVE, productionLoss } from '../../model/production-loss.js';
import { answer, respond, validQuery, type Env, type ServiceDeps } from '../context.js';

const ADMINISTRATION_COLUMNS = [
  { name: 'administration', type: 'VARCHAR' },
  { name: 'lostContacts', type: 'DOUBLE' },
  { name: 'lostSek', type: 'DOUBLE' },
] as const;

export function productionLossRoutes(deps: ServiceDeps): Hono<Env> {
  return new Hono<Env>().get('/production-loss', async (c) => {
    const q = validQuery(c, 'reader', productionLossQuery);
    const { rows } = await answer(deps, 'production_loss', { indicator: q.volumeIndicator, unit: q.unit });
    const curve = { ...DEFAULT_CURVE, peak: q.peak };
    const units = rows.map((u) => ({
      unit: String(u.unit),
      administration: String(u.administration),
      goLive: String(u.go_live),
      weeklyVolume: Number(u.weekly_volume),
      costPerContact: q.costPerContact,
    }));
    const loss = productionLoss(units, curve);
    const body: ProductionLossResponse = {
      volumeIndicator: q.volumeIndicator,
      costPerContact: q.costPerContact,
      curve,
      byAdministration: Object.entries(loss.byAdministration).map(([administration, v]) => ({ administration, ...v })),
      byWave: Object.entries(loss.byWave).map(([goLive, v]) => ({ goLive, ...v })),
      byYear: Object.entries(loss.byYear).map(([year, lostSek]) => ({ year: Number(year), lostSek })),
      lostSek: Object.values(loss.byYear).reduce((sum, v) => sum + v, 0),
    };
    return respond(c, body, { columns: ADMINISTRATION_COLUMNS, rows: body.byAdministration });
  });
}
