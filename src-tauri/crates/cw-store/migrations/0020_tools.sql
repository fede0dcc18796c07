-- 0020: issue 17's register of cleaning tools 保洁工具 issued to each cleaner, and their return or
-- loss. Plan 1 §5.3 ③: a lost tool is paid for at its price, as T1 on that month's statement.

CREATE TABLE tools (
  id         INTEGER PRIMARY KEY,
  staff_id   INTEGER NOT NULL REFERENCES staff (id),
  -- 板车, 扫把, 铲子, …
  kind       TEXT    NOT NULL CHECK (length(trim(kind)) BETWEEN 1 AND 20),
  price_fen  INTEGER NOT NULL CHECK (price_fen >= 0),
  issued_on  TEXT    NOT NULL,
  note       TEXT    NOT NULL DEFAULT '',
  created_at TEXT    NOT NULL,
  created_by TEXT    NOT NULL
);
CREATE INDEX tools_by_staff ON tools (staff_id, issued_on, id);
CREATE TRIGGER tools_refuse_update BEFORE UPDATE ON tools
BEGIN SELECT RAISE(ABORT, 'tools are append-only: record a return or a loss'); END;
CREATE TRIGGER tools_refuse_delete BEFORE DELETE ON tools
BEGIN SELECT RAISE(ABORT, 'tools are append-only: record a return or a loss'); END;

-- What became of a tool: returned 归还, or lost 遗失 (charged by the T1 fine it names). One each.
CREATE TABLE tool_events (
  id         INTEGER PRIMARY KEY,
  tool_id    INTEGER NOT NULL UNIQUE REFERENCES tools (id),
  event      TEXT    NOT NULL CHECK (event IN ('归还', '遗失')),
  date       TEXT    NOT NULL,
  fine_id    INTEGER REFERENCES fines (id),
  reason     TEXT    NOT NULL DEFAULT '',
  created_at TEXT    NOT NULL,
  created_by TEXT    NOT NULL,
  CHECK ((event = '遗失') = (fine_id IS NOT NULL))
);
CREATE TRIGGER tool_events_refuse_update BEFORE UPDATE ON tool_events
BEGIN SELECT RAISE(ABORT, 'tool events are append-only'); END;
CREATE TRIGGER tool_events_refuse_delete BEFORE DELETE ON tool_events
BEGIN SELECT RAISE(ABORT, 'tool events are append-only'); END;

-- T1 in every version of the schedule: priced by the register, not by the schedule.
INSERT INTO schedule_items (version_id, code, category, offence, amount_fen, unit, kind, sort)
SELECT v.id, 'T1', '保洁工具', '保洁工具遗失，照价赔偿', NULL, '每次', '扣发',
       (SELECT coalesce(max(sort), 0) + 1 FROM schedule_items WHERE version_id = v.id)
FROM schedule_versions v
WHERE NOT EXISTS (SELECT 1 FROM schedule_items i WHERE i.version_id = v.id AND i.code = 'T1');
