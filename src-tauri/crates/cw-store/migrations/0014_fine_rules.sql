-- 0014: the fine rules of issue 13 — the lateness boundary 含本数 and the award ranking's minimum
-- time in post as settings, and corrections of an inspection's result (append-only, with a reason).

-- 1: exactly the limit counts as absence (A1x) — the seed's 「30分钟以上按旷工处理」 read with the
-- plans' 「以上均含本数」; 0: exactly the limit is still lateness (A1).
ALTER TABLE assessment_settings
  ADD COLUMN lateness_limit_inclusive INTEGER NOT NULL DEFAULT 1 CHECK (lateness_limit_inclusive IN (0, 1));
-- A cleaner is ranked for the 先进 award only after this many months in post in the year.
ALTER TABLE assessment_settings
  ADD COLUMN award_min_months INTEGER NOT NULL DEFAULT 6 CHECK (award_min_months BETWEEN 0 AND 12);

-- An inspection is never changed: a wrong result or finding is corrected by a row here, with the
-- reason; the inspection's result is its latest correction's (or its own when none).
CREATE TABLE inspection_corrections (
  id            INTEGER PRIMARY KEY,
  inspection_id INTEGER NOT NULL REFERENCES inspections (id),
  result        TEXT    NOT NULL CHECK (result IN ('达标', '不达标')),
  findings      TEXT    NOT NULL,
  reason        TEXT    NOT NULL CHECK (length(trim(reason)) > 0),
  created_at    TEXT    NOT NULL,
  created_by    TEXT    NOT NULL
);
CREATE INDEX inspection_corrections_by_inspection ON inspection_corrections (inspection_id, id);
CREATE TRIGGER inspection_corrections_refuse_update BEFORE UPDATE ON inspection_corrections
BEGIN SELECT RAISE(ABORT, 'inspection corrections are append-only'); END;
CREATE TRIGGER inspection_corrections_refuse_delete BEFORE DELETE ON inspection_corrections
BEGIN SELECT RAISE(ABORT, 'inspection corrections are append-only'); END;

