-- 0031: issue 19's record of personal data leaving the office, and who sees sensitive tags.
-- export_log: one row for every print or export that carries residents' (or staff's) names with
-- their phones or addresses — who, when, which document, how many people, masked or not. It is
-- a record, so it is only ever appended to: the triggers refuse any change or deletion.
CREATE TABLE export_log (
  id        INTEGER PRIMARY KEY,
  at        TEXT    NOT NULL,
  actor     TEXT    NOT NULL,
  command   TEXT    NOT NULL,
  document  TEXT    NOT NULL CHECK (length(trim(document)) > 0),
  people    INTEGER NOT NULL CHECK (people >= 0),
  masked    INTEGER NOT NULL CHECK (masked IN (0, 1))
);
CREATE INDEX export_log_by_time ON export_log (at, id);
CREATE TRIGGER export_log_refuse_update BEFORE UPDATE ON export_log
BEGIN SELECT RAISE(ABORT, 'the export log is kept as written'); END;
CREATE TRIGGER export_log_refuse_delete BEFORE DELETE ON export_log
BEGIN SELECT RAISE(ABORT, 'the export log is kept as written'); END;

-- The account roles besides the head (who always does) that see the sensitive tags 低保, 五保,
-- 残疾 and 独居老人 on screen, comma-separated; by default none: the clerk keeps the registry
-- without them, the head decides otherwise.
CREATE TABLE privacy_settings (
  id         INTEGER PRIMARY KEY CHECK (id = 1),
  tag_roles  TEXT    NOT NULL DEFAULT ''
);
INSERT INTO privacy_settings (id) VALUES (1);
