/** @module transaction – the one place a transaction is begun: `work` runs inside it, committed if it returns, rolled back if it throws. */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { CommitGate } from './commit-gate.js';

/**
 * Runs `work` in one transaction on `connection`; an error (in `work` or in the commit) rolls it all back and is thrown
 * again. With a `gate`, the commit runs alone, so no reader of the same store sees it half done.
 */
export async function inTransaction<T>(
  connection: DuckDBConnection,
  work: () => Promise<T>,
  options: { gate?: CommitGate } = {},
): Promise<T> {
  await connection.run('BEGIN TRANSACTION');
  try {
    const result = await work();
    const commit = () => connection.run('COMMIT');
    await (options.gate ? options.gate.exclusive(commit) : commit());
    return result;
  } catch (error) {
    // The first error says what went wrong; a rollback that fails too (nothing left to roll back) adds nothing to it.
    await connection.run('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
