-- name: lessons
-- description: Lärdomar från programmen: datum, område, lärdom, åtgärd, ansvarig och vart den spridits; den senaste först, för ett program eller hela portföljen.
-- param: program VARCHAR default= — programmets id; tomt betyder alla
-- catalogue: program=program
-- column: program VARCHAR NOT NULL
-- column: id VARCHAR NOT NULL
-- column: date DATE
-- column: area VARCHAR — område
-- column: lesson VARCHAR NOT NULL — lärdomen
-- column: action VARCHAR — åtgärden
-- column: owner VARCHAR — ansvarig
-- column: spread_to VARCHAR — spridd till, kommaseparerat
SELECT program, id, date, area, lesson, action, owner, array_to_string(spread_to, ', ') AS spread_to
FROM lesson WHERE $program = '' OR program = $program
ORDER BY date DESC NULLS LAST, program, id
