-- 0001: the registry (settings, staff, groups, zones, households/shops/units) and the audit trail.
-- Landed migrations are never edited: later changes are new numbered files.

CREATE TABLE settings (
  id             INTEGER PRIMARY KEY CHECK (id = 1),
  community_name TEXT    NOT NULL,
  street_office  TEXT    NOT NULL,
  seal_text      TEXT    NOT NULL,
  campaign_year  INTEGER NOT NULL CHECK (campaign_year BETWEEN 2000 AND 2100)
);

CREATE TABLE staff (
  id            INTEGER PRIMARY KEY,
  name          TEXT    NOT NULL CHECK (length(trim(name)) > 0),
  search_key    TEXT    NOT NULL,
  group_no      INTEGER CHECK (group_no BETWEEN 1 AND 4),
  phone         TEXT    NOT NULL DEFAULT '',
  hire_date     TEXT,
  leave_date    TEXT,
  base_wage_fen INTEGER CHECK (base_wage_fen >= 0),
  status        TEXT    NOT NULL CHECK (status IN ('在岗', '离职')),
  note          TEXT    NOT NULL DEFAULT '',
  created_at    TEXT    NOT NULL,
  updated_at    TEXT    NOT NULL
);
CREATE INDEX staff_by_name ON staff (name);
CREATE INDEX staff_by_group ON staff (group_no, name);

CREATE TABLE staff_roles (
  staff_id INTEGER NOT NULL REFERENCES staff (id),
  role     TEXT    NOT NULL CHECK (role IN ('保洁员', '监管人员', '收费人员', '社区干部', '领导小组')),
  PRIMARY KEY (staff_id, role)
) WITHOUT ROWID;
CREATE INDEX staff_roles_by_role ON staff_roles (role, staff_id);

CREATE TABLE collection_groups (
  no        INTEGER PRIMARY KEY CHECK (no BETWEEN 1 AND 4),
  name      TEXT    NOT NULL,
  leader_id INTEGER REFERENCES staff (id)
);
INSERT INTO collection_groups (no, name) VALUES (1, '第一小组'), (2, '第二小组'), (3, '第三小组'), (4, '第四小组');

CREATE TABLE zones (
  id            INTEGER PRIMARY KEY,
  name          TEXT    NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
  search_key    TEXT    NOT NULL,
  boundary      TEXT    NOT NULL DEFAULT '',
  kind          TEXT    NOT NULL CHECK (kind IN ('街道', '市场', '绿化带', '小区', '其他')),
  supervisor_id INTEGER REFERENCES staff (id),
  active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  note          TEXT    NOT NULL DEFAULT '',
  created_at    TEXT    NOT NULL,
  updated_at    TEXT    NOT NULL
);

CREATE TABLE zone_cleaners (
  zone_id  INTEGER NOT NULL REFERENCES zones (id),
  staff_id INTEGER NOT NULL REFERENCES staff (id),
  PRIMARY KEY (zone_id, staff_id)
) WITHOUT ROWID;
CREATE INDEX zone_cleaners_by_staff ON zone_cleaners (staff_id, zone_id);

-- Households (住户), shops (门店) and units (单位): the parties that sign pledges and pay fees.
CREATE TABLE parties (
  id           INTEGER PRIMARY KEY,
  code         TEXT    NOT NULL UNIQUE,
  kind         TEXT    NOT NULL CHECK (kind IN ('住户', '门店', '单位')),
  name         TEXT    NOT NULL CHECK (length(trim(name)) > 0),
  contact      TEXT    NOT NULL DEFAULT '',
  phone        TEXT    NOT NULL DEFAULT '',
  street       TEXT    NOT NULL DEFAULT '',
  number       TEXT    NOT NULL DEFAULT '',
  building     TEXT    NOT NULL DEFAULT '',
  unit         TEXT    NOT NULL DEFAULT '',
  room         TEXT    NOT NULL DEFAULT '',
  address_sort TEXT    NOT NULL,
  zone_id      INTEGER REFERENCES zones (id),
  group_no     INTEGER CHECK (group_no BETWEEN 1 AND 4),
  fee_category TEXT    NOT NULL,
  tags         TEXT    NOT NULL DEFAULT '',
  status       TEXT    NOT NULL CHECK (status IN ('正常', '已迁出', '已关闭')),
  note         TEXT    NOT NULL DEFAULT '',
  search_key   TEXT    NOT NULL,
  created_at   TEXT    NOT NULL,
  updated_at   TEXT    NOT NULL
);
CREATE INDEX parties_by_address ON parties (address_sort);
CREATE INDEX parties_by_zone ON parties (zone_id, address_sort);
CREATE INDEX parties_by_group ON parties (group_no, address_sort);
CREATE INDEX parties_by_kind ON parties (kind, address_sort);
CREATE INDEX parties_by_name ON parties (name);
CREATE INDEX parties_by_street ON parties (street, address_sort);

-- Every write, with who, when, which command and the record before and after; hash-chained.
CREATE TABLE audit_log (
  id          INTEGER PRIMARY KEY,
  at          TEXT    NOT NULL,
  actor       TEXT    NOT NULL,
  command     TEXT    NOT NULL,
  entity      TEXT    NOT NULL,
  entity_id   INTEGER,
  before_json TEXT,
  after_json  TEXT,
  prev_hash   TEXT    NOT NULL,
  hash        TEXT    NOT NULL
);
CREATE INDEX audit_by_entity ON audit_log (entity, entity_id);

CREATE TRIGGER audit_log_refuses_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;

CREATE TRIGGER audit_log_refuses_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
