-- Every load records who made it: the caller's name from the token (a service load), or the user running `nytta ingest`.
ALTER TABLE load_log ADD COLUMN loaded_by VARCHAR;
