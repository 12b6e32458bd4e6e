/** @module json-file – a JSON export parsed whole, or refused in Swedish with where it breaks (never the engine's own words). */
import { readFileSync } from 'node:fs';
import { UserError } from '../../errors.js';

export function readJsonFile(file: string, path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''));
  } catch (error) {
    // V8 says where in English ("… in JSON at position 27"); only the place is passed on, counted from 1.
    const at = /position (\d+)/.exec((error as Error).message);
    const where = at ? `vid tecken ${Number(at[1]) + 1}` : 'filen tar slut mitt i ett värde';
    throw new UserError(`${file}: ogiltig JSON (${where}).`, 'json_invalid');
  }
}
