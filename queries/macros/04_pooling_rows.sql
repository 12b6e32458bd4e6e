-- The parts a pooling query reads, chosen by name: each source is a view, and pooling_rows names the one a question
-- reads (query_table takes a name fixed when the query is bound, so only that view is bound; binding every source and
-- dropping the branches ruled out cost a series about 5 ms of its 25). The views are bound where they are read, so
-- under asOf they read the store as of that load.

-- The rows' pooling sources, one per breakdown: a unit's own rows, and each unit with everything below it ('' every
-- row). With a single municipality asked for, municipality is a part too.
CREATE OR REPLACE MACRO pooling_own(f_sex, f_age, f_mun) AS TABLE
  SELECT unit AS place, indicator, grain, period, period_start, sex, age_group, municipality,
    rows, "values", numerators, numerator_sum, denominator_sum, ns, n_sum, weighted_sum, value_sum, count_sum, status
  FROM counted_parts(f_sex, f_age, f_mun);

CREATE OR REPLACE MACRO pooling_tree(f_sex, f_age, f_mun) AS TABLE
  SELECT l.ancestor AS place, p.indicator, p.grain, p.period, p.period_start, p.sex, p.age_group, p.municipality,
    p.rows, p."values", p.numerators, p.numerator_sum, p.denominator_sum, p.ns, p.n_sum, p.weighted_sum, p.value_sum,
    p.count_sum, p.status
  FROM counted_parts(f_sex, f_age, f_mun) p
  -- each unit's ancestors and itself, and '' above everything (rows without unit have only '')
  JOIN (SELECT id, ancestor FROM unit_lineage() UNION ALL SELECT id, '' FROM org_unit UNION ALL SELECT '', '') l ON l.id = p.unit;

CREATE OR REPLACE VIEW pooling_rows_own_none AS SELECT * FROM pooling_own(false, false, false);
CREATE OR REPLACE VIEW pooling_rows_own_sex AS SELECT * FROM pooling_own(true, false, false);
CREATE OR REPLACE VIEW pooling_rows_own_age AS SELECT * FROM pooling_own(false, true, false);
CREATE OR REPLACE VIEW pooling_rows_own_municipality AS SELECT * FROM pooling_own(false, false, true);
CREATE OR REPLACE VIEW pooling_rows_own_sex_municipality AS SELECT * FROM pooling_own(true, false, true);
CREATE OR REPLACE VIEW pooling_rows_own_age_municipality AS SELECT * FROM pooling_own(false, true, true);
CREATE OR REPLACE VIEW pooling_rows_tree_none AS SELECT * FROM pooling_tree(false, false, false);
CREATE OR REPLACE VIEW pooling_rows_tree_sex AS SELECT * FROM pooling_tree(true, false, false);
CREATE OR REPLACE VIEW pooling_rows_tree_age AS SELECT * FROM pooling_tree(false, true, false);
CREATE OR REPLACE VIEW pooling_rows_tree_municipality AS SELECT * FROM pooling_tree(false, false, true);
CREATE OR REPLACE VIEW pooling_rows_tree_sex_municipality AS SELECT * FROM pooling_tree(true, false, true);
CREATE OR REPLACE VIEW pooling_rows_tree_age_municipality AS SELECT * FROM pooling_tree(false, true, true);

-- The rollup's rows counted for a breakdown (bit 2 by sex, 4 by age group; pipeline/store/rollup.ts works them out).
CREATE OR REPLACE MACRO rollup_rows_counted_for(flag) AS TABLE
  SELECT place, indicator, grain, period, period_start, sex, age_group, municipality,
    rows, "values", numerators, numerator_sum, denominator_sum, ns, n_sum, weighted_sum, value_sum, count_sum, status
  FROM observation_rollup WHERE counted & flag <> 0;
CREATE OR REPLACE VIEW pooling_rows_kept_sex AS SELECT * FROM rollup_rows_counted_for(2);
CREATE OR REPLACE VIEW pooling_rows_kept_age AS SELECT * FROM rollup_rows_counted_for(4);

-- The rollup's totals as the total of every sex, age group and municipality ('T', '', ''): what a question without
-- breakdown pools, summed ahead.
CREATE OR REPLACE VIEW pooling_rows_total AS
  SELECT place, indicator, grain, period, period_start, 'T' AS sex, '' AS age_group, '' AS municipality,
    rows, "values", numerators, numerator_sum, denominator_sum, ns, n_sum, weighted_sum, value_sum, count_sum, status
  FROM observation_rollup_total;

-- The parts a question pools, chosen by name (above): `scope` 'own' (a unit's own rows) or 'tree' (with
-- everything below it); `counted_for` the breakdown (none, sex, age, municipality, or sex_municipality and
-- age_municipality for a breakdown within one municipality). From the rollup when `kept` and it answers the question
-- (a tree without municipalities as parts): its totals without breakdown, else its rows counted for the breakdown.
-- A NULL breakdown (the registry checks a query's columns with every parameter NULL) names the sources without one.
CREATE OR REPLACE MACRO pooling_rows(kept, scope, counted_for) AS TABLE
  SELECT * FROM query_table(CASE
    WHEN kept AND scope = 'tree' AND coalesce(counted_for, 'none') IN ('none', 'sex', 'age')
      THEN CASE counted_for WHEN 'sex' THEN 'pooling_rows_kept_sex' WHEN 'age' THEN 'pooling_rows_kept_age' ELSE 'pooling_rows_total' END
    ELSE CASE scope WHEN 'own' THEN 'pooling_rows_own_' ELSE 'pooling_rows_tree_' END
      || CASE counted_for WHEN 'sex' THEN 'sex' WHEN 'age' THEN 'age' WHEN 'municipality' THEN 'municipality'
           WHEN 'sex_municipality' THEN 'sex_municipality' WHEN 'age_municipality' THEN 'age_municipality' ELSE 'none' END
  END);

