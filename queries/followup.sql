-- name: followup
-- description: Underlag för uppföljningen: per indikator (som mäter programmets nyttor) och plats (en organisationsenhet med allt under den, eller en geografi för serier utan enhet) baslinjen före driftstart och utfall och målvärde för år 1–N efter driftstart; för varje plats och period dess total där den finns, annars summan av delarna; med nedbrytning även delarna.
-- param: program VARCHAR required — programmets id
-- param: unit VARCHAR default= — en enhet: den och allt under den, oavsett nivå; tomt betyder förvaltningarna, regionen och programmets geografier
-- param: level VARCHAR default= — varje enhet på en nivå: region, forvaltning, verksamhet eller enhet
-- param: breakdown VARCHAR default=none values=none|sex|age|municipality — nedbrytning under varje rad
-- param: years INTEGER default=5 min=1 max=10 — antal år efter driftstart
-- param: baseline_months INTEGER default=0 min=0 max=60 — baslinjens längd i månader; 0 betyder efter seriens tidsupplösning
-- catalogue: program=program unit=unit
-- column: indicator VARCHAR NOT NULL
-- column: indicator_name VARCHAR NOT NULL
-- column: direction VARCHAR — higher, lower eller tom (riktning saknas)
-- column: benefits VARCHAR — programmets nyttor som indikatorn mäter, kommaseparerade
-- column: source VARCHAR — indikatorns källa
-- column: frequency VARCHAR — indikatorns frekvens
-- column: measure VARCHAR — indikatorns enhet (t.ex. andel, antal)
-- column: place_kind VARCHAR NOT NULL — unit eller geography
-- column: place VARCHAR NOT NULL — enhetens id eller geografin
-- column: place_name VARCHAR
-- column: level VARCHAR — enhetens nivå
-- column: parent VARCHAR — enhetens överordnade (för röjandeskyddet mellan syskon)
-- column: go_live DATE NOT NULL — enhetens driftstart, annars närmaste överordnades, annars programmets
-- column: grain VARCHAR — seriens tidsupplösning
-- column: baseline_from DATE NOT NULL
-- column: baseline_to DATE NOT NULL — första dagen efter baslinjen
-- column: part VARCHAR NOT NULL — tom för raden själv, annars delen (kön, åldersgrupp eller kommun)
-- column: year INTEGER NOT NULL — 0 = baslinjen, 1–N = år efter driftstart
-- column: calendar_year INTEGER NOT NULL
-- column: value DOUBLE
-- column: n BIGINT
-- column: target DOUBLE
-- suppress: count=n values=value min=min_count group=indicator,place_kind,place,year|indicator,place_kind,parent,part,year
WITH
-- The entries (an indicator that measures the program's benefits, at a place) the question asks for: a unit with
-- everything below it, every unit on a level, or by default the administrations, the region and the program's
-- geographies. Kept with the rollup when it is fresh ($rollup), else built from the rows (migration 012).
entries AS (SELECT * EXCLUDE (program, ancestors) FROM followup_entries_asked($rollup, $program, $unit, $level)),
-- Where each baseline begins, by the series' grain or baseline_months (migration 013).
windows AS (SELECT *, followup_baseline_from(baseline_to, grain, $baseline_months) AS baseline_from FROM entries),
-- The entries' pooled years (migration 013): the question most asked (no breakdown, the baseline by the series' grain)
-- reads them as the rollup's build kept them when it is fresh; every other pools the parts now.
agg AS (
  SELECT y.indicator, y.place_kind, y.place, y.k, y.part, y.value, y.n
  FROM followup_year_kept y
  WHERE $rollup AND $breakdown = 'none' AND $baseline_months = 0 AND y.program = $program AND y.k <= $years
  UNION ALL
  SELECT y.indicator, y.place_kind, y.place, y.k, y.part, y.value, y.n
  FROM followup_years($rollup, $program, $unit, $level, $breakdown, $years, $baseline_months) y
  WHERE NOT ($rollup AND $breakdown = 'none' AND $baseline_months = 0)
),
parts AS (SELECT DISTINCT indicator, place_kind, place, part FROM agg),
-- Every year of every entry, the baseline (0) included.
cells AS (
  SELECT w.*, CAST(y.k AS INTEGER) AS k, CAST(date_diff('year', DATE '2000-01-01', w.go_live) + 2000 + y.k AS INTEGER) AS calendar_year
  FROM windows w CROSS JOIN range(0, $years + 1) y(k)
)
SELECT c.indicator, c.indicator_name, c.direction, c.benefits, c.source, c.frequency, c.measure,
  c.place_kind, c.place, c.place_name, c.level, c.parent, c.go_live, c.grain,
  c.baseline_from, c.baseline_to,
  coalesce(p.part, '') AS part, c.k AS year, c.calendar_year,
  agg.value, agg.n,
  CASE WHEN c.k > 0 AND coalesce(p.part, '') = '' THEN coalesce(own_target.value, region_target.value) END AS target,
  c.min_count
FROM cells c
LEFT JOIN parts p ON p.indicator = c.indicator AND p.place_kind = c.place_kind AND p.place = c.place AND $breakdown <> 'none'
LEFT JOIN agg ON agg.indicator = c.indicator AND agg.place_kind = c.place_kind AND agg.place = c.place AND agg.k = c.k
  AND agg.part = coalesce(p.part, '')
-- the place's own target for the year, else the region's ((indicator, unit, year) is the key)
LEFT JOIN target own_target ON own_target.indicator = c.indicator AND own_target.unit = c.place
  AND own_target.year = c.calendar_year
LEFT JOIN target region_target ON region_target.indicator = c.indicator AND region_target.unit = c.region_key
  AND region_target.year = c.calendar_year
ORDER BY c.indicator, c.place_kind DESC, c.place, coalesce(p.part, ''), c.k
