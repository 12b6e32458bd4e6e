-- name: business_case
-- description: Nyttokalkylens poster för ett program, ett scenario eller alla, plan och utfall, belopp i kronor.
-- param: program VARCHAR required — programmets id
-- param: scenario VARCHAR default= — scenario; tomt betyder alla
-- catalogue: program=program
-- column: program VARCHAR NOT NULL
-- column: scenario VARCHAR NOT NULL
-- column: year INTEGER NOT NULL
-- column: post VARCHAR NOT NULL — cost eller benefit
-- column: category VARCHAR NOT NULL
-- column: actor VARCHAR NOT NULL
-- column: kind VARCHAR NOT NULL — plan eller outcome
-- column: amount_sek DOUBLE NOT NULL
-- column: probability DOUBLE NOT NULL
-- column: benefit_class VARCHAR — finansiell, omfordelning, kvalitet eller miljo
-- column: stakeholder VARCHAR
-- column: low_sek DOUBLE
-- column: high_sek DOUBLE
-- column: source VARCHAR
-- column: attribution DOUBLE — tillskrivning: den andel av posten som programmet räknar (0–1)
SELECT program, scenario, year, post, category, actor, kind, amount_sek, probability, benefit_class, stakeholder, low_sek, high_sek, source,
  attribution
FROM business_case_line
WHERE program = $program AND ($scenario = '' OR scenario = $scenario)
ORDER BY scenario, kind, year, post, category
