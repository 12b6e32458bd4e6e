-- Benefits managed over time: status assessments per benefit and period, lessons learnt, approved versions of a
-- program's plan, and the share of a business-case line a program claims. Each table keeps its history like the others.

-- A benefit's judged status in a period (2026, 2026-T2, 2026-Q1, 2026-03), with the confidence and who judged it.
CREATE TABLE benefit_status (
  program VARCHAR NOT NULL,
  benefit VARCHAR NOT NULL,
  period VARCHAR NOT NULL,
  grain VARCHAR NOT NULL,
  period_start DATE NOT NULL,
  period_end DATE NOT NULL,
  status VARCHAR NOT NULL CHECK (status IN ('grön', 'gul', 'röd')),
  confidence VARCHAR CHECK (confidence IN ('hög', 'medel', 'låg')),
  comment VARCHAR,
  assessed_by VARCHAR,
  assessed DATE,
  load_id BIGINT NOT NULL,
  PRIMARY KEY (program, benefit, period)
);
CREATE TABLE benefit_status_history AS SELECT *, CAST(NULL AS BIGINT) AS replaced_by FROM benefit_status LIMIT 0;

-- Lessons learnt, to be spread between programs, administrations and management (the 2025 network's recommendation 6).
CREATE TABLE lesson (
  program VARCHAR NOT NULL,
  id VARCHAR NOT NULL,
  date DATE,
  area VARCHAR,
  lesson VARCHAR NOT NULL,
  action VARCHAR,
  owner VARCHAR,
  spread_to VARCHAR[],
  load_id BIGINT NOT NULL,
  PRIMARY KEY (program, id)
);
CREATE TABLE lesson_history AS SELECT *, CAST(NULL AS BIGINT) AS replaced_by FROM lesson LIMIT 0;

-- An approval (fastställelse) of a program's business case, targets, baselines or report: the version approved is a
-- load id (the store as it stood right after it, readable with asOf for as long as its history is kept). The approval
-- is a load of its own in the log (kind 'fastställelse'), so it can be read asOf and undone like any load.
CREATE TABLE approval (
  program VARCHAR NOT NULL,
  subject VARCHAR NOT NULL CHECK (subject IN ('nyttokalkyl', 'malvarden', 'baslinje', 'rapport')),
  version BIGINT NOT NULL,
  comment VARCHAR,
  approved_by VARCHAR,
  approved_at TIMESTAMP NOT NULL,
  load_id BIGINT NOT NULL PRIMARY KEY
);
CREATE TABLE approval_history AS SELECT *, CAST(NULL AS BIGINT) AS replaced_by FROM approval LIMIT 0;

-- The share of a business-case line the program claims (tillskrivning, 0–1): the line counts at amount × share in the
-- program's figures. Lines loaded before it claim the whole.
ALTER TABLE business_case_line ADD COLUMN attribution DOUBLE DEFAULT 1;
ALTER TABLE business_case_line_history ADD COLUMN attribution DOUBLE DEFAULT 1;
