/** @module header – header names as users write them, folded to one normal form. */

import { headerKey } from '../../contracts/write-back.js';

/** `Kön` → `kon`, `Åldersgrupp` → `aldersgrupp`, `belopp kr` → `belopp_kr`: one rule, shared with the add-in's write-back. */
export const normaliseHeader = headerKey;

const DELIMITERS = [';', '\t', ','] as const;
export type Delimiter = (typeof DELIMITERS)[number];

/** Splits one CSV line on `delimiter`, honouring double quotes. */
export function splitLine(line: string, delimiter: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === '"') {
      if (quoted && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else quoted = !quoted;
    } else if (ch === delimiter && !quoted) {
      cells.push(cell);
      cell = '';
    } else cell += ch;
  }
  cells.push(cell);
  return cells;
}

/** The delimiter that splits the header into the most columns (`;` wins ties: it is the Swedish default). */
export function detectDelimiter(headerLine: string): Delimiter {
  let best: Delimiter = ';';
  let bestCount = 1;
  for (const d of DELIMITERS) {
    const count = splitLine(headerLine, d).length;
    if (count > bestCount) {
      best = d;
      bestCount = count;
    }
  }
  return best;
}
