-- name: observations
-- description: Utfallsrader som de lästes in (ett utdrag för analytiker), för en indikator och valfritt en enhet och en tidsperiod; små celler döljs som överallt.
-- param: indicator VARCHAR required — indikatorns id
-- param: unit VARCHAR default= — organisationsenhetens id; tomt betyder alla
-- param: from VARCHAR default= format=period — första period
-- param: to VARCHAR default= format=period — sista period, inklusive
-- catalogue: indicator=indicator unit=unit
-- column: indicator VARCHAR NOT NULL
-- column: period VARCHAR NOT NULL
-- column: unit VARCHAR
-- column: municipality VARCHAR
-- column: sex VARCHAR
-- column: age_group VARCHAR
-- column: value DOUBLE
-- column: n BIGINT
-- column: status VARCHAR
-- suppress: count=n values=value min=min_count
SELECT o.indicator, o.period, o.unit, o.municipality, o.sex, o.age_group, o.value, o.n, o.status, i.min_count
FROM observation o JOIN indicator i ON i.id = o.indicator
WHERE o.indicator = $indicator
  AND ($unit = '' OR o.unit = $unit)
  AND ($from = '' OR o.period_start >= period_first_day($from))
  AND ($to = '' OR o.period_start < period_end($to))
ORDER BY o.period_start, o.unit, o.municipality, o.sex, o.age_group
