-- name: load_rejects
-- description: Felen som en avvisad inläsning behöll: rad, kolumn, värde och skäl, i radordning. Värdena är exportens egna celler, så bara den som får läsa in ser dem.
-- role: controller
-- param: load_id BIGINT required min=1 — inläsningens id
-- column: line BIGINT
-- column: column_name VARCHAR
-- column: value VARCHAR
-- column: reason VARCHAR NOT NULL
SELECT line, column_name, value, reason
FROM load_reject
WHERE load_id = $load_id
ORDER BY line NULLS FIRST, column_name
