/**
 * @module undo – withdraws a load: its rows leave (into history) and the rows it replaced come back. The undo is a load
 * of its own in the log (kind `ångra`), so it can be read `asOf` and undone in turn. A load whose rows a later load has
 * replaced is not undone: that later load would lose what it built on.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { UserError } from '../errors.js';
import type { CommitGate } from './commit-gate.js';
import { historyOf, VERSIONED_TABLES } from './history.js';
import { inTransaction } from './transaction.js';

export const UNDO_KIND = 'ångra';

export interface UndoReport {
  /** The undo's own load id. */
  undoId: number;
  undone: number;
  /** Rows of the withdrawn load moved to history. */
  rowsRemoved: number;
  /** Rows the withdrawn load had replaced, in force again. */
  rowsRestored: number;
}

/** Why an undo is refused: the store has no such load, or undoing it would lose later work. */
export class UndoRefused extends UserError {
  constructor(
    message: string,
    readonly reason: 'unknown' | 'conflict',
  ) {
    super(message, reason === 'unknown' ? 'load_unknown' : 'undo_refused');
  }
}

interface LogRow {
  load_id: number;
  file_name: string;
  kind: string;
  status: string;
  finished_at: string;
  undone_by: number | null;
  undoes: number | null;
}

async function logRow(connection: DuckDBConnection, id: number): Promise<LogRow | undefined> {
  const rows = (
    await connection.runAndReadAll(
      `SELECT load_id, file_name, kind, status, strftime(finished_at, '%Y-%m-%d %H:%M') AS finished_at, undone_by, undoes
       FROM load_log WHERE load_id = $id`,
      { id },
    )
  ).getRowObjectsJS();
  if (!rows.length) return undefined;
  const r = rows[0];
  return {
    load_id: Number(r.load_id),
    file_name: String(r.file_name),
    kind: String(r.kind ?? ''),
    status: String(r.status),
    finished_at: String(r.finished_at),
    undone_by: r.undone_by === null ? null : Number(r.undone_by),
    undoes: r.undoes === null ? null : Number(r.undoes),
  };
}

const described = (r: LogRow) => `${r.load_id} (${r.file_name}, ${r.finished_at})`;

/** The first later load that replaced rows of `id`, if any. */
async function laterReplacer(connection: DuckDBConnection, id: number): Promise<number | null> {
  const union = VERSIONED_TABLES.map((t) => `SELECT min(replaced_by) AS m FROM ${historyOf(t.name)} WHERE load_id = $id`).join(
    ' UNION ALL ',
  );
  const value = (await connection.runAndReadAll(`SELECT min(m) FROM (${union})`, { id })).getRows()[0][0];
  return value === null ? null : Number(value);
}

/** Refuses with a Swedish message unless load `id` can be withdrawn now. */
async function checkUndoable(connection: DuckDBConnection, id: number): Promise<LogRow> {
  const load = await logRow(connection, id);
  if (!load) throw new UndoRefused(`Det finns ingen inläsning med id ${id}. Se /api/v1/loads.`, 'unknown');
  if (load.status !== 'loaded')
    throw new UndoRefused(`Inläsning ${described(load)} avvisades och ändrade ingenting; det finns inget att ångra.`, 'conflict');
  if (load.undone_by !== null)
    throw new UndoRefused(
      `Inläsning ${described(load)} är redan ångrad (av ${load.undone_by}). Ångra ${load.undone_by} för att få tillbaka den.`,
      'conflict',
    );
  const later = await laterReplacer(connection, id);
  if (later !== null) {
    const by = await logRow(connection, later);
    // Undone and then restored: the rows in force are the restoring undo's, so that is what to undo.
    if (by?.kind === UNDO_KIND && by.undoes === id && by.undone_by !== null)
      throw new UndoRefused(
        `Inläsning ${described(load)} ångrades av ${by.load_id} och återställdes av ${by.undone_by}. Ångra ${by.undone_by} i stället.`,
        'conflict',
      );
    const name = by ? described(by) : String(later);
    throw new UndoRefused(
      `Inläsning ${described(load)} kan inte ångras: inläsning ${name} har senare ersatt rader från den. ` +
        `Ångra ${later} först, eller läs in en rättad fil.`,
      'conflict',
    );
  }
  return load;
}

/** Withdraws load `id` in one transaction (its commit alone behind `gate`); refuses with `UndoRefused`. */
export async function undoLoad(
  connection: DuckDBConnection,
  id: number,
  options: { undoneBy?: string; gate?: CommitGate } = {},
): Promise<UndoReport> {
  return inTransaction(
    connection,
    async () => {
      const load = await checkUndoable(connection, id);
      const undoId = Number((await connection.runAndReadAll("SELECT nextval('load_id_seq')")).getRows()[0][0]);
      const ids = { id, undo: undoId };
      let rowsRemoved = 0;
      let rowsRestored = 0;
      for (const { name } of VERSIONED_TABLES) {
        // The load's rows leave, replaced by the undo; the rows it replaced come back as the undo's own, so asOf
        // before the undo still sees the load and asOf after it sees them.
        await connection.run(`INSERT INTO ${historyOf(name)} BY NAME SELECT *, $undo AS replaced_by FROM ${name} WHERE load_id = $id`, ids);
        rowsRemoved += Number((await connection.run(`DELETE FROM ${name} WHERE load_id = $id`, { id })).rowsChanged);
        rowsRestored += Number(
          (
            await connection.run(
              `INSERT INTO ${name} BY NAME SELECT * EXCLUDE (replaced_by) REPLACE ($undo AS load_id) FROM ${historyOf(name)} WHERE replaced_by = $id`,
              ids,
            )
          ).rowsChanged,
        );
      }
      await connection.run(
        `INSERT INTO load_log (load_id, file_name, sha256, variant, kind, status, rows_read, rows_accepted, rows_rejected, rows_replaced,
           warnings, started_at, finished_at, loaded_by, undoes)
         VALUES ($undo, $file, '', '', $kind, 'loaded', 0, $restored, 0, $removed, [], current_localtimestamp(), current_localtimestamp(), $by, $id)`,
        {
          ...ids,
          file: `ångra ${load.load_id}: ${load.file_name}`,
          kind: UNDO_KIND,
          restored: rowsRestored,
          removed: rowsRemoved,
          by: options.undoneBy ?? null,
        },
      );
      await connection.run('UPDATE load_log SET undone_by = $undo WHERE load_id = $id', ids);
      // Undoing an undo puts the load it withdrew back in force.
      if (load.undoes !== null)
        await connection.run('UPDATE load_log SET undone_by = NULL WHERE load_id = $undoes', { undoes: load.undoes });
      return { undoId, undone: id, rowsRemoved, rowsRestored };
    },
    { gate: options.gate },
  );
}
