-- 0012: the home screen and the pledge screens at ten times the community (issue 8). The signing
-- rates, the collection rate and the fine chart are sums over 200,000 parties, 200,000 pledges
-- and 17,000 fines a month; each sum is kept here per bucket by triggers on the rows it counts,
-- so a screen reads a few hundred bucket rows instead of every party. Nothing in the app writes
-- these tables; scenario tests recount them and compare every figure with the straightforward
-- computation. A missing group or zone is stored as 0 (ids start at 1), so each bucket has one
-- key and an upsert finds it.

-- Parties by everything the signing and collection rates group or filter them by.
CREATE TABLE party_counts (
  status       TEXT    NOT NULL,
  group_no     INTEGER NOT NULL,
  zone_id      INTEGER NOT NULL,
  street       TEXT    NOT NULL,
  fee_category TEXT    NOT NULL,
  kind         TEXT    NOT NULL,
  tags         TEXT    NOT NULL,
  n            INTEGER NOT NULL,
  PRIMARY KEY (status, group_no, zone_id, street, fee_category, kind, tags)
) WITHOUT ROWID;

INSERT INTO party_counts (status, group_no, zone_id, street, fee_category, kind, tags, n)
SELECT status, ifnull(group_no, 0), ifnull(zone_id, 0), street, fee_category, kind, tags, count(*)
FROM parties GROUP BY 1, 2, 3, 4, 5, 6, 7;

-- Live (not void) pledges by year, by their party's place and standing, by status and, for a
-- signed pledge, by its signing day ('' otherwise): the rates as of a day are drawn from these.
CREATE TABLE pledge_counts (
  year         INTEGER NOT NULL,
  party_status TEXT    NOT NULL,
  group_no     INTEGER NOT NULL,
  zone_id      INTEGER NOT NULL,
  street       TEXT    NOT NULL,
  kind         TEXT    NOT NULL,
  status       TEXT    NOT NULL,
  signed_on    TEXT    NOT NULL,
  n            INTEGER NOT NULL,
  PRIMARY KEY (year, party_status, group_no, zone_id, street, kind, status, signed_on)
) WITHOUT ROWID;

INSERT INTO pledge_counts (year, party_status, group_no, zone_id, street, kind, status, signed_on, n)
SELECT g.year, p.status, ifnull(p.group_no, 0), ifnull(p.zone_id, 0), p.street, p.kind, g.status,
       CASE WHEN g.status = '已签订' THEN ifnull(g.signed_on, '') ELSE '' END, count(*)
FROM pledges g JOIN parties p ON p.id = g.party_id
WHERE g.status <> '作废'
GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;

CREATE TRIGGER party_counts_insert AFTER INSERT ON parties
BEGIN
  INSERT INTO party_counts (status, group_no, zone_id, street, fee_category, kind, tags, n)
  VALUES (NEW.status, ifnull(NEW.group_no, 0), ifnull(NEW.zone_id, 0), NEW.street, NEW.fee_category,
          NEW.kind, NEW.tags, 1)
  ON CONFLICT (status, group_no, zone_id, street, fee_category, kind, tags) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER party_counts_delete AFTER DELETE ON parties
BEGIN
  UPDATE party_counts SET n = n - 1
   WHERE status = OLD.status AND group_no = ifnull(OLD.group_no, 0) AND zone_id = ifnull(OLD.zone_id, 0)
     AND street = OLD.street AND fee_category = OLD.fee_category AND kind = OLD.kind AND tags = OLD.tags;
END;

-- A party that moves, changes kind or standing takes its count, and its pledges' counts, along.
CREATE TRIGGER party_counts_update AFTER UPDATE OF status, group_no, zone_id, street, fee_category, kind, tags
ON parties
WHEN OLD.status IS NOT NEW.status OR OLD.group_no IS NOT NEW.group_no OR OLD.zone_id IS NOT NEW.zone_id
  OR OLD.street IS NOT NEW.street OR OLD.fee_category IS NOT NEW.fee_category OR OLD.kind IS NOT NEW.kind
  OR OLD.tags IS NOT NEW.tags
BEGIN
  UPDATE party_counts SET n = n - 1
   WHERE status = OLD.status AND group_no = ifnull(OLD.group_no, 0) AND zone_id = ifnull(OLD.zone_id, 0)
     AND street = OLD.street AND fee_category = OLD.fee_category AND kind = OLD.kind AND tags = OLD.tags;
  INSERT INTO party_counts (status, group_no, zone_id, street, fee_category, kind, tags, n)
  VALUES (NEW.status, ifnull(NEW.group_no, 0), ifnull(NEW.zone_id, 0), NEW.street, NEW.fee_category,
          NEW.kind, NEW.tags, 1)
  ON CONFLICT (status, group_no, zone_id, street, fee_category, kind, tags) DO UPDATE SET n = n + 1;
  INSERT INTO pledge_counts (year, party_status, group_no, zone_id, street, kind, status, signed_on, n)
  SELECT g.year, OLD.status, ifnull(OLD.group_no, 0), ifnull(OLD.zone_id, 0), OLD.street, OLD.kind, g.status,
         CASE WHEN g.status = '已签订' THEN ifnull(g.signed_on, '') ELSE '' END, -1
  FROM pledges g WHERE g.party_id = OLD.id AND g.status <> '作废'
  ON CONFLICT (year, party_status, group_no, zone_id, street, kind, status, signed_on)
  DO UPDATE SET n = n + excluded.n;
  INSERT INTO pledge_counts (year, party_status, group_no, zone_id, street, kind, status, signed_on, n)
  SELECT g.year, NEW.status, ifnull(NEW.group_no, 0), ifnull(NEW.zone_id, 0), NEW.street, NEW.kind, g.status,
         CASE WHEN g.status = '已签订' THEN ifnull(g.signed_on, '') ELSE '' END, 1
  FROM pledges g WHERE g.party_id = NEW.id AND g.status <> '作废'
  ON CONFLICT (year, party_status, group_no, zone_id, street, kind, status, signed_on)
  DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER pledge_counts_insert AFTER INSERT ON pledges WHEN NEW.status <> '作废'
BEGIN
  INSERT INTO pledge_counts (year, party_status, group_no, zone_id, street, kind, status, signed_on, n)
  SELECT NEW.year, p.status, ifnull(p.group_no, 0), ifnull(p.zone_id, 0), p.street, p.kind, NEW.status,
         CASE WHEN NEW.status = '已签订' THEN ifnull(NEW.signed_on, '') ELSE '' END, 1
  FROM parties p WHERE p.id = NEW.party_id
  ON CONFLICT (year, party_status, group_no, zone_id, street, kind, status, signed_on)
  DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER pledge_counts_update AFTER UPDATE OF status, signed_on ON pledges
BEGIN
  INSERT INTO pledge_counts (year, party_status, group_no, zone_id, street, kind, status, signed_on, n)
  SELECT OLD.year, p.status, ifnull(p.group_no, 0), ifnull(p.zone_id, 0), p.street, p.kind, OLD.status,
         CASE WHEN OLD.status = '已签订' THEN ifnull(OLD.signed_on, '') ELSE '' END, -1
  FROM parties p WHERE p.id = OLD.party_id AND OLD.status <> '作废'
  ON CONFLICT (year, party_status, group_no, zone_id, street, kind, status, signed_on)
  DO UPDATE SET n = n + excluded.n;
  INSERT INTO pledge_counts (year, party_status, group_no, zone_id, street, kind, status, signed_on, n)
  SELECT NEW.year, p.status, ifnull(p.group_no, 0), ifnull(p.zone_id, 0), p.street, p.kind, NEW.status,
         CASE WHEN NEW.status = '已签订' THEN ifnull(NEW.signed_on, '') ELSE '' END, 1
  FROM parties p WHERE p.id = NEW.party_id AND NEW.status <> '作废'
  ON CONFLICT (year, party_status, group_no, zone_id, street, kind, status, signed_on)
  DO UPDATE SET n = n + excluded.n;
END;

-- The monthly fine report's lines counted and summed by month, category and zone: a valid fine
-- or withholding counts in its month; a void takes it out again (a fine has at most one
-- correction); a reversal is a line of its own, negative, in the reversal's month. Awards and
-- their reversals are not deductions and stay out, as on the report.
CREATE TABLE fine_month_totals (
  month      TEXT    NOT NULL,
  category   TEXT    NOT NULL,
  zone_id    INTEGER NOT NULL,
  lines      INTEGER NOT NULL,
  amount_fen INTEGER NOT NULL,
  PRIMARY KEY (month, category, zone_id)
) WITHOUT ROWID;

INSERT INTO fine_month_totals (month, category, zone_id, lines, amount_fen)
SELECT month, category, zone_id, sum(lines), sum(amount_fen) FROM (
  SELECT f.month, f.category, ifnull(f.zone_id, 0) AS zone_id, 1 AS lines, f.amount_fen
  FROM fines f
  WHERE f.kind <> '奖励'
    AND NOT EXISTS (SELECT 1 FROM fine_corrections c WHERE c.fine_id = f.id AND c.kind = '作废')
  UNION ALL
  SELECT c.month, f.category, ifnull(f.zone_id, 0), 1, -c.amount_fen
  FROM fine_corrections c JOIN fines f ON f.id = c.fine_id
  WHERE c.kind = '冲销' AND f.kind <> '奖励'
) GROUP BY month, category, zone_id;

CREATE TRIGGER fine_month_totals_fine AFTER INSERT ON fines WHEN NEW.kind <> '奖励'
BEGIN
  INSERT INTO fine_month_totals (month, category, zone_id, lines, amount_fen)
  VALUES (NEW.month, NEW.category, ifnull(NEW.zone_id, 0), 1, NEW.amount_fen)
  ON CONFLICT (month, category, zone_id)
  DO UPDATE SET lines = lines + 1, amount_fen = amount_fen + excluded.amount_fen;
END;

CREATE TRIGGER fine_month_totals_correction AFTER INSERT ON fine_corrections
BEGIN
  INSERT INTO fine_month_totals (month, category, zone_id, lines, amount_fen)
  SELECT CASE NEW.kind WHEN '作废' THEN f.month ELSE NEW.month END, f.category, ifnull(f.zone_id, 0),
         CASE NEW.kind WHEN '作废' THEN -1 ELSE 1 END,
         CASE NEW.kind WHEN '作废' THEN -f.amount_fen ELSE -NEW.amount_fen END
  FROM fines f WHERE f.id = NEW.fine_id AND f.kind <> '奖励'
  ON CONFLICT (month, category, zone_id)
  DO UPDATE SET lines = lines + excluded.lines, amount_fen = amount_fen + excluded.amount_fen;
END;

-- The batches not yet remitted (a remittance, one per batch and never removed, is what finishes
-- a batch): today's work and the batches screen's 只看未上解 read these few, not 20,000 batches
-- each looked up in the remittances.
CREATE TABLE batches_unremitted (
  batch_id INTEGER PRIMARY KEY
);

INSERT INTO batches_unremitted (batch_id)
SELECT b.id FROM collection_batches b
WHERE NOT EXISTS (SELECT 1 FROM remittances r WHERE r.batch_id = b.id);

CREATE TRIGGER batches_unremitted_new AFTER INSERT ON collection_batches
BEGIN
  INSERT INTO batches_unremitted (batch_id) VALUES (NEW.id);
END;
CREATE TRIGGER batches_unremitted_remitted AFTER INSERT ON remittances
BEGIN
  DELETE FROM batches_unremitted WHERE batch_id = NEW.batch_id;
END;
