-- 0019: issue 17's leaving with notice. How a worker left (辞工: resigned, held to the pay rule's
-- notice; 辞退: let go by the committee) and the day notice was given decide whether A4 (a week's
-- wage withheld for short notice) is charged.
ALTER TABLE staff ADD COLUMN leave_kind TEXT CHECK (leave_kind IN ('辞工', '辞退'));
ALTER TABLE staff ADD COLUMN notice_date TEXT;
