-- 0004: fees — standards, exemptions, receipt books, collection batches, receipts, closing,
-- compensation and remittance. Every money record is append-only: corrections are new rows
-- (a void, a reprint, a newer standard), never an UPDATE or DELETE.

-- The monthly fee of a category (parties.fee_category: 居民, 门店, 单位 or a shop type) from a month on.
CREATE TABLE fee_standards (
  id             INTEGER PRIMARY KEY,
  category       TEXT    NOT NULL CHECK (length(trim(category)) > 0),
  monthly_fen    INTEGER NOT NULL CHECK (monthly_fen >= 0),
  effective_from TEXT    NOT NULL CHECK (effective_from GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
  basis          TEXT    NOT NULL DEFAULT '',
  created_at     TEXT    NOT NULL,
  created_by     TEXT    NOT NULL
);
CREATE INDEX fee_standards_by_category ON fee_standards (category, effective_from, id);
-- One real notice of the city: residents 5 元/户/月, shops 10 元/户/月.
INSERT INTO fee_standards (category, monthly_fen, effective_from, basis, created_at, created_by) VALUES
  ('居民', 500, '2026-01', '市创卫办收费通知（居民每户每月5元）', '2026-01-01 00:00:00', 'system'),
  ('门店', 1000, '2026-01', '市创卫办收费通知（门店每户每月10元）', '2026-01-01 00:00:00', 'system');

-- Households with a tag are exempt for a year, once approved.
CREATE TABLE fee_exemptions (
  id          INTEGER PRIMARY KEY,
  year        INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  tag         TEXT    NOT NULL CHECK (tag IN ('五保', '低保', '独居老人', '残疾')),
  approval    TEXT    NOT NULL CHECK (length(trim(approval)) > 0),
  approved_on TEXT    NOT NULL,
  created_at  TEXT    NOT NULL,
  created_by  TEXT    NOT NULL
);
CREATE TABLE fee_exemption_revocations (
  id           INTEGER PRIMARY KEY,
  exemption_id INTEGER NOT NULL UNIQUE REFERENCES fee_exemptions (id),
  reason       TEXT    NOT NULL CHECK (length(trim(reason)) > 0),
  at           TEXT    NOT NULL,
  by           TEXT    NOT NULL
);

-- Numbered receipt books from the 经管站; serials are unique across books.
CREATE TABLE receipt_books (
  id           INTEGER PRIMARY KEY,
  book_no      TEXT    NOT NULL UNIQUE CHECK (length(trim(book_no)) > 0),
  first_serial INTEGER NOT NULL CHECK (first_serial > 0),
  last_serial  INTEGER NOT NULL,
  received_on  TEXT    NOT NULL,
  source       TEXT    NOT NULL DEFAULT '经管站',
  created_at   TEXT    NOT NULL,
  created_by   TEXT    NOT NULL,
  CHECK (last_serial >= first_serial AND last_serial - first_serial < 1000)
);
-- A book handed to a collector (发放) or handed back (交回); the latest event says who holds it.
CREATE TABLE receipt_book_events (
  id       INTEGER PRIMARY KEY,
  book_id  INTEGER NOT NULL REFERENCES receipt_books (id),
  kind     TEXT    NOT NULL CHECK (kind IN ('发放', '交回')),
  staff_id INTEGER NOT NULL REFERENCES staff (id),
  on_date  TEXT    NOT NULL,
  note     TEXT    NOT NULL DEFAULT '',
  at       TEXT    NOT NULL,
  by       TEXT    NOT NULL
);
CREATE INDEX receipt_book_events_by_book ON receipt_book_events (book_id, id);

-- A door-to-door collection: a group, a day, its collectors and the cadre present (required).
CREATE TABLE collection_batches (
  id         INTEGER PRIMARY KEY,
  group_no   INTEGER NOT NULL CHECK (group_no BETWEEN 1 AND 4),
  on_date    TEXT    NOT NULL,
  cadre_id   INTEGER NOT NULL REFERENCES staff (id),
  note       TEXT    NOT NULL DEFAULT '',
  created_at TEXT    NOT NULL,
  created_by TEXT    NOT NULL
);
CREATE TABLE collection_batch_collectors (
  batch_id INTEGER NOT NULL REFERENCES collection_batches (id),
  staff_id INTEGER NOT NULL REFERENCES staff (id),
  PRIMARY KEY (batch_id, staff_id)
) WITHOUT ROWID;

-- A receipt: one serial of a book, the payer, the months covered and the amount (in figures and capitals).
CREATE TABLE receipts (
  id              INTEGER PRIMARY KEY,
  batch_id        INTEGER NOT NULL REFERENCES collection_batches (id),
  book_id         INTEGER NOT NULL REFERENCES receipt_books (id),
  serial          INTEGER NOT NULL,
  party_id        INTEGER NOT NULL REFERENCES parties (id),
  payer_name      TEXT    NOT NULL,
  period_from     TEXT    NOT NULL,
  period_to       TEXT    NOT NULL,
  months          INTEGER NOT NULL CHECK (months BETWEEN 1 AND 36),
  standard_fen    INTEGER NOT NULL CHECK (standard_fen >= 0),
  amount_fen      INTEGER NOT NULL CHECK (amount_fen > 0),
  override_reason TEXT    NOT NULL DEFAULT '',
  amount_words    TEXT    NOT NULL,
  collector_id    INTEGER NOT NULL REFERENCES staff (id),
  cadre_id        INTEGER NOT NULL REFERENCES staff (id),
  issued_at       TEXT    NOT NULL,
  created_by      TEXT    NOT NULL,
  UNIQUE (book_id, serial),
  CHECK (period_from <= period_to),
  CHECK (amount_fen = standard_fen OR length(trim(override_reason)) > 0)
);
CREATE INDEX receipts_by_batch ON receipts (batch_id, id);
CREATE INDEX receipts_by_party ON receipts (party_id, period_from);
CREATE TABLE receipt_voids (
  id         INTEGER PRIMARY KEY,
  receipt_id INTEGER NOT NULL UNIQUE REFERENCES receipts (id),
  reason     TEXT    NOT NULL CHECK (length(trim(reason)) > 0),
  at         TEXT    NOT NULL,
  by         TEXT    NOT NULL
);
CREATE TABLE receipt_reprints (
  id         INTEGER PRIMARY KEY,
  receipt_id INTEGER NOT NULL REFERENCES receipts (id),
  reason     TEXT    NOT NULL DEFAULT '',
  at         TEXT    NOT NULL,
  by         TEXT    NOT NULL
);
-- A blank serial voided (作废, e.g. spoilt or skipped) or lost (遗失); never also a receipt.
CREATE TABLE receipt_serial_marks (
  id      INTEGER PRIMARY KEY,
  book_id INTEGER NOT NULL REFERENCES receipt_books (id),
  serial  INTEGER NOT NULL,
  kind    TEXT    NOT NULL CHECK (kind IN ('作废', '遗失')),
  reason  TEXT    NOT NULL CHECK (length(trim(reason)) > 0),
  at      TEXT    NOT NULL,
  by      TEXT    NOT NULL,
  UNIQUE (book_id, serial)
);

-- Closing a batch: expected from its receipts, the cash counted, counterfeit notes, the shortage.
CREATE TABLE batch_closings (
  id                INTEGER PRIMARY KEY,
  batch_id          INTEGER NOT NULL UNIQUE REFERENCES collection_batches (id),
  expected_fen      INTEGER NOT NULL CHECK (expected_fen >= 0),
  counted_fen       INTEGER NOT NULL CHECK (counted_fen >= 0),
  counterfeit_fen   INTEGER NOT NULL DEFAULT 0 CHECK (counterfeit_fen >= 0),
  counterfeit_note  TEXT    NOT NULL DEFAULT '',
  denominations     TEXT    NOT NULL DEFAULT '',
  shortage_fen      INTEGER NOT NULL CHECK (shortage_fen >= 0),
  overage_fen       INTEGER NOT NULL CHECK (overage_fen >= 0),
  note              TEXT    NOT NULL DEFAULT '',
  closed_at         TEXT    NOT NULL,
  closed_by         TEXT    NOT NULL,
  CHECK (counted_fen + shortage_fen - overage_fen = expected_fen)
);
-- What a collector owes: a cash shortage, counterfeit notes, lost receipts.
CREATE TABLE collector_compensations (
  id         INTEGER PRIMARY KEY,
  staff_id   INTEGER NOT NULL REFERENCES staff (id),
  batch_id   INTEGER REFERENCES collection_batches (id),
  amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
  reason     TEXT    NOT NULL CHECK (length(trim(reason)) > 0),
  at         TEXT    NOT NULL,
  by         TEXT    NOT NULL
);
-- 上解: the batch's cash handed to the receiver.
CREATE TABLE remittances (
  id          INTEGER PRIMARY KEY,
  batch_id    INTEGER NOT NULL UNIQUE REFERENCES collection_batches (id),
  amount_fen  INTEGER NOT NULL CHECK (amount_fen >= 0),
  remitted_on TEXT    NOT NULL,
  receiver    TEXT    NOT NULL CHECK (length(trim(receiver)) > 0),
  note        TEXT    NOT NULL DEFAULT '',
  at          TEXT    NOT NULL,
  by          TEXT    NOT NULL
);

-- Printing of receipts: layout and the printer offset for pre-printed forms (tenths of a mm).
CREATE TABLE fee_settings (
  id               INTEGER PRIMARY KEY CHECK (id = 1),
  layout           TEXT    NOT NULL CHECK (layout IN ('三联', '单联')),
  single_part      TEXT    NOT NULL CHECK (single_part IN ('存根联', '收据联', '记账联')),
  paper_width_mm   INTEGER NOT NULL CHECK (paper_width_mm BETWEEN 50 AND 420),
  paper_height_mm  INTEGER NOT NULL CHECK (paper_height_mm BETWEEN 50 AND 420),
  offset_x_tenths  INTEGER NOT NULL CHECK (offset_x_tenths BETWEEN -300 AND 300),
  offset_y_tenths  INTEGER NOT NULL CHECK (offset_y_tenths BETWEEN -300 AND 300)
);
INSERT INTO fee_settings VALUES (1, '三联', '收据联', 210, 99, 0, 0);

-- A serial is exactly one of unused, issued, void, lost: a receipt and a mark never share one,
-- and both stay inside their book.
CREATE TRIGGER receipts_serial_in_book BEFORE INSERT ON receipts
WHEN NOT EXISTS (SELECT 1 FROM receipt_books b WHERE b.id = NEW.book_id
                 AND NEW.serial BETWEEN b.first_serial AND b.last_serial)
  OR EXISTS (SELECT 1 FROM receipt_serial_marks m WHERE m.book_id = NEW.book_id AND m.serial = NEW.serial)
BEGIN
  SELECT RAISE(ABORT, 'receipt serial is outside its book or already marked');
END;
CREATE TRIGGER receipt_serial_marks_free BEFORE INSERT ON receipt_serial_marks
WHEN NOT EXISTS (SELECT 1 FROM receipt_books b WHERE b.id = NEW.book_id
                 AND NEW.serial BETWEEN b.first_serial AND b.last_serial)
  OR EXISTS (SELECT 1 FROM receipts r WHERE r.book_id = NEW.book_id AND r.serial = NEW.serial)
BEGIN
  SELECT RAISE(ABORT, 'serial is outside its book or already a receipt');
END;

-- Append-only money records.
CREATE TRIGGER fee_standards_no_update BEFORE UPDATE ON fee_standards BEGIN SELECT RAISE(ABORT, 'fee_standards is append-only'); END;
CREATE TRIGGER fee_standards_no_delete BEFORE DELETE ON fee_standards BEGIN SELECT RAISE(ABORT, 'fee_standards is append-only'); END;
CREATE TRIGGER fee_exemptions_no_update BEFORE UPDATE ON fee_exemptions BEGIN SELECT RAISE(ABORT, 'fee_exemptions is append-only'); END;
CREATE TRIGGER fee_exemptions_no_delete BEFORE DELETE ON fee_exemptions BEGIN SELECT RAISE(ABORT, 'fee_exemptions is append-only'); END;
CREATE TRIGGER fee_exemption_revocations_no_update BEFORE UPDATE ON fee_exemption_revocations BEGIN SELECT RAISE(ABORT, 'fee_exemption_revocations is append-only'); END;
CREATE TRIGGER fee_exemption_revocations_no_delete BEFORE DELETE ON fee_exemption_revocations BEGIN SELECT RAISE(ABORT, 'fee_exemption_revocations is append-only'); END;
CREATE TRIGGER receipt_books_no_update BEFORE UPDATE ON receipt_books BEGIN SELECT RAISE(ABORT, 'receipt_books is append-only'); END;
CREATE TRIGGER receipt_books_no_delete BEFORE DELETE ON receipt_books BEGIN SELECT RAISE(ABORT, 'receipt_books is append-only'); END;
CREATE TRIGGER receipt_book_events_no_update BEFORE UPDATE ON receipt_book_events BEGIN SELECT RAISE(ABORT, 'receipt_book_events is append-only'); END;
CREATE TRIGGER receipt_book_events_no_delete BEFORE DELETE ON receipt_book_events BEGIN SELECT RAISE(ABORT, 'receipt_book_events is append-only'); END;
CREATE TRIGGER collection_batches_no_update BEFORE UPDATE ON collection_batches BEGIN SELECT RAISE(ABORT, 'collection_batches is append-only'); END;
CREATE TRIGGER collection_batches_no_delete BEFORE DELETE ON collection_batches BEGIN SELECT RAISE(ABORT, 'collection_batches is append-only'); END;
CREATE TRIGGER collection_batch_collectors_no_update BEFORE UPDATE ON collection_batch_collectors BEGIN SELECT RAISE(ABORT, 'collection_batch_collectors is append-only'); END;
CREATE TRIGGER collection_batch_collectors_no_delete BEFORE DELETE ON collection_batch_collectors BEGIN SELECT RAISE(ABORT, 'collection_batch_collectors is append-only'); END;
CREATE TRIGGER receipts_no_update BEFORE UPDATE ON receipts BEGIN SELECT RAISE(ABORT, 'receipts is append-only'); END;
CREATE TRIGGER receipts_no_delete BEFORE DELETE ON receipts BEGIN SELECT RAISE(ABORT, 'receipts is append-only'); END;
CREATE TRIGGER receipt_voids_no_update BEFORE UPDATE ON receipt_voids BEGIN SELECT RAISE(ABORT, 'receipt_voids is append-only'); END;
CREATE TRIGGER receipt_voids_no_delete BEFORE DELETE ON receipt_voids BEGIN SELECT RAISE(ABORT, 'receipt_voids is append-only'); END;
CREATE TRIGGER receipt_reprints_no_update BEFORE UPDATE ON receipt_reprints BEGIN SELECT RAISE(ABORT, 'receipt_reprints is append-only'); END;
CREATE TRIGGER receipt_reprints_no_delete BEFORE DELETE ON receipt_reprints BEGIN SELECT RAISE(ABORT, 'receipt_reprints is append-only'); END;
CREATE TRIGGER receipt_serial_marks_no_update BEFORE UPDATE ON receipt_serial_marks BEGIN SELECT RAISE(ABORT, 'receipt_serial_marks is append-only'); END;
CREATE TRIGGER receipt_serial_marks_no_delete BEFORE DELETE ON receipt_serial_marks BEGIN SELECT RAISE(ABORT, 'receipt_serial_marks is append-only'); END;
CREATE TRIGGER batch_closings_no_update BEFORE UPDATE ON batch_closings BEGIN SELECT RAISE(ABORT, 'batch_closings is append-only'); END;
CREATE TRIGGER batch_closings_no_delete BEFORE DELETE ON batch_closings BEGIN SELECT RAISE(ABORT, 'batch_closings is append-only'); END;
CREATE TRIGGER collector_compensations_no_update BEFORE UPDATE ON collector_compensations BEGIN SELECT RAISE(ABORT, 'collector_compensations is append-only'); END;
CREATE TRIGGER collector_compensations_no_delete BEFORE DELETE ON collector_compensations BEGIN SELECT RAISE(ABORT, 'collector_compensations is append-only'); END;
CREATE TRIGGER remittances_no_update BEFORE UPDATE ON remittances BEGIN SELECT RAISE(ABORT, 'remittances is append-only'); END;
CREATE TRIGGER remittances_no_delete BEFORE DELETE ON remittances BEGIN SELECT RAISE(ABORT, 'remittances is append-only'); END;
