-- name: source_loads
-- description: Inläsningarna som ett blads siffror kommer från: de som skrev raderna i kraft som bladet bygger på (ett programs nyttokalkyl, risker, uppföljning, portfölj eller lärdomar, eller indikatorers serier), med fil, SHA-256 och tid. Bladens ursprung listar dessa och inga andra.
-- param: of VARCHAR required values=business_case|risks|followup|series|portfolio|lessons — bladets slag
-- param: program VARCHAR default= — programmets id; tomt betyder alla program
-- param: indicators VARCHAR default= — indikatorernas id, kommaseparerade (för serier och baslinjer)
-- param: volume_indicator VARCHAR default= — volymindikatorn, när nyttokalkylen räknar med produktionsbortfall
-- catalogue: program=program volume_indicator=indicator
-- column: load_id BIGINT NOT NULL
-- column: file_name VARCHAR NOT NULL
-- column: sha256 VARCHAR NOT NULL
-- column: finished_at VARCHAR NOT NULL
-- Every row carries the load that wrote it (load_id, migration 005): a sheet's loads are those of the rows in force it
-- is built from, so a load of another program's, or one withdrawn since, is never listed (under asOf, as of that load).
WITH
program_benefits AS (SELECT program, id FROM benefit WHERE $program = '' OR program = $program),
-- the indicators that measure the program's benefits (every program's for the portfolio)
program_indicators AS (
  SELECT i.id FROM indicator i WHERE list_has_any(i.benefits, (SELECT coalesce(list(id), []) FROM program_benefits))
),
asked_indicators AS (SELECT unnest(string_split($indicators, ',')) AS id WHERE $indicators <> ''),
of_program AS (SELECT $of IN ('followup', 'portfolio') AS yes),
used AS (
  -- the business case: the program's lines and the key figures the sheet shows beside them
  SELECT load_id FROM business_case_line WHERE $of IN ('business_case', 'portfolio') AND ($program = '' OR program = $program)
  UNION SELECT load_id FROM key_figure WHERE $of = 'business_case'
  -- risks: the register with every assessment (its trend); the follow-up shows the latest assessment's risks that
  -- threaten a benefit
  UNION SELECT load_id FROM risk WHERE $of IN ('risks', 'portfolio') AND ($program = '' OR program = $program)
  UNION SELECT load_id FROM risk_assessment WHERE $of IN ('risks', 'portfolio') AND ($program = '' OR program = $program)
  UNION SELECT r.load_id FROM risk r WHERE $of = 'followup' AND r.program = $program AND len(coalesce(r.benefits, [])) > 0
  UNION SELECT a.load_id FROM risk_assessment a JOIN risk r ON r.program = a.program AND r.id = a.risk_id
    WHERE $of = 'followup' AND a.program = $program AND len(coalesce(r.benefits, [])) > 0
      AND a.assessed = (SELECT max(assessed) FROM risk_assessment WHERE program = $program)
  -- approved versions shown beside the figures: the business case's, or the targets' and baselines'
  UNION SELECT load_id FROM approval WHERE $of = 'business_case' AND subject = 'nyttokalkyl' AND program = $program
  UNION SELECT load_id FROM approval WHERE $of = 'followup' AND subject IN ('malvarden', 'baslinje') AND program = $program
  -- the benefits' judged statuses (the follow-up's summary) and the lessons learnt
  UNION SELECT load_id FROM benefit_status WHERE $of = 'followup' AND program = $program
  UNION SELECT load_id FROM lesson WHERE $of = 'lessons' AND ($program = '' OR program = $program)
  -- the program's plan: the program, its goals, benefits and milestones
  UNION SELECT load_id FROM program WHERE (SELECT yes FROM of_program) AND ($program = '' OR id = $program)
  UNION SELECT load_id FROM effect_goal WHERE (SELECT yes FROM of_program) AND ($program = '' OR program = $program)
  UNION SELECT load_id FROM benefit WHERE (SELECT yes FROM of_program) AND ($program = '' OR program = $program)
  UNION SELECT load_id FROM milestone WHERE (SELECT yes FROM of_program) AND ($program = '' OR program = $program)
  -- the indicators measured (the program's, the ones asked for, or the volume indicator), their targets and outcomes,
  -- and the org units they are pooled and followed over
  UNION SELECT load_id FROM indicator
    WHERE ((SELECT yes FROM of_program) AND id IN (SELECT id FROM program_indicators))
       OR ($of = 'series' AND id IN (SELECT id FROM asked_indicators))
       OR ($of = 'business_case' AND id = $volume_indicator)
  UNION SELECT load_id FROM target WHERE (SELECT yes FROM of_program) AND indicator IN (SELECT id FROM program_indicators)
  UNION SELECT load_id FROM observation
    WHERE ((SELECT yes FROM of_program) AND indicator IN (SELECT id FROM program_indicators))
       OR ($of = 'series' AND indicator IN (SELECT id FROM asked_indicators))
       OR ($of = 'business_case' AND indicator = $volume_indicator)
  UNION SELECT load_id FROM org_unit
    WHERE $of IN ('followup', 'series', 'portfolio') OR ($of = 'business_case' AND $volume_indicator <> '')
)
SELECT l.load_id, l.file_name, l.sha256, strftime(l.finished_at, '%Y-%m-%d %H:%M:%S') AS finished_at
FROM load_log l
WHERE l.load_id IN (SELECT load_id FROM used)
ORDER BY l.load_id
