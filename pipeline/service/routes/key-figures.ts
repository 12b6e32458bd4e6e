/** @module key-figures – `GET /api/v1/key-figures?name=` (reader): the store's key figures, money in SEK beside them. */
import type { KeyFigureListResponse } from '../../contracts/index.js';
import { toKeyFigure } from '../../answers/records.js';
import { questionRoute } from '../define-route.js';
import { answer, type ServiceDeps } from '../context.js';

/** The store's key figures (one by name, or all), each with its value in SEK and whether it is a yearly rise in operating costs. */
export async function storeKeyFigures(deps: ServiceDeps, name = ''): Promise<KeyFigureListResponse['keyFigures']> {
  return (await answer(deps, 'key_figures', { name })).rows.map(toKeyFigure);
}

const COLUMNS = [
  { name: 'name', type: 'VARCHAR' },
  { name: 'value', type: 'DOUBLE' },
  { name: 'unit', type: 'VARCHAR' },
  { name: 'period', type: 'VARCHAR' },
  { name: 'valueSek', type: 'DOUBLE' },
] as const;

export const keyFiguresRoute = questionRoute({
  question: 'keyFigures',
  operationId: 'getKeyFigures',
  summary: 'Nyckeltalen i lagret, med värdet i kronor där det är ett belopp och om det läses som ökade driftkostnader per år',
  role: 'reader',
  errors: [400, 406],
  answer: async (deps, q) => ({ keyFigures: await storeKeyFigures(deps, q.name) }),
  table: (body) => ({ columns: COLUMNS, rows: body.keyFigures }),
});
