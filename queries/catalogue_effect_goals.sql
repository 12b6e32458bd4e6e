-- name: catalogue_effect_goals
-- description: Effektmål, för ett program eller alla.
-- param: program VARCHAR default= — programmets id; tomt betyder alla
-- catalogue: program=program
-- column: program VARCHAR
-- column: id VARCHAR
-- column: target_group VARCHAR — målgrupp
-- column: text VARCHAR
SELECT program, id, target_group, text FROM effect_goal WHERE $program = '' OR program = $program ORDER BY program, id
