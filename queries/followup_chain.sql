-- name: followup_chain
-- description: Effektkedjan bakom uppföljningen av ett program, en rad per sak: programmet (driftstart), dess nyttor i katalogordning, milstolparna och de öppna riskerna vid den senaste riskbedömningen. En fråga i stället för fyra.
-- param: program VARCHAR required — programmets id
-- param: today DATE — dagen en riskåtgärd räknas som försenad mot; utan värde dagens datum
-- catalogue: program=program
-- column: kind VARCHAR NOT NULL — program, benefit, milestone eller risk
-- column: benefit VARCHAR — milstolpens nytta; för en risk nyttorna den hotar, kommaseparerade
-- column: id VARCHAR NOT NULL
-- column: name VARCHAR
-- column: level INTEGER — nyttans nivå 1, 2 eller 3; tomt för en huvudnytta
-- column: parent VARCHAR — nyttans överordnade nytta
-- column: owner VARCHAR — nyttoägare eller ansvarig
-- column: realised_by VARCHAR — realiseringsansvarig
-- column: effect_goals VARCHAR — nyttans effektmål, kommaseparerade
-- column: go_live DATE — programmets driftstart
-- column: planned DATE — milstolpen planerad
-- column: done DATE — milstolpen klar, tom om den inte är klar
-- column: value INTEGER — riskvärdet, sannolikhet × konsekvens
-- column: status VARCHAR — riskåtgärdens status (aldrig klar här)
-- column: overdue BOOLEAN — riskåtgärdens klart-datum har passerat
-- The same rows as catalogue_programs, catalogue_benefits, milestones and risk_register give for the program (open risks
-- only), in one question: each of those costs DuckDB about as much to plan and start as to answer.
SELECT * EXCLUDE (rank, catalogue_order) FROM (
SELECT 0 AS rank, 'program' AS kind, NULL AS benefit, id, name, NULL::INTEGER AS level, NULL AS parent, owner,
  NULL AS realised_by, NULL AS effect_goals, go_live, NULL::DATE AS planned, NULL::DATE AS done, NULL::INTEGER AS value,
  NULL AS status, NULL::BOOLEAN AS overdue, NULL::INTEGER[] AS catalogue_order
FROM program WHERE id = $program
UNION ALL
SELECT 1, 'benefit', NULL, id, name, level, parent, owner, realised_by, array_to_string(effect_goals, ','), NULL, NULL, NULL,
  NULL, NULL, NULL, list_transform(string_split(id, '.'), x -> TRY_CAST(x AS INTEGER))
FROM benefit WHERE program = $program
UNION ALL
SELECT 2, 'milestone', benefit, id, name, NULL, NULL, owner, NULL, NULL, NULL, planned, done, NULL, NULL, NULL, NULL
FROM milestone WHERE program = $program
UNION ALL
SELECT 3, 'risk', array_to_string(r.benefits, ','), a.risk_id, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
  a.probability * a.consequence, a.action_status, coalesce(a.due_date < coalesce(CAST($today AS DATE), current_date), false), NULL
FROM risk_assessment a
LEFT JOIN risk r ON r.program = a.program AND r.id = a.risk_id
WHERE a.program = $program AND a.action_status IS DISTINCT FROM 'klar'
  AND a.assessed = (SELECT max(assessed) FROM risk_assessment WHERE program = $program)
) chain
-- benefits as the catalogue orders them; milestones by benefit and date; risks by value
ORDER BY rank, catalogue_order, CASE WHEN chain.kind = 'milestone' THEN chain.benefit END, planned, value DESC, id
