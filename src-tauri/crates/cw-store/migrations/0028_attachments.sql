-- 0028: issue 18's one attachment store: photos and scans kept as evidence on fines, inspections,
-- rectification notices, complaints, self-check items, meetings, publicity and pledges. The file
-- lives beside the database (attachments/store, named by its SHA-256, so a backup copies each
-- once); this row says whose it is. Kept as added: a mistaken one is withdrawn with a reason.
CREATE TABLE attachments (
  id           INTEGER PRIMARY KEY,
  owner_kind   TEXT    NOT NULL CHECK (owner_kind IN
                 ('fine', 'inspection', 'rectification', 'complaint', 'self_check', 'meeting', 'publicity', 'pledge')),
  owner_id     INTEGER NOT NULL,
  -- A self-check's evidence is per item of the standard.
  item_id      INTEGER REFERENCES standard_items (id),
  caption      TEXT    NOT NULL DEFAULT '',
  file_name    TEXT    NOT NULL CHECK (length(trim(file_name)) > 0),
  mime         TEXT    NOT NULL CHECK (mime IN ('image/jpeg', 'image/png', 'application/pdf')),
  bytes        INTEGER NOT NULL CHECK (bytes > 0),
  sha256       TEXT    NOT NULL CHECK (length(sha256) = 64),
  width        INTEGER,
  height       INTEGER,
  withdrawn    TEXT,
  created_at   TEXT    NOT NULL,
  created_by   TEXT    NOT NULL
);
CREATE INDEX attachments_by_owner ON attachments (owner_kind, owner_id, id);
CREATE TRIGGER attachments_refuse_delete BEFORE DELETE ON attachments
BEGIN SELECT RAISE(ABORT, 'attachments are kept: withdraw with a reason'); END;
CREATE TRIGGER attachments_only_withdrawn BEFORE UPDATE ON attachments
WHEN OLD.withdrawn IS NOT NULL OR NEW.owner_kind IS NOT OLD.owner_kind OR NEW.owner_id IS NOT OLD.owner_id
  OR NEW.item_id IS NOT OLD.item_id OR NEW.caption IS NOT OLD.caption OR NEW.file_name IS NOT OLD.file_name
  OR NEW.mime IS NOT OLD.mime OR NEW.bytes IS NOT OLD.bytes OR NEW.sha256 IS NOT OLD.sha256
BEGIN SELECT RAISE(ABORT, 'an attachment is only ever withdrawn'); END;
