-- 0023: issue 18's complaint register 群众举报、来信来访、媒体曝光: what was reported, where, by whom
-- (optional, never on a public list), then each step of its handling as a row of its own — verified
-- or not, the action taken (a fine, a rectification notice, a referral), the reply, the close.
-- Neither table is ever changed: a step is added, not edited.

CREATE TABLE complaints (
  id             INTEGER PRIMARY KEY,
  received_on    TEXT    NOT NULL,
  channel        TEXT    NOT NULL CHECK (channel IN ('群众举报', '来信来访', '媒体曝光', '上级转办')),
  content        TEXT    NOT NULL CHECK (length(trim(content)) > 0),
  place          TEXT    NOT NULL DEFAULT '',
  zone_id        INTEGER REFERENCES zones (id),
  reporter       TEXT    NOT NULL DEFAULT '',
  reporter_phone TEXT    NOT NULL DEFAULT '',
  -- 重大: the plan's 「无重大投诉」 counts these.
  major          INTEGER NOT NULL DEFAULT 0 CHECK (major IN (0, 1)),
  created_at     TEXT    NOT NULL,
  created_by     TEXT    NOT NULL
);
CREATE INDEX complaints_by_date ON complaints (received_on, id);
CREATE TRIGGER complaints_refuse_update BEFORE UPDATE ON complaints
BEGIN SELECT RAISE(ABORT, 'complaints are kept as received: add a step'); END;
CREATE TRIGGER complaints_refuse_delete BEFORE DELETE ON complaints
BEGIN SELECT RAISE(ABORT, 'complaints are kept as received: add a step'); END;

CREATE TABLE complaint_steps (
  id           INTEGER PRIMARY KEY,
  complaint_id INTEGER NOT NULL REFERENCES complaints (id),
  kind         TEXT    NOT NULL CHECK (kind IN ('核实', '处理', '答复', '办结')),
  date         TEXT    NOT NULL,
  -- 核实: 1 属实, 0 不属实.
  verified     INTEGER CHECK (verified IN (0, 1)),
  -- 处理: what was done.
  action       TEXT    CHECK (action IN ('罚款', '整改通知', '转办', '其他')),
  fine_id      INTEGER REFERENCES fines (id),
  notice_id    INTEGER REFERENCES rectification_notices (id),
  text         TEXT    NOT NULL DEFAULT '',
  created_at   TEXT    NOT NULL,
  created_by   TEXT    NOT NULL,
  CHECK ((kind = '核实') = (verified IS NOT NULL)),
  CHECK ((kind = '处理') = (action IS NOT NULL))
);
CREATE INDEX complaint_steps_by_complaint ON complaint_steps (complaint_id, id);
CREATE TRIGGER complaint_steps_refuse_update BEFORE UPDATE ON complaint_steps
BEGIN SELECT RAISE(ABORT, 'complaint steps are append-only'); END;
CREATE TRIGGER complaint_steps_refuse_delete BEFORE DELETE ON complaint_steps
BEGIN SELECT RAISE(ABORT, 'complaint steps are append-only'); END;
