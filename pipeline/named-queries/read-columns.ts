/**
 * @module read-columns – a DuckDB answer as JSON-safe columns: the values DuckDB's own JSON converter gives
 * (`getColumnsJson`), read several times faster. That converter calls a function per cell and formats every date
 * afresh; here the plain types are taken as DuckDB reads them, a date's text is formatted once per distinct day, and
 * only the other types go through DuckDB's converter.
 */
import {
  DuckDBTypeId,
  JsonDuckDBValueConverter,
  type DuckDBDateValue,
  type DuckDBResultReader,
  type DuckDBType,
  type DuckDBValue,
} from '@duckdb/node-api';

type Json = unknown;

/** Types whose values DuckDB already reads as the JSON converter would give them (a string, a number, a boolean). */
const AS_READ = new Set<DuckDBTypeId>([
  DuckDBTypeId.VARCHAR,
  DuckDBTypeId.BOOLEAN,
  DuckDBTypeId.TINYINT,
  DuckDBTypeId.SMALLINT,
  DuckDBTypeId.INTEGER,
  DuckDBTypeId.UTINYINT,
  DuckDBTypeId.USMALLINT,
  DuckDBTypeId.UINTEGER,
]);

/** A float as the JSON converter gives it: a number while finite, else its text ("NaN", "Infinity"). */
const jsonFloat = (value: DuckDBValue): Json => (Number.isFinite(value) ? value : String(value));

function convertColumn(values: DuckDBValue[], type: DuckDBType): Json[] {
  const id = type.typeId;
  if (AS_READ.has(id)) return values;
  if (id === DuckDBTypeId.DOUBLE || id === DuckDBTypeId.FLOAT) return values.map((v) => (v === null ? null : jsonFloat(v)));
  if (id === DuckDBTypeId.BIGINT) return values.map((v) => (v === null ? null : String(v)));
  if (id === DuckDBTypeId.DATE) {
    // A follow-up repeats each entry's go-live and baseline on every row: format each day once.
    const texts = new Map<number, string>();
    return values.map((v) => {
      if (v === null) return null;
      const key = (v as DuckDBDateValue).days;
      let text = texts.get(key);
      if (text === undefined) texts.set(key, (text = String(v)));
      return text;
    });
  }
  return values.map((v) => JsonDuckDBValueConverter(v, type, JsonDuckDBValueConverter));
}

/** Every column of the answer, each as an array of JSON-safe values. */
export function readColumnsJson(reader: DuckDBResultReader): Json[][] {
  const types = reader.columnTypes();
  return reader.getColumns().map((values, i) => convertColumn(values, types[i]));
}
