-- 0016: every table that money depends on is sealed (issue 14). Each change the app makes to
-- such a row leaves the row's hash in an audit row; a commit looks up the newest seal of each
-- row it changed, and `check` reads them all. This index serves both without reading the
-- change records themselves. The rows of files from before 0016 are sealed as they stand,
-- in this migration's transaction (`seals::reseal`).
CREATE INDEX audit_seals ON audit_log (entity, entity_id, id) WHERE row_seal IS NOT NULL;
