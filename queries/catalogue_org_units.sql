-- name: catalogue_org_units
-- description: Organisationsenheter med nivå, överordnad och driftstart, valfritt under en viss enhet.
-- param: under VARCHAR default= — bara enheter under denna (och den själv); tomt betyder alla
-- catalogue: under=unit
-- column: id VARCHAR NOT NULL
-- column: name VARCHAR NOT NULL
-- column: parent VARCHAR
-- column: level VARCHAR NOT NULL — region, forvaltning, verksamhet eller enhet
-- column: go_live DATE — driftstart
WITH RECURSIVE tree(id) AS (
  SELECT id FROM org_unit WHERE id = $under
  UNION
  SELECT o.id FROM org_unit o JOIN tree t ON o.parent = t.id
)
SELECT id, name, parent, level, go_live FROM org_unit
WHERE $under = '' OR id IN (SELECT id FROM tree)
ORDER BY CASE level WHEN 'region' THEN 0 WHEN 'forvaltning' THEN 1 WHEN 'verksamhet' THEN 2 ELSE 3 END, id
