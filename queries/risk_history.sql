-- name: risk_history
-- description: Varje risks värde vid alla dess bedömningar, äldst först: underlag för trenden.
-- param: program VARCHAR default= — programmets id; tomt betyder alla
-- catalogue: program=program
-- column: program VARCHAR NOT NULL
-- column: id VARCHAR NOT NULL
-- column: assessed DATE NOT NULL
-- column: probability INTEGER NOT NULL
-- column: consequence INTEGER NOT NULL
-- column: value INTEGER NOT NULL — sannolikhet × konsekvens
SELECT program, risk_id AS id, assessed, probability, consequence, probability * consequence AS value
FROM risk_assessment WHERE $program = '' OR program = $program
ORDER BY program, risk_id, assessed
