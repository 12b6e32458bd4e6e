-- The portfolio: each program's phase, owner, dates, budget and status; risks tied to what they threaten, their
-- actions followed (status, a due date that can pass). History tables get the same columns (rows move by name).
ALTER TABLE program ADD COLUMN phase VARCHAR;
ALTER TABLE program ADD COLUMN owner VARCHAR;
ALTER TABLE program ADD COLUMN start_date DATE;
ALTER TABLE program ADD COLUMN end_date DATE;
ALTER TABLE program ADD COLUMN budget_sek DOUBLE;
ALTER TABLE program ADD COLUMN status VARCHAR;
ALTER TABLE program ADD COLUMN comment VARCHAR;
ALTER TABLE program_history ADD COLUMN phase VARCHAR;
ALTER TABLE program_history ADD COLUMN owner VARCHAR;
ALTER TABLE program_history ADD COLUMN start_date DATE;
ALTER TABLE program_history ADD COLUMN end_date DATE;
ALTER TABLE program_history ADD COLUMN budget_sek DOUBLE;
ALTER TABLE program_history ADD COLUMN status VARCHAR;
ALTER TABLE program_history ADD COLUMN comment VARCHAR;

ALTER TABLE risk ADD COLUMN benefits VARCHAR[];
ALTER TABLE risk ADD COLUMN effect_goals VARCHAR[];
ALTER TABLE risk_history ADD COLUMN benefits VARCHAR[];
ALTER TABLE risk_history ADD COLUMN effect_goals VARCHAR[];

-- action_status: ej påbörjad, pågår or klar; due_date: `klart` when it is a date (the text is kept in `due` as written).
ALTER TABLE risk_assessment ADD COLUMN action_status VARCHAR;
ALTER TABLE risk_assessment ADD COLUMN due_date DATE;
ALTER TABLE risk_assessment_history ADD COLUMN action_status VARCHAR;
ALTER TABLE risk_assessment_history ADD COLUMN due_date DATE;
