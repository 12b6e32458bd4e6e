/**
 * @module as-of – `asOf`: which load a reader asks the store as of. A load id, or a moment (the last load finished by
 * then). Refused, in Swedish, when the id is unknown, the text is neither, or a purge has removed the history it needs.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { UserError } from '../errors.js';

const LOAD_ID = /^\d{1,15}$/;
const MOMENT = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

const refuse = (message: string) => new UserError(`parametern "asOf": ${message}`, 'as_of_invalid');

async function one(connection: DuckDBConnection, sql: string, values: Record<string, string | number>): Promise<unknown> {
  return (await connection.runAndReadAll(sql, values)).getRows()[0]?.[0] ?? null;
}

/** The load id `raw` names: checked against the load log and the purge horizon. 0 is the empty store before any load. */
export async function resolveAsOf(connection: DuckDBConnection, raw: string): Promise<number> {
  const text = raw.trim();
  let id: number;
  if (LOAD_ID.test(text)) {
    id = Number(text);
    if (id !== 0 && (await one(connection, 'SELECT count(*) FROM load_log WHERE load_id = $id', { id })) === 0n)
      throw refuse(`det finns ingen inläsning med id ${id} (se /api/v1/loads)`);
  } else if (MOMENT.test(text)) {
    const moment = text.replace(' ', 'T');
    if (Number.isNaN(Date.parse(moment.length === 10 ? `${moment}T00:00` : moment)))
      throw refuse(`"${text.slice(0, 40)}" är ingen giltig tidpunkt`);
    // finished_at is the service's local time; a moment without offset is read in the same zone.
    id = Number(
      await one(
        connection,
        'SELECT coalesce(max(load_id), 0) FROM load_log WHERE CAST(finished_at AS TIMESTAMPTZ) <= CAST($t AS TIMESTAMPTZ)',
        {
          t: moment.replace('T', ' '),
        },
      ),
    );
  } else {
    throw refuse(
      `ska vara ett inläsnings-id (t.ex. 12) eller en tidpunkt (ÅÅÅÅ-MM-DD eller ÅÅÅÅ-MM-DDTtt:mm), inte "${text.slice(0, 40)}"`,
    );
  }
  const horizon = await one(connection, 'SELECT max(horizon) FROM purge_log', {});
  if (horizon !== null && id < Number(horizon))
    throw refuse(
      `historiken före inläsning ${horizon} är rensad (nytta purge), så lagret kan inte visas som det var efter inläsning ${id}`,
    );
  return id;
}
