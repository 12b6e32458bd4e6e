-- name: catalogue_effect_goals
-- description: Effektmål, för ett program eller alla.
-- param: program VARCHAR default= — programmets id; tomt betyder alla
-- catalogue: program=program
-- column: program VARCHAR NOT NULL
-- column: id VARCHAR NOT NULL
-- column: target_group VARCHAR — målgrupp
-- column: text VARCHAR NOT NULL
SELECT program, id, target_group, text FROM effect_goal WHERE $program = '' OR program = $program ORDER BY program, id
