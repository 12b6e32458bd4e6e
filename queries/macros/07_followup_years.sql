-- The follow-up's pooled years: each asked entry's baseline and years after go-live, pooled from its parts. The
-- rollup's build keeps the answer to the question most asked (followup_year_kept); every other question pools here.

-- Where an entry's baseline begins: monthly or finer, the 12 months before go-live; quarterly, the 4 quarters before
-- its quarter; yearly, the last full calendar year before; `months` (above 0) sets the length instead.
CREATE OR REPLACE MACRO followup_baseline_from(baseline_to, grain, months) AS
  CAST(CASE WHEN months > 0 THEN baseline_to - to_months(months)
            WHEN grain = 'year' THEN baseline_to - INTERVAL 1 YEAR
            ELSE baseline_to - INTERVAL 12 MONTH END AS DATE);

-- The entries a follow-up asks for (followup.sql's): a program's (every program's for NULL), at a unit with everything
-- below it, every unit on a level, or by default the administrations, the region and the program's geographies; q_unit
-- and q_level NULL take every place. The parameter names are no column's: a macro's parameter stands for any column of
-- its name.
CREATE OR REPLACE MACRO followup_entries_asked(kept, q_program, q_unit, q_level) AS TABLE
  SELECT * FROM followup_entries(kept) e
  WHERE (q_program IS NULL OR e.program = q_program)
    AND CASE WHEN q_unit IS NULL AND q_level IS NULL THEN true
             WHEN q_unit <> '' THEN e.place_kind = 'unit' AND list_contains(e.ancestors, q_unit)
             WHEN q_level <> '' THEN e.place_kind = 'unit' AND e.level = q_level
             ELSE e.place_kind = 'geography' OR e.level = 'forvaltning' OR e.parent IS NULL END;

-- Each asked entry's baseline (k 0) and years after go-live (k 1–q_years), pooled: each entry itself (part '') from
-- the parts that count without breakdown, and with a breakdown each of its parts from those that count for it. From
-- the rollup when `kept`: its totals, or its rows counted for sex or age; a geography's under place '' (rows without
-- unit). Else from the rows. A branch not read names a cheap source, so DuckDB binds only what the question reads (see
-- pooling_rows).
CREATE OR REPLACE MACRO followup_years(kept, q_program, q_unit, q_level, q_breakdown, q_years, q_baseline_months) AS TABLE
  WITH
  entries AS (
    SELECT e.program, e.indicator, e.place_kind, e.place, e.depth, e.grain, e.go_live, e.baseline_to
    FROM followup_entries_asked(kept, q_program, q_unit, q_level) e
  ),
  windows AS (SELECT *, followup_baseline_from(baseline_to, grain, q_baseline_months) AS baseline_from FROM entries),
  parts_read AS (
    -- a unit, itself: the rollup's totals (with the depth, so the scan is handed the levels asked for), or the rows
    SELECT e.program, e.indicator, e.place_kind, e.place, e.baseline_from, e.baseline_to, e.go_live, o.period_start,
      '' AS part, o."values", o.numerators, o.numerator_sum, o.denominator_sum, o.ns, o.n_sum, o.weighted_sum,
      o.value_sum, o.count_sum
    FROM windows e
    JOIN observation_rollup_total o ON o.indicator = e.indicator AND o.depth = e.depth AND o.place = e.place
    WHERE e.place_kind = 'unit' AND kept
    UNION ALL
    SELECT e.program, e.indicator, e.place_kind, e.place, e.baseline_from, e.baseline_to, e.go_live, o.period_start,
      '', o."values", o.numerators, o.numerator_sum, o.denominator_sum, o.ns, o.n_sum, o.weighted_sum, o.value_sum,
      o.count_sum
    FROM windows e
    JOIN pooling_rows(kept, 'tree', 'none') o ON o.indicator = e.indicator AND o.place = e.place
    WHERE e.place_kind = 'unit' AND NOT kept
    UNION ALL
    -- a unit's parts: the rollup's rows counted for the breakdown, or the rows
    SELECT e.program, e.indicator, e.place_kind, e.place, e.baseline_from, e.baseline_to, e.go_live, o.period_start,
      CASE q_breakdown WHEN 'sex' THEN o.sex ELSE o.age_group END, o."values", o.numerators, o.numerator_sum,
      o.denominator_sum, o.ns, o.n_sum, o.weighted_sum, o.value_sum, o.count_sum
    FROM windows e
    JOIN observation_rollup o ON o.indicator = e.indicator AND o.depth = e.depth AND o.place = e.place
      AND o.counted & CASE q_breakdown WHEN 'sex' THEN 2 ELSE 4 END <> 0
    WHERE e.place_kind = 'unit' AND kept AND q_breakdown IN ('sex', 'age')
    UNION ALL
    SELECT e.program, e.indicator, e.place_kind, e.place, e.baseline_from, e.baseline_to, e.go_live, o.period_start,
      CASE q_breakdown WHEN 'sex' THEN o.sex WHEN 'age' THEN o.age_group ELSE o.municipality END, o."values",
      o.numerators, o.numerator_sum, o.denominator_sum, o.ns, o.n_sum, o.weighted_sum, o.value_sum, o.count_sum
    FROM windows e
    JOIN pooling_rows(kept OR q_breakdown = 'none', 'tree', q_breakdown) o ON o.indicator = e.indicator AND o.place = e.place
    WHERE e.place_kind = 'unit' AND NOT (q_breakdown = 'none' OR kept AND q_breakdown IN ('sex', 'age'))
    UNION ALL
    -- a geography, itself and its parts: the rows without unit in that municipality, in the rollup under place ''
    SELECT e.program, e.indicator, e.place_kind, e.place, e.baseline_from, e.baseline_to, e.go_live, o.period_start,
      '', o."values", o.numerators, o.numerator_sum, o.denominator_sum, o.ns,
      o.n_sum, o.weighted_sum, o.value_sum, o.count_sum
    FROM windows e
    JOIN observation_rollup o ON o.indicator = e.indicator AND o.depth = -1 AND o.place = '' AND o.municipality = e.place
      AND o.counted & 1 <> 0
    WHERE e.place_kind = 'geography' AND kept
    UNION ALL
    SELECT e.program, e.indicator, e.place_kind, e.place, e.baseline_from, e.baseline_to, e.go_live, o.period_start,
      CASE q_breakdown WHEN 'sex' THEN o.sex ELSE o.age_group END, o."values", o.numerators, o.numerator_sum,
      o.denominator_sum, o.ns, o.n_sum, o.weighted_sum, o.value_sum, o.count_sum
    FROM windows e
    JOIN observation_rollup o ON o.indicator = e.indicator AND o.depth = -1 AND o.place = '' AND o.municipality = e.place
      AND o.counted & CASE q_breakdown WHEN 'sex' THEN 2 ELSE 4 END <> 0
    WHERE e.place_kind = 'geography' AND kept AND q_breakdown IN ('sex', 'age')
    UNION ALL
    SELECT e.program, e.indicator, e.place_kind, e.place, e.baseline_from, e.baseline_to, e.go_live, o.period_start,
      '', o."values", o.numerators, o.numerator_sum, o.denominator_sum, o.ns, o.n_sum, o.weighted_sum, o.value_sum,
      o.count_sum
    FROM windows e
    JOIN pooling_rows(kept, CASE WHEN kept THEN 'tree' ELSE 'own' END, 'none') o
      ON o.indicator = e.indicator AND o.place = '' AND o.municipality = e.place
    WHERE e.place_kind = 'geography' AND NOT kept
    UNION ALL
    SELECT e.program, e.indicator, e.place_kind, e.place, e.baseline_from, e.baseline_to, e.go_live, o.period_start,
      CASE q_breakdown WHEN 'sex' THEN o.sex WHEN 'age' THEN o.age_group ELSE o.municipality END, o."values",
      o.numerators, o.numerator_sum, o.denominator_sum, o.ns, o.n_sum, o.weighted_sum, o.value_sum, o.count_sum
    FROM windows e
    JOIN pooling_rows(true, CASE WHEN q_breakdown = 'none' OR kept AND q_breakdown IN ('sex', 'age') THEN 'tree' ELSE 'own' END, q_breakdown) o
      ON o.indicator = e.indicator AND o.place = '' AND o.municipality = e.place
    WHERE e.place_kind = 'geography' AND NOT (q_breakdown = 'none' OR kept AND q_breakdown IN ('sex', 'age'))
  ),
  -- Each part with the year it falls in (0 = the baseline, 1–N after go-live; date_diff, not year(): DuckDB's year()
  -- builds a lookup table of 29 584 days for every expression state and thread, about 6 ms a question).
  located AS (
    SELECT x.program, x.indicator, x.place_kind, x.place, x.part,
      CASE WHEN x.period_start >= x.baseline_from AND x.period_start < x.baseline_to THEN 0
           ELSE CAST(date_diff('year', x.go_live, x.period_start) AS INTEGER) END AS k,
      x."values", x.numerators, x.numerator_sum, x.denominator_sum, x.ns, x.n_sum, x.weighted_sum, x.value_sum, x.count_sum
    FROM parts_read x
    WHERE (x.period_start >= x.baseline_from AND x.period_start < x.baseline_to)
       OR date_diff('year', x.go_live, x.period_start) BETWEEN 1 AND q_years
  )
  SELECT x.program, x.indicator, x.place_kind, x.place, x.k, x.part,
    pooled_parts(x."values", x.numerators, x.numerator_sum, x.denominator_sum, x.ns, x.n_sum, x.weighted_sum, x.value_sum) AS value,
    pooled_parts_n(x.count_sum) AS n
  FROM located x
  GROUP BY ALL;
