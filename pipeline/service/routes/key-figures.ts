/** @module key-figures – `GET /api/v1/key-figures?name=` (reader): the store's key figures, money in SEK beside them. */
import { Hono } from 'hono';
import { keyFigureQuery, type KeyFigureListResponse } from '../../contracts/index.js';
import { isOperatingCostRise, toSek } from '../../model/operating-cost.js';
import { answer, respond, validQuery, type Env, type ServiceDeps } from '../context.js';

export function keyFigureRoutes(deps: ServiceDeps): Hono<Env> {
  return new Hono<Env>().get('/key-figures', async (c) => {
    const q = validQuery(c, 'reader', keyFigureQuery);
    const { rows, columns } = await answer(deps, 'key_figures', { name: q.name ?? '' });
    const body: KeyFigureListResponse = {
      keyFigures: rows.map((r) => {
        const unit = (r.unit as string | null) ?? null;
        return {
          name: String(r.name),
          value: (r.value as number | null) ?? null,
          unit,
          period: String(r.period ?? ''),
          source: (r.source as string | null) ?? null,
          note: (r.note as string | null) ?? null,
          valueSek: toSek((r.value as number | null) ?? null, unit),
          operatingCostRise: isOperatingCostRise(String(r.name), unit),
        };
      }),
    };
    return respond(c, body, { columns, rows });
  });
}
