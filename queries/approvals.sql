-- name: approvals
-- description: Fastställda versioner av programmens nyttokalkyl, målvärden, baslinjer och rapporter: vilken version (inläsning), vem, när och varför; den senaste först. En fastställd version som senare ångrats står kvar och sägs vara ångrad.
-- param: program VARCHAR default= — programmets id; tomt betyder alla
-- param: subject VARCHAR default= values=|nyttokalkyl|malvarden|baslinje|rapport — vad som fastställts; tomt betyder allt
-- catalogue: program=program
-- column: id BIGINT NOT NULL — fastställelsens egen inläsning (den kan ångras som andra)
-- column: program VARCHAR NOT NULL
-- column: subject VARCHAR NOT NULL — nyttokalkyl, malvarden, baslinje eller rapport
-- column: version BIGINT NOT NULL — inläsningen som fastställdes: lagret som det såg ut direkt efter den (asOf)
-- column: comment VARCHAR
-- column: approved_by VARCHAR
-- column: approved_at VARCHAR NOT NULL
-- column: version_file VARCHAR — filen versionens inläsning läste
-- column: version_loaded_at VARCHAR
-- column: version_undone_by BIGINT — ångringen som drog tillbaka den fastställda versionens inläsning, om den ångrats
-- column: version_readable BOOLEAN NOT NULL — om versionen fortfarande kan läsas (nytta purge kan ha rensat historiken före den)
SELECT a.load_id AS id, a.program, a.subject, a.version, a.comment, a.approved_by, strftime(a.approved_at, '%Y-%m-%d %H:%M:%S') AS approved_at,
  l.file_name AS version_file, strftime(l.finished_at, '%Y-%m-%d %H:%M:%S') AS version_loaded_at, l.undone_by AS version_undone_by,
  a.version >= coalesce((SELECT max(horizon) FROM purge_log), 0) AS version_readable
FROM approval a LEFT JOIN load_log l ON l.load_id = a.version
WHERE ($program = '' OR a.program = $program) AND ($subject = '' OR a.subject = $subject)
ORDER BY a.load_id DESC
