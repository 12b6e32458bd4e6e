/** @module transaction – the one place a transaction is begun: `work` runs inside it, committed if it returns, rolled back if it throws. */
import type { DuckDBConnection } from '@duckdb/node-api';

/** Runs `work` in one transaction on `connection`; an error (in `work` or in the commit) rolls it all back and is thrown again. */
export async function inTransaction<T>(connection: DuckDBConnection, work: () => Promise<T>): Promise<T> {
  await connection.run('BEGIN TRANSACTION');
  try {
    const result = await work();
    await connection.run('COMMIT');
    return result;
  } catch (error) {
    // The first error says what went wrong; a rollback that fails too (nothing left to roll back) adds nothing to it.
    await connection.run('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
