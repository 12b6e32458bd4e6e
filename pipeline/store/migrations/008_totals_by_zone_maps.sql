-- Whether a source publishes totals (sex T, age group '', municipality ''), asked so that DuckDB's zone maps answer
-- it: EXISTS stops at the first such row, and where there is none the min/max of each row group rule it out without
-- reading it. The same answer as 006's bool_or over every row of the indicator, at half the cost or less.
CREATE OR REPLACE MACRO published_totals(ind) AS TABLE
  SELECT EXISTS (SELECT 1 FROM observation WHERE indicator = ind AND sex = 'T') AS sex_t,
         EXISTS (SELECT 1 FROM observation WHERE indicator = ind AND age_group = '') AS age_t,
         EXISTS (SELECT 1 FROM observation WHERE indicator = ind AND municipality = '') AS mun_t;
