/** @module errors – the one error type a user sees: a Swedish message and a stable code. */

/** An error caused by the user's input or environment; its message is Swedish and safe to show. */
export class UserError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly details: readonly string[] = [],
  ) {
    super(message);
    this.name = 'UserError';
  }
}

export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError;
}

/**
 * A parameter names a program, indicator, unit or benefit the store does not have: the service's 404, the command
 * line's exit 4. Its message is Swedish and names the value.
 */
export class UnknownEntryError extends Error {
  readonly code = 'entry_unknown';
  constructor(message: string) {
    super(message);
    this.name = 'UnknownEntryError';
  }
}

/** What a user is told when a write found the disk full: the transaction rolled back, so the store is as it was. */
export const DISK_FULL = 'disken är full; inget har ändrats. Frigör utrymme på disken där lagret ligger och försök igen.';

/** Whether an error is the disk being full: DuckDB's "No space left on device", or Node's ENOSPC writing an upload. */
export function isDiskFull(error: unknown): boolean {
  if ((error as { code?: unknown } | null)?.code === 'ENOSPC') return true;
  return /No space left on device|ENOSPC|disk is full/i.test(error instanceof Error ? error.message : String(error));
}
