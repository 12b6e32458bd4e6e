-- Macros the named queries share, kept in the store so every connection has them.

-- A pooled value over observation rows that carry one: proportions as Σ numerator / Σ denominator, measures weighted
-- by n where every row has one, else a plain mean. Suppressed rows (value NULL) are left out. Sums are taken as DECIMAL:
-- exact, so the answer does not depend on the order parallel threads happen to add in.
CREATE MACRO pooled_value(numerator, denominator, value, n) AS
  CASE
    WHEN count(numerator) FILTER (WHERE value IS NOT NULL) = count(value) AND sum(denominator) FILTER (WHERE value IS NOT NULL) > 0
      THEN CAST(sum(CAST(numerator AS DECIMAL(38, 6))) FILTER (WHERE value IS NOT NULL) AS DOUBLE)
         / CAST(sum(CAST(denominator AS DECIMAL(38, 6))) FILTER (WHERE value IS NOT NULL) AS DOUBLE)
    WHEN count(n) FILTER (WHERE value IS NOT NULL) = count(value) AND sum(n) FILTER (WHERE value IS NOT NULL) > 0
      THEN CAST(sum(CAST(value * n AS DECIMAL(38, 8))) FILTER (WHERE value IS NOT NULL) AS DOUBLE) / sum(n) FILTER (WHERE value IS NOT NULL)
    ELSE CAST(avg(CAST(value AS DECIMAL(38, 10))) AS DOUBLE)
  END;

-- The count a pooled value is built on: Σ denominator for proportions, Σ n for measures.
CREATE MACRO pooled_n(denominator, value, n) AS CAST(sum(coalesce(denominator, n)) FILTER (WHERE value IS NOT NULL) AS BIGINT);

-- A period parameter (2024, 2024-03, 2024-03-15) as the first day it covers, and the first day after it.
CREATE MACRO period_first_day(p) AS CAST(CASE length(p) WHEN 4 THEN p || '-01-01' WHEN 7 THEN p || '-01' ELSE p END AS DATE);
CREATE MACRO period_end(p) AS
  CASE length(p) WHEN 4 THEN period_first_day(p) + INTERVAL 1 YEAR WHEN 7 THEN period_first_day(p) + INTERVAL 1 MONTH ELSE period_first_day(p) + INTERVAL 1 DAY END;
