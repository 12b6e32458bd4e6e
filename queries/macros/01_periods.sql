-- Periods as the query parameters give them.

-- A period parameter (2024, 2024-03, 2024-03-15) as the first day it covers, and the first day after it.
CREATE OR REPLACE MACRO period_first_day(p) AS CAST(CASE length(p) WHEN 4 THEN p || '-01-01' WHEN 7 THEN p || '-01' ELSE p END AS DATE);
CREATE OR REPLACE MACRO period_end(p) AS
  CASE length(p) WHEN 4 THEN period_first_day(p) + INTERVAL 1 YEAR WHEN 7 THEN period_first_day(p) + INTERVAL 1 MONTH ELSE period_first_day(p) + INTERVAL 1 DAY END;
