-- The passphrase that encrypts the backups written to a folder the clerk picks (a USB stick).
-- Only an argon2id PHC string of it is kept, to check the passphrase typed when a backup is
-- made (a typo would make a backup nobody can open); the passphrase itself is never stored, and
-- the audit trail records only that it was set, by whom and when.

CREATE TABLE backup_passphrase (
  id       INTEGER PRIMARY KEY CHECK (id = 1),
  verifier TEXT    NOT NULL,
  set_at   TEXT    NOT NULL,
  set_by   TEXT    NOT NULL
);
