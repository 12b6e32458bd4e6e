/** @module write-row-types – `npm run query-types`: writes pipeline/contracts/query-rows.ts from the query headers. */
import { writeFileSync } from 'node:fs';
import { format, resolveConfig } from 'prettier';
import { QUERY_ROWS_FILE, QUERIES_SOURCE, readHeaders, rowTypesSource } from './row-types.js';

/** The file as it should be: generated, then formatted as `npm run format` would. */
export async function formattedRowTypes(): Promise<string> {
  const options = await resolveConfig(QUERY_ROWS_FILE);
  return format(rowTypesSource(readHeaders(QUERIES_SOURCE)), { ...options, filepath: QUERY_ROWS_FILE });
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  writeFileSync(QUERY_ROWS_FILE, await formattedRowTypes());
  console.log(`Skrivet: ${QUERY_ROWS_FILE}`);
}
