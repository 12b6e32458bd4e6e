-- Observations as the parts a pooled value is made of, and the org tree's lineage.

-- Each observation row as the parts a pooled value is made of. Sums are DECIMAL, exact, so parts pooled in any order
-- and any grouping add up to the same number: Σ numerator / Σ denominator for proportions, Σ value·n / Σ n for measures
-- where every row has n, else the mean. Suppressed rows (value NULL) add nothing but their count and status.
CREATE OR REPLACE MACRO observation_parts() AS TABLE
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
CREATE OR REPLACE MACRO pooled_parts(values_, numerators, numerator_sum, denominator_sum, ns, n_sum, weighted_sum, value_sum) AS
  CASE
    WHEN sum(numerators) = sum(values_) AND sum(denominator_sum) > 0
      THEN CAST(sum(numerator_sum) AS DOUBLE) / CAST(sum(denominator_sum) AS DOUBLE)
    WHEN sum(ns) = sum(values_) AND sum(n_sum) > 0
      THEN CAST(sum(weighted_sum) AS DOUBLE) / CAST(sum(n_sum) AS DOUBLE)
    ELSE CAST(sum(value_sum) AS DOUBLE) / CAST(nullif(sum(values_), 0) AS DOUBLE)
  END;
CREATE OR REPLACE MACRO pooled_parts_n(count_sum) AS CAST(sum(count_sum) AS BIGINT);

-- Every org unit with each of its ancestors and itself.
CREATE OR REPLACE MACRO unit_lineage() AS TABLE
  WITH RECURSIVE up(id, ancestor) AS (
    SELECT id, id FROM org_unit
    UNION
    SELECT up.id, o.parent FROM up JOIN org_unit o ON o.id = up.ancestor WHERE o.parent IS NOT NULL
  )
  SELECT id, ancestor FROM up;

