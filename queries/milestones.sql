-- name: milestones
-- description: Milstolpar för ett programs nyttor (förutsättningar som är fakta snarare än serier): planerat och klart.
-- param: program VARCHAR required — programmets id
-- column: benefit VARCHAR — nyttan milstolpen hör till
-- column: id VARCHAR
-- column: name VARCHAR
-- column: owner VARCHAR — ansvarig
-- column: planned DATE
-- column: done DATE — tom om den inte är klar
SELECT benefit, id, name, owner, planned, done FROM milestone WHERE program = $program ORDER BY benefit, planned, id
