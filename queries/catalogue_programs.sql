-- name: catalogue_programs
-- description: Programmen i lagret.
-- column: id VARCHAR
-- column: name VARCHAR
SELECT id, name FROM program ORDER BY id
