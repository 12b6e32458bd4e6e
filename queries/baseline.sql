-- name: baseline
-- description: Baslinje för en indikator och enhet: fönstret före driftstart (standard 12 månader), andelar poolade (Σ täljare / Σ nämnare), med antal perioder och n.
-- param: indicator VARCHAR required — indikatorns id
-- param: unit VARCHAR required — organisationsenhetens id
-- param: go_live DATE — driftstart; utan värde enhetens egen
-- param: window_months INTEGER default=12 min=1 max=60 — fönstrets längd i månader
-- catalogue: indicator=indicator unit=unit
-- column: indicator VARCHAR
-- column: unit VARCHAR
-- column: go_live DATE
-- column: window_from DATE
-- column: periods BIGINT — perioder med värde i fönstret
-- column: value DOUBLE
-- column: n BIGINT
-- column: status VARCHAR
-- suppress: count=n values=value min=min_count
WITH golive AS (
  SELECT coalesce(CAST($go_live AS DATE), (SELECT go_live FROM org_unit WHERE id = $unit)) AS d
),
-- The unit with everything below it, the rows that count without breakdown (migration 014), from the rollup's totals
-- when the service says it is fresh; then the window.
w AS (
  SELECT p.* FROM pooling_rows($rollup, 'tree', 'none') p
  WHERE p.indicator = $indicator AND p.place = $unit AND $unit <> ''
    AND p.period_start >= (SELECT d FROM golive) - to_months(CAST($window_months AS INTEGER)) AND p.period_start < (SELECT d FROM golive)
)
SELECT
  CAST($indicator AS VARCHAR) AS indicator,
  CAST($unit AS VARCHAR) AS unit,
  (SELECT d FROM golive) AS go_live,
  CAST((SELECT d FROM golive) - to_months(CAST($window_months AS INTEGER)) AS DATE) AS window_from,
  count(DISTINCT period) FILTER (WHERE "values" > 0) AS periods,
  pooled_parts("values", numerators, numerator_sum, denominator_sum, ns, n_sum, weighted_sum, value_sum) AS value,
  pooled_parts_n(count_sum) AS n,
  CASE WHEN coalesce(sum("values"), 0) = 0 THEN '..' END AS status,
  (SELECT min_count FROM indicator WHERE id = $indicator) AS min_count
FROM w
