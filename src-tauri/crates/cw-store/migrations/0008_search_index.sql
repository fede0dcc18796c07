-- 0008: indexes for ten times the community (DESIGN §6, issue 8).
-- The households screen finds a party by any part of its words, pinyin initials, full pinyin,
-- phone or code (LIKE '%q%'), which scanned every party. A trigram full-text index over the same
-- three columns narrows a search of three or more characters to the parties that hold all of its
-- trigrams; the LIKE test still runs on those, so results are exactly what they were.
CREATE VIRTUAL TABLE parties_fts USING fts5(
  search_key, phone, code,
  content = 'parties', content_rowid = 'id',
  tokenize = 'trigram', detail = 'none'
);
INSERT INTO parties_fts (parties_fts) VALUES ('rebuild');

CREATE TRIGGER parties_fts_after_insert AFTER INSERT ON parties BEGIN
  INSERT INTO parties_fts (rowid, search_key, phone, code) VALUES (NEW.id, NEW.search_key, NEW.phone, NEW.code);
END;
CREATE TRIGGER parties_fts_after_update AFTER UPDATE OF search_key, phone, code ON parties BEGIN
  INSERT INTO parties_fts (parties_fts, rowid, search_key, phone, code) VALUES ('delete', OLD.id, OLD.search_key, OLD.phone, OLD.code);
  INSERT INTO parties_fts (rowid, search_key, phone, code) VALUES (NEW.id, NEW.search_key, NEW.phone, NEW.code);
END;
CREATE TRIGGER parties_fts_after_delete AFTER DELETE ON parties BEGIN
  INSERT INTO parties_fts (parties_fts, rowid, search_key, phone, code) VALUES ('delete', OLD.id, OLD.search_key, OLD.phone, OLD.code);
END;

-- The pledges screen's search also matches pledge numbers: a narrow index to read them from.
CREATE INDEX pledges_by_number ON pledges (number, party_id);

-- The fines screen lists newest first; without this it sorted every fine to show a page.
CREATE INDEX fines_by_date ON fines (date, time);
-- The pledges screen (and the households screen's status filter) count active parties.
CREATE INDEX parties_by_status ON parties (status, address_sort);
-- Without statistics SQLite would count a zone's active parties through parties_by_status (every
-- active party, once per zone: 57 s for the zones screen at 10×); two equalities win over one.
CREATE INDEX parties_by_zone_status ON parties (zone_id, status);
-- The collection rate and arrears read the receipts that reach into the period, all parties at once.
CREATE INDEX receipts_by_period_to ON receipts (period_to, period_from, party_id);
-- The batches screen lists the newest first.
CREATE INDEX collection_batches_by_date ON collection_batches (on_date, id);
