-- name: latest_outcomes
-- description: Per program och indikator som mäter programmets nyttor: indikatorns frekvens och sista dagen i den senaste perioden som har utfall (tom om inget utfall finns); underlag för vad som ska mätas.
-- param: program VARCHAR default= — programmets id; tomt betyder alla
-- catalogue: program=program
-- column: program VARCHAR NOT NULL
-- column: indicator VARCHAR NOT NULL
-- column: name VARCHAR NOT NULL
-- column: frequency VARCHAR
-- column: benefits VARCHAR — programmets nyttor som indikatorn mäter, kommaseparerade i katalogordning
-- column: latest_end DATE — sista dagen i den senaste perioden med utfall
WITH pb AS (
  SELECT program, list(id ORDER BY list_transform(string_split(id, '.'), x -> TRY_CAST(x AS INTEGER)), id) AS ids
  FROM benefit WHERE $program = '' OR program = $program GROUP BY program
),
ind AS (
  SELECT pb.program, i.id, i.name, i.frequency, list_filter(pb.ids, b -> list_contains(i.benefits, b)) AS benefits
  FROM indicator i JOIN pb ON list_has_any(i.benefits, pb.ids)
),
latest AS (
  SELECT indicator, max(CAST(CASE grain WHEN 'year' THEN p + INTERVAL 1 YEAR WHEN 'quarter' THEN p + INTERVAL 3 MONTH
    WHEN 'month' THEN p + INTERVAL 1 MONTH WHEN 'week' THEN p + INTERVAL 7 DAY ELSE p + INTERVAL 1 DAY END AS DATE) - 1) AS latest_end
  FROM (SELECT indicator, grain, max(period_start) AS p FROM observation WHERE indicator IN (SELECT id FROM ind) GROUP BY ALL)
  GROUP BY indicator
)
SELECT ind.program, ind.id AS indicator, ind.name, ind.frequency, array_to_string(ind.benefits, ',') AS benefits, latest.latest_end
FROM ind LEFT JOIN latest ON latest.indicator = ind.id
ORDER BY ind.program, ind.id
