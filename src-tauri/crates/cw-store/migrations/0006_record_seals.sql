-- A seal on each money record: the hash of the row as it was written, kept in the audit row that
-- recorded it (and so inside the hash chain). `check` recomputes it, so a fine or receipt altered
-- outside the app is found even though its audit row is untouched.
ALTER TABLE audit_log ADD COLUMN row_seal TEXT;
