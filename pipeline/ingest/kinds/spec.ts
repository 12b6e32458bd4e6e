/** @module spec – how an import kind is declared: its columns, their types, its checks and its write. */
import { quotedIdentifier } from '../../store/sql.js';

/** An enum maps folded input (lower case, no accents) to the stored value. */
export interface EnumType {
  readonly enum: Readonly<Record<string, string>>;
  /** Shown in the error: the values a user may write. */
  readonly allowed: string;
}

/** measure: a number or a suppression token; probability and share: 0–1, a percentage, or `45 %`. */
export type ColumnType = 'text' | 'number' | 'integer' | 'date' | 'period' | 'measure' | 'probability' | 'share' | EnumType;

export interface ColumnSpec {
  /** Normalised header name: lower case, å/ä→a, ö→o, spaces→_. */
  readonly name: string;
  readonly type: ColumnType;
  readonly required?: boolean;
}

/** A SQL SELECT over `stg_typed` (and the store) yielding `line, column_name, value, reason` rows. */
export type CheckSql = string;

export interface KindSpec {
  readonly kind: string;
  /** Swedish label for messages. */
  readonly label: string;
  readonly columns: readonly ColumnSpec[];
  /** Sets of columns one of which must be fully present (e.g. värde, or täljare + nämnare). */
  readonly requireOneOf?: readonly (readonly string[])[];
  /** Header columns whose presence identifies this kind; more specific kinds are tried first. */
  readonly signature: readonly string[];
  /** Other column sets that identify the kind as well (a program file may name its phase but no go-live). */
  readonly alsoSignatures?: readonly (readonly string[])[];
  readonly checks?: (options: KindOptions) => readonly CheckSql[];
  /** SELECTs yielding one `warning` text column; loaded anyway. */
  readonly warnings?: readonly string[];
  /** Statements run inside the load's transaction; `$load_id` is bound. */
  readonly write: (options: KindOptions) => readonly string[];
  /** Rows a new load replaces: run first, and only when `check` (a SELECT of one boolean) says some exist. */
  readonly replace?: { readonly check: string; readonly statements: readonly string[] };
}

export interface KindOptions {
  /** Create indicators the store does not know yet (for public exports loaded through a mapping). */
  readonly createIndicators?: boolean;
}

export const q = quotedIdentifier;

/** Quoted literal for values that come from this code, never from a file. */
export function lit(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

export function isEnum(type: ColumnType): type is EnumType {
  return typeof type === 'object';
}

export const SEX: EnumType = {
  enum: { k: 'K', kvinna: 'K', kvinnor: 'K', m: 'M', man: 'M', man_: 'M', män: 'M', t: 'T', totalt: 'T', alla: 'T', total: 'T' },
  allowed: 'K, M eller T',
};
