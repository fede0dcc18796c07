-- The campaign's phases (plan 1 §6) with dates and targets, and a checklist per phase.
-- Phases and tasks are ordinary records (edited, audited); a task is removed by deactivating it.

CREATE TABLE campaign_phases (
  id              INTEGER PRIMARY KEY,
  year            INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  seq             INTEGER NOT NULL CHECK (seq BETWEEN 1 AND 9),
  name            TEXT    NOT NULL CHECK (length(trim(name)) > 0),
  starts_on       TEXT    NOT NULL,
  ends_on         TEXT    NOT NULL,
  -- '' (no numeric target), '签订率' or '收缴率'.
  target_kind     TEXT    NOT NULL DEFAULT '' CHECK (target_kind IN ('', '签订率', '收缴率')),
  -- The target in tenths of a percent (1000 = 100%).
  target_permille INTEGER CHECK (target_permille BETWEEN 0 AND 1000),
  goal            TEXT    NOT NULL DEFAULT '',
  UNIQUE (year, seq),
  CHECK (starts_on <= ends_on)
);

CREATE TABLE campaign_tasks (
  id        INTEGER PRIMARY KEY,
  phase_id  INTEGER NOT NULL REFERENCES campaign_phases (id),
  seq       INTEGER NOT NULL,
  title     TEXT    NOT NULL CHECK (length(trim(title)) > 0),
  done_on   TEXT,
  evidence  TEXT    NOT NULL DEFAULT '',
  active    INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);
CREATE INDEX campaign_tasks_by_phase ON campaign_tasks (phase_id, seq);
