-- 0021: issue 17's fines of unwaged staff. A supervisor or cadre the committee does not pay gets
-- a notice to pay 罚款缴纳通知单 for the month; each payment received against it is recorded, and
-- a payment recorded in error is voided with a reason, never changed or deleted.

CREATE TABLE fine_payments (
  id         INTEGER PRIMARY KEY,
  staff_id   INTEGER NOT NULL REFERENCES staff (id),
  -- The month of the notice, YYYY-MM.
  month      TEXT    NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'),
  amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
  paid_on    TEXT    NOT NULL,
  -- Who took the money.
  receiver   TEXT    NOT NULL CHECK (length(trim(receiver)) > 0),
  -- The receipt or slip number given, if any.
  slip_no    TEXT    NOT NULL DEFAULT '',
  note       TEXT    NOT NULL DEFAULT '',
  created_at TEXT    NOT NULL,
  created_by TEXT    NOT NULL
);
CREATE INDEX fine_payments_by_month ON fine_payments (month, staff_id, id);
CREATE TRIGGER fine_payments_refuse_update BEFORE UPDATE ON fine_payments
BEGIN SELECT RAISE(ABORT, 'payments are append-only: void with a reason'); END;
CREATE TRIGGER fine_payments_refuse_delete BEFORE DELETE ON fine_payments
BEGIN SELECT RAISE(ABORT, 'payments are append-only: void with a reason'); END;

CREATE TABLE fine_payment_voids (
  id         INTEGER PRIMARY KEY,
  payment_id INTEGER NOT NULL UNIQUE REFERENCES fine_payments (id),
  reason     TEXT    NOT NULL CHECK (length(trim(reason)) > 0),
  created_at TEXT    NOT NULL,
  created_by TEXT    NOT NULL
);
CREATE TRIGGER fine_payment_voids_refuse_update BEFORE UPDATE ON fine_payment_voids
BEGIN SELECT RAISE(ABORT, 'voids are append-only'); END;
CREATE TRIGGER fine_payment_voids_refuse_delete BEFORE DELETE ON fine_payment_voids
BEGIN SELECT RAISE(ABORT, 'voids are append-only'); END;
