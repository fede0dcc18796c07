-- 0024: issue 18's meeting records 会议记录 (领导小组, 党员组长居民代表, 爱卫会, 工作例会): when,
-- what about, who chaired, the proceedings, and who attended (people of the registry or names typed
-- in). A record is corrected in place and the audit trail keeps what it said before.
CREATE TABLE meetings (
  id         INTEGER PRIMARY KEY,
  held_on    TEXT    NOT NULL,
  time       TEXT    NOT NULL DEFAULT '',
  kind       TEXT    NOT NULL CHECK (kind IN ('领导小组会议', '党员组长居民代表会议', '爱卫会会议', '工作例会')),
  topic      TEXT    NOT NULL CHECK (length(trim(topic)) > 0),
  place      TEXT    NOT NULL DEFAULT '',
  chair      TEXT    NOT NULL DEFAULT '',
  proceedings    TEXT    NOT NULL DEFAULT '',
  created_at TEXT    NOT NULL,
  created_by TEXT    NOT NULL,
  updated_at TEXT    NOT NULL
);
CREATE INDEX meetings_by_date ON meetings (held_on, id);

CREATE TABLE meeting_attendees (
  meeting_id INTEGER NOT NULL REFERENCES meetings (id),
  seq        INTEGER NOT NULL,
  staff_id   INTEGER REFERENCES staff (id),
  name       TEXT    NOT NULL CHECK (length(trim(name)) > 0),
  PRIMARY KEY (meeting_id, seq)
) WITHOUT ROWID;
