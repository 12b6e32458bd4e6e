-- A region's plan: the program's own go-live and the geographies it follows national series for; milestones for
-- prerequisites that are facts, not series; and the one rule for totals and parts that every query shares.
ALTER TABLE program ADD COLUMN go_live DATE;
ALTER TABLE program ADD COLUMN geographies VARCHAR[];
ALTER TABLE program ADD COLUMN description VARCHAR;
-- History has the table's columns in the table's order, replaced_by last: rebuilt with the new columns.
CREATE TABLE program_history_006 AS
  SELECT id, name, load_id, CAST(NULL AS DATE) AS go_live, CAST(NULL AS VARCHAR[]) AS geographies, CAST(NULL AS VARCHAR) AS description, replaced_by
  FROM program_history;
DROP TABLE program_history;
ALTER TABLE program_history_006 RENAME TO program_history;

CREATE TABLE milestone (
  program VARCHAR NOT NULL,
  benefit VARCHAR NOT NULL,
  id VARCHAR NOT NULL,
  name VARCHAR NOT NULL,
  owner VARCHAR,
  planned DATE NOT NULL,
  done DATE,
  load_id BIGINT NOT NULL,
  PRIMARY KEY (program, id)
);
CREATE TABLE milestone_history AS SELECT *, CAST(NULL AS BIGINT) AS replaced_by FROM milestone LIMIT 0;

-- Which totals an indicator's sources publish: a total for sex (T), for age (''), for municipality ('').
CREATE MACRO published_totals(ind) AS TABLE
  SELECT coalesce(bool_or(sex = 'T'), false) AS sex_t, coalesce(bool_or(age_group = ''), false) AS age_t,
         coalesce(bool_or(municipality = ''), false) AS mun_t
  FROM observation WHERE indicator = ind;

-- Whether an observation row counts, so that totals and their parts are never pooled together: the parts of the
-- dimension broken down by; for the others, the total where the source publishes one, else the parts.
CREATE MACRO counts_once(breakdown, sex, age_group, municipality, sex_t, age_t, mun_t) AS
  CASE WHEN breakdown = 'sex' THEN sex <> 'T' WHEN sex_t THEN sex = 'T' ELSE true END
  AND CASE WHEN breakdown = 'age' THEN age_group <> '' WHEN age_t THEN age_group = '' ELSE true END
  AND CASE WHEN breakdown = 'municipality' THEN municipality <> '' WHEN mun_t THEN municipality = '' ELSE true END;
