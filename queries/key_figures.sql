-- name: key_figures
-- description: Nyckeltal i lagret (budgetar, ökade driftkostnader per år, antaganden om produktionsbortfall …) med enhet, period, källa och anmärkning.
-- param: name VARCHAR default= — ett nyckeltals namn; tomt betyder alla
-- column: name VARCHAR NOT NULL
-- column: value DOUBLE
-- column: unit VARCHAR
-- column: period VARCHAR
-- column: source VARCHAR
-- column: note VARCHAR
SELECT name, value, unit, period, source, note
FROM key_figure
WHERE $name = '' OR name = $name
ORDER BY name, period
