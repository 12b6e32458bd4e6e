-- History: every row a load replaces or removes moves to <table>_history with the load that replaced it, so any earlier
-- state can be read again (asOf) and a load can be undone. A row is in force from its load_id until its replaced_by.
ALTER TABLE program ADD COLUMN load_id BIGINT DEFAULT 0;
UPDATE program SET load_id = 0 WHERE load_id IS NULL;
UPDATE effect_goal SET load_id = 0 WHERE load_id IS NULL;
UPDATE benefit SET load_id = 0 WHERE load_id IS NULL;
UPDATE indicator SET load_id = 0 WHERE load_id IS NULL;
UPDATE org_unit SET load_id = 0 WHERE load_id IS NULL;
UPDATE target SET load_id = 0 WHERE load_id IS NULL;
UPDATE business_case_line SET load_id = 0 WHERE load_id IS NULL;
UPDATE risk SET load_id = 0 WHERE load_id IS NULL;
UPDATE risk_assessment SET load_id = 0 WHERE load_id IS NULL;
UPDATE key_figure SET load_id = 0 WHERE load_id IS NULL;

CREATE TABLE program_history AS SELECT *, CAST(NULL AS BIGINT) AS replaced_by FROM program LIMIT 0;
CREATE TABLE effect_goal_history AS SELECT *, CAST(NULL AS BIGINT) AS replaced_by FROM effect_goal LIMIT 0;
CREATE TABLE benefit_history AS SELECT *, CAST(NULL AS BIGINT) AS replaced_by FROM benefit LIMIT 0;
CREATE TABLE indicator_history AS SELECT *, CAST(NULL AS BIGINT) AS replaced_by FROM indicator LIMIT 0;
CREATE TABLE org_unit_history AS SELECT *, CAST(NULL AS BIGINT) AS replaced_by FROM org_unit LIMIT 0;
CREATE TABLE observation_history AS SELECT *, CAST(NULL AS BIGINT) AS replaced_by FROM observation LIMIT 0;
CREATE TABLE target_history AS SELECT *, CAST(NULL AS BIGINT) AS replaced_by FROM target LIMIT 0;
CREATE TABLE business_case_line_history AS SELECT *, CAST(NULL AS BIGINT) AS replaced_by FROM business_case_line LIMIT 0;
CREATE TABLE risk_history AS SELECT *, CAST(NULL AS BIGINT) AS replaced_by FROM risk LIMIT 0;
CREATE TABLE risk_assessment_history AS SELECT *, CAST(NULL AS BIGINT) AS replaced_by FROM risk_assessment LIMIT 0;
CREATE TABLE key_figure_history AS SELECT *, CAST(NULL AS BIGINT) AS replaced_by FROM key_figure LIMIT 0;

-- rows_replaced: rows of earlier loads this one moved to history. An undo is a load of its own (kind 'ångra') that names
-- the load it withdraws; the withdrawn load names the undo while it stands.
ALTER TABLE load_log ADD COLUMN rows_replaced BIGINT DEFAULT 0;
ALTER TABLE load_log ADD COLUMN undoes BIGINT;
ALTER TABLE load_log ADD COLUMN undone_by BIGINT;

-- An explicit purge removes history replaced before a date; asOf earlier than that can no longer be answered exactly.
CREATE TABLE purge_log (
  purged_at TIMESTAMP NOT NULL,
  before TIMESTAMP NOT NULL,
  -- the newest load whose replaced rows were purged: asOf before it is refused
  horizon BIGINT NOT NULL,
  rows_removed BIGINT NOT NULL,
  purged_by VARCHAR
);
