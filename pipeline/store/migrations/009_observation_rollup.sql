-- Observations pooled ahead: the series, the baseline and the follow-up read a rollup instead of every row when it is
-- fresh (built after the last load) and the store is not asked as of an earlier load. The rollup is derived: it is
-- rebuilt after a load commits (pipeline/store/rollup.ts), and until then the queries pool the rows themselves, in the
-- same shape and with the same arithmetic, so both give the same answers.

-- Each observation row as the parts a pooled value is made of. Sums are DECIMAL, exact, so parts pooled in any order
-- and any grouping add up to the same number: Σ numerator / Σ denominator for proportions, Σ value·n / Σ n for measures
-- where every row has n, else the mean. Suppressed rows (value NULL) add nothing but their count and status.
CREATE MACRO observation_parts() AS TABLE
  SELECT indicator, unit, grain, period, period_start, sex, age_group, municipality,
    CAST(1 AS BIGINT) AS rows,
    CAST(value IS NOT NULL AS BIGINT) AS "values",
    CAST(value IS NOT NULL AND numerator IS NOT NULL AS BIGINT) AS numerators,
    CASE WHEN value IS NOT NULL THEN CAST(numerator AS DECIMAL(38, 6)) END AS numerator_sum,
    CASE WHEN value IS NOT NULL THEN CAST(denominator AS DECIMAL(38, 6)) END AS denominator_sum,
    CAST(value IS NOT NULL AND n IS NOT NULL AS BIGINT) AS ns,
    CASE WHEN value IS NOT NULL THEN CAST(n AS DECIMAL(38, 6)) END AS n_sum,
    CASE WHEN value IS NOT NULL THEN CAST(value * n AS DECIMAL(38, 8)) END AS weighted_sum,
    CAST(value AS DECIMAL(38, 10)) AS value_sum,
    CASE WHEN value IS NOT NULL THEN CAST(coalesce(denominator, n) AS DECIMAL(38, 6)) END AS count_sum,
    status
  FROM observation;

-- The pooled value of a group of parts, and the count it is built on.
CREATE MACRO pooled_parts(values_, numerators, numerator_sum, denominator_sum, ns, n_sum, weighted_sum, value_sum) AS
  CASE
    WHEN sum(numerators) = sum(values_) AND sum(denominator_sum) > 0
      THEN CAST(sum(numerator_sum) AS DOUBLE) / CAST(sum(denominator_sum) AS DOUBLE)
    WHEN sum(ns) = sum(values_) AND sum(n_sum) > 0
      THEN CAST(sum(weighted_sum) AS DOUBLE) / CAST(sum(n_sum) AS DOUBLE)
    ELSE CAST(sum(value_sum) AS DOUBLE) / CAST(nullif(sum(values_), 0) AS DOUBLE)
  END;
CREATE MACRO pooled_parts_n(count_sum) AS CAST(sum(count_sum) AS BIGINT);

-- Every org unit with each of its ancestors and itself.
CREATE MACRO unit_lineage() AS TABLE
  WITH RECURSIVE up(id, ancestor) AS (
    SELECT id, id FROM org_unit
    UNION
    SELECT up.id, o.parent FROM up JOIN org_unit o ON o.id = up.ancestor WHERE o.parent IS NOT NULL
  )
  SELECT id, ancestor FROM up;

-- The rollup: parts summed per place and period, where a place is a unit with everything below it, or '' with every
-- row. Under a unit the municipalities' parts are pooled into one (municipality NULL), beside the municipality total
-- (''), so totals and parts still never meet; rows without unit keep their municipality.
CREATE TABLE observation_rollup (
  place VARCHAR NOT NULL,
  -- the place's depth in the org tree (the region 0, '' -1): rows are kept in (depth, place) order, so a follow-up of
  -- one level reads that level's row groups only
  depth INTEGER NOT NULL,
  indicator VARCHAR NOT NULL,
  grain VARCHAR NOT NULL,
  period VARCHAR NOT NULL,
  period_start DATE NOT NULL,
  sex VARCHAR NOT NULL,
  age_group VARCHAR NOT NULL,
  municipality VARCHAR,
  rows BIGINT NOT NULL,
  "values" BIGINT NOT NULL,
  numerators BIGINT NOT NULL,
  numerator_sum DECIMAL(38, 6),
  denominator_sum DECIMAL(38, 6),
  ns BIGINT NOT NULL,
  -- DECIMAL(38, 6), not (38, 0): DuckDB 1.5 reads bit-packed DECIMAL(38, 0) more than ten times slower
  n_sum DECIMAL(38, 6),
  weighted_sum DECIMAL(38, 8),
  value_sum DECIMAL(38, 10),
  count_sum DECIMAL(38, 6),
  status VARCHAR
);

-- Per indicator, built with the rollup: its most common grain (NULL without rows) and which totals its sources
-- publish, as published_totals answers it.
CREATE TABLE observation_rollup_indicator (
  indicator VARCHAR PRIMARY KEY, grain VARCHAR, sex_t BOOLEAN NOT NULL, age_t BOOLEAN NOT NULL, mun_t BOOLEAN NOT NULL
);

-- The load the rollup was built after (NULL: never built). It is fresh while no load has been logged since.
CREATE TABLE observation_rollup_state (built_after BIGINT, built_at TIMESTAMP, build_ms BIGINT);
INSERT INTO observation_rollup_state VALUES (NULL, NULL, NULL);

-- The parts a pooling query reads, in one shape: scope 'own' is a unit's own rows (place = the unit, '' for rows
-- without unit); scope 'tree' is a unit's rows with everything below it, and place '' every row. When `kept` (the
-- rollup is fresh and the question is one it answers) every tree comes from the rollup, else from the observation
-- rows. `kept` is a bound parameter, so DuckDB drops the branches it rules out.
CREATE MACRO pooling_rows(kept) AS TABLE
  SELECT 'tree' AS scope, place, indicator, grain, period, period_start, sex, age_group, municipality,
    rows, "values", numerators, numerator_sum, denominator_sum, ns, n_sum, weighted_sum, value_sum, count_sum, status
  FROM observation_rollup WHERE kept
  UNION ALL
  SELECT 'own', unit, indicator, grain, period, period_start, sex, age_group, municipality,
    rows, "values", numerators, numerator_sum, denominator_sum, ns, n_sum, weighted_sum, value_sum, count_sum, status
  FROM observation_parts()
  UNION ALL
  SELECT 'tree', l.ancestor, p.indicator, p.grain, p.period, p.period_start, p.sex, p.age_group, p.municipality,
    p.rows, p."values", p.numerators, p.numerator_sum, p.denominator_sum, p.ns, p.n_sum, p.weighted_sum, p.value_sum,
    p.count_sum, p.status
  FROM observation_parts() p JOIN unit_lineage() l ON l.id = p.unit WHERE NOT kept
  UNION ALL
  SELECT 'tree', '', indicator, grain, period, period_start, sex, age_group, municipality,
    rows, "values", numerators, numerator_sum, denominator_sum, ns, n_sum, weighted_sum, value_sum, count_sum, status
  FROM observation_parts() WHERE NOT kept;

-- published_totals, from the rollup's table when `kept`.
CREATE MACRO totals_of(ind, kept) AS TABLE
  SELECT sex_t, age_t, mun_t FROM observation_rollup_indicator WHERE indicator = ind AND kept
  UNION ALL
  SELECT sex_t, age_t, mun_t FROM published_totals(ind) WHERE NOT kept;

-- The queries pool parts now (pooled_parts above): 002's row-wise macros are no longer used.
DROP MACRO pooled_value;
DROP MACRO pooled_n;
