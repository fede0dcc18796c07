-- 0027: issue 18's publicity actions 宣传: materials handed out, slogans put up, the notice board
-- renewed, door-to-door talks, broadcasts — when, where, how many, what about. Kept as entered; a
-- mistaken one is withdrawn with a reason, never deleted.
CREATE TABLE publicity (
  id         INTEGER PRIMARY KEY,
  done_on    TEXT    NOT NULL,
  kind       TEXT    NOT NULL CHECK (kind IN ('发放资料', '张贴标语', '宣传栏更新', '入户宣传', '广播宣传', '其他')),
  place      TEXT    NOT NULL DEFAULT '',
  count      INTEGER NOT NULL CHECK (count >= 0),
  content    TEXT    NOT NULL CHECK (length(trim(content)) > 0),
  withdrawn  TEXT,
  created_at TEXT    NOT NULL,
  created_by TEXT    NOT NULL
);
CREATE INDEX publicity_by_date ON publicity (done_on, id);
CREATE TRIGGER publicity_refuse_delete BEFORE DELETE ON publicity
BEGIN SELECT RAISE(ABORT, 'publicity records are kept: withdraw with a reason'); END;
CREATE TRIGGER publicity_only_withdrawn BEFORE UPDATE ON publicity
WHEN OLD.withdrawn IS NOT NULL OR NEW.done_on IS NOT OLD.done_on OR NEW.kind IS NOT OLD.kind
  OR NEW.place IS NOT OLD.place OR NEW.count IS NOT OLD.count OR NEW.content IS NOT OLD.content
BEGIN SELECT RAISE(ABORT, 'a publicity record is only ever withdrawn'); END;
