-- 0011: the fines screen of one month at ten times the scale (BENCHMARKS.md, issue 8).
-- Its page is the newest 50 of the month: walked from this index in the screen's order, instead
-- of joining all 17,000 fines of the month to their names and sorting them.
CREATE INDEX fines_by_month_date ON fines (month, date, time, id);
