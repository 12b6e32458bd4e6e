/**
 * @module approve – records that a version of a program's business case, targets, baselines or report was approved
 * (fastställd). The approval is a load of its own in the log (kind `fastställelse`), so it is read `asOf` and undone
 * like any load; the version it names is a load id, readable `asOf` for as long as its history is kept.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { UserError } from '../errors.js';
import type { CommitGate } from './commit-gate.js';
import { resolveAsOf } from './as-of.js';
import { inTransaction } from './transaction.js';

export const APPROVAL_KIND = 'fastställelse';

const SUBJECT_NAMES: Record<string, string> = {
  nyttokalkyl: 'nyttokalkylen',
  malvarden: 'målvärdena',
  baslinje: 'baslinjerna',
  rapport: 'rapporten',
};

export interface ApprovalInput {
  program: string;
  subject: 'nyttokalkyl' | 'malvarden' | 'baslinje' | 'rapport';
  /** A load id or a moment; without it, the store as it stands (the latest load). */
  asOf?: string;
  comment?: string;
  approvedBy?: string;
}

async function one(connection: DuckDBConnection, sql: string, values: Record<string, string | number>): Promise<unknown> {
  return (await connection.runAndReadAll(sql, values)).getRows()[0]?.[0] ?? null;
}

/** Whether `table` had a row matching `where` in force right after load `version` (its rows and its history). */
async function existedAt(connection: DuckDBConnection, table: string, where: string, values: Record<string, string | number>) {
  const count = await one(
    connection,
    `SELECT count(*) FROM (
       SELECT * FROM ${table} t WHERE t.load_id <= $version AND ${where}
       UNION ALL BY NAME SELECT * EXCLUDE (replaced_by) FROM ${table}_history t WHERE t.load_id <= $version AND t.replaced_by > $version AND ${where})`,
    values,
  );
  return Number(count) > 0;
}

/** Records the approval in one transaction (its commit alone behind `gate`); its own load id. Refuses with a Swedish `UserError`. */
export async function recordApproval(
  connection: DuckDBConnection,
  input: ApprovalInput,
  options: { gate?: CommitGate } = {},
): Promise<number> {
  const version =
    input.asOf === undefined
      ? // The store as it stands: the latest load that changed it (an approval changes no figure).
        Number(
          await one(connection, "SELECT coalesce(max(load_id), 0) FROM load_log WHERE status = 'loaded' AND kind IS DISTINCT FROM $kind", {
            kind: APPROVAL_KIND,
          }),
        )
      : await resolveAsOf(connection, input.asOf);
  const at = { version, program: input.program };
  if (!(await existedAt(connection, 'program', 't.id = $program', at)))
    throw new UserError(
      `Programmet "${input.program}" fanns inte i lagret efter inläsning ${version}: det finns inget att fastställa där.`,
      'approval_refused',
    );
  if (input.subject === 'nyttokalkyl' && !(await existedAt(connection, 'business_case_line', 't.program = $program', at)))
    throw new UserError(
      `Programmet "${input.program}" hade ingen nyttokalkyl efter inläsning ${version}: det finns ingen kalkyl att fastställa där.`,
      'approval_refused',
    );
  return inTransaction(
    connection,
    async () => {
      const id = Number(await one(connection, "SELECT nextval('load_id_seq')", {}));
      await connection.run(
        `INSERT INTO approval (program, subject, version, comment, approved_by, approved_at, load_id)
         VALUES ($program, $subject, $version, $comment, $by, current_localtimestamp(), $id)`,
        { ...at, subject: input.subject, comment: input.comment ?? null, by: input.approvedBy ?? null, id } as Record<
          string,
          string | number
        >,
      );
      await connection.run(
        `INSERT INTO load_log (load_id, file_name, sha256, variant, kind, status, rows_read, rows_accepted, rows_rejected, rows_replaced,
           warnings, started_at, finished_at, loaded_by)
         VALUES ($id, $file, '', '', $kind, 'loaded', 1, 1, 0, 0, [], current_localtimestamp(), current_localtimestamp(), $by)`,
        {
          id,
          file: `fastställelse: ${SUBJECT_NAMES[input.subject]} för ${input.program}, version ${version}`,
          kind: APPROVAL_KIND,
          by: input.approvedBy ?? null,
        } as Record<string, string | number>,
      );
      return id;
    },
    { gate: options.gate },
  );
}
