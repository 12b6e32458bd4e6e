-- name: catalogue_programs
-- description: Programmen i lagret, med driftstart, geografierna programmet följer nationella serier för, och beskrivning.
-- column: id VARCHAR
-- column: name VARCHAR
-- column: go_live DATE — programmets driftstart (för serier utan organisationsenhet)
-- column: geographies VARCHAR — kommaseparerade, som kommunkolumnen skriver dem
-- column: description VARCHAR
SELECT id, name, go_live, array_to_string(geographies, ',') AS geographies, description FROM program ORDER BY id
