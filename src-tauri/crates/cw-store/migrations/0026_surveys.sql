-- 0026: issue 18's household surveys: residents' satisfaction (target 90%) and health-knowledge
-- awareness (target 80%). A survey has its questions, the households drawn for it from the
-- registry, and each household's answers keyed from the returned sheet (one row per keying, the
-- latest counting, so a correction keeps what was keyed before).

CREATE TABLE surveys (
  id              INTEGER PRIMARY KEY,
  title           TEXT    NOT NULL CHECK (length(trim(title)) > 0),
  kind            TEXT    NOT NULL CHECK (kind IN ('满意度', '健康知识')),
  target_permille INTEGER NOT NULL CHECK (target_permille BETWEEN 1 AND 1000),
  started_on      TEXT    NOT NULL,
  sample_rule     TEXT    NOT NULL DEFAULT '',
  created_at      TEXT    NOT NULL,
  created_by      TEXT    NOT NULL
);
CREATE TABLE survey_questions (
  survey_id INTEGER NOT NULL REFERENCES surveys (id),
  seq       INTEGER NOT NULL,
  text      TEXT    NOT NULL CHECK (length(trim(text)) > 0),
  PRIMARY KEY (survey_id, seq)
) WITHOUT ROWID;
CREATE TABLE survey_sample (
  survey_id INTEGER NOT NULL REFERENCES surveys (id),
  party_id  INTEGER NOT NULL REFERENCES parties (id),
  seq       INTEGER NOT NULL,
  PRIMARY KEY (survey_id, party_id)
) WITHOUT ROWID;
CREATE TABLE survey_answers (
  id          INTEGER PRIMARY KEY,
  survey_id   INTEGER NOT NULL REFERENCES surveys (id),
  party_id    INTEGER NOT NULL REFERENCES parties (id),
  -- One character per question: 1 yes (满意 / 知道), 0 no, - not answered.
  answers     TEXT    NOT NULL CHECK (answers GLOB '*[01]*' AND NOT answers GLOB '*[^01-]*'),
  answered_on TEXT    NOT NULL,
  created_at  TEXT    NOT NULL,
  created_by  TEXT    NOT NULL
);
CREATE INDEX survey_answers_by_party ON survey_answers (survey_id, party_id, id);
CREATE TRIGGER surveys_refuse_update BEFORE UPDATE ON surveys
BEGIN SELECT RAISE(ABORT, 'a survey is kept as drawn'); END;
CREATE TRIGGER survey_answers_refuse_update BEFORE UPDATE ON survey_answers
BEGIN SELECT RAISE(ABORT, 'answers are append-only: key them again'); END;
CREATE TRIGGER survey_answers_refuse_delete BEFORE DELETE ON survey_answers
BEGIN SELECT RAISE(ABORT, 'answers are append-only: key them again'); END;
