-- 0010: indexes measured against the ten-times community (BENCHMARKS.md, issue 8).
-- The fines screen shows the count and sum of everything matching, and the months screen each
-- month's fines and awards: read from the index, not from a million rows.
CREATE INDEX fines_by_month_amount ON fines (month, kind, amount_fen);
-- The home screen counts the present households, shops and units.
CREATE INDEX parties_by_status_kind ON parties (status, kind);
-- Fines of one zone and one item of the schedule (the committee's most asked question).
CREATE INDEX fines_by_zone_item ON fines (zone_id, item_code, amount_fen);
-- The households screen filtered by group and kind, sorted by name.
CREATE INDEX parties_by_group_kind_name ON parties (group_no, kind, name);
-- Few parties carry a tag (五保, 低保, …): the tag filter walks only those, in walking order.
CREATE INDEX parties_tagged ON parties (address_sort) WHERE tags <> '';
