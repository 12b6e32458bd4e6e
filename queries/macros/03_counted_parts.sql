-- Totals and parts, per place and period (issue #29): which rows count, so totals and their parts are never pooled
-- together.

-- A row's shape, one bit per dimension that holds its total: sex T 4, age group '' 2, municipality '' 1 (a unit's
-- municipalities pooled in the rollup, NULL, are parts).
CREATE OR REPLACE MACRO publication_shape(sex, age_group, municipality) AS
  CAST(sex = 'T' AS INTEGER) * 4 + CAST(age_group = '' AS INTEGER) * 2 + CAST(coalesce(municipality = '', false) AS INTEGER);

-- The shape that counts, given the shapes a place publishes for a period (`mask`, bit 1 << shape for each): the sex
-- total where there is one, then among those rows the age total where there is one, then the municipality total. The
-- rows of that shape cover the place once; any other row would count some people twice.
CREATE OR REPLACE MACRO counted_shape_municipality(mask, sa) AS sa + CASE WHEN (mask >> sa) & 2 <> 0 THEN 1 ELSE 0 END;
CREATE OR REPLACE MACRO counted_shape_age(mask, s) AS counted_shape_municipality(mask, s + CASE WHEN (mask >> s) & 12 <> 0 THEN 2 ELSE 0 END);
CREATE OR REPLACE MACRO counted_shape(mask) AS counted_shape_age(mask, CASE WHEN mask & 240 <> 0 THEN 4 ELSE 0 END);

-- The observation parts (02_observation_parts.sql) that count for a question whose breakdown takes the parts of sex (f_sex), age
-- group (f_age) or municipality (f_mun): a place is a unit, or a municipality for rows without unit; with a breakdown,
-- a place's part. Only the indicator, the place and the period are partitions, so a question's indicator filter still
-- reaches the scan.
CREATE OR REPLACE MACRO counted_parts(f_sex, f_age, f_mun) AS TABLE
  SELECT * EXCLUDE (shape, mask) FROM (
    SELECT *, bit_or(CAST(1 AS INTEGER) << shape) OVER (
        PARTITION BY indicator, period, unit, CASE WHEN unit = '' THEN municipality END,
          CASE WHEN f_sex THEN sex END, CASE WHEN f_age THEN age_group END, CASE WHEN f_mun THEN municipality END) AS mask
    FROM (
      SELECT *, publication_shape(sex, age_group, municipality) AS shape FROM observation_parts()
      WHERE (NOT f_sex OR sex <> 'T') AND (NOT f_age OR age_group <> '') AND (NOT f_mun OR municipality <> '')
    )
  )
  WHERE shape = counted_shape(mask);
