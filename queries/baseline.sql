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
w AS (
  SELECT o.* FROM observation o, golive g, (SELECT bool_or(sex = 'T') AS sex_t, bool_or(age_group = '') AS age_t FROM observation WHERE indicator = $indicator) t
  WHERE o.indicator = $indicator AND o.unit IN (SELECT id FROM units)
    AND o.period_start >= g.d - to_months(CAST($window_months AS INTEGER)) AND o.period_start < g.d
    AND CASE WHEN t.sex_t THEN o.sex = 'T' ELSE true END
    AND CASE WHEN t.age_t THEN o.age_group = '' ELSE true END
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
