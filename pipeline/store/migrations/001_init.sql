-- The store's first shape. Domain words are in docs (README, domain glossary).
CREATE TABLE program (
  id VARCHAR PRIMARY KEY,
  name VARCHAR
);

CREATE TABLE effect_goal (
  program VARCHAR NOT NULL,
  id VARCHAR NOT NULL,
  target_group VARCHAR,
  text VARCHAR NOT NULL,
  load_id BIGINT,
  PRIMARY KEY (program, id)
);

CREATE TABLE benefit (
  program VARCHAR NOT NULL,
  id VARCHAR NOT NULL,
  parent VARCHAR,
  level INTEGER CHECK (level BETWEEN 1 AND 3),
  name VARCHAR NOT NULL,
  effect_goals VARCHAR[],
  owner VARCHAR,
  realised_by VARCHAR,
  dis_benefit BOOLEAN DEFAULT false,
  method VARCHAR,
  frequency VARCHAR,
  baseline DOUBLE,
  baseline_date DATE,
  target DOUBLE,
  target_date DATE,
  load_id BIGINT,
  PRIMARY KEY (program, id)
);

CREATE TABLE indicator (
  id VARCHAR PRIMARY KEY,
  name VARCHAR NOT NULL,
  unit VARCHAR,
  direction VARCHAR CHECK (direction IN ('higher', 'lower')),
  frequency VARCHAR,
  benefits VARCHAR[],
  source VARCHAR,
  min_count INTEGER NOT NULL DEFAULT 5,
  load_id BIGINT
);

CREATE TABLE org_unit (
  id VARCHAR PRIMARY KEY,
  name VARCHAR NOT NULL,
  parent VARCHAR,
  level VARCHAR CHECK (level IN ('region', 'forvaltning', 'verksamhet', 'enhet')),
  go_live DATE,
  load_id BIGINT
);

-- The big one. NULL value with a status means suppressed or missing at the source, never 0.
CREATE TABLE observation (
  indicator VARCHAR NOT NULL,
  period VARCHAR NOT NULL,
  period_start DATE NOT NULL,
  grain VARCHAR NOT NULL,
  unit VARCHAR NOT NULL DEFAULT '',
  municipality VARCHAR NOT NULL DEFAULT '',
  sex VARCHAR NOT NULL DEFAULT 'T',
  age_group VARCHAR NOT NULL DEFAULT '',
  numerator DOUBLE,
  denominator DOUBLE,
  value DOUBLE,
  n BIGINT,
  status VARCHAR,
  load_id BIGINT NOT NULL
);

CREATE TABLE target (
  indicator VARCHAR NOT NULL,
  unit VARCHAR NOT NULL DEFAULT '',
  year INTEGER NOT NULL,
  value DOUBLE NOT NULL,
  load_id BIGINT,
  PRIMARY KEY (indicator, unit, year)
);

CREATE TABLE business_case_line (
  program VARCHAR NOT NULL,
  scenario VARCHAR NOT NULL,
  year INTEGER NOT NULL,
  post VARCHAR NOT NULL CHECK (post IN ('cost', 'benefit')),
  category VARCHAR NOT NULL,
  actor VARCHAR NOT NULL DEFAULT '',
  kind VARCHAR NOT NULL CHECK (kind IN ('plan', 'outcome')),
  amount_sek DOUBLE NOT NULL,
  probability DOUBLE NOT NULL DEFAULT 1 CHECK (probability BETWEEN 0 AND 1),
  benefit_class VARCHAR,
  stakeholder VARCHAR,
  low_sek DOUBLE,
  high_sek DOUBLE,
  source VARCHAR,
  load_id BIGINT
);

CREATE TABLE risk (
  program VARCHAR NOT NULL DEFAULT '',
  id VARCHAR NOT NULL,
  area VARCHAR,
  text VARCHAR NOT NULL,
  load_id BIGINT,
  PRIMARY KEY (program, id)
);

CREATE TABLE risk_assessment (
  program VARCHAR NOT NULL DEFAULT '',
  risk_id VARCHAR NOT NULL,
  assessed DATE NOT NULL,
  scale INTEGER NOT NULL CHECK (scale IN (3, 4, 5)),
  probability INTEGER NOT NULL,
  consequence INTEGER NOT NULL,
  stated_value INTEGER,
  mitigation VARCHAR,
  owner VARCHAR,
  due VARCHAR,
  load_id BIGINT,
  PRIMARY KEY (program, risk_id, assessed)
);

CREATE TABLE key_figure (
  name VARCHAR NOT NULL,
  value DOUBLE,
  unit VARCHAR,
  period VARCHAR NOT NULL DEFAULT '',
  source VARCHAR,
  note VARCHAR,
  load_id BIGINT,
  PRIMARY KEY (name, period)
);

CREATE SEQUENCE load_id_seq START 1;

CREATE TABLE load_log (
  load_id BIGINT PRIMARY KEY,
  file_name VARCHAR NOT NULL,
  sha256 VARCHAR NOT NULL,
  -- The same file read another way (another sheet, mapping or kind) is another load.
  variant VARCHAR NOT NULL DEFAULT '',
  kind VARCHAR,
  status VARCHAR NOT NULL CHECK (status IN ('loaded', 'refused')),
  rows_read BIGINT NOT NULL,
  rows_accepted BIGINT NOT NULL,
  rows_rejected BIGINT NOT NULL,
  warnings VARCHAR[],
  started_at TIMESTAMP NOT NULL,
  finished_at TIMESTAMP NOT NULL
);

-- Kept for refused loads too, so an analyst can fix the export.
CREATE TABLE load_reject (
  load_id BIGINT NOT NULL,
  file_name VARCHAR NOT NULL,
  line BIGINT,
  column_name VARCHAR,
  value VARCHAR,
  reason VARCHAR NOT NULL
);
