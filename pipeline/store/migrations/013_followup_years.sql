-- The follow-up's pooled years, kept with the rollup. Most of a whole program's follow-up query was planning and
-- running the pooling of each entry's parts into its baseline and its years after go-live (without it 11–14 ms, with it
-- 26–33 in process at 10 M rows). That pooling moves here, as a macro the follow-up calls, and the rollup's build keeps
-- its answer for the question most asked (the baseline by the series' grain, no breakdown) for every program and every
-- place, so that question reads a few hundred kept rows. Every other question (a breakdown, another baseline length,
-- asOf, or a rollup not yet rebuilt) pools the parts as before.

-- Where an entry's baseline begins: monthly or finer, the 12 months before go-live; quarterly, the 4 quarters before
-- its quarter; yearly, the last full calendar year before; `months` (above 0) sets the length instead.
CREATE MACRO followup_baseline_from(baseline_to, grain, months) AS
  CAST(CASE WHEN months > 0 THEN baseline_to - to_months(months)
            WHEN grain = 'year' THEN baseline_to - INTERVAL 1 YEAR
            ELSE baseline_to - INTERVAL 12 MONTH END AS DATE);

-- The entries a follow-up asks for (followup.sql's): a program's (every program's for NULL), at a unit with everything
-- below it, every unit on a level, or by default the administrations, the region and the program's geographies; q_unit
-- and q_level NULL take every place. The parameter names are no column's: a macro's parameter stands for any column of
-- its name.
CREATE MACRO followup_entries_asked(kept, q_program, q_unit, q_level) AS TABLE
  SELECT * FROM followup_entries(kept) e
  WHERE (q_program IS NULL OR e.program = q_program)
    AND CASE WHEN q_unit IS NULL AND q_level IS NULL THEN true
             WHEN q_unit <> '' THEN e.place_kind = 'unit' AND list_contains(e.ancestors, q_unit)
             WHEN q_level <> '' THEN e.place_kind = 'unit' AND e.level = q_level
             ELSE e.place_kind = 'geography' OR e.level = 'forvaltning' OR e.parent IS NULL END;

-- Each asked entry's baseline (k 0) and years after go-live (k 1–q_years), pooled from its parts, for a breakdown per
-- part too (part '' is the entry itself). `kept` reads the rollup (fresh), else the rows.
CREATE MACRO followup_years(kept, q_program, q_unit, q_level, q_breakdown, q_years, q_baseline_months) AS TABLE
  WITH
  entries AS (
    SELECT e.program, e.indicator, e.place_kind, e.place, e.depth, e.sex_t, e.age_t, e.mun_t, e.grain, e.go_live, e.baseline_to
    FROM followup_entries_asked(kept, q_program, q_unit, q_level) e
  ),
  windows AS (SELECT *, followup_baseline_from(baseline_to, grain, q_baseline_months) AS baseline_from FROM entries),
  -- The entry itself, and with a breakdown its parts too.
  modes AS (SELECT 'none' AS b UNION ALL SELECT q_breakdown WHERE q_breakdown <> 'none'),
  -- The parts each entry pools. A unit with everything below it is one place in the rollup: read from there when it
  -- is fresh (kept) and no single municipality under a unit is asked for, without breakdown from its totals, and with
  -- the depth too, so the scan is handed the levels asked for and skips the rest. Else from the rows (pooling_rows,
  -- migration 010, which names the rollup's view when this branch is not read, so only that cheap one is bound).
  -- A geography is the rows without unit in that municipality, kept in the rollup under place ''.
  parts_read AS (
    SELECT e.program, e.indicator, e.place_kind, e.place, e.sex_t, e.age_t, e.mun_t, e.baseline_from, e.baseline_to,
      e.go_live, o.period_start, 'T' AS sex, '' AS age_group, '' AS municipality, o."values", o.numerators,
      o.numerator_sum, o.denominator_sum, o.ns, o.n_sum, o.weighted_sum, o.value_sum, o.count_sum
    FROM windows e
    JOIN observation_rollup_total o ON o.indicator = e.indicator AND o.depth = e.depth AND o.place = e.place
    WHERE e.place_kind = 'unit' AND kept AND q_breakdown = 'none'
    UNION ALL
    SELECT e.program, e.indicator, e.place_kind, e.place, e.sex_t, e.age_t, e.mun_t, e.baseline_from, e.baseline_to,
      e.go_live, o.period_start, o.sex, o.age_group, o.municipality, o."values", o.numerators,
      o.numerator_sum, o.denominator_sum, o.ns, o.n_sum, o.weighted_sum, o.value_sum, o.count_sum
    FROM windows e
    JOIN observation_rollup o ON o.indicator = e.indicator AND o.depth = e.depth AND o.place = e.place
    WHERE e.place_kind = 'unit' AND kept AND q_breakdown IN ('sex', 'age')
    UNION ALL
    SELECT e.program, e.indicator, e.place_kind, e.place, e.sex_t, e.age_t, e.mun_t, e.baseline_from, e.baseline_to,
      e.go_live, o.period_start, o.sex, o.age_group, o.municipality, o."values", o.numerators,
      o.numerator_sum, o.denominator_sum, o.ns, o.n_sum, o.weighted_sum, o.value_sum, o.count_sum
    FROM windows e
    JOIN pooling_rows(kept AND q_breakdown <> 'municipality', 'tree') o ON o.indicator = e.indicator AND o.place = e.place
    WHERE e.place_kind = 'unit' AND NOT (kept AND q_breakdown <> 'municipality')
    UNION ALL
    SELECT e.program, e.indicator, e.place_kind, e.place, e.sex_t, e.age_t, e.mun_t, e.baseline_from, e.baseline_to,
      e.go_live, o.period_start, o.sex, o.age_group, o.municipality, o."values", o.numerators,
      o.numerator_sum, o.denominator_sum, o.ns, o.n_sum, o.weighted_sum, o.value_sum, o.count_sum
    FROM windows e
    JOIN observation_rollup o ON o.indicator = e.indicator AND o.depth = -1 AND o.place = '' AND o.municipality = e.place
    WHERE e.place_kind = 'geography' AND kept
    UNION ALL
    SELECT e.program, e.indicator, e.place_kind, e.place, e.sex_t, e.age_t, e.mun_t, e.baseline_from, e.baseline_to,
      e.go_live, o.period_start, o.sex, o.age_group, o.municipality, o."values", o.numerators,
      o.numerator_sum, o.denominator_sum, o.ns, o.n_sum, o.weighted_sum, o.value_sum, o.count_sum
    FROM windows e
    JOIN pooling_rows_own o ON o.indicator = e.indicator AND o.place = '' AND o.municipality = e.place
    WHERE e.place_kind = 'geography' AND NOT kept
  ),
  -- Each part with the year it falls in (0 = the baseline, 1–N after go-live). Years are counted with date_diff, not
  -- year(): DuckDB's year() builds a lookup table of 29 584 days for every expression state and thread, about 6 ms a
  -- question.
  located AS (
    SELECT x.program, x.indicator, x.place_kind, x.place, x.sex_t, x.age_t, x.mun_t,
      CASE WHEN x.period_start >= x.baseline_from AND x.period_start < x.baseline_to THEN 0
           ELSE CAST(date_diff('year', x.go_live, x.period_start) AS INTEGER) END AS k,
      x.sex, x.age_group, x.municipality, x."values", x.numerators, x.numerator_sum, x.denominator_sum, x.ns, x.n_sum,
      x.weighted_sum, x.value_sum, x.count_sum
    FROM parts_read x
    WHERE (x.period_start >= x.baseline_from AND x.period_start < x.baseline_to)
       OR date_diff('year', x.go_live, x.period_start) BETWEEN 1 AND q_years
  )
  SELECT x.program, x.indicator, x.place_kind, x.place, x.k,
    CASE m.b WHEN 'sex' THEN x.sex WHEN 'age' THEN x.age_group WHEN 'municipality' THEN x.municipality ELSE '' END AS part,
    pooled_parts(x."values", x.numerators, x.numerator_sum, x.denominator_sum, x.ns, x.n_sum, x.weighted_sum, x.value_sum) AS value,
    pooled_parts_n(x.count_sum) AS n
  FROM located x
  CROSS JOIN modes m
  WHERE counts_once(m.b, x.sex, x.age_group, x.municipality, x.sex_t, x.age_t, x.mun_t)
  GROUP BY ALL;

-- The question most asked, for every program and place and the longest follow-up (10 years; a shorter one keeps fewer),
-- kept by the rollup's build (pipeline/store/rollup.ts): fresh exactly when the rollup is.
CREATE TABLE followup_year_kept AS SELECT * FROM followup_years(false, NULL, NULL, NULL, 'none', 10, 0) LIMIT 0;

-- A rollup built before this migration keeps no years: it is built again on the next start or load, and until then the
-- questions read the rows.
UPDATE observation_rollup_state SET built_after = NULL;
