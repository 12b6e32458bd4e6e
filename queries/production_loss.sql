-- name: production_loss
-- description: Underlag för produktionsbortfallet: per enhet dess förvaltning, driftstart och volym per vecka (volymindikatorns n under 12 månader före driftstart, delat med 52,18 veckor), och den volym som faktiskt uppmättes i bortfallsfönstret runt driftstart (hela perioder som börjar i fönstret).
-- param: indicator VARCHAR required — volymindikatorn (t.ex. besök)
-- param: unit VARCHAR default= — en förvaltning; tomt betyder alla
-- param: weeks_before INTEGER default=12 min=1 max=104 — fönstret börjar så många veckor före driftstart
-- param: weeks_after INTEGER default=16 min=1 max=104 — och slutar så många veckor efter
-- catalogue: indicator=indicator unit=unit
-- column: unit VARCHAR NOT NULL
-- column: unit_name VARCHAR
-- column: administration VARCHAR NOT NULL
-- column: go_live DATE NOT NULL
-- column: weekly_volume DOUBLE
-- column: window_volume DOUBLE — uppmätt volym i bortfallsfönstret
-- column: window_weeks DOUBLE — veckor som fönstrets månader täcker
WITH RECURSIVE tree(root, id) AS (
  SELECT id, id FROM org_unit WHERE level = 'forvaltning' AND ($unit = '' OR id = $unit)
  UNION
  SELECT t.root, o.id FROM org_unit o JOIN tree t ON o.parent = t.id
),
units AS (
  SELECT u.id, u.name, t.root, u.go_live,
    u.go_live - to_days(CAST(7 * $weeks_before AS INTEGER)) AS window_from,
    u.go_live + to_days(CAST(7 * $weeks_after AS INTEGER)) AS window_to
  FROM org_unit u JOIN tree t ON t.id = u.id
  WHERE u.level = 'enhet' AND u.go_live IS NOT NULL
),
-- The volume per unit and period: the rows that count without breakdown (its total where the unit publishes one,
-- else its parts; migration 014), never a total beside its parts.
periods AS (
  SELECT o.unit, o.period_start, CAST(sum(o.n_sum) AS BIGINT) AS n,
    CASE o.grain WHEN 'day' THEN 1 WHEN 'week' THEN 7
      ELSE date_diff('day', o.period_start, o.period_start + CASE o.grain WHEN 'month' THEN INTERVAL 1 MONTH
        WHEN 'quarter' THEN INTERVAL 3 MONTH ELSE INTERVAL 12 MONTH END) END AS days
  FROM counted_parts(false, false, false) o JOIN units u ON o.unit = u.id
  WHERE o.indicator = $indicator
  GROUP BY ALL
)
SELECT u.id AS unit, u.name AS unit_name, u.root AS administration, u.go_live,
  coalesce(sum(m.n) FILTER (WHERE m.period_start >= u.go_live - INTERVAL 12 MONTH AND m.period_start < u.go_live), 0) / 52.18 AS weekly_volume,
  coalesce(sum(m.n) FILTER (WHERE m.period_start >= u.window_from AND m.period_start < u.window_to), 0)::DOUBLE AS window_volume,
  coalesce(sum(m.days) FILTER (WHERE m.period_start >= u.window_from AND m.period_start < u.window_to), 0) / 7.0 AS window_weeks
FROM units u
LEFT JOIN periods m ON m.unit = u.id
GROUP BY ALL
ORDER BY administration, unit
