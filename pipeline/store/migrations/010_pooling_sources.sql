-- The parts a pooling query reads, chosen by name. 009's pooling_rows was one UNION ALL of every source with the choice
-- in WHERE clauses; DuckDB drops the branches ruled out only after binding them all (the recursive lineage and the
-- observation parts three times), which cost a series about 5 ms of its 25. Here each source is a view, and the macro
-- names the one the question reads (query_table takes a name fixed when the query is bound, so only that view is
-- bound). The views are bound where they are read, so under asOf they read the store as of that load, as before.

-- A unit's own rows (place = the unit, '' for rows without unit).
CREATE VIEW pooling_rows_own AS
  SELECT unit AS place, indicator, grain, period, period_start, sex, age_group, municipality,
    rows, "values", numerators, numerator_sum, denominator_sum, ns, n_sum, weighted_sum, value_sum, count_sum, status
  FROM observation_parts();

-- Each unit with everything below it, and '' with every row: from the rows themselves.
CREATE VIEW pooling_rows_tree AS
  SELECT l.ancestor AS place, p.indicator, p.grain, p.period, p.period_start, p.sex, p.age_group, p.municipality,
    p.rows, p."values", p.numerators, p.numerator_sum, p.denominator_sum, p.ns, p.n_sum, p.weighted_sum, p.value_sum,
    p.count_sum, p.status
  FROM observation_parts() p JOIN unit_lineage() l ON l.id = p.unit
  UNION ALL
  SELECT '', indicator, grain, period, period_start, sex, age_group, municipality,
    rows, "values", numerators, numerator_sum, denominator_sum, ns, n_sum, weighted_sum, value_sum, count_sum, status
  FROM observation_parts();

-- The rollup's totals: per place and period, the parts a question without breakdown pools, summed ahead (totals where
-- the indicator's sources publish them, else the parts; counts_once with 'none'). A follow-up of a whole program reads
-- about a tenth of the rows it would read in the rollup. Built with the rollup (pipeline/store/rollup.ts).
-- Its columns are the rollup's without sex, age group and municipality, with the same exact types.
CREATE TABLE observation_rollup_total AS
  SELECT * EXCLUDE (sex, age_group, municipality) FROM observation_rollup LIMIT 0;

-- The same places from the rollup (fresh, and a question it answers).
CREATE VIEW pooling_rows_kept AS
  SELECT place, indicator, grain, period, period_start, sex, age_group, municipality,
    rows, "values", numerators, numerator_sum, denominator_sum, ns, n_sum, weighted_sum, value_sum, count_sum, status
  FROM observation_rollup;

-- The totals as the total of every sex, age group and municipality ('T', '', ''), so a query's counts_once takes them
-- whichever totals the sources publish.
CREATE VIEW pooling_rows_total AS
  SELECT place, indicator, grain, period, period_start, 'T' AS sex, '' AS age_group, '' AS municipality,
    rows, "values", numerators, numerator_sum, denominator_sum, ns, n_sum, weighted_sum, value_sum, count_sum, status
  FROM observation_rollup_total;

-- scope 'own' reads a unit's own rows; 'tree' a unit with everything below it, from the rollup when `kept`; 'total'
-- the same without breakdown, from the rollup's totals when `kept`. Both are bound parameters or constants, so the
-- name is known when DuckDB binds the query.
DROP MACRO pooling_rows;
CREATE MACRO pooling_rows(kept, scope) AS TABLE
  SELECT * FROM query_table(CASE WHEN scope = 'own' THEN 'pooling_rows_own' WHEN NOT kept THEN 'pooling_rows_tree'
    WHEN scope = 'total' THEN 'pooling_rows_total' ELSE 'pooling_rows_kept' END);
