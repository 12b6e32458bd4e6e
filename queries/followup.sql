-- name: followup
-- description: Underlag för uppföljningen: per indikator (som mäter programmets nyttor) och plats (en organisationsenhet med allt under den, eller en geografi för serier utan enhet) baslinjen före driftstart och utfall och målvärde för år 1–N efter driftstart; totaler där källan publicerar dem, annars delarna; med nedbrytning även delarna.
-- param: program VARCHAR required — programmets id
-- param: unit VARCHAR default= — en enhet: den och allt under den, oavsett nivå; tomt betyder förvaltningarna, regionen och programmets geografier
-- param: level VARCHAR default= — varje enhet på en nivå: region, forvaltning, verksamhet eller enhet
-- param: breakdown VARCHAR default=none values=none|sex|age|municipality — nedbrytning under varje rad
-- param: years INTEGER default=5 min=1 max=10 — antal år efter driftstart
-- param: baseline_months INTEGER default=0 min=0 max=60 — baslinjens längd i månader; 0 betyder efter seriens tidsupplösning
-- column: indicator VARCHAR
-- column: indicator_name VARCHAR
-- column: direction VARCHAR — higher, lower eller tom (riktning saknas)
-- column: benefits VARCHAR — programmets nyttor som indikatorn mäter, kommaseparerade
-- column: source VARCHAR — indikatorns källa
-- column: frequency VARCHAR — indikatorns frekvens
-- column: measure VARCHAR — indikatorns enhet (t.ex. andel, antal)
-- column: place_kind VARCHAR — unit eller geography
-- column: place VARCHAR — enhetens id eller geografin
-- column: place_name VARCHAR
-- column: level VARCHAR — enhetens nivå
-- column: parent VARCHAR — enhetens överordnade (för röjandeskyddet mellan syskon)
-- column: go_live DATE — enhetens driftstart, annars närmaste överordnades, annars programmets
-- column: grain VARCHAR — seriens tidsupplösning
-- column: baseline_from DATE
-- column: baseline_to DATE — första dagen efter baslinjen
-- column: part VARCHAR — tom för raden själv, annars delen (kön, åldersgrupp eller kommun)
-- column: year INTEGER — 0 = baslinjen, 1–N = år efter driftstart
-- column: calendar_year INTEGER
-- column: value DOUBLE
-- column: n BIGINT
-- column: target DOUBLE
-- suppress: count=n values=value min=min_count group=indicator,place_kind,place,year|indicator,place_kind,parent,part,year
WITH RECURSIVE
prog AS (SELECT id, go_live, coalesce(geographies, []) AS geographies FROM program WHERE id = $program),
-- Every unit with each of its ancestors (itself at depth 0).
lineage(id, ancestor, depth) AS (
  SELECT id, id, 0 FROM org_unit
  UNION ALL
  SELECT l.id, o.parent, l.depth + 1 FROM lineage l JOIN org_unit o ON o.id = l.ancestor WHERE o.parent IS NOT NULL
),
-- Its go-live: its own, else its nearest ancestor's; and its depth (the region 0).
inherited AS (
  SELECT l.id, arg_min(a.go_live, l.depth) FILTER (WHERE a.go_live IS NOT NULL) AS go_live, CAST(max(l.depth) AS INTEGER) AS depth
  FROM lineage l JOIN org_unit a ON a.id = l.ancestor GROUP BY l.id
),
places AS (
  SELECT 'unit' AS place_kind, u.id AS place, u.name AS place_name, u.level, u.parent,
    coalesce(i.go_live, (SELECT go_live FROM prog)) AS go_live, i.depth
  FROM org_unit u LEFT JOIN inherited i ON i.id = u.id
  WHERE CASE WHEN $unit <> '' THEN u.id IN (SELECT id FROM lineage WHERE ancestor = $unit)
             WHEN $level <> '' THEN u.level = $level
             ELSE u.level = 'forvaltning' OR u.parent IS NULL END
  UNION ALL
  SELECT 'geography', g, g, NULL, NULL, (SELECT go_live FROM prog), -1
  FROM (SELECT unnest(geographies) AS g FROM prog) WHERE $unit = '' AND $level = ''
),
ind AS (
  SELECT i.id, i.name, i.direction, i.min_count, i.source, i.frequency, i.unit AS measure,
    string_agg(DISTINCT lb.b, ',' ORDER BY lb.b) AS benefits
  FROM indicator i, LATERAL (SELECT unnest(i.benefits) AS b) lb
  WHERE lb.b IN (SELECT id FROM benefit WHERE program = $program)
  GROUP BY ALL
),
-- Per indicator: its grain (the most common; counted per grain, which is cheaper than mode over every row), and
-- which totals its sources publish. From the rollup when the service says it is fresh ($rollup).
grains AS (
  SELECT indicator, grain FROM observation_rollup_indicator WHERE $rollup AND indicator IN (SELECT id FROM ind)
  UNION ALL
  SELECT indicator, first(grain ORDER BY c DESC, grain) AS grain
  FROM (SELECT indicator, grain, count(*) AS c FROM observation WHERE NOT $rollup AND indicator IN (SELECT id FROM ind) GROUP BY ALL)
  GROUP BY indicator
),
series AS (
  SELECT ind.id, t.sex_t, t.age_t, t.mun_t, g.grain
  FROM ind LEFT JOIN grains g ON g.indicator = ind.id, LATERAL totals_of(ind.id, $rollup) t
),
entries AS (
  SELECT ind.id AS indicator, p.*, s.grain, s.sex_t, s.age_t,
    -- a geography is itself the municipality column, so its total is never another municipality's
    s.mun_t AND p.place_kind = 'unit' AS mun_t,
    -- the baseline ends where go-live's own period begins: the month, quarter or year it falls in
    CAST(CASE WHEN s.grain = 'year' THEN date_trunc('year', p.go_live) WHEN s.grain = 'quarter' THEN date_trunc('quarter', p.go_live)
         ELSE p.go_live END AS DATE) AS baseline_to
  FROM ind JOIN series s ON s.id = ind.id, places p
  WHERE p.go_live IS NOT NULL
),
windows AS (
  -- monthly or finer: the 12 months before go-live; quarterly: the 4 quarters before its quarter; yearly: the last full
  -- calendar year before; baseline_months overrides the length
  SELECT *, CAST(CASE WHEN $baseline_months > 0 THEN baseline_to - to_months($baseline_months)
                      WHEN grain = 'year' THEN baseline_to - INTERVAL 1 YEAR
                      ELSE baseline_to - INTERVAL 12 MONTH END AS DATE) AS baseline_from
  FROM entries
),
cells AS (
  SELECT e.*, CAST(y.k AS INTEGER) AS k,
    CASE WHEN y.k > 0 THEN make_date(year(e.go_live) + CAST(y.k AS INTEGER), 1, 1) ELSE e.baseline_from END AS w_from,
    CASE WHEN y.k > 0 THEN make_date(year(e.go_live) + CAST(y.k AS INTEGER) + 1, 1, 1) ELSE e.baseline_to END AS w_to
  FROM windows e, range(0, $years + 1) y(k)
),
-- The entry itself, and with a breakdown its parts too.
modes AS (SELECT 'none' AS b UNION ALL SELECT $breakdown WHERE $breakdown <> 'none'),
-- The parts each entry pools, each with the year it falls in (0 = the baseline, 1–N after go-live): a unit's own rows
-- and everything below it, or a geography's rows without unit. A unit with everything below it is one place in the
-- rollup, read from there when it is fresh (from its totals without breakdown) and no single municipality under a unit
-- is asked for; else from the rows.
unit_parts AS (
  SELECT e.indicator, e.place_kind, e.place, e.sex_t, e.age_t, e.mun_t, e.baseline_from, e.baseline_to, e.go_live,
    o.period_start, o.sex, o.age_group, o.municipality, o."values", o.numerators, o.numerator_sum, o.denominator_sum,
    o.ns, o.n_sum, o.weighted_sum, o.value_sum, o.count_sum
  FROM windows e
  -- the depth too, so the scan is handed the levels asked for and skips the rest
  JOIN observation_rollup o ON o.indicator = e.indicator AND o.depth = e.depth AND o.place = e.place
  WHERE e.place_kind = 'unit' AND $rollup AND $breakdown IN ('sex', 'age')
  UNION ALL
  -- without breakdown, the rollup's totals: the total of every sex, age group and municipality
  SELECT e.indicator, e.place_kind, e.place, e.sex_t, e.age_t, e.mun_t, e.baseline_from, e.baseline_to, e.go_live,
    o.period_start, 'T' AS sex, '' AS age_group, '' AS municipality, o."values", o.numerators, o.numerator_sum, o.denominator_sum,
    o.ns, o.n_sum, o.weighted_sum, o.value_sum, o.count_sum
  FROM windows e
  JOIN observation_rollup_total o ON o.indicator = e.indicator AND o.depth = e.depth AND o.place = e.place
  WHERE e.place_kind = 'unit' AND $rollup AND $breakdown = 'none'
  UNION ALL
  SELECT e.indicator, e.place_kind, e.place, e.sex_t, e.age_t, e.mun_t, e.baseline_from, e.baseline_to, e.go_live,
    o.period_start, o.sex, o.age_group, o.municipality, o."values", o.numerators, o.numerator_sum, o.denominator_sum,
    o.ns, o.n_sum, o.weighted_sum, o.value_sum, o.count_sum
  FROM windows e
  JOIN lineage l ON l.ancestor = e.place
  JOIN observation_parts() o ON o.indicator = e.indicator AND o.unit = l.id
  WHERE e.place_kind = 'unit' AND NOT ($rollup AND $breakdown <> 'municipality')
),
geography_parts AS (
  SELECT e.indicator, e.place_kind, e.place, e.sex_t, e.age_t, e.mun_t, e.baseline_from, e.baseline_to, e.go_live,
    o.period_start, o.sex, o.age_group, o.municipality, o."values", o.numerators, o.numerator_sum, o.denominator_sum,
    o.ns, o.n_sum, o.weighted_sum, o.value_sum, o.count_sum
  FROM windows e JOIN observation_parts() o ON o.indicator = e.indicator AND o.unit = '' AND o.municipality = e.place
  WHERE e.place_kind = 'geography' AND NOT $rollup
  UNION ALL
  -- in the rollup, rows without unit keep their municipality under place '' (a unit's parts there are pooled into NULL,
  -- and a geography is never ''), so a geography is these rows
  SELECT e.indicator, e.place_kind, e.place, e.sex_t, e.age_t, e.mun_t, e.baseline_from, e.baseline_to, e.go_live,
    o.period_start, o.sex, o.age_group, o.municipality, o."values", o.numerators, o.numerator_sum, o.denominator_sum,
    o.ns, o.n_sum, o.weighted_sum, o.value_sum, o.count_sum
  FROM windows e JOIN observation_rollup o ON o.indicator = e.indicator AND o.depth = -1 AND o.place = '' AND o.municipality = e.place
  WHERE e.place_kind = 'geography' AND $rollup
),
located AS (
  SELECT x.indicator, x.place_kind, x.place, x.sex_t, x.age_t, x.mun_t,
    CASE WHEN x.period_start >= x.baseline_from AND x.period_start < x.baseline_to THEN 0
         ELSE CAST(year(x.period_start) - year(x.go_live) AS INTEGER) END AS k,
    x.sex, x.age_group, x.municipality, x."values", x.numerators, x.numerator_sum, x.denominator_sum, x.ns, x.n_sum,
    x.weighted_sum, x.value_sum, x.count_sum
  FROM (SELECT * FROM unit_parts UNION ALL SELECT * FROM geography_parts) x
  WHERE (x.period_start >= x.baseline_from AND x.period_start < x.baseline_to)
     OR year(x.period_start) - year(x.go_live) BETWEEN 1 AND $years
),
agg AS (
  SELECT x.indicator, x.place_kind, x.place, x.k,
    CASE m.b WHEN 'sex' THEN x.sex WHEN 'age' THEN x.age_group WHEN 'municipality' THEN x.municipality ELSE '' END AS part,
    pooled_parts(x."values", x.numerators, x.numerator_sum, x.denominator_sum, x.ns, x.n_sum, x.weighted_sum, x.value_sum) AS value,
    pooled_parts_n(x.count_sum) AS n
  FROM located x
  CROSS JOIN modes m
  WHERE counts_once(m.b, x.sex, x.age_group, x.municipality, x.sex_t, x.age_t, x.mun_t)
  GROUP BY ALL
),
parts AS (SELECT DISTINCT indicator, place_kind, place, part FROM agg)
SELECT c.indicator, ind.name AS indicator_name, ind.direction, ind.benefits, ind.source, ind.frequency, ind.measure,
  c.place_kind, c.place, c.place_name, c.level, c.parent, c.go_live, c.grain,
  c.baseline_from, c.baseline_to,
  coalesce(p.part, '') AS part, c.k AS year, CAST(year(c.go_live) + c.k AS INTEGER) AS calendar_year,
  agg.value, agg.n,
  CASE WHEN c.k > 0 AND coalesce(p.part, '') = '' THEN coalesce(own_target.value, region_target.value) END AS target,
  ind.min_count
FROM cells c
JOIN ind ON ind.id = c.indicator
LEFT JOIN parts p ON p.indicator = c.indicator AND p.place_kind = c.place_kind AND p.place = c.place
LEFT JOIN agg ON agg.indicator = c.indicator AND agg.place_kind = c.place_kind AND agg.place = c.place AND agg.k = c.k
  AND agg.part = coalesce(p.part, '')
-- the place's own target for the year, else the region's for the region and geographies ((indicator, unit, year) is the key)
LEFT JOIN target own_target ON own_target.indicator = c.indicator AND own_target.unit = c.place
  AND own_target.year = year(c.go_live) + c.k
LEFT JOIN target region_target ON region_target.indicator = c.indicator AND region_target.unit = ''
  AND region_target.year = year(c.go_live) + c.k AND (c.place_kind = 'geography' OR c.parent IS NULL)
ORDER BY c.indicator, c.place_kind DESC, c.place, coalesce(p.part, ''), c.k
