-- Query macros leave the migrations (issue #31). The macros and views the named queries share live as SQL files beside
-- them (queries/macros/*.sql) and are created with CREATE OR REPLACE at every open with write access
-- (pipeline/store/query-macros.ts), so a change to one is a change to its file, never a new migration. The definitions
-- earlier migrations created are dropped here: a store migrated before this one ends up with exactly the definitions
-- a new store gets. Migrations from here on hold tables and data only (test/service/macros.test.ts keeps it so).
DROP VIEW IF EXISTS followup_entry_rows;
DROP VIEW IF EXISTS indicator_shape_rows;
DROP VIEW IF EXISTS unit_place_rows;
DROP VIEW IF EXISTS pooling_rows_kept_age;
DROP VIEW IF EXISTS pooling_rows_kept_sex;
DROP VIEW IF EXISTS pooling_rows_total;
DROP VIEW IF EXISTS pooling_rows_own_none;
DROP VIEW IF EXISTS pooling_rows_own_sex;
DROP VIEW IF EXISTS pooling_rows_own_age;
DROP VIEW IF EXISTS pooling_rows_own_municipality;
DROP VIEW IF EXISTS pooling_rows_own_sex_municipality;
DROP VIEW IF EXISTS pooling_rows_own_age_municipality;
DROP VIEW IF EXISTS pooling_rows_tree_none;
DROP VIEW IF EXISTS pooling_rows_tree_sex;
DROP VIEW IF EXISTS pooling_rows_tree_age;
DROP VIEW IF EXISTS pooling_rows_tree_municipality;
DROP VIEW IF EXISTS pooling_rows_tree_sex_municipality;
DROP VIEW IF EXISTS pooling_rows_tree_age_municipality;
DROP MACRO TABLE IF EXISTS followup_years;
DROP MACRO TABLE IF EXISTS followup_entries_asked;
DROP MACRO IF EXISTS followup_baseline_from;
DROP MACRO TABLE IF EXISTS followup_entries;
DROP MACRO TABLE IF EXISTS followup_entries_from;
DROP MACRO TABLE IF EXISTS indicator_shapes;
DROP MACRO TABLE IF EXISTS unit_places;
DROP MACRO TABLE IF EXISTS pooling_rows;
DROP MACRO TABLE IF EXISTS rollup_rows_counted_for;
DROP MACRO TABLE IF EXISTS pooling_tree;
DROP MACRO TABLE IF EXISTS pooling_own;
DROP MACRO TABLE IF EXISTS counted_parts;
DROP MACRO IF EXISTS counted_shape;
DROP MACRO IF EXISTS counted_shape_age;
DROP MACRO IF EXISTS counted_shape_municipality;
DROP MACRO IF EXISTS publication_shape;
DROP MACRO TABLE IF EXISTS unit_lineage;
DROP MACRO IF EXISTS pooled_parts_n;
DROP MACRO IF EXISTS pooled_parts;
DROP MACRO TABLE IF EXISTS observation_parts;
DROP MACRO IF EXISTS period_end;
DROP MACRO IF EXISTS period_first_day;

-- Which macro definitions the store holds: a hash of the files, written when they are created. A store opened read-only
-- holds the macros of the last open with write access, and is refused when they are not this code's.
CREATE TABLE query_macros (hash VARCHAR NOT NULL, created_at TIMESTAMP NOT NULL);

-- The macro definitions the rollup was built with: its kept tables are what those macros computed, so it is fresh only
-- while the store holds the same definitions. A rollup built before this migration records none: it is built again.
ALTER TABLE observation_rollup_state ADD COLUMN built_with VARCHAR;
