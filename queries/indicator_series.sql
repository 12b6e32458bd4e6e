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
-- catalogue: indicator=indicator unit=unit
-- column: period VARCHAR NOT NULL — ÅÅÅÅ-MM, ÅÅÅÅ-Qn eller ÅÅÅÅ
-- column: sex VARCHAR when breakdown=sex — K eller M
-- column: age_group VARCHAR when breakdown=age — åldersgrupp
-- column: municipality VARCHAR when breakdown=municipality — kommun
-- column: value DOUBLE — värdet (andel eller mått)
-- column: n BIGINT — antalet värdet bygger på
-- column: status VARCHAR — tabellsymbol när värdet saknas (.., U, …)
-- suppress: count=n values=value min=min_count group=period
-- Pooled from the rollup when the service says it is fresh ($rollup) and the question does not need single
-- municipalities under a unit, else from the rows: the same parts either way. A unit with everything below it is the
-- scope 'tree' at that place; '' is every row. Only the rows that count are read: for each place (a unit, or a
-- municipality for rows without unit) and period its total where it has one, else its parts, and with a breakdown (or
-- one municipality) those parts, each by the same rule (migration 014).
WITH picked AS (
  SELECT o.period_start, o.sex, o.age_group, o.municipality, o."values", o.numerators, o.numerator_sum,
    o.denominator_sum, o.ns, o.n_sum, o.weighted_sum, o.value_sum, o.count_sum, o.status
  FROM pooling_rows($rollup AND $municipality = '' AND $breakdown <> 'municipality',
    CASE WHEN NOT $children AND $unit <> '' THEN 'own' ELSE 'tree' END,
    CASE WHEN $municipality = '' OR $breakdown = 'municipality' THEN $breakdown
         WHEN $breakdown = 'sex' THEN 'sex_municipality' WHEN $breakdown = 'age' THEN 'age_municipality' ELSE 'municipality' END) o
  WHERE o.indicator = $indicator AND o.place = $unit
    AND ($municipality = '' OR o.municipality = $municipality)
    AND ($from = '' OR o.period_start >= period_first_day($from))
    AND ($to = '' OR o.period_start < period_end($to))
    -- a period never finer than its data: yearly data are not shown as months
    AND (o.grain IN ('month', 'week', 'day') OR (o.grain = 'quarter' AND $grain IN ('quarter', 'year')) OR (o.grain = 'year' AND $grain = 'year'))
),
rows AS (SELECT p.*, date_trunc($grain, p.period_start) AS bucket FROM picked p)
SELECT
  CASE $grain WHEN 'year' THEN strftime(bucket, '%Y') WHEN 'quarter' THEN strftime(bucket, '%Y') || '-Q' || quarter(bucket) ELSE strftime(bucket, '%Y-%m') END AS period,
  CASE WHEN $breakdown = 'sex' THEN sex END AS sex,
  CASE WHEN $breakdown = 'age' THEN age_group END AS age_group,
  CASE WHEN $breakdown = 'municipality' THEN municipality END AS municipality,
  pooled_parts("values", numerators, numerator_sum, denominator_sum, ns, n_sum, weighted_sum, value_sum) AS value,
  pooled_parts_n(count_sum) AS n,
  CASE WHEN sum("values") = 0 THEN coalesce(min(status), '..') END AS status,
  (SELECT min_count FROM indicator WHERE id = $indicator) AS min_count
FROM rows
GROUP BY bucket, 2, 3, 4
ORDER BY bucket, 2, 3, 4
