/**
 * @module reader-pool – reader connections kept between requests, each with the statements it has prepared. Measured on
 * a 10 M-row store, one series (15 ms) spent 0.4 ms opening its connection and 1.0–1.6 ms parsing and planning its SQL;
 * a kept connection runs its kept statement with only the new values bound. DuckDB plans a kept statement again by
 * itself when the catalog has changed since (a load, a rebuilt rollup, a migration), so its answers are the store's now.
 */
import type {
  DuckDBConnection,
  DuckDBInstance,
  DuckDBPreparedStatement,
  DuckDBResultReader,
  DuckDBType,
  DuckDBValue,
} from '@duckdb/node-api';

/**
 * How many idle readers are kept: enough for the concurrent questions two cores answer, not one per connection a
 * month-end crowd opens (those beyond it are opened and closed as before).
 */
export const MAX_IDLE_READERS = 16;

export interface ReaderPoolStats {
  idle: number;
  opened: number;
  reused: number;
}

export class ReaderPool {
  private readonly idle: DuckDBConnection[] = [];
  private closed = false;
  private opened = 0;
  private reused = 0;

  constructor(
    private readonly instance: DuckDBInstance,
    private readonly maxIdle = MAX_IDLE_READERS,
  ) {}

  /**
   * Runs `work` on a reader no one else holds. It goes back to the pool only if `work` succeeded and `keep` is not
   * false: a reader that failed or was interrupted, or was given a state of its own (asOf's views), is closed.
   */
  async use<T>(work: (connection: DuckDBConnection) => Promise<T>, keep = true): Promise<T> {
    const kept = keep ? this.idle.pop() : undefined;
    if (kept) this.reused++;
    else this.opened++;
    const connection = kept ?? (await this.instance.connect());
    let succeeded = false;
    try {
      const result = await work(connection);
      succeeded = true;
      return result;
    } finally {
      if (succeeded && keep && !this.closed && this.idle.length < this.maxIdle) this.idle.push(connection);
      else connection.closeSync();
    }
  }

  stats(): ReaderPoolStats {
    return { idle: this.idle.length, opened: this.opened, reused: this.reused };
  }

  /** Closes the idle readers; those in use close when their work ends. */
  close(): void {
    this.closed = true;
    for (const connection of this.idle.splice(0)) connection.closeSync();
  }
}

interface KeptStatement {
  statement: DuckDBPreparedStatement;
  busy: boolean;
}

const statements = new WeakMap<DuckDBConnection, Map<string, KeptStatement>>();

/**
 * Runs `sql` with `values` on `connection` and reads the whole answer, on the statement kept for that SQL on that
 * connection (prepared on first use). Two questions at once on one connection would bind over each other's values,
 * so while the kept statement runs another asker gets a statement of its own.
 */
export async function runKept(
  connection: DuckDBConnection,
  sql: string,
  values: Record<string, DuckDBValue>,
  types: Record<string, DuckDBType>,
): Promise<DuckDBResultReader> {
  let kept = statements.get(connection);
  if (!kept) statements.set(connection, (kept = new Map()));
  let entry = kept.get(sql);
  if (!entry) kept.set(sql, (entry = { statement: await connection.prepare(sql), busy: false }));
  if (entry.busy) return connection.runAndReadAll(sql, values, types);
  entry.busy = true;
  try {
    entry.statement.bind(values, types);
    return await entry.statement.runAndReadAll();
  } finally {
    entry.busy = false;
  }
}
