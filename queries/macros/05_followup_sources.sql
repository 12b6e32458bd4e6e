-- The follow-up's org units and indicator shapes, chosen by name as the pooling rows are: each comes from a view, or from
-- a table built with the rollup when it is fresh, and only that one is bound.

-- Each org unit with its depth (the region 0), its go-live (its own, else its nearest ancestor's, NULL if none has one)
-- and its ancestors, itself first. Read where it is bound, so under asOf it reads the org units as of that load.
CREATE OR REPLACE VIEW unit_place_rows AS
  WITH RECURSIVE lineage(id, ancestor, depth) AS (
    SELECT id, id, 0 FROM org_unit
    UNION ALL
    SELECT l.id, o.parent, l.depth + 1 FROM lineage l JOIN org_unit o ON o.id = l.ancestor WHERE o.parent IS NOT NULL
  )
  SELECT u.id, u.name, u.level, u.parent, i.go_live, i.depth, i.ancestors
  FROM org_unit u
  JOIN (
    SELECT l.id, arg_min(a.go_live, l.depth) FILTER (WHERE a.go_live IS NOT NULL) AS go_live,
      CAST(max(l.depth) AS INTEGER) AS depth, list(l.ancestor ORDER BY l.depth) AS ancestors
    FROM lineage l JOIN org_unit a ON a.id = l.ancestor
    GROUP BY l.id
  ) i ON i.id = u.id;

-- The same kept with the rollup (unit_place_kept), or from the rows.
CREATE OR REPLACE MACRO unit_places(kept) AS TABLE
  SELECT * FROM query_table(CASE WHEN kept THEN 'unit_place_kept' ELSE 'unit_place_rows' END);

-- Per indicator its most common grain (NULL without rows): what the rollup's observation_rollup_indicator keeps, from
-- the rows.
CREATE OR REPLACE VIEW indicator_shape_rows AS
  SELECT i.id AS indicator, g.grain
  FROM indicator i
  LEFT JOIN (
    SELECT indicator, first(grain ORDER BY c DESC, grain) AS grain
    FROM (SELECT indicator, grain, count(*) AS c FROM observation GROUP BY ALL)
    GROUP BY indicator
  ) g ON g.indicator = i.id;

-- The same kept with the rollup (observation_rollup_indicator), or from the rows.
CREATE OR REPLACE MACRO indicator_shapes(kept) AS TABLE
  SELECT * FROM query_table(CASE WHEN kept THEN 'observation_rollup_indicator' ELSE 'indicator_shape_rows' END);
