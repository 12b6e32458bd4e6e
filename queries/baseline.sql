-- name: baseline
-- description: Baslinje för en indikator och enhet: fönstret före driftstart (standard 12 månader), andelar poolade (Σ täljare / Σ nämnare), med antal perioder och n.
-- param: indicator VARCHAR required — indikatorns id
-- param: unit VARCHAR required — organisationsenhetens id
-- param: go_live DATE — driftstart; utan värde enhetens egen, annars närmaste överordnades, annars programmets
-- param: window_months INTEGER default=12 min=1 max=60 — fönstrets längd i månader
-- param: program VARCHAR default= — programmet vars driftstart gäller när enheten och dess överordnade saknar en; tomt betyder programmet vars nyttor indikatorn mäter, om det är ett enda
-- catalogue: indicator=indicator unit=unit program=program
-- column: indicator VARCHAR
-- column: unit VARCHAR
-- column: go_live DATE
-- column: go_live_source VARCHAR — varifrån driftstarten kom: parameter, unit (enhetens egen), ancestor (närmaste överordnades) eller program
-- column: go_live_from VARCHAR — enheten, den överordnade enheten eller programmet som gav driftstarten
-- column: window_from DATE
-- column: periods BIGINT — perioder med värde i fönstret
-- column: value DOUBLE
-- column: n BIGINT
-- column: status VARCHAR
-- suppress: count=n values=value min=min_count
-- Go-live as the follow-up takes it: the one asked for, else the unit's own, else its nearest ancestor's (the unit's
-- ancestors itself first, migration 011), else the program's: the one named, or the one whose benefits the indicator
-- measures when it measures a single program's.
WITH lineage AS (
  SELECT a.id, a.go_live, list_position(u.ancestors, a.id) AS pos
  FROM unit_places($rollup) u JOIN org_unit a ON list_contains(u.ancestors, a.id)
  WHERE u.id = $unit AND a.go_live IS NOT NULL
),
nearest AS (SELECT id, go_live, pos FROM lineage ORDER BY pos LIMIT 1),
measured AS (
  SELECT DISTINCT b.program FROM benefit b JOIN indicator i ON list_contains(i.benefits, b.id) WHERE i.id = $indicator
),
of_program AS (
  SELECT id, go_live FROM program
  WHERE id = CASE WHEN $program <> '' THEN $program ELSE (SELECT min(program) FROM measured HAVING count(*) = 1) END
),
golive AS (
  SELECT
    coalesce(CAST($go_live AS DATE), (SELECT go_live FROM nearest), (SELECT go_live FROM of_program)) AS d,
    CASE WHEN $go_live IS NOT NULL THEN 'parameter'
         WHEN (SELECT go_live FROM nearest) IS NOT NULL THEN CASE WHEN (SELECT pos FROM nearest) = 1 THEN 'unit' ELSE 'ancestor' END
         WHEN (SELECT go_live FROM of_program) IS NOT NULL THEN 'program' END AS source,
    CASE WHEN $go_live IS NOT NULL THEN NULL
         WHEN (SELECT go_live FROM nearest) IS NOT NULL THEN (SELECT id FROM nearest)
         ELSE (SELECT id FROM of_program WHERE go_live IS NOT NULL) END AS from_
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
  (SELECT source FROM golive) AS go_live_source,
  CAST((SELECT from_ FROM golive) AS VARCHAR) AS go_live_from,
  CAST((SELECT d FROM golive) - to_months(CAST($window_months AS INTEGER)) AS DATE) AS window_from,
  count(DISTINCT period) FILTER (WHERE "values" > 0) AS periods,
  pooled_parts("values", numerators, numerator_sum, denominator_sum, ns, n_sum, weighted_sum, value_sum) AS value,
  pooled_parts_n(count_sum) AS n,
  CASE WHEN coalesce(sum("values"), 0) = 0 THEN '..' END AS status,
  (SELECT min_count FROM indicator WHERE id = $indicator) AS min_count
FROM w
