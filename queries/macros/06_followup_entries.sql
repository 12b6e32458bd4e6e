-- The follow-up's entries, chosen by name as its org units and indicator shapes are. An entry is an indicator that
-- measures a program's benefits, at a place it is followed at: every org unit (with everything below it), and each of
-- the program's geographies (for series without unit). The follow-up reads them ready-made and keeps only those its
-- question asks for (queries/followup.sql).

-- The entries of every program, from the org units and indicator shapes `kept` with the rollup, or from the rows.
CREATE OR REPLACE MACRO followup_entries_from(kept) AS TABLE
  WITH
  program_benefits AS (SELECT program, list(id) AS ids FROM benefit GROUP BY program),
  -- each indicator with the program's benefits it measures and its grain
  ind AS (
    SELECT pb.program, i.id, i.name, i.direction, i.min_count, i.source, i.frequency, i.unit AS measure,
      array_to_string(list_sort(list_distinct(list_filter(i.benefits, b -> list_contains(pb.ids, b)))), ',') AS benefits,
      s.grain
    FROM indicator i
    JOIN program_benefits pb ON list_has_any(i.benefits, pb.ids)
    LEFT JOIN indicator_shapes(kept) s ON s.indicator = i.id
  ),
  -- org units with their depth, ancestors and go-live (their own, else the nearest ancestor's, else the program's);
  -- geographies at depth -1, with the program's go-live
  places AS (
    SELECT p.id AS program, 'unit' AS place_kind, u.id AS place, u.name AS place_name, u.level, u.parent,
      coalesce(u.go_live, p.go_live) AS go_live, u.depth, u.ancestors
    FROM program p CROSS JOIN unit_places(kept) u
    UNION ALL
    SELECT p.id, 'geography', g.g, g.g, NULL, NULL, p.go_live, -1, NULL
    FROM program p CROSS JOIN LATERAL (SELECT unnest(coalesce(p.geographies, [])) AS g) g
  )
  SELECT ind.program, ind.id AS indicator, ind.name AS indicator_name, ind.direction, ind.benefits, ind.source,
    ind.frequency, ind.measure, ind.min_count, p.place_kind, p.place, p.place_name, p.level, p.parent, p.go_live,
    p.depth, p.ancestors, ind.grain,
    -- the region's targets stand for the region and the geographies
    CASE WHEN p.place_kind = 'geography' OR p.parent IS NULL THEN '' END AS region_key,
    -- the baseline ends where go-live's own period begins: the month, quarter or year it falls in
    CAST(CASE WHEN ind.grain = 'year' THEN date_trunc('year', p.go_live) WHEN ind.grain = 'quarter' THEN date_trunc('quarter', p.go_live)
         ELSE p.go_live END AS DATE) AS baseline_to
  FROM ind JOIN places p ON p.program = ind.program
  WHERE p.go_live IS NOT NULL;

-- Read where it is bound, so under asOf it reads the catalogue as of that load.
CREATE OR REPLACE VIEW followup_entry_rows AS SELECT * FROM followup_entries_from(false);

-- The same kept with the rollup (followup_entry_kept), or from the rows.
CREATE OR REPLACE MACRO followup_entries(kept) AS TABLE
  SELECT * FROM query_table(CASE WHEN kept THEN 'followup_entry_kept' ELSE 'followup_entry_rows' END);
