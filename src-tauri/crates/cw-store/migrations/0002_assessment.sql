-- 0002: assessment — the fine schedule 考核细则 in dated versions, fines/awards/withholdings
-- (append-only, corrected only by void or reversal rows with a reason), inspections, month closes
-- and the assessment's own settings. Money is integer 分.

CREATE TABLE assessment_settings (
  id                    INTEGER PRIMARY KEY CHECK (id = 1),
  -- Resignation without notice: monthly wage × week_days ÷ days in the month, rounded half-up to the 分.
  week_days             INTEGER NOT NULL DEFAULT 7 CHECK (week_days BETWEEN 1 AND 31),
  -- Lateness or early leave up to this many minutes is A1; more is A1x (absence for the day).
  lateness_limit_min    INTEGER NOT NULL DEFAULT 30 CHECK (lateness_limit_min BETWEEN 1 AND 600),
  -- Supervisors patrol their area at least this many times a day (P1 §5.1).
  min_patrols_per_day   INTEGER NOT NULL DEFAULT 2 CHECK (min_patrols_per_day BETWEEN 1 AND 20)
);
INSERT INTO assessment_settings (id) VALUES (1);

-- A version of the schedule is in force from its effective date until the next version's.
CREATE TABLE schedule_versions (
  id             INTEGER PRIMARY KEY,
  effective_date TEXT    NOT NULL UNIQUE,
  note           TEXT    NOT NULL DEFAULT '',
  created_at     TEXT    NOT NULL,
  created_by     TEXT    NOT NULL
);

CREATE TABLE schedule_items (
  id         INTEGER PRIMARY KEY,
  version_id INTEGER NOT NULL REFERENCES schedule_versions (id),
  code       TEXT    NOT NULL CHECK (length(trim(code)) > 0),
  category   TEXT    NOT NULL,
  offence    TEXT    NOT NULL,
  -- NULL: computed by a rule (A4: one week's wage).
  amount_fen INTEGER CHECK (amount_fen >= 0),
  unit       TEXT    NOT NULL CHECK (unit IN ('每次', '每处', '每天', '一次性', '每次检查', '每年')),
  kind       TEXT    NOT NULL CHECK (kind IN ('罚款', '扣发', '奖励')),
  sort       INTEGER NOT NULL,
  UNIQUE (version_id, code)
);

-- The default schedule of plan 1 §5.4 (DESIGN §2), version 1, in force from 2026-01-01.
INSERT INTO schedule_versions (id, effective_date, note, created_at, created_by)
VALUES (1, '2026-01-01', '考核细则（社区创卫方案第五部分第四条）', '2026-01-01 00:00:00', 'system');
INSERT INTO schedule_items (version_id, code, category, offence, amount_fen, unit, kind, sort) VALUES
 (1, 'A1',   '劳动纪律', '迟到、早退（30分钟以内）', 500, '每次', '罚款', 1),
 (1, 'A1x',  '劳动纪律', '迟到、早退超过30分钟按旷工计', 3000, '每天', '罚款', 2),
 (1, 'A3',   '劳动纪律', '串岗、溜岗、坐岗', 500, '每次', '罚款', 3),
 (1, 'A4',   '劳动纪律', '辞工未提前3天告知，扣发一周工资', NULL, '一次性', '扣发', 4),
 (1, 'B1',   '工作质量', '可视垃圾30分钟内未处理', 500, '每处', '罚款', 5),
 (1, 'B2',   '工作质量', '路沿石泥土未清除', 500, '每处', '罚款', 6),
 (1, 'B3',   '工作质量', '将机动车道泥土垃圾铲入非机动车道或绿化带', 500, '每次', '罚款', 7),
 (1, 'B4',   '工作质量', '门店垃圾未按时收集（8:00—9:00、16:00—17:00）', 500, '每处', '罚款', 8),
 (1, 'B5',   '工作质量', '普扫未按时完成', 1000, '每次', '罚款', 9),
 (1, 'B6',   '工作质量', '清扫垃圾未及时归堆', 500, '每次', '罚款', 10),
 (1, 'B7',   '工作质量', '责任区内留有垃圾死角、垃圾袋', 500, '每次', '罚款', 11),
 (1, 'B8',   '工作质量', '焚烧垃圾或车、桶内留有火种', 500, '每次', '罚款', 12),
 (1, 'B9',   '工作质量', '垃圾倒错地点', 2000, '每次', '罚款', 13),
 (1, 'B10',  '工作质量', '少量建筑垃圾、撒漏物、泥土未清除', 1000, '每次', '罚款', 14),
 (1, 'B10x', '工作质量', '大量撒漏未报告且未查明倾倒人', 500, '每次', '罚款', 15),
 (1, 'B11',  '工作质量', '被媒体曝光、领导批评或居民投诉属实', 2000, '每次', '罚款', 16),
 (1, 'C1',   '员工形象', '未穿工作服，穿拖鞋、高跟鞋或打伞作业', 500, '每次', '罚款', 17),
 (1, 'C2',   '员工形象', '推诿扯皮、争吵影响工作', 1000, '每次', '罚款', 18),
 (1, 'C3',   '员工形象', '不服从安排、抗拒检查、辱骂管理人员', 2000, '每次', '罚款', 19),
 (1, 'C4',   '员工形象', '上班时间捡拾废品', 500, '每次', '罚款', 20),
 (1, 'S1',   '督查', '上级督查责任区不达标：监管人员', 5000, '每次检查', '罚款', 21),
 (1, 'S2',   '督查', '上级督查责任区不达标：该责任区每名保洁员', 5000, '每次检查', '罚款', 22),
 (1, 'R1',   '奖励', '年终评为先进', 20000, '每年', '奖励', 23);

CREATE TRIGGER schedule_versions_refuse_update BEFORE UPDATE ON schedule_versions
BEGIN SELECT RAISE(ABORT, 'schedule versions are append-only: add a new version'); END;
CREATE TRIGGER schedule_versions_refuse_delete BEFORE DELETE ON schedule_versions
BEGIN SELECT RAISE(ABORT, 'schedule versions are append-only: add a new version'); END;
CREATE TRIGGER schedule_items_refuse_update BEFORE UPDATE ON schedule_items
BEGIN SELECT RAISE(ABORT, 'schedule items are append-only: add a new version'); END;
CREATE TRIGGER schedule_items_refuse_delete BEFORE DELETE ON schedule_items
BEGIN SELECT RAISE(ABORT, 'schedule items are append-only: add a new version'); END;

-- Inspections: supervisor patrol 巡查, committee check 社区检查, higher-level inspection 上级督查.
CREATE TABLE inspections (
  id           INTEGER PRIMARY KEY,
  kind         TEXT    NOT NULL CHECK (kind IN ('巡查', '社区检查', '上级督查')),
  date         TEXT    NOT NULL,
  time         TEXT    NOT NULL DEFAULT '',
  inspector_id INTEGER REFERENCES staff (id),
  inspector    TEXT    NOT NULL,
  zone_id      INTEGER NOT NULL REFERENCES zones (id),
  result       TEXT    NOT NULL CHECK (result IN ('达标', '不达标')),
  findings     TEXT    NOT NULL DEFAULT '',
  created_at   TEXT    NOT NULL,
  created_by   TEXT    NOT NULL
);
CREATE INDEX inspections_by_date ON inspections (date, zone_id);
CREATE INDEX inspections_by_inspector ON inspections (inspector_id, date);
CREATE TRIGGER inspections_refuse_update BEFORE UPDATE ON inspections
BEGIN SELECT RAISE(ABORT, 'inspections are append-only'); END;
CREATE TRIGGER inspections_refuse_delete BEFORE DELETE ON inspections
BEGIN SELECT RAISE(ABORT, 'inspections are append-only'); END;

-- Fines 罚款, withholdings 扣发 and awards 奖励: one row each, never changed.
CREATE TABLE fines (
  id              INTEGER PRIMARY KEY,
  kind            TEXT    NOT NULL CHECK (kind IN ('罚款', '扣发', '奖励')),
  staff_id        INTEGER NOT NULL REFERENCES staff (id),
  item_id         INTEGER NOT NULL REFERENCES schedule_items (id),
  -- Copies of the item as it was in force on the fine's date, so a printout never changes.
  item_code       TEXT    NOT NULL,
  category        TEXT    NOT NULL,
  offence         TEXT    NOT NULL,
  unit            TEXT    NOT NULL,
  unit_amount_fen INTEGER NOT NULL CHECK (unit_amount_fen >= 0),
  count           INTEGER NOT NULL CHECK (count >= 1),
  amount_fen      INTEGER NOT NULL CHECK (amount_fen >= 0),
  date            TEXT    NOT NULL,
  month           TEXT    NOT NULL,
  time            TEXT    NOT NULL DEFAULT '',
  zone_id         INTEGER REFERENCES zones (id),
  observed        TEXT    NOT NULL DEFAULT '',
  -- Who saw it: a supervisor or a cadre (NULL for awards decided by the committee).
  recorded_by     INTEGER REFERENCES staff (id),
  inspection_id   INTEGER REFERENCES inspections (id),
  -- For lateness: the minutes entered, from which the rule chose A1 or A1x.
  minutes         INTEGER,
  created_at      TEXT    NOT NULL,
  created_by      TEXT    NOT NULL
);
CREATE INDEX fines_by_month ON fines (month, staff_id);
CREATE INDEX fines_by_staff ON fines (staff_id, date);
CREATE INDEX fines_by_inspection ON fines (inspection_id);

-- A void (in the fine's own, open month) or a reversal (in a later open month) of one fine.
CREATE TABLE fine_corrections (
  id         INTEGER PRIMARY KEY,
  fine_id    INTEGER NOT NULL UNIQUE REFERENCES fines (id),
  kind       TEXT    NOT NULL CHECK (kind IN ('作废', '冲销')),
  date       TEXT    NOT NULL,
  month      TEXT    NOT NULL,
  amount_fen INTEGER NOT NULL CHECK (amount_fen >= 0),
  reason     TEXT    NOT NULL CHECK (length(trim(reason)) > 0),
  created_at TEXT    NOT NULL,
  created_by TEXT    NOT NULL
);
CREATE INDEX fine_corrections_by_month ON fine_corrections (month);

CREATE TRIGGER fines_refuse_update BEFORE UPDATE ON fines
BEGIN SELECT RAISE(ABORT, 'fines are append-only: void or reverse with a reason'); END;
CREATE TRIGGER fines_refuse_delete BEFORE DELETE ON fines
BEGIN SELECT RAISE(ABORT, 'fines are append-only: void or reverse with a reason'); END;
CREATE TRIGGER fine_corrections_refuse_update BEFORE UPDATE ON fine_corrections
BEGIN SELECT RAISE(ABORT, 'fine corrections are append-only'); END;
CREATE TRIGGER fine_corrections_refuse_delete BEFORE DELETE ON fine_corrections
BEGIN SELECT RAISE(ABORT, 'fine corrections are append-only'); END;

-- Month close and reopen, as recorded acts; a month's state is its latest row.
CREATE TABLE month_closes (
  id      INTEGER PRIMARY KEY,
  month   TEXT    NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
  action  TEXT    NOT NULL CHECK (action IN ('结账', '反结账')),
  reason  TEXT    NOT NULL DEFAULT '',
  at      TEXT    NOT NULL,
  actor   TEXT    NOT NULL,
  CHECK (action = '结账' OR length(trim(reason)) > 0)
);
CREATE INDEX month_closes_by_month ON month_closes (month, id);
CREATE TRIGGER month_closes_refuse_update BEFORE UPDATE ON month_closes
BEGIN SELECT RAISE(ABORT, 'month closes are append-only'); END;
CREATE TRIGGER month_closes_refuse_delete BEFORE DELETE ON month_closes
BEGIN SELECT RAISE(ABORT, 'month closes are append-only'); END;
