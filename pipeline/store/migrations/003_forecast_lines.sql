-- Business-case lines may be forecasts (plan_utfall = prognos): what is now expected for the years without outcome.
-- DuckDB cannot alter a CHECK constraint, so the table is rebuilt with the wider one, every row kept.
CREATE TABLE business_case_line_003 (
  program VARCHAR NOT NULL,
  scenario VARCHAR NOT NULL,
  year INTEGER NOT NULL,
  post VARCHAR NOT NULL CHECK (post IN ('cost', 'benefit')),
  category VARCHAR NOT NULL,
  actor VARCHAR NOT NULL DEFAULT '',
  kind VARCHAR NOT NULL CHECK (kind IN ('plan', 'outcome', 'forecast')),
  amount_sek DOUBLE NOT NULL,
  probability DOUBLE NOT NULL DEFAULT 1 CHECK (probability BETWEEN 0 AND 1),
  benefit_class VARCHAR,
  stakeholder VARCHAR,
  low_sek DOUBLE,
  high_sek DOUBLE,
  source VARCHAR,
  load_id BIGINT
);
INSERT INTO business_case_line_003 SELECT * FROM business_case_line;
DROP TABLE business_case_line;
ALTER TABLE business_case_line_003 RENAME TO business_case_line;
