-- 0013: cash and receipts (issue 13). What a collector owes is kept by kind (短款, 假币, 遗失) and
-- can be repaid; a closed batch is corrected only by an adjustment it records (a refund paid out
-- to the payer, or a shortage charged), never by a bare void. Every row here is append-only.

-- The kind of what is owed: '' for rows written before this migration (read as 遗失 when they
-- name no batch, 短款 otherwise).
ALTER TABLE collector_compensations ADD COLUMN kind TEXT NOT NULL DEFAULT ''
  CHECK (kind IN ('', '短款', '假币', '遗失'));
CREATE INDEX collector_compensations_by_staff ON collector_compensations (staff_id, id);

-- Cash a collector hands in against what they owe, with the receipt or slip given for it. With a
-- batch, the cash is remitted with that batch (上解 = 实点 + 随批赔偿款 − 结账后付出); without one,
-- it was handed straight to the receiver on its own slip.
CREATE TABLE collector_repayments (
  id          INTEGER PRIMARY KEY,
  staff_id    INTEGER NOT NULL REFERENCES staff (id),
  amount_fen  INTEGER NOT NULL CHECK (amount_fen > 0),
  slip_no     TEXT    NOT NULL CHECK (length(trim(slip_no)) > 0),
  received_on TEXT    NOT NULL,
  receiver    TEXT    NOT NULL CHECK (length(trim(receiver)) > 0),
  batch_id    INTEGER REFERENCES collection_batches (id),
  note        TEXT    NOT NULL DEFAULT '',
  at          TEXT    NOT NULL,
  by          TEXT    NOT NULL
);
CREATE INDEX collector_repayments_by_staff ON collector_repayments (staff_id, id);
CREATE INDEX collector_repayments_by_batch ON collector_repayments (batch_id) WHERE batch_id IS NOT NULL;

-- A correction of a closed batch: 退款 — a receipt's cash paid back to its payer (the receipt is
-- voided with it); 短款 — cash found missing after closing, charged to one of its collectors.
CREATE TABLE batch_adjustments (
  id               INTEGER PRIMARY KEY,
  batch_id         INTEGER NOT NULL REFERENCES collection_batches (id),
  kind             TEXT    NOT NULL CHECK (kind IN ('退款', '短款')),
  receipt_id       INTEGER REFERENCES receipts (id),
  staff_id         INTEGER REFERENCES staff (id),
  amount_fen       INTEGER NOT NULL CHECK (amount_fen > 0),
  payee            TEXT    NOT NULL DEFAULT '',
  reason           TEXT    NOT NULL CHECK (length(trim(reason)) > 0),
  after_remittance INTEGER NOT NULL CHECK (after_remittance IN (0, 1)),
  at               TEXT    NOT NULL,
  by               TEXT    NOT NULL,
  CHECK (kind <> '退款' OR receipt_id IS NOT NULL),
  CHECK (kind <> '短款' OR staff_id IS NOT NULL)
);
CREATE INDEX batch_adjustments_by_batch ON batch_adjustments (batch_id, id);
CREATE UNIQUE INDEX batch_adjustments_one_refund ON batch_adjustments (receipt_id) WHERE kind = '退款';

-- A receipt of a closed batch is voided only with the refund the batch records for it.
CREATE TRIGGER receipt_voids_after_close BEFORE INSERT ON receipt_voids
WHEN EXISTS (SELECT 1 FROM receipts r JOIN batch_closings c ON c.batch_id = r.batch_id WHERE r.id = NEW.receipt_id)
 AND NOT EXISTS (SELECT 1 FROM batch_adjustments a WHERE a.receipt_id = NEW.receipt_id AND a.kind = '退款')
BEGIN
  SELECT RAISE(ABORT, 'a receipt of a closed batch is corrected by a batch adjustment, not a bare void');
END;

CREATE TRIGGER collector_repayments_no_update BEFORE UPDATE ON collector_repayments BEGIN SELECT RAISE(ABORT, 'collector_repayments is append-only'); END;
CREATE TRIGGER collector_repayments_no_delete BEFORE DELETE ON collector_repayments BEGIN SELECT RAISE(ABORT, 'collector_repayments is append-only'); END;
CREATE TRIGGER batch_adjustments_no_update BEFORE UPDATE ON batch_adjustments BEGIN SELECT RAISE(ABORT, 'batch_adjustments is append-only'); END;
CREATE TRIGGER batch_adjustments_no_delete BEFORE DELETE ON batch_adjustments BEGIN SELECT RAISE(ABORT, 'batch_adjustments is append-only'); END;
