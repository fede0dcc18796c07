-- 0022: issue 17's return of a worker who left. Each earlier term of employment is kept here when
-- the worker is taken back on with a new hire date, so the months of the old term keep their
-- statements, attendance and fines, and the history shows both periods. Never changed.
CREATE TABLE staff_periods (
  id          INTEGER PRIMARY KEY,
  staff_id    INTEGER NOT NULL REFERENCES staff (id),
  hire_date   TEXT,
  leave_date  TEXT    NOT NULL,
  leave_kind  TEXT    CHECK (leave_kind IN ('辞工', '辞退')),
  notice_date TEXT,
  created_at  TEXT    NOT NULL,
  created_by  TEXT    NOT NULL
);
CREATE INDEX staff_periods_by_staff ON staff_periods (staff_id, leave_date);
CREATE TRIGGER staff_periods_refuse_update BEFORE UPDATE ON staff_periods
BEGIN SELECT RAISE(ABORT, 'past terms of employment are kept as they were'); END;
CREATE TRIGGER staff_periods_refuse_delete BEFORE DELETE ON staff_periods
BEGIN SELECT RAISE(ABORT, 'past terms of employment are kept as they were'); END;

-- Every term of employment, the current one (from the staff row) and the earlier ones.
CREATE VIEW staff_terms AS
  SELECT id AS staff_id, hire_date, leave_date FROM staff
  UNION ALL
  SELECT staff_id, hire_date, leave_date FROM staff_periods;
