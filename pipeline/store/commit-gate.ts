/**
 * @module commit-gate – readers see the store before a load or after it, never between. DuckDB's MVCC alone does not
 * give that: measured with @duckdb/node-api 1.5.6, readers of one instance that start while a large INSERT + DELETE
 * transaction commits can count the inserted rows without the deleted ones (../shared/tools/duckdb/commit-visibility.mjs),
 * though during the transaction's work they see only the old state. So the commit, and only the commit, is exclusive:
 * it waits for the queries running to finish, and queries that arrive meanwhile wait for it. Readers never wait for a
 * load's reading and checking, which happen before its commit.
 */

/** A read–write gate: many readers at once, or one commit; a commit waiting goes before readers that arrive after it. */
export class CommitGate {
  private readers = 0;
  private committing = false;
  private waitingCommits = 0;
  private finished = 0;
  private queue: (() => void)[] = [];

  /** Runs a read; waits while a commit runs or waits. */
  async read<T>(work: () => Promise<T>): Promise<T> {
    while (this.committing || this.waitingCommits > 0) await this.wait();
    this.readers++;
    try {
      return await work();
    } finally {
      this.readers--;
      this.wake();
    }
  }

  /** Runs a commit alone: after the reads running now, before the reads that arrive while it waits. */
  async exclusive<T>(work: () => Promise<T>): Promise<T> {
    this.waitingCommits++;
    try {
      while (this.committing || this.readers > 0) await this.wait();
    } finally {
      this.waitingCommits--;
    }
    this.committing = true;
    try {
      return await work();
    } finally {
      this.finished++;
      this.committing = false;
      this.wake();
    }
  }

  /**
   * How many commits have run through the gate. Inside `read` it cannot change, so what a reader learnt of the store
   * under one count holds for every reader under the same count.
   */
  get commits(): number {
    return this.finished;
  }

  /** Readers running now, for the health answer and the tests. */
  get activeReaders(): number {
    return this.readers;
  }

  private wait(): Promise<void> {
    return new Promise((resolve) => this.queue.push(resolve));
  }

  private wake(): void {
    const waiting = this.queue;
    this.queue = [];
    for (const resolve of waiting) resolve();
  }
}
