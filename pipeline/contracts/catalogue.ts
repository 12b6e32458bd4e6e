/** @module catalogue – the answers of the named queries the add-in builds its choices and sheets from, typed by their headers. */
import { queryAnswerOf } from './named-query.js';
import { queryRowSchemas } from './query-rows.js';

export const programsAnswer = queryAnswerOf(queryRowSchemas.catalogue_programs);
export const orgUnitsAnswer = queryAnswerOf(queryRowSchemas.catalogue_org_units);
export const indicatorsAnswer = queryAnswerOf(queryRowSchemas.catalogue_indicators);
export const loadLogAnswer = queryAnswerOf(queryRowSchemas.load_log);
/** The loads a sheet's figures come from (`source_loads`). */
export const sourceLoadsAnswer = queryAnswerOf(queryRowSchemas.source_loads);
