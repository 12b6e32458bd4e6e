-- Totals and parts, per place and period (issue #29). Until now the rule was per indicator: where any source of the
-- indicator published a total (sex T, age group '', municipality ''), every place's total was taken, so a unit that
-- publishes only K and M beside units that publish T had no value at all, and its administration pooled the others'
-- totals alone. The rule now holds per place and period: for each unit (or municipality, for rows without unit) and
-- period, its total where it has one, else the sum of its parts, never both. A question's breakdown takes that
-- dimension's parts, and the rule holds for each part. The queries no longer filter with counts_once: the rows they
-- pool are the ones that count (counted_parts below), and the rollup keeps with each of its rows the questions it
-- counts for (`counted`).

-- A row's shape, one bit per dimension that holds its total: sex T 4, age group '' 2, municipality '' 1 (a unit's
-- municipalities pooled in the rollup, NULL, are parts).
CREATE MACRO publication_shape(sex, age_group, municipality) AS
  CAST(sex = 'T' AS INTEGER) * 4 + CAST(age_group = '' AS INTEGER) * 2 + CAST(coalesce(municipality = '', false) AS INTEGER);

-- The shape that counts, given the shapes a place publishes for a period (`mask`, bit 1 << shape for each): the sex
-- total where there is one, then among those rows the age total where there is one, then the municipality total. The
-- rows of that shape cover the place once; any other row would count some people twice.
CREATE MACRO counted_shape_municipality(mask, sa) AS sa + CASE WHEN (mask >> sa) & 2 <> 0 THEN 1 ELSE 0 END;
CREATE MACRO counted_shape_age(mask, s) AS counted_shape_municipality(mask, s + CASE WHEN (mask >> s) & 12 <> 0 THEN 2 ELSE 0 END);
CREATE MACRO counted_shape(mask) AS counted_shape_age(mask, CASE WHEN mask & 240 <> 0 THEN 4 ELSE 0 END);

-- The observation parts (migration 009) that count for a question whose breakdown takes the parts of sex (f_sex), age
-- group (f_age) or municipality (f_mun): a place is a unit, or a municipality for rows without unit; with a breakdown,
-- a place's part. Only the indicator, the place and the period are partitions, so a question's indicator filter still
-- reaches the scan.
CREATE MACRO counted_parts(f_sex, f_age, f_mun) AS TABLE
  SELECT * EXCLUDE (shape, mask) FROM (
    SELECT *, bit_or(CAST(1 AS INTEGER) << shape) OVER (
        PARTITION BY indicator, period, unit, CASE WHEN unit = '' THEN municipality END,
          CASE WHEN f_sex THEN sex END, CASE WHEN f_age THEN age_group END, CASE WHEN f_mun THEN municipality END) AS mask
    FROM (
      SELECT *, publication_shape(sex, age_group, municipality) AS shape FROM observation_parts()
      WHERE (NOT f_sex OR sex <> 'T') AND (NOT f_age OR age_group <> '') AND (NOT f_mun OR municipality <> '')
    )
  )
  WHERE shape = counted_shape(mask);

-- The rows' pooling sources (migration 010), one per breakdown: a unit's own rows, and each unit with everything below
-- it ('' every row). With a single municipality asked for, municipality is a part too.
CREATE MACRO pooling_own(f_sex, f_age, f_mun) AS TABLE
  SELECT unit AS place, indicator, grain, period, period_start, sex, age_group, municipality,
    rows, "values", numerators, numerator_sum, denominator_sum, ns, n_sum, weighted_sum, value_sum, count_sum, status
  FROM counted_parts(f_sex, f_age, f_mun);

CREATE MACRO pooling_tree(f_sex, f_age, f_mun) AS TABLE
  SELECT l.ancestor AS place, p.indicator, p.grain, p.period, p.period_start, p.sex, p.age_group, p.municipality,
    p.rows, p."values", p.numerators, p.numerator_sum, p.denominator_sum, p.ns, p.n_sum, p.weighted_sum, p.value_sum,
    p.count_sum, p.status
  FROM counted_parts(f_sex, f_age, f_mun) p
  -- each unit's ancestors and itself, and '' above everything (rows without unit have only '')
  JOIN (SELECT id, ancestor FROM unit_lineage() UNION ALL SELECT id, '' FROM org_unit UNION ALL SELECT '', '') l ON l.id = p.unit;

DROP VIEW pooling_rows_own;
DROP VIEW pooling_rows_tree;
DROP VIEW pooling_rows_kept;
CREATE VIEW pooling_rows_own_none AS SELECT * FROM pooling_own(false, false, false);
CREATE VIEW pooling_rows_own_sex AS SELECT * FROM pooling_own(true, false, false);
CREATE VIEW pooling_rows_own_age AS SELECT * FROM pooling_own(false, true, false);
CREATE VIEW pooling_rows_own_municipality AS SELECT * FROM pooling_own(false, false, true);
CREATE VIEW pooling_rows_own_sex_municipality AS SELECT * FROM pooling_own(true, false, true);
CREATE VIEW pooling_rows_own_age_municipality AS SELECT * FROM pooling_own(false, true, true);
CREATE VIEW pooling_rows_tree_none AS SELECT * FROM pooling_tree(false, false, false);
CREATE VIEW pooling_rows_tree_sex AS SELECT * FROM pooling_tree(true, false, false);
CREATE VIEW pooling_rows_tree_age AS SELECT * FROM pooling_tree(false, true, false);
CREATE VIEW pooling_rows_tree_municipality AS SELECT * FROM pooling_tree(false, false, true);
CREATE VIEW pooling_rows_tree_sex_municipality AS SELECT * FROM pooling_tree(true, false, true);
CREATE VIEW pooling_rows_tree_age_municipality AS SELECT * FROM pooling_tree(false, true, true);

-- The rollup keeps, with each row, the questions it counts for: bit 1 without breakdown, 2 by sex, 4 by age group
-- (pipeline/store/rollup.ts works it out per place and period as counted_parts does). A question for single
-- municipalities under a unit reads the rows. Emptied: its rows are derived, and rebuilt with the column.
DELETE FROM observation_rollup;
ALTER TABLE observation_rollup ADD COLUMN counted UTINYINT;
ALTER TABLE observation_rollup ALTER COLUMN counted SET NOT NULL;
CREATE MACRO rollup_rows_counted_for(flag) AS TABLE
  SELECT place, indicator, grain, period, period_start, sex, age_group, municipality,
    rows, "values", numerators, numerator_sum, denominator_sum, ns, n_sum, weighted_sum, value_sum, count_sum, status
  FROM observation_rollup WHERE counted & flag <> 0;
CREATE VIEW pooling_rows_kept_sex AS SELECT * FROM rollup_rows_counted_for(2);
CREATE VIEW pooling_rows_kept_age AS SELECT * FROM rollup_rows_counted_for(4);

-- The parts a question pools, chosen by name as in migration 010: `scope` 'own' (a unit's own rows) or 'tree' (with
-- everything below it); `counted_for` the breakdown (none, sex, age, municipality, or sex_municipality and
-- age_municipality for a breakdown within one municipality). From the rollup when `kept` and it answers the question
-- (a tree without municipalities as parts): its totals without breakdown, else its rows counted for the breakdown.
-- A NULL breakdown (the registry checks a query's columns with every parameter NULL) names the sources without one.
DROP MACRO TABLE pooling_rows;
CREATE MACRO pooling_rows(kept, scope, counted_for) AS TABLE
  SELECT * FROM query_table(CASE
    WHEN kept AND scope = 'tree' AND coalesce(counted_for, 'none') IN ('none', 'sex', 'age')
      THEN CASE counted_for WHEN 'sex' THEN 'pooling_rows_kept_sex' WHEN 'age' THEN 'pooling_rows_kept_age' ELSE 'pooling_rows_total' END
    ELSE CASE scope WHEN 'own' THEN 'pooling_rows_own_' ELSE 'pooling_rows_tree_' END
      || CASE counted_for WHEN 'sex' THEN 'sex' WHEN 'age' THEN 'age' WHEN 'municipality' THEN 'municipality'
           WHEN 'sex_municipality' THEN 'sex_municipality' WHEN 'age_municipality' THEN 'age_municipality' ELSE 'none' END
  END);

-- Which totals an indicator's sources publish no longer decides anything: the per-indicator rule and what it read go.
DROP MACRO counts_once;
DROP MACRO TABLE totals_of;
DROP TABLE observation_rollup_indicator;
CREATE TABLE observation_rollup_indicator (indicator VARCHAR PRIMARY KEY, grain VARCHAR);
CREATE OR REPLACE VIEW indicator_shape_rows AS
  SELECT i.id AS indicator, g.grain
  FROM indicator i
  LEFT JOIN (
    SELECT indicator, first(grain ORDER BY c DESC, grain) AS grain
    FROM (SELECT indicator, grain, count(*) AS c FROM observation GROUP BY ALL)
    GROUP BY indicator
  ) g ON g.indicator = i.id;
DROP MACRO TABLE published_totals;

-- The follow-up's entries (migration 012) without the indicator's published totals.
CREATE OR REPLACE MACRO followup_entries_from(kept) AS TABLE
  WITH
  program_benefits AS (SELECT program, list(id) AS ids FROM benefit GROUP BY program),
  -- each indicator with the program's benefits it measures and its grain
  ind AS (
    SELECT pb.program, i.id, i.name, i.direction, i.min_count, i.source, i.frequency, i.unit AS measure,
      array_to_string(list_sort(list_distinct(list_filter(i.benefits, b -> list_contains(pb.ids, b)))), ',') AS benefits,
      s.grain
    FROM indicator i
    JOIN program_benefits pb ON list_has_any(i.benefits, pb.ids)
    LEFT JOIN indicator_shapes(kept) s ON s.indicator = i.id
  ),
  -- org units with their depth, ancestors and go-live (their own, else the nearest ancestor's, else the program's);
  -- geographies at depth -1, with the program's go-live
  places AS (
    SELECT p.id AS program, 'unit' AS place_kind, u.id AS place, u.name AS place_name, u.level, u.parent,
      coalesce(u.go_live, p.go_live) AS go_live, u.depth, u.ancestors
    FROM program p CROSS JOIN unit_places(kept) u
    UNION ALL
    SELECT p.id, 'geography', g.g, g.g, NULL, NULL, p.go_live, -1, NULL
    FROM program p CROSS JOIN LATERAL (SELECT unnest(coalesce(p.geographies, [])) AS g) g
  )
  SELECT ind.program, ind.id AS indicator, ind.name AS indicator_name, ind.direction, ind.benefits, ind.source,
    ind.frequency, ind.measure, ind.min_count, p.place_kind, p.place, p.place_name, p.level, p.parent, p.go_live,
    p.depth, p.ancestors, ind.grain,
    -- the region's targets stand for the region and the geographies
    CASE WHEN p.place_kind = 'geography' OR p.parent IS NULL THEN '' END AS region_key,
    -- the baseline ends where go-live's own period begins: the month, quarter or year it falls in
    CAST(CASE WHEN ind.grain = 'year' THEN date_trunc('year', p.go_live) WHEN ind.grain = 'quarter' THEN date_trunc('quarter', p.go_live)
         ELSE p.go_live END AS DATE) AS baseline_to
  FROM ind JOIN places p ON p.program = ind.program
  WHERE p.go_live IS NOT NULL;
DROP VIEW followup_entry_rows;
CREATE VIEW followup_entry_rows AS SELECT * FROM followup_entries_from(false);
DROP TABLE followup_entry_kept;
CREATE TABLE followup_entry_kept AS SELECT * FROM followup_entries_from(false) LIMIT 0;

-- The follow-up's pooled years (migration 013), each entry itself (part '') from the parts that count without
-- breakdown, and with a breakdown each of its parts from those that count for it. From the rollup when `kept`: its
-- totals, or its rows counted for sex or age; a geography's under place '' (rows without unit). Else from the rows. A
-- branch not read names a cheap source, so DuckDB binds only what the question reads (see migration 010).
CREATE OR REPLACE MACRO followup_years(kept, q_program, q_unit, q_level, q_breakdown, q_years, q_baseline_months) AS TABLE
  WITH
  entries AS (
    SELECT e.program, e.indicator, e.place_kind, e.place, e.depth, e.grain, e.go_live, e.baseline_to
    FROM followup_entries_asked(kept, q_program, q_unit, q_level) e
  ),
  windows AS (SELECT *, followup_baseline_from(baseline_to, grain, q_baseline_months) AS baseline_from FROM entries),
  parts_read AS (
    -- a unit, itself: the rollup's totals (with the depth, so the scan is handed the levels asked for), or the rows
    SELECT e.program, e.indicator, e.place_kind, e.place, e.baseline_from, e.baseline_to, e.go_live, o.period_start,
      '' AS part, o."values", o.numerators, o.numerator_sum, o.denominator_sum, o.ns, o.n_sum, o.weighted_sum,
      o.value_sum, o.count_sum
    FROM windows e
    JOIN observation_rollup_total o ON o.indicator = e.indicator AND o.depth = e.depth AND o.place = e.place
    WHERE e.place_kind = 'unit' AND kept
    UNION ALL
    SELECT e.program, e.indicator, e.place_kind, e.place, e.baseline_from, e.baseline_to, e.go_live, o.period_start,
      '', o."values", o.numerators, o.numerator_sum, o.denominator_sum, o.ns, o.n_sum, o.weighted_sum, o.value_sum,
      o.count_sum
    FROM windows e
    JOIN pooling_rows(kept, 'tree', 'none') o ON o.indicator = e.indicator AND o.place = e.place
    WHERE e.place_kind = 'unit' AND NOT kept
    UNION ALL
    -- a unit's parts: the rollup's rows counted for the breakdown, or the rows
    SELECT e.program, e.indicator, e.place_kind, e.place, e.baseline_from, e.baseline_to, e.go_live, o.period_start,
      CASE q_breakdown WHEN 'sex' THEN o.sex ELSE o.age_group END, o."values", o.numerators, o.numerator_sum,
      o.denominator_sum, o.ns, o.n_sum, o.weighted_sum, o.value_sum, o.count_sum
    FROM windows e
    JOIN observation_rollup o ON o.indicator = e.indicator AND o.depth = e.depth AND o.place = e.place
      AND o.counted & CASE q_breakdown WHEN 'sex' THEN 2 ELSE 4 END <> 0
    WHERE e.place_kind = 'unit' AND kept AND q_breakdown IN ('sex', 'age')
    UNION ALL
    SELECT e.program, e.indicator, e.place_kind, e.place, e.baseline_from, e.baseline_to, e.go_live, o.period_start,
      CASE q_breakdown WHEN 'sex' THEN o.sex WHEN 'age' THEN o.age_group ELSE o.municipality END, o."values",
      o.numerators, o.numerator_sum, o.denominator_sum, o.ns, o.n_sum, o.weighted_sum, o.value_sum, o.count_sum
    FROM windows e
    JOIN pooling_rows(kept OR q_breakdown = 'none', 'tree', q_breakdown) o ON o.indicator = e.indicator AND o.place = e.place
    WHERE e.place_kind = 'unit' AND NOT (q_breakdown = 'none' OR kept AND q_breakdown IN ('sex', 'age'))
    UNION ALL
    -- a geography, itself and its parts: the rows without unit in that municipality, in the rollup under place ''
    SELECT e.program, e.indicator, e.place_kind, e.place, e.baseline_from, e.baseline_to, e.go_live, o.period_start,
      '', o."values", o.numerators, o.numerator_sum, o.denominator_sum, o.ns,
      o.n_sum, o.weighted_sum, o.value_sum, o.count_sum
    FROM windows e
    JOIN observation_rollup o ON o.indicator = e.indicator AND o.depth = -1 AND o.place = '' AND o.municipality = e.place
      AND o.counted & 1 <> 0
    WHERE e.place_kind = 'geography' AND kept
    UNION ALL
    SELECT e.program, e.indicator, e.place_kind, e.place, e.baseline_from, e.baseline_to, e.go_live, o.period_start,
      CASE q_breakdown WHEN 'sex' THEN o.sex ELSE o.age_group END, o."values", o.numerators, o.numerator_sum,
      o.denominator_sum, o.ns, o.n_sum, o.weighted_sum, o.value_sum, o.count_sum
    FROM windows e
    JOIN observation_rollup o ON o.indicator = e.indicator AND o.depth = -1 AND o.place = '' AND o.municipality = e.place
      AND o.counted & CASE q_breakdown WHEN 'sex' THEN 2 ELSE 4 END <> 0
    WHERE e.place_kind = 'geography' AND kept AND q_breakdown IN ('sex', 'age')
    UNION ALL
    SELECT e.program, e.indicator, e.place_kind, e.place, e.baseline_from, e.baseline_to, e.go_live, o.period_start,
      '', o."values", o.numerators, o.numerator_sum, o.denominator_sum, o.ns, o.n_sum, o.weighted_sum, o.value_sum,
      o.count_sum
    FROM windows e
    JOIN pooling_rows(kept, CASE WHEN kept THEN 'tree' ELSE 'own' END, 'none') o
      ON o.indicator = e.indicator AND o.place = '' AND o.municipality = e.place
    WHERE e.place_kind = 'geography' AND NOT kept
    UNION ALL
    SELECT e.program, e.indicator, e.place_kind, e.place, e.baseline_from, e.baseline_to, e.go_live, o.period_start,
      CASE q_breakdown WHEN 'sex' THEN o.sex WHEN 'age' THEN o.age_group ELSE o.municipality END, o."values",
      o.numerators, o.numerator_sum, o.denominator_sum, o.ns, o.n_sum, o.weighted_sum, o.value_sum, o.count_sum
    FROM windows e
    JOIN pooling_rows(true, CASE WHEN q_breakdown = 'none' OR kept AND q_breakdown IN ('sex', 'age') THEN 'tree' ELSE 'own' END, q_breakdown) o
      ON o.indicator = e.indicator AND o.place = '' AND o.municipality = e.place
    WHERE e.place_kind = 'geography' AND NOT (q_breakdown = 'none' OR kept AND q_breakdown IN ('sex', 'age'))
  ),
  -- Each part with the year it falls in (0 = the baseline, 1–N after go-live; date_diff, not year(): see 013).
  located AS (
    SELECT x.program, x.indicator, x.place_kind, x.place, x.part,
      CASE WHEN x.period_start >= x.baseline_from AND x.period_start < x.baseline_to THEN 0
           ELSE CAST(date_diff('year', x.go_live, x.period_start) AS INTEGER) END AS k,
      x."values", x.numerators, x.numerator_sum, x.denominator_sum, x.ns, x.n_sum, x.weighted_sum, x.value_sum, x.count_sum
    FROM parts_read x
    WHERE (x.period_start >= x.baseline_from AND x.period_start < x.baseline_to)
       OR date_diff('year', x.go_live, x.period_start) BETWEEN 1 AND q_years
  )
  SELECT x.program, x.indicator, x.place_kind, x.place, x.k, x.part,
    pooled_parts(x."values", x.numerators, x.numerator_sum, x.denominator_sum, x.ns, x.n_sum, x.weighted_sum, x.value_sum) AS value,
    pooled_parts_n(x.count_sum) AS n
  FROM located x
  GROUP BY ALL;

-- A rollup built before this migration keeps no `counted` (and its totals took the per-indicator rule): it is built
-- again on the next start or load, and until then the questions read the rows.
UPDATE observation_rollup_state SET built_after = NULL;
