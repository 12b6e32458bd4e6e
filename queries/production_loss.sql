-- name: production_loss
-- description: Underlag för produktionsbortfallet: per enhet dess förvaltning, driftstart och volym per vecka (volymindikatorns n under 12 månader före driftstart, delat med 52,18 veckor).
-- param: indicator VARCHAR required — volymindikatorn (t.ex. besök)
-- param: unit VARCHAR default= — en förvaltning; tomt betyder alla
-- column: unit VARCHAR
-- column: unit_name VARCHAR
-- column: administration VARCHAR
-- column: go_live DATE
-- column: weekly_volume DOUBLE
WITH RECURSIVE tree(root, id) AS (
  SELECT id, id FROM org_unit WHERE level = 'forvaltning' AND ($unit = '' OR id = $unit)
  UNION
  SELECT t.root, o.id FROM org_unit o JOIN tree t ON o.parent = t.id
)
SELECT u.id AS unit, u.name AS unit_name, t.root AS administration, u.go_live,
  coalesce(sum(o.n), 0) / 52.18 AS weekly_volume
FROM org_unit u
JOIN tree t ON t.id = u.id
LEFT JOIN observation o ON o.unit = u.id AND o.indicator = $indicator
  AND o.period_start >= u.go_live - INTERVAL 12 MONTH AND o.period_start < u.go_live
WHERE u.level = 'enhet' AND u.go_live IS NOT NULL
GROUP BY ALL
ORDER BY administration, unit
