-- name: risk_history
-- description: Varje risks värde vid alla dess bedömningar, äldst först: underlag för trenden.
-- param: program VARCHAR default= — programmets id; tomt betyder alla
-- catalogue: program=program
-- column: program VARCHAR
-- column: id VARCHAR
-- column: assessed DATE
-- column: probability INTEGER
-- column: consequence INTEGER
-- column: value INTEGER — sannolikhet × konsekvens
SELECT program, risk_id AS id, assessed, probability, consequence, probability * consequence AS value
FROM risk_assessment WHERE $program = '' OR program = $program
ORDER BY program, risk_id, assessed
