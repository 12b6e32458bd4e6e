-- name: catalogue_programs
-- description: Programmen i lagret: driftstart, geografierna programmet följer nationella serier för, fas, ägare, datum, budget, status och kommentar.
-- column: id VARCHAR NOT NULL
-- column: name VARCHAR NOT NULL
-- column: go_live DATE — programmets driftstart (för serier utan organisationsenhet)
-- column: geographies VARCHAR — kommaseparerade, som kommunkolumnen skriver dem
-- column: description VARCHAR
-- column: phase VARCHAR — idé, förstudie, planering, genomförande, införande, förvaltning eller avslutad
-- column: owner VARCHAR
-- column: start_date DATE
-- column: end_date DATE
-- column: budget_sek DOUBLE
-- column: status VARCHAR — grön, gul eller röd
-- column: comment VARCHAR
SELECT id, name, go_live, array_to_string(geographies, ',') AS geographies, description, phase, owner, start_date, end_date, budget_sek,
  status, comment
FROM program ORDER BY id
