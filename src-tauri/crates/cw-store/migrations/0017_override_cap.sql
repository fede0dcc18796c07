-- Issue 14: a receipt whose price is overridden (with a reason) may be at most this many times
-- its standard; 10,000,000.00 for a 30.00 fee was accepted before. 5 unless the office changes it.
ALTER TABLE fee_settings ADD COLUMN override_cap_times INTEGER NOT NULL DEFAULT 5
  CHECK (override_cap_times BETWEEN 1 AND 100);
