/** @module key-figures – `GET /api/v1/key-figures?name=` (reader): the store's key figures, money in SEK beside them. */
import { Hono } from 'hono';
import { keyFigureQuery, type KeyFigureListResponse } from '../../contracts/index.js';
import { isOperatingCostRise, toSek } from '../../model/operating-cost.js';
import { answer, respond, validQuery, type Env, type ServiceDeps } from '../context.js';

/** The store's key figures (one by name, or all), each with its value in SEK and whether it is a yearly rise in operating costs. */
export async function storeKeyFigures(deps: ServiceDeps, name = ''): Promise<KeyFigureListResponse['keyFigures']> {
  const { rows } = await answer(deps, 'key_figures', { name });
  return rows.map((r) => {
    const unit = (r.unit as string | null) ?? null;
    const value = (r.value as number | null) ?? null;
    return {
      name: String(r.name),
      value,
      unit,
      period: String(r.period ?? ''),
      source: (r.source as string | null) ?? null,
      note: (r.note as string | null) ?? null,
      valueSek: toSek(value, unit),
      operatingCostRise: isOperatingCostRise(String(r.name), unit),
    };
  });
}

const COLUMNS = [
  { name: 'name', type: 'VARCHAR' },
  { name: 'value', type: 'DOUBLE' },
  { name: 'unit', type: 'VARCHAR' },
  { name: 'period', type: 'VARCHAR' },
  { name: 'valueSek', type: 'DOUBLE' },
] as const;

export function keyFigureRoutes(deps: ServiceDeps): Hono<Env> {
  return new Hono<Env>().get('/key-figures', async (c) => {
    const q = validQuery(c, 'reader', keyFigureQuery);
    const body: KeyFigureListResponse = { keyFigures: await storeKeyFigures(deps, q.name) };
    return respond(c, body, { columns: COLUMNS, rows: body.keyFigures });
  });
}
