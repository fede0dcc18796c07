-- 0009: fees at ten times the community (issue 8). Each receipt book's counts and holder kept in
-- one row, maintained by triggers on the append-only rows they summarise, so issuing a receipt
-- finds the collector's book and the books screen pages without reading every receipt.

-- The state of one book, derived from receipt_books, receipt_book_events, receipts,
-- receipt_voids and receipt_serial_marks (never written by the app directly; `fees` tests
-- compare it with a recount). A serial is one of: a receipt (valid or voided), a mark, unused.
CREATE TABLE receipt_book_state (
  book_id     INTEGER PRIMARY KEY REFERENCES receipt_books (id),
  -- Latest event: 发放 → the holder; 交回 → no holder, the day it came back.
  holder_id   INTEGER REFERENCES staff (id),
  returned_on TEXT,
  receipt_count INTEGER NOT NULL DEFAULT 0, -- receipts on its serials, voided or not
  voided      INTEGER NOT NULL DEFAULT 0,  -- of those, voided
  void_marks  INTEGER NOT NULL DEFAULT 0,  -- blank serials marked 作废
  lost_marks  INTEGER NOT NULL DEFAULT 0,  -- blank serials marked 遗失
  total_fen   INTEGER NOT NULL DEFAULT 0,  -- sum of its valid receipts
  first_used  INTEGER,                     -- lowest and highest serial of a receipt
  last_used   INTEGER
);
-- The books a collector holds (issuing a receipt; the books screen filtered by holder).
CREATE INDEX receipt_book_state_by_holder ON receipt_book_state (holder_id, book_id);

INSERT INTO receipt_book_state (book_id, holder_id, returned_on, receipt_count, voided, void_marks, lost_marks,
                                total_fen, first_used, last_used)
SELECT b.id,
  (SELECT CASE e.kind WHEN '发放' THEN e.staff_id END FROM receipt_book_events e
     WHERE e.book_id = b.id ORDER BY e.id DESC LIMIT 1),
  (SELECT CASE e.kind WHEN '交回' THEN e.on_date END FROM receipt_book_events e
     WHERE e.book_id = b.id ORDER BY e.id DESC LIMIT 1),
  (SELECT count(*) FROM receipts r WHERE r.book_id = b.id),
  (SELECT count(*) FROM receipts r JOIN receipt_voids v ON v.receipt_id = r.id WHERE r.book_id = b.id),
  (SELECT count(*) FROM receipt_serial_marks m WHERE m.book_id = b.id AND m.kind = '作废'),
  (SELECT count(*) FROM receipt_serial_marks m WHERE m.book_id = b.id AND m.kind = '遗失'),
  (SELECT coalesce(sum(r.amount_fen), 0) FROM receipts r WHERE r.book_id = b.id
     AND NOT EXISTS (SELECT 1 FROM receipt_voids v WHERE v.receipt_id = r.id)),
  (SELECT min(r.serial) FROM receipts r WHERE r.book_id = b.id),
  (SELECT max(r.serial) FROM receipts r WHERE r.book_id = b.id)
FROM receipt_books b;

CREATE TRIGGER receipt_book_state_new AFTER INSERT ON receipt_books
BEGIN
  INSERT INTO receipt_book_state (book_id) VALUES (NEW.id);
END;
CREATE TRIGGER receipt_book_state_event AFTER INSERT ON receipt_book_events
BEGIN
  UPDATE receipt_book_state
     SET holder_id   = CASE NEW.kind WHEN '发放' THEN NEW.staff_id END,
         returned_on = CASE NEW.kind WHEN '交回' THEN NEW.on_date END
   WHERE book_id = NEW.book_id;
END;
CREATE TRIGGER receipt_book_state_receipt AFTER INSERT ON receipts
BEGIN
  UPDATE receipt_book_state
     SET receipt_count = receipt_count + 1,
         total_fen  = total_fen + NEW.amount_fen,
         first_used = min(coalesce(first_used, NEW.serial), NEW.serial),
         last_used  = max(coalesce(last_used, NEW.serial), NEW.serial)
   WHERE book_id = NEW.book_id;
END;
CREATE TRIGGER receipt_book_state_void AFTER INSERT ON receipt_voids
BEGIN
  UPDATE receipt_book_state
     SET voided    = voided + 1,
         total_fen = total_fen - (SELECT r.amount_fen FROM receipts r WHERE r.id = NEW.receipt_id)
   WHERE book_id = (SELECT r.book_id FROM receipts r WHERE r.id = NEW.receipt_id);
END;
CREATE TRIGGER receipt_book_state_mark AFTER INSERT ON receipt_serial_marks
BEGIN
  UPDATE receipt_book_state
     SET void_marks = void_marks + (NEW.kind = '作废'),
         lost_marks = lost_marks + (NEW.kind = '遗失')
   WHERE book_id = NEW.book_id;
END;

-- The collection rate counts active parties by group, fee category, kind and tags (then zone and
-- street), pricing each kind of party once; this covering index gives those columns in that
-- order without reading the party rows (200,000 at ten times the community).
CREATE INDEX parties_for_fees ON parties (status, group_no, fee_category, kind, tags, zone_id, street);
