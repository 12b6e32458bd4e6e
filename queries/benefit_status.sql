-- name: benefit_status
-- description: Statusbedömningar per nytta och period (grön, gul, röd) med tillförsikt, kommentar och vem som bedömde, för ett program eller alla.
-- param: program VARCHAR default= — programmets id; tomt betyder alla
-- catalogue: program=program
-- column: program VARCHAR NOT NULL
-- column: benefit VARCHAR NOT NULL
-- column: period VARCHAR NOT NULL — 2026, 2026-T2, 2026-Q1 eller 2026-03
-- column: grain VARCHAR NOT NULL — year, tertial, quarter eller month
-- column: period_start DATE NOT NULL
-- column: period_end DATE NOT NULL — periodens sista dag
-- column: status VARCHAR NOT NULL — grön, gul eller röd
-- column: confidence VARCHAR — tillförsikt: hög, medel eller låg
-- column: comment VARCHAR
-- column: assessed_by VARCHAR
-- column: assessed DATE
SELECT program, benefit, period, grain, period_start, period_end, status, confidence, comment, assessed_by, assessed
FROM benefit_status WHERE $program = '' OR program = $program
ORDER BY program, list_transform(string_split(benefit, '.'), x -> TRY_CAST(x AS INTEGER)), benefit, period_start, period_end
