-- name: risk_register
-- description: Riskregistret vid en bedömning (standard: varje programs senaste), sorterat efter riskvärde.
-- param: program VARCHAR default= — programmets id; tomt betyder alla
-- param: assessed DATE — bedömningsdatum; utan värde det senaste
-- param: today DATE — dagen en åtgärd räknas som försenad mot; utan värde dagens datum
-- catalogue: program=program
-- column: program VARCHAR NOT NULL
-- column: id VARCHAR NOT NULL
-- column: area VARCHAR
-- column: text VARCHAR
-- column: probability INTEGER NOT NULL
-- column: consequence INTEGER NOT NULL
-- column: value INTEGER NOT NULL — sannolikhet × konsekvens
-- column: stated_value INTEGER — riskvärdet som det angavs i källan
-- column: scale INTEGER NOT NULL
-- column: mitigation VARCHAR
-- column: owner VARCHAR
-- column: due VARCHAR — klart som det skrevs
-- column: assessed DATE NOT NULL
-- column: status VARCHAR — åtgärdens status: ej påbörjad, pågår eller klar
-- column: due_date DATE — klart när det är ett datum
-- column: overdue BOOLEAN NOT NULL — klart har passerat utan att åtgärden är klar
-- column: benefits VARCHAR — nyttorna risken hotar, kommaseparerade
-- column: effect_goals VARCHAR — effektmålen risken hotar, kommaseparerade
WITH latest AS (
  SELECT program, coalesce(CAST($assessed AS DATE), max(assessed)) AS assessed FROM risk_assessment
  WHERE $program = '' OR program = $program GROUP BY program
)
SELECT a.program, a.risk_id AS id, r.area, r.text, a.probability, a.consequence, a.probability * a.consequence AS value,
  a.stated_value, a.scale, a.mitigation, a.owner, a.due, a.assessed,
  a.action_status AS status, a.due_date, coalesce(a.due_date < coalesce(CAST($today AS DATE), current_date) AND a.action_status IS DISTINCT FROM 'klar', false) AS overdue,
  array_to_string(r.benefits, ',') AS benefits, array_to_string(r.effect_goals, ',') AS effect_goals
FROM risk_assessment a
JOIN latest l ON l.program = a.program AND l.assessed = a.assessed
LEFT JOIN risk r ON r.program = a.program AND r.id = a.risk_id
ORDER BY value DESC, a.program, a.risk_id
