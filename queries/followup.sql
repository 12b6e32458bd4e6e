-- name: followup
-- description: Underlag för femårsuppföljningen: per indikator (som mäter programmets nyttor) och förvaltning, baslinjen (12 månader före driftstart), målvärde och utfall för år 1–5 efter driftstart.
-- param: program VARCHAR required — programmets id
-- param: unit VARCHAR default= — en förvaltning; tomt betyder alla förvaltningar
-- column: indicator VARCHAR
-- column: indicator_name VARCHAR
-- column: direction VARCHAR
-- column: benefits VARCHAR — programmets nyttor som indikatorn mäter, kommaseparerade
-- column: unit VARCHAR — förvaltningen
-- column: go_live DATE
-- column: year INTEGER — 0 = baslinjen, 1–5 = år efter driftstart
-- column: calendar_year INTEGER
-- column: value DOUBLE
-- column: n BIGINT
-- column: target DOUBLE
-- suppress: count=n values=value min=min_count
WITH RECURSIVE tree(root, id) AS (
  SELECT id, id FROM org_unit WHERE level = 'forvaltning' AND ($unit = '' OR id = $unit)
  UNION
  SELECT t.root, o.id FROM org_unit o JOIN tree t ON o.parent = t.id
),
admin AS (SELECT id, go_live FROM org_unit WHERE level = 'forvaltning' AND ($unit = '' OR id = $unit)),
ind AS (
  SELECT i.id, i.name, i.direction, i.min_count, string_agg(DISTINCT lb.b, ',' ORDER BY lb.b) AS benefits
  FROM indicator i, LATERAL (SELECT unnest(i.benefits) AS b) lb
  WHERE lb.b IN (SELECT id FROM benefit WHERE program = $program)
  GROUP BY i.id, i.name, i.direction, i.min_count
),
years AS (SELECT * FROM range(0, 6) r(k)),
cells AS (
  SELECT ind.id AS indicator, a.id AS unit, a.go_live, y.k,
    CASE WHEN y.k = 0 THEN a.go_live - INTERVAL 12 MONTH ELSE make_date(year(a.go_live) + CAST(y.k AS INTEGER), 1, 1) END AS w_from,
    CASE WHEN y.k = 0 THEN CAST(a.go_live AS TIMESTAMP) ELSE make_date(year(a.go_live) + CAST(y.k AS INTEGER) + 1, 1, 1) END AS w_to
  FROM ind, admin a, years y WHERE a.go_live IS NOT NULL
),
agg AS (
  SELECT c.indicator, c.unit, c.k,
    pooled_value(o.numerator, o.denominator, o.value, o.n) AS value,
    pooled_n(o.denominator, o.value, o.n) AS n
  FROM cells c
  JOIN tree t ON t.root = c.unit
  JOIN observation o ON o.indicator = c.indicator AND o.unit = t.id AND o.period_start >= c.w_from AND o.period_start < c.w_to
  GROUP BY c.indicator, c.unit, c.k
)
SELECT c.indicator, ind.name AS indicator_name, ind.direction, ind.benefits, c.unit, c.go_live,
  CAST(c.k AS INTEGER) AS year, CAST(year(c.go_live) + c.k AS INTEGER) AS calendar_year,
  agg.value, agg.n, tg.value AS target, ind.min_count
FROM cells c
JOIN ind ON ind.id = c.indicator
LEFT JOIN agg ON agg.indicator = c.indicator AND agg.unit = c.unit AND agg.k = c.k
LEFT JOIN target tg ON tg.indicator = c.indicator AND tg.unit = c.unit AND tg.year = year(c.go_live) + c.k AND c.k > 0
ORDER BY c.indicator, c.unit, c.k
