-- name: load_log
-- description: Inläsningsloggen: fil, SHA-256, slag, status, rader lästa, godkända, avvisade och ersatta, tid, vem som läste in och ångringar; den senaste först, eller en enda inläsning.
-- param: limit INTEGER default=100 min=1 max=10000 — högst så många
-- param: load_id BIGINT default=0 min=0 — en enda inläsning; 0 betyder alla
-- column: load_id BIGINT NOT NULL
-- column: file_name VARCHAR NOT NULL
-- column: sha256 VARCHAR NOT NULL
-- column: kind VARCHAR
-- column: status VARCHAR NOT NULL — loaded eller refused
-- column: rows_read BIGINT NOT NULL
-- column: rows_accepted BIGINT NOT NULL
-- column: rows_rejected BIGINT NOT NULL
-- column: started_at VARCHAR NOT NULL
-- column: finished_at VARCHAR NOT NULL
-- column: loaded_by VARCHAR — vem som läste in (namnet i token, eller användaren som körde nytta ingest)
-- column: rows_replaced BIGINT — rader från tidigare inläsningar som den ersatte (de finns kvar i historiken)
-- column: undoes BIGINT — för en ångring: inläsningen den drog tillbaka
-- column: undone_by BIGINT — ångringen som drog tillbaka inläsningen, medan den gäller
-- column: warnings VARCHAR — varningarna som JSON-lista
SELECT load_id, file_name, sha256, kind, status, rows_read, rows_accepted, rows_rejected,
  strftime(started_at, '%Y-%m-%d %H:%M:%S') AS started_at, strftime(finished_at, '%Y-%m-%d %H:%M:%S') AS finished_at,
  loaded_by, rows_replaced, undoes, undone_by, CAST(to_json(coalesce(warnings, [])) AS VARCHAR) AS warnings
FROM load_log
WHERE $load_id = 0 OR load_id = $load_id
ORDER BY load_id DESC LIMIT $limit
