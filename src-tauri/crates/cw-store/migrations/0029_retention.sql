-- 0029: issue 19's retention. Moved-out residents and closed shops are pseudonymised a number of
-- years (the head sets it; 3 by default) after they left: name, contact, phone, tags and note give
-- way to a stable code, money records stay as they are (会计档案). The audit trail's copies of those
-- fields are redacted too: each redacted row keeps its place and its hash in the chain, and
-- `audit_redactions` holds the hash of its redacted content, listed by the (itself chained) audit
-- row of the pseudonymisation, so `check` still verifies every row.
ALTER TABLE parties ADD COLUMN pseudonymised_on TEXT;
CREATE TABLE retention_settings (
  id         INTEGER PRIMARY KEY CHECK (id = 1),
  years      INTEGER NOT NULL CHECK (years BETWEEN 1 AND 30),
  updated_at TEXT    NOT NULL
);
INSERT INTO retention_settings (id, years, updated_at) VALUES (1, 3, '2026-01-01 00:00:00');
CREATE TABLE audit_redactions (
  audit_id      INTEGER PRIMARY KEY REFERENCES audit_log (id),
  redacted_hash TEXT    NOT NULL CHECK (length(redacted_hash) = 64),
  by_audit_id   INTEGER NOT NULL REFERENCES audit_log (id),
  CHECK (by_audit_id > audit_id)
);
CREATE TRIGGER audit_redactions_refuse_update BEFORE UPDATE ON audit_redactions
BEGIN SELECT RAISE(ABORT, 'audit_redactions is append-only'); END;
CREATE TRIGGER audit_redactions_refuse_delete BEFORE DELETE ON audit_redactions
BEGIN SELECT RAISE(ABORT, 'audit_redactions is append-only'); END;
-- The trail stays append-only, but for the redaction of a row listed above: only its copies of the
-- record (before and after) may change, once.
DROP TRIGGER audit_log_refuses_update;
CREATE TRIGGER audit_log_refuses_update BEFORE UPDATE ON audit_log
WHEN NOT EXISTS (SELECT 1 FROM audit_redactions WHERE audit_id = OLD.id)
  OR NEW.id IS NOT OLD.id OR NEW.at IS NOT OLD.at OR NEW.actor IS NOT OLD.actor
  OR NEW.command IS NOT OLD.command OR NEW.entity IS NOT OLD.entity OR NEW.entity_id IS NOT OLD.entity_id
  OR NEW.prev_hash IS NOT OLD.prev_hash OR NEW.hash IS NOT OLD.hash OR NEW.row_seal IS NOT OLD.row_seal
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
