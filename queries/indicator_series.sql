-- name: indicator_series
-- description: Indikatorserie per period för en indikator och en organisationsenhet (med eller utan underliggande enheter), per månad, kvartal eller år, med valfri nedbrytning på kön, åldersgrupp eller kommun. Andelar poolas (Σ täljare / Σ nämnare), mått vägs med n.
-- param: indicator VARCHAR required — indikatorns id
-- param: unit VARCHAR default= — organisationsenhetens id; tomt betyder alla enheter
-- param: children BOOLEAN default=true — ta med underliggande enheter
-- param: municipality VARCHAR default= — bara en kommun; tomt betyder alla
-- param: from VARCHAR default= format=period — första period (ÅÅÅÅ, ÅÅÅÅ-MM eller ÅÅÅÅ-MM-DD)
-- param: to VARCHAR default= format=period — sista period, inklusive
-- param: grain VARCHAR default=month values=month|quarter|year — tidsupplösning
-- param: breakdown VARCHAR default=none values=none|sex|age|municipality — nedbrytning
-- column: period VARCHAR — ÅÅÅÅ-MM, ÅÅÅÅ-Qn eller ÅÅÅÅ
-- column: sex VARCHAR when breakdown=sex — K eller M
-- column: age_group VARCHAR when breakdown=age — åldersgrupp
-- column: municipality VARCHAR when breakdown=municipality — kommun
-- column: value DOUBLE — värdet (andel eller mått)
-- column: n BIGINT — antalet värdet bygger på
-- column: status VARCHAR — tabellsymbol när värdet saknas (.., U, …)
-- suppress: count=n values=value min=min_count group=period
WITH RECURSIVE units(id) AS (
  SELECT id FROM org_unit WHERE id = $unit
  UNION
  SELECT o.id FROM org_unit o JOIN units u ON o.parent = u.id WHERE $children
),
totals AS (SELECT * FROM published_totals($indicator)),
-- The rows asked for, with the units as a join straight over the scan: DuckDB then hands the scan the units' range,
-- and the zone maps skip the row groups of other units (the store is clustered by indicator and unit).
picked AS (
  SELECT o.period_start, o.sex, o.age_group, o.municipality, o.numerator, o.denominator, o.value, o.n, o.status
  FROM observation o
  WHERE o.indicator = $indicator
    AND ($unit = '' OR o.unit IN (SELECT id FROM units))
    AND ($municipality = '' OR o.municipality = $municipality)
    AND ($from = '' OR o.period_start >= period_first_day($from))
    AND ($to = '' OR o.period_start < period_end($to))
    -- a period never finer than its data: yearly data are not shown as months
    AND (o.grain IN ('month', 'week', 'day') OR (o.grain = 'quarter' AND $grain IN ('quarter', 'year')) OR (o.grain = 'year' AND $grain = 'year'))
),
rows AS (
  SELECT p.*, date_trunc($grain, p.period_start) AS bucket
  FROM picked p
  -- totals where the source publishes them, the parts when broken down (never both: that would count twice)
  WHERE counts_once($breakdown, p.sex, p.age_group, p.municipality,
    (SELECT sex_t FROM totals), (SELECT age_t FROM totals), (SELECT mun_t FROM totals))
)
SELECT
  CASE $grain WHEN 'year' THEN strftime(bucket, '%Y') WHEN 'quarter' THEN strftime(bucket, '%Y') || '-Q' || quarter(bucket) ELSE strftime(bucket, '%Y-%m') END AS period,
  CASE WHEN $breakdown = 'sex' THEN sex END AS sex,
  CASE WHEN $breakdown = 'age' THEN age_group END AS age_group,
  CASE WHEN $breakdown = 'municipality' THEN municipality END AS municipality,
  pooled_value(numerator, denominator, value, n) AS value,
  pooled_n(denominator, value, n) AS n,
  CASE WHEN count(value) = 0 THEN coalesce(min(status), '..') END AS status,
  (SELECT min_count FROM indicator WHERE id = $indicator) AS min_count
FROM rows
GROUP BY bucket, 2, 3, 4
ORDER BY bucket, 2, 3, 4
