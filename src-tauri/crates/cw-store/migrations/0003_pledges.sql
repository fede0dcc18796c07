-- 0003: 门前三包 pledges (template versions, one pledge per party per campaign year, status history,
-- print jobs) and the enforcement that follows them (shop inspections, rectification notices,
-- re-inspections). Nothing here is ever deleted; numbers are never reused.

-- The pledge text. Every edit is a new version; a pledge keeps the version it was numbered with,
-- so a reprint shows the same words the party signed.
CREATE TABLE pledge_templates (
  id         INTEGER PRIMARY KEY,
  title      TEXT    NOT NULL CHECK (length(trim(title)) > 0),
  preamble   TEXT    NOT NULL,
  clauses    TEXT    NOT NULL, -- JSON array of strings
  closing    TEXT    NOT NULL,
  created_at TEXT    NOT NULL,
  created_by TEXT    NOT NULL
);

INSERT INTO pledge_templates (title, preamble, clauses, closing, created_at, created_by) VALUES (
  '门前三包责任书',
  '为巩固创建卫生城市成果，营造整洁、有序、优美的生活环境，依照本市市容环境卫生管理的有关规定，社区居委会与责任人就门前责任区的管理订立本责任书。责任区范围：责任人所在门面（住宅）正面，自建筑物墙基起至道路路沿石止，两侧以门面（住宅）边界为限。',
  '["包卫生：责任区内每日清扫，做到无果皮纸屑、无烟头、无污水、无积存垃圾；生活垃圾和经营垃圾装袋后按规定时间、地点投放或交保洁员收运，不向路面、绿化带、下水道倾倒；门窗、招牌保持干净。","包秩序：不在责任区内占道经营、店外摆卖、乱堆乱放；车辆按线停放，不乱搭乱建，不乱贴乱画；装修材料和建筑垃圾及时清运，不影响行人通行。","包绿化、包市容：爱护责任区内的树木、花草和绿化设施，不攀折、不踩踏、不在树上晾晒挂物；招牌、门头、遮阳篷整齐安全，破损及时修复，主动劝阻他人破坏市容的行为。","责任人如违反上述约定，经社区检查指出后应立即改正；逾期未改正的，由社区发出限期整改通知书，并报请城市管理部门依法处理。"]',
  '本责任书一式两份，社区居委会和责任人各执一份，自签订之日起生效，至本年度创卫工作结束止。',
  '2026-07-01 00:00:00',
  '系统'
);

CREATE TRIGGER pledge_templates_refuse_update BEFORE UPDATE ON pledge_templates
BEGIN
  SELECT RAISE(ABORT, '责任书文本的历史版本不能修改');
END;
CREATE TRIGGER pledge_templates_refuse_delete BEFORE DELETE ON pledge_templates
BEGIN
  SELECT RAISE(ABORT, '责任书文本的历史版本不能删除');
END;

-- One live (not void) pledge per party per campaign year; its number MQ-YYYY-NNNNN is given when
-- it is first printed or recorded and kept for life.
CREATE TABLE pledges (
  id             INTEGER PRIMARY KEY,
  number         TEXT    NOT NULL UNIQUE,
  year           INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  seq            INTEGER NOT NULL CHECK (seq > 0),
  party_id       INTEGER NOT NULL REFERENCES parties (id),
  template_id    INTEGER NOT NULL REFERENCES pledge_templates (id),
  status         TEXT    NOT NULL CHECK (status IN ('未打印', '已打印', '已签订', '拒签', '作废')),
  signed_on      TEXT,
  signer         TEXT    NOT NULL DEFAULT '',
  collector_id   INTEGER REFERENCES staff (id),
  reason         TEXT    NOT NULL DEFAULT '',
  print_count    INTEGER NOT NULL DEFAULT 0,
  attachment     TEXT,
  created_at     TEXT    NOT NULL,
  updated_at     TEXT    NOT NULL,
  UNIQUE (year, seq)
);
CREATE UNIQUE INDEX pledges_one_live_per_party_year ON pledges (party_id, year) WHERE status <> '作废';
CREATE INDEX pledges_by_year_status ON pledges (year, status);
CREATE INDEX pledges_by_signed_on ON pledges (year, signed_on);

CREATE TRIGGER pledges_refuse_delete BEFORE DELETE ON pledges
BEGIN
  SELECT RAISE(ABORT, '责任书不能删除，请作废');
END;
CREATE TRIGGER pledges_keep_number BEFORE UPDATE OF number, year, seq, party_id ON pledges
BEGIN
  SELECT RAISE(ABORT, '责任书编号和责任人不能修改');
END;

-- Every status change of a pledge, as recorded (the pledge row holds the latest).
CREATE TABLE pledge_events (
  id           INTEGER PRIMARY KEY,
  pledge_id    INTEGER NOT NULL REFERENCES pledges (id),
  at           TEXT    NOT NULL,
  actor        TEXT    NOT NULL,
  status       TEXT    NOT NULL CHECK (status IN ('未打印', '已打印', '已签订', '拒签', '作废')),
  on_date      TEXT,
  signer       TEXT    NOT NULL DEFAULT '',
  collector_id INTEGER REFERENCES staff (id),
  reason       TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX pledge_events_by_pledge ON pledge_events (pledge_id, id);

CREATE TRIGGER pledge_events_refuse_update BEFORE UPDATE ON pledge_events
BEGIN
  SELECT RAISE(ABORT, 'pledge_events is append-only');
END;
CREATE TRIGGER pledge_events_refuse_delete BEFORE DELETE ON pledge_events
BEGIN
  SELECT RAISE(ABORT, 'pledge_events is append-only');
END;

-- A batch print: the pledges in walking order, then confirmed as printed (or cancelled).
CREATE TABLE pledge_print_jobs (
  id           INTEGER PRIMARY KEY,
  scope        TEXT    NOT NULL,
  total        INTEGER NOT NULL,
  state        TEXT    NOT NULL CHECK (state IN ('待确认', '已确认', '已取消')),
  created_at   TEXT    NOT NULL,
  finished_at  TEXT
);
CREATE TABLE pledge_print_job_items (
  job_id    INTEGER NOT NULL REFERENCES pledge_print_jobs (id),
  position  INTEGER NOT NULL,
  pledge_id INTEGER NOT NULL REFERENCES pledges (id),
  PRIMARY KEY (job_id, position)
) WITHOUT ROWID;

-- A shop (or any party) inspected against its pledge.
CREATE TABLE shop_inspections (
  id           INTEGER PRIMARY KEY,
  party_id     INTEGER NOT NULL REFERENCES parties (id),
  pledge_id    INTEGER REFERENCES pledges (id),
  inspected_on TEXT    NOT NULL,
  inspector_id INTEGER REFERENCES staff (id),
  findings     TEXT    NOT NULL,
  outcome      TEXT    NOT NULL CHECK (outcome IN ('合格', '警告', '限期整改')),
  created_at   TEXT    NOT NULL
);
CREATE INDEX shop_inspections_by_party ON shop_inspections (party_id, inspected_on);

-- A 限期整改通知书, numbered ZG-YYYY-NNNN.
CREATE TABLE rectification_notices (
  id            INTEGER PRIMARY KEY,
  number        TEXT    NOT NULL UNIQUE,
  party_id      INTEGER NOT NULL REFERENCES parties (id),
  inspection_id INTEGER NOT NULL REFERENCES shop_inspections (id),
  issued_on     TEXT    NOT NULL,
  deadline      TEXT    NOT NULL CHECK (deadline >= issued_on),
  requirements  TEXT    NOT NULL,
  created_at    TEXT    NOT NULL
);
CREATE INDEX rectification_notices_by_party ON rectification_notices (party_id, issued_on);
CREATE INDEX rectification_notices_by_deadline ON rectification_notices (deadline);

CREATE TABLE reinspections (
  id           INTEGER PRIMARY KEY,
  notice_id    INTEGER NOT NULL REFERENCES rectification_notices (id),
  inspected_on TEXT    NOT NULL,
  inspector_id INTEGER REFERENCES staff (id),
  passed       INTEGER NOT NULL CHECK (passed IN (0, 1)),
  findings     TEXT    NOT NULL DEFAULT '',
  created_at   TEXT    NOT NULL
);
CREATE INDEX reinspections_by_notice ON reinspections (notice_id, id);

CREATE TRIGGER shop_inspections_refuse_change BEFORE UPDATE ON shop_inspections
BEGIN
  SELECT RAISE(ABORT, '检查记录不能修改');
END;
CREATE TRIGGER shop_inspections_refuse_delete BEFORE DELETE ON shop_inspections
BEGIN
  SELECT RAISE(ABORT, '检查记录不能删除');
END;
CREATE TRIGGER rectification_notices_refuse_change BEFORE UPDATE ON rectification_notices
BEGIN
  SELECT RAISE(ABORT, '整改通知书不能修改');
END;
CREATE TRIGGER rectification_notices_refuse_delete BEFORE DELETE ON rectification_notices
BEGIN
  SELECT RAISE(ABORT, '整改通知书不能删除');
END;
CREATE TRIGGER reinspections_refuse_change BEFORE UPDATE ON reinspections
BEGIN
  SELECT RAISE(ABORT, '复查记录不能修改');
END;
CREATE TRIGGER reinspections_refuse_delete BEFORE DELETE ON reinspections
BEGIN
  SELECT RAISE(ABORT, '复查记录不能删除');
END;
