-- name: load_log
-- description: Inläsningsloggen: fil, SHA-256, rader lästa, godkända och avvisade, tid; den senaste först.
-- param: limit INTEGER default=100 min=1 max=10000 — högst så många
-- column: load_id BIGINT
-- column: file_name VARCHAR
-- column: sha256 VARCHAR
-- column: kind VARCHAR
-- column: status VARCHAR — loaded eller refused
-- column: rows_read BIGINT
-- column: rows_accepted BIGINT
-- column: rows_rejected BIGINT
-- column: started_at VARCHAR
-- column: finished_at VARCHAR
SELECT load_id, file_name, sha256, kind, status, rows_read, rows_accepted, rows_rejected,
  strftime(started_at, '%Y-%m-%d %H:%M:%S') AS started_at, strftime(finished_at, '%Y-%m-%d %H:%M:%S') AS finished_at
FROM load_log ORDER BY load_id DESC LIMIT $limit
