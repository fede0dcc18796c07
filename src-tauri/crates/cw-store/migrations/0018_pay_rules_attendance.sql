-- 0018: issue 17's pay rule and attendance sheet.

-- The pay rule, dated like the fine schedule: the version in force for a month is the latest whose
-- first month is not after it. A version is never changed; a new rule is a new version.
CREATE TABLE pay_rules (
  id          INTEGER PRIMARY KEY,
  -- First month it applies to, YYYY-MM.
  from_month  TEXT    NOT NULL UNIQUE CHECK (from_month GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'),
  -- What a part month's wage is divided by.
  wage_basis  TEXT    NOT NULL CHECK (wage_basis IN ('自然天数', '26天', '30天')),
  -- 1: leave 请假 is paid; 0: leave days are taken off the wage.
  leave_paid  INTEGER NOT NULL CHECK (leave_paid IN (0, 1)),
  -- Days of notice a worker gives before leaving, or A4 withholds a week's wage.
  notice_days INTEGER NOT NULL CHECK (notice_days BETWEEN 0 AND 60),
  note        TEXT    NOT NULL DEFAULT '',
  created_at  TEXT    NOT NULL,
  created_by  TEXT    NOT NULL
);
-- The rule the app always had: calendar days, unpaid leave, the plans' 3 days' notice.
INSERT INTO pay_rules (from_month, wage_basis, leave_paid, notice_days, note, created_at, created_by)
VALUES ('2000-01', '自然天数', 0, 3, '初始规则', '2026-01-01 00:00:00', '系统');
CREATE TRIGGER pay_rules_refuse_update BEFORE UPDATE ON pay_rules
BEGIN SELECT RAISE(ABORT, 'pay rules are versioned: add a version'); END;
CREATE TRIGGER pay_rules_refuse_delete BEFORE DELETE ON pay_rules
BEGIN SELECT RAISE(ABORT, 'pay rules are versioned: add a version'); END;

-- The attendance sheet 出勤表: one row per entry, never changed; a day's mark is its latest row
-- (an empty mark clears the day), so a corrected sheet keeps what it said before.
CREATE TABLE attendance_marks (
  id         INTEGER PRIMARY KEY,
  staff_id   INTEGER NOT NULL REFERENCES staff (id),
  date       TEXT    NOT NULL,
  month      TEXT    NOT NULL,
  mark       TEXT    NOT NULL CHECK (mark IN ('出勤', '请假', '旷工', '休息', '')),
  -- 手工: keyed from the supervisor's sheet; 罚款: filled from an A1x fine.
  source     TEXT    NOT NULL CHECK (source IN ('手工', '罚款')),
  created_at TEXT    NOT NULL,
  created_by TEXT    NOT NULL
);
CREATE INDEX attendance_marks_by_month ON attendance_marks (month, staff_id, date, id);
CREATE TRIGGER attendance_marks_refuse_update BEFORE UPDATE ON attendance_marks
BEGIN SELECT RAISE(ABORT, 'attendance marks are append-only'); END;
CREATE TRIGGER attendance_marks_refuse_delete BEFORE DELETE ON attendance_marks
BEGIN SELECT RAISE(ABORT, 'attendance marks are append-only'); END;
