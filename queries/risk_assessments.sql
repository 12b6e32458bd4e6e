-- name: risk_assessments
-- description: Bedömningstillfällena i riskregistret: datum, antal risker och högsta riskvärde.
-- param: program VARCHAR default= — programmets id; tomt betyder alla
-- catalogue: program=program
-- column: program VARCHAR NOT NULL
-- column: assessed DATE NOT NULL
-- column: risks BIGINT
-- column: max_value INTEGER
SELECT program, assessed, count(*) AS risks, max(probability * consequence) AS max_value
FROM risk_assessment WHERE $program = '' OR program = $program
GROUP BY program, assessed ORDER BY program, assessed
