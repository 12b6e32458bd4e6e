-- name: catalogue_benefits
-- description: Verksamhetsnyttor med nivå (1–3), överordnad nytta och effektmål, för ett program eller alla.
-- param: program VARCHAR default= — programmets id; tomt betyder alla
-- catalogue: program=program
-- column: program VARCHAR NOT NULL
-- column: id VARCHAR NOT NULL
-- column: parent VARCHAR
-- column: level INTEGER — nivå 1, 2 eller 3; tomt för en huvudnytta
-- column: name VARCHAR NOT NULL
-- column: effect_goals VARCHAR — effektmål, kommaseparerade
-- column: owner VARCHAR — nyttoägare
-- column: realised_by VARCHAR — realiseringsansvarig
-- column: dis_benefit BOOLEAN — motnytta
SELECT program, id, parent, level, name, array_to_string(effect_goals, ',') AS effect_goals, owner, realised_by, dis_benefit
FROM benefit WHERE $program = '' OR program = $program
ORDER BY program, list_transform(string_split(id, '.'), x -> TRY_CAST(x AS INTEGER)), id
