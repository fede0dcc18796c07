-- 0025: issue 18's self-check against the 卫生社区 standard (plan 3 §4): the standard's items in
-- the 8 areas with their points, in dated versions like the fine schedule (a version is never
-- changed), and each dated self-check scoring every item of the version in force, with a note.

CREATE TABLE standard_versions (
  id             INTEGER PRIMARY KEY,
  effective_date TEXT    NOT NULL UNIQUE,
  note           TEXT    NOT NULL DEFAULT '',
  created_at     TEXT    NOT NULL,
  created_by     TEXT    NOT NULL
);
CREATE TABLE standard_items (
  id         INTEGER PRIMARY KEY,
  version_id INTEGER NOT NULL REFERENCES standard_versions (id),
  area       TEXT    NOT NULL CHECK (area IN ('市容环境卫生', '环境保护', '健康教育', '食品安全与公共场所卫生',
                                               '传染病防治', '病媒生物防制', '市民满意度', '组织管理')),
  code       TEXT    NOT NULL,
  text       TEXT    NOT NULL CHECK (length(trim(text)) > 0),
  points     INTEGER NOT NULL CHECK (points BETWEEN 1 AND 100),
  sort       INTEGER NOT NULL,
  UNIQUE (version_id, code)
);
CREATE TRIGGER standard_versions_refuse_update BEFORE UPDATE ON standard_versions
BEGIN SELECT RAISE(ABORT, 'the standard is versioned: add a version'); END;
CREATE TRIGGER standard_items_refuse_update BEFORE UPDATE ON standard_items
BEGIN SELECT RAISE(ABORT, 'the standard is versioned: add a version'); END;
CREATE TRIGGER standard_items_refuse_delete BEFORE DELETE ON standard_items
BEGIN SELECT RAISE(ABORT, 'the standard is versioned: add a version'); END;

-- The plan's standard, 100 points over the 8 areas.
INSERT INTO standard_versions (id, effective_date, note, created_at, created_by)
VALUES (1, '2000-01-01', '按实施方案的卫生社区创建标准', '2026-01-01 00:00:00', '系统');
INSERT INTO standard_items (version_id, area, code, text, points, sort) VALUES
 (1, '市容环境卫生', 'S01', '生活垃圾袋装化、密闭中转、日产日清，无卫生死角', 6, 1),
 (1, '市容环境卫生', 'S02', '道路硬化平整，无破损、坑洼积水；建筑外立面及楼道干净整洁', 5, 2),
 (1, '市容环境卫生', 'S03', '公厕布局合理、管理规范；果皮箱和环卫设施按标准设置', 4, 3),
 (1, '市容环境卫生', 'S04', '无违法建设、乱搭乱建；沿街单位门前三包责任落实', 5, 4),
 (1, '市容环境卫生', 'S05', '无乱摆摊、乱设广告牌匾、乱停车辆、乱堆杂物、乱倒垃圾', 5, 5),
 (1, '环境保护', 'E01', '雨污分流；店面、单位、院落的废气废水废渣按环保要求处理', 4, 6),
 (1, '环境保护', 'E02', '无噪音扰民，噪音投诉及时协调解决', 3, 7),
 (1, '环境保护', 'E03', '无露天烧烤、非法废品收购站等污染环境现象', 3, 8),
 (1, '健康教育', 'H01', '居民健康知识知晓率和健康行为形成率达80%以上', 4, 9),
 (1, '健康教育', 'H02', '依法开展控烟工作', 3, 10),
 (1, '健康教育', 'H03', '设置健康教育专栏，开展控烟、预防艾滋病等宣传', 3, 11),
 (1, '食品安全与公共场所卫生', 'F01', '食品生产经营单位证照齐全、上墙亮证，制度健全', 5, 12),
 (1, '食品安全与公共场所卫生', 'F02', '社区办公楼、活动室厕所有人保洁，通风照明良好，无蝇无蛆无异味', 5, 13),
 (1, '传染病防治', 'D01', '儿童国家免疫规划疫苗全程接种率≥95%', 5, 14),
 (1, '传染病防治', 'D02', '辖区内无非法行医，无虚假、非法医疗广告', 5, 15),
 (1, '病媒生物防制', 'V01', '有兼职病媒生物防制人员，责任到位，防害除害设施完善', 5, 16),
 (1, '病媒生物防制', 'V02', '鼠、蝇、蟑密度在国家标准以内，蚊密度不超过标准3倍', 5, 17),
 (1, '市民满意度', 'M01', '居民对街容街貌、路面保洁、公共场所、公厕卫生的满意度达90%以上', 10, 18),
 (1, '市民满意度', 'M02', '无重大问题来信、来访、投诉', 5, 19),
 (1, '组织管理', 'O01', '组织机构健全，任务明确，责任分工清晰，工作网络完善', 4, 20),
 (1, '组织管理', 'O02', '资料收集齐全，组织协调有力', 3, 21),
 (1, '组织管理', 'O03', '宣传氛围浓厚', 3, 22);

CREATE TABLE self_checks (
  id         INTEGER PRIMARY KEY,
  checked_on TEXT    NOT NULL,
  version_id INTEGER NOT NULL REFERENCES standard_versions (id),
  checked_by TEXT    NOT NULL CHECK (length(trim(checked_by)) > 0),
  note       TEXT    NOT NULL DEFAULT '',
  created_at TEXT    NOT NULL,
  created_by TEXT    NOT NULL
);
CREATE INDEX self_checks_by_date ON self_checks (checked_on, id);
CREATE TABLE self_check_scores (
  check_id INTEGER NOT NULL REFERENCES self_checks (id),
  item_id  INTEGER NOT NULL REFERENCES standard_items (id),
  score    INTEGER NOT NULL CHECK (score >= 0),
  note     TEXT    NOT NULL DEFAULT '',
  PRIMARY KEY (check_id, item_id)
) WITHOUT ROWID;
CREATE TRIGGER self_checks_refuse_update BEFORE UPDATE ON self_checks
BEGIN SELECT RAISE(ABORT, 'a self-check is kept as done: make a new one'); END;
CREATE TRIGGER self_check_scores_refuse_update BEFORE UPDATE ON self_check_scores
BEGIN SELECT RAISE(ABORT, 'a self-check is kept as done: make a new one'); END;
CREATE TRIGGER self_check_scores_refuse_delete BEFORE DELETE ON self_check_scores
BEGIN SELECT RAISE(ABORT, 'a self-check is kept as done: make a new one'); END;
