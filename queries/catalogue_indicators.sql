-- name: catalogue_indicators
-- description: Indikatorer med enhet, riktning, frekvens, nyttor och minsta antal för redovisning; valfritt bara de som mäter en viss nytta eller ett programs nyttor.
-- param: benefit VARCHAR default= — nyttans id; tomt betyder alla
-- param: program VARCHAR default= — bara de som mäter programmets nyttor; tomt betyder alla
-- catalogue: benefit=benefit program=program
-- column: id VARCHAR NOT NULL
-- column: name VARCHAR NOT NULL
-- column: unit VARCHAR
-- column: direction VARCHAR — higher eller lower är bättre
-- column: frequency VARCHAR
-- column: benefits VARCHAR — nyttor, kommaseparerade
-- column: source VARCHAR
-- column: min_count INTEGER NOT NULL
SELECT id, name, unit, direction, frequency, array_to_string(benefits, ',') AS benefits, source, min_count
FROM indicator
WHERE ($benefit = '' OR list_contains(benefits, $benefit))
  AND ($program = '' OR list_has_any(benefits, (SELECT coalesce(list(id), []) FROM benefit WHERE program = $program)))
ORDER BY id
