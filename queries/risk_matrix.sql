-- name: risk_matrix
-- description: Riskmatrisens celler vid en bedömning (standard: den senaste): antal risker och deras id per sannolikhet och konsekvens.
-- param: program VARCHAR default= — programmets id; tomt betyder alla
-- param: assessed DATE — bedömningsdatum; utan värde det senaste
-- catalogue: program=program
-- column: probability INTEGER NOT NULL
-- column: consequence INTEGER NOT NULL
-- column: count BIGINT NOT NULL
-- column: ids VARCHAR — riskernas id, kommaseparerade
WITH latest AS (
  SELECT program, coalesce(CAST($assessed AS DATE), max(assessed)) AS assessed FROM risk_assessment
  WHERE $program = '' OR program = $program GROUP BY program
)
SELECT a.probability, a.consequence, count(*) AS count, string_agg(a.risk_id, ',' ORDER BY a.risk_id) AS ids
FROM risk_assessment a JOIN latest l ON l.program = a.program AND l.assessed = a.assessed
GROUP BY ALL
ORDER BY probability DESC, consequence
