-- name: baseline
-- description: Baslinje för en indikator och enhet: fönstret före driftstart (standard 12 månader), andelar poolade (Σ täljare / Σ nämnare), med antal perioder och n.
-- param: indicator VARCHAR required — indikatorns id
-- param: unit VARCHAR required — organisationsenhetens id
-- param: go_live DATE — driftstart; utan värde enhetens egen
-- param: window_months INTEGER default=12 min=1 max=60 — fönstrets längd i månader
-- column: indicator VARCHAR
-- column: unit VARCHAR
-- column: go_live DATE
-- column: window_from DATE
-- column: periods BIGINT — perioder med värde i fönstret
-- column: value DOUBLE
-- column: n BIGINT
-- column: status VARCHAR
-- suppress: count=n values=value min=min_count
WITH RECURSIVE units(id) AS (
  SELECT id FROM org_unit WHERE id = $unit
  UNION
  SELECT o.id FROM org_unit o JOIN units u ON o.parent = u.id
),
golive AS (
  SELECT coalesce(CAST($go_live AS DATE), (SELECT go_live FROM org_unit WHERE id = $unit)) AS d
),
totals AS (SELECT * FROM published_totals($indicator)),
-- The unit's rows, the units joined straight over the scan so DuckDB hands it their range (zone maps skip the rest);
-- then the window and the totals where the source publishes them.
picked AS (
  SELECT o.period, o.period_start, o.sex, o.age_group, o.numerator, o.denominator, o.value, o.n
  FROM observation o
  WHERE o.indicator = $indicator AND o.unit IN (SELECT id FROM units)
),
w AS (
  SELECT p.* FROM picked p
  WHERE p.period_start >= (SELECT d FROM golive) - to_months(CAST($window_months AS INTEGER)) AND p.period_start < (SELECT d FROM golive)
    AND CASE WHEN (SELECT sex_t FROM totals) THEN p.sex = 'T' ELSE true END
    AND CASE WHEN (SELECT age_t FROM totals) THEN p.age_group = '' ELSE true END
)
SELECT
  CAST($indicator AS VARCHAR) AS indicator,
  CAST($unit AS VARCHAR) AS unit,
  (SELECT d FROM golive) AS go_live,
  CAST((SELECT d FROM golive) - to_months(CAST($window_months AS INTEGER)) AS DATE) AS window_from,
  count(DISTINCT period) FILTER (WHERE value IS NOT NULL) AS periods,
  pooled_value(numerator, denominator, value, n) AS value,
  pooled_n(denominator, value, n) AS n,
  CASE WHEN count(value) = 0 THEN '..' END AS status,
  (SELECT min_count FROM indicator WHERE id = $indicator) AS min_count
FROM w
