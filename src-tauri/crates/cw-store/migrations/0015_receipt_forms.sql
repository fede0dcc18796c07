-- Receipt forms: which paper a receipt book's receipts are printed on. A 全版 form prints the
-- whole three-part receipt (frame, labels and values) on plain paper, as the receipt print
-- settings say; a 仅填值 form prints only the values, each at its position in tenths of a mm, onto
-- the 经管站's pre-printed receipt. Positions are a JSON list
-- [{"key":"payer","x":380,"y":290,"size":105,"shown":true}, …] (tenths of a mm, tenths of a pt),
-- checked by the core; a named form keeps its positions, so books of an older print run can keep
-- theirs when the 经管站 changes the form.
CREATE TABLE receipt_forms (
  id              INTEGER PRIMARY KEY,
  name            TEXT    NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
  layout          TEXT    NOT NULL CHECK (layout IN ('全版', '仅填值')),
  paper_width_mm  INTEGER NOT NULL CHECK (paper_width_mm BETWEEN 50 AND 420),
  paper_height_mm INTEGER NOT NULL CHECK (paper_height_mm BETWEEN 50 AND 420),
  fields          TEXT    NOT NULL DEFAULT '[]'
);
INSERT INTO receipt_forms (id, name, layout, paper_width_mm, paper_height_mm, fields) VALUES
  (1, '普通纸', '全版', 210, 297, '[]'),
  (2, '经管站预印票据', '仅填值', 210, 99, '[
    {"key":"book_no","x":260,"y":200,"size":100,"shown":true},
    {"key":"serial","x":700,"y":200,"size":100,"shown":true},
    {"key":"date","x":1500,"y":200,"size":100,"shown":true},
    {"key":"payer","x":380,"y":290,"size":105,"shown":true},
    {"key":"address","x":380,"y":380,"size":105,"shown":true},
    {"key":"period","x":380,"y":470,"size":105,"shown":true},
    {"key":"amount_words","x":380,"y":560,"size":105,"shown":true},
    {"key":"amount","x":1640,"y":560,"size":105,"shown":true},
    {"key":"collector","x":380,"y":650,"size":105,"shown":true},
    {"key":"cadre","x":1040,"y":650,"size":105,"shown":true}
  ]');

-- The form of each book; books registered before this migration were printed on plain paper.
-- (SQLite adds a column with a REFERENCES clause only with a NULL default, so the trigger below
-- keeps the reference instead.)
ALTER TABLE receipt_books ADD COLUMN form_id INTEGER NOT NULL DEFAULT 1;
CREATE TRIGGER receipt_books_form_exists BEFORE INSERT ON receipt_books
WHEN NOT EXISTS (SELECT 1 FROM receipt_forms f WHERE f.id = NEW.form_id)
BEGIN
  SELECT RAISE(ABORT, 'receipt book form does not exist');
END;
CREATE TRIGGER receipt_forms_keep BEFORE DELETE ON receipt_forms
BEGIN
  SELECT RAISE(ABORT, 'receipt forms are never deleted');
END;
