//! From raw cells (any source) to a clean [`Sheet`]: header detection, trimming, padding and
//! the structural checks (duplicate or missing headers, rows wider than the header, limits).

use std::collections::HashMap;

use crate::error::TabularError;
use crate::limits::{MAX_COLUMNS, MAX_DATA_ROWS};

/// A sheet read from a file: the header row and the data rows with their 1-based row numbers as
/// the user sees them in Excel (header is row 1, so the first data row is 2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sheet {
    /// Header names, trimmed, unique, none empty.
    pub headers: Vec<String>,
    /// Data rows in file order; fully empty rows are skipped.
    pub rows: Vec<SheetRow>,
}

/// One data row of a [`Sheet`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetRow {
    /// Row number as Excel shows it (1-based, counting the header and any skipped empty rows).
    pub row: usize,
    /// Cells, trimmed, exactly as many as [`Sheet::headers`] (missing cells are "").
    pub cells: Vec<String>,
}

/// A row as read from the file: its Excel row number and its non-empty cells, already
/// normalised with [`normalize_cell`], as (0-based column, value) in ascending column order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RawRow {
    pub row: usize,
    pub cells: Vec<(usize, String)>,
}

impl RawRow {
    /// Builds a row from a dense list of cells, normalising them and dropping empty ones.
    pub(crate) fn from_dense<I, S>(row: usize, cells: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let cells = cells
            .into_iter()
            .enumerate()
            .filter_map(|(col, v)| {
                let v = normalize_cell(v.as_ref());
                (!v.is_empty()).then_some((col, v))
            })
            .collect();
        Self { row, cells }
    }
}

/// What every cell (header or data) becomes on import: NUL and other ASCII control characters
/// removed (tab and line breaks kept, "\r\n" and lone "\r" become "\n"), then surrounding
/// whitespace (including the full-width space "　" and non-breaking space), byte-order marks and
/// zero-width spaces trimmed.
pub fn normalize_cell(raw: &str) -> String {
    let is_junk = |c: char| c.is_whitespace() || matches!(c, '\u{feff}' | '\u{200b}');
    let needs_filter = raw.chars().any(is_dropped_control);
    let trimmed = if needs_filter {
        let filtered: String = raw.chars().filter(|c| !is_dropped_control(*c)).collect();
        filtered.trim_matches(is_junk).to_string()
    } else {
        raw.trim_matches(is_junk).to_string()
    };
    // Excel writes line breaks inside a cell as "\n"; CSV from Windows may carry "\r\n".
    if trimmed.contains('\r') {
        trimmed.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        trimmed
    }
}

/// Control characters that never belong in a cell (everything in C0 except tab, LF, CR, plus DEL).
fn is_dropped_control(c: char) -> bool {
    c.is_ascii_control() && !matches!(c, '\t' | '\n' | '\r')
}

/// A column as the clerk finds it: "第 3 列（C 列）".
pub(crate) fn column_label(col: usize) -> String {
    format!("第 {} 列（{} 列）", col + 1, column_letters(col))
}

/// Excel column letters for a 0-based index: 0 → "A", 26 → "AA".
pub(crate) fn column_letters(col: usize) -> String {
    let mut n = col + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        out.push(char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    out.iter().rev().collect()
}

/// A column as an error names it: by its header, 「名称」, when the header row has one there,
/// else as [`column_label`]. The header row is chosen as [`build_sheet`] chooses it.
pub(crate) fn column_name(raw: &[RawRow], col: usize) -> String {
    let mut rows = raw.iter().filter(|r| !r.cells.is_empty());
    let first = rows.next();
    let header = match (first, rows.next()) {
        (Some(f), Some(next)) if f.cells.len() == 1 && next.cells.len() >= 2 => Some(next),
        (f, _) => f,
    };
    header
        .and_then(|h| h.cells.iter().find(|(c, _)| *c == col))
        .map_or_else(|| column_label(col), |(_, name)| format!("「{name}」"))
}

/// Shortens a value for quoting in an error message.
pub(crate) fn excerpt(s: &str) -> String {
    const MAX: usize = 20;
    if s.chars().count() <= MAX {
        s.to_string()
    } else {
        let head: String = s.chars().take(MAX).collect();
        format!("{head}…")
    }
}

/// Turns raw rows into a [`Sheet`].
///
/// The first non-empty row is the header, except that a lone title cell above a wider header
/// (as in our own exports, which may put a title in row 1) is skipped. Columns without a header
/// are dropped when they are empty and are an error when they hold data.
pub(crate) fn build_sheet(raw: Vec<RawRow>) -> Result<Sheet, TabularError> {
    let mut rows = raw.into_iter().filter(|r| !r.cells.is_empty()).peekable();
    let Some(mut header_row) = rows.next() else {
        return Err(TabularError::NoContent);
    };
    if header_row.cells.len() == 1 && rows.peek().is_some_and(|next| next.cells.len() >= 2) {
        if let Some(next) = rows.next() {
            header_row = next;
        }
    }

    let width = header_row.cells.last().map_or(0, |(col, _)| col + 1);
    if width > MAX_COLUMNS {
        return Err(TabularError::TooLarge {
            detail: format!("表头有 {width} 列"),
        });
    }
    let mut dense_header = vec![String::new(); width];
    for (col, v) in header_row.cells {
        if let Some(slot) = dense_header.get_mut(col) {
            *slot = v;
        }
    }

    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (col, name) in dense_header.iter().enumerate() {
        if name.is_empty() {
            continue;
        }
        if let Some(first) = seen.insert(name.as_str(), col) {
            return Err(TabularError::DuplicateHeader {
                name: name.clone(),
                first: column_label(first),
                second: column_label(col),
            });
        }
    }
    let keep: Vec<usize> = (0..width)
        .filter(|&c| dense_header.get(c).is_some_and(|h| !h.is_empty()))
        .collect();

    let mut out_rows = Vec::new();
    for raw_row in rows {
        if let Some((last, _)) = raw_row.cells.last() {
            if *last >= width {
                return Err(TabularError::TooManyCells {
                    row: raw_row.row,
                    found: last + 1,
                    expected: width,
                });
            }
        }
        let mut dense = vec![String::new(); width];
        for (col, v) in raw_row.cells {
            if dense_header.get(col).is_some_and(String::is_empty) {
                return Err(TabularError::MissingHeader {
                    column: column_label(col),
                    row: raw_row.row,
                    value: excerpt(&v),
                });
            }
            if let Some(slot) = dense.get_mut(col) {
                *slot = v;
            }
        }
        let cells = if keep.len() == width {
            dense
        } else {
            keep.iter()
                .map(|&c| dense.get(c).cloned().unwrap_or_default())
                .collect()
        };
        out_rows.push(SheetRow {
            row: raw_row.row,
            cells,
        });
        if out_rows.len() > MAX_DATA_ROWS {
            return Err(TabularError::TooLarge {
                detail: format!("数据超过 {MAX_DATA_ROWS} 行"),
            });
        }
    }

    let headers: Vec<String> = dense_header.into_iter().filter(|h| !h.is_empty()).collect();
    if out_rows.is_empty() {
        return Err(TabularError::NoDataRows {
            headers: excerpt(&headers.join("、")),
        });
    }
    Ok(Sheet {
        headers,
        rows: out_rows,
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn raw(row: usize, cells: &[&str]) -> RawRow {
        RawRow::from_dense(row, cells.iter().copied())
    }

    #[test]
    fn column_letters_follow_excel() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(701), "ZZ");
        assert_eq!(column_letters(702), "AAA");
    }

    #[test]
    fn cells_lose_bom_spaces_full_width_spaces_and_nul() {
        assert_eq!(normalize_cell("\u{feff} 姓名\u{3000}"), "姓名");
        assert_eq!(normalize_cell("张\0三"), "张三");
        assert_eq!(normalize_cell("a\r\nb"), "a\nb");
    }

    #[test]
    fn short_rows_are_padded_and_empty_rows_skipped() {
        let s = build_sheet(vec![
            raw(1, &["姓名", "电话", "住址"]),
            raw(2, &["张三"]),
            raw(3, &["", " "]),
            raw(4, &["李四", "138"]),
        ])
        .unwrap();
        assert_eq!(s.rows.len(), 2);
        assert_eq!(s.rows[0].cells, vec!["张三", "", ""]);
        assert_eq!(s.rows[1].row, 4);
    }

    #[test]
    fn a_title_above_a_wider_header_is_skipped() {
        let s = build_sheet(vec![
            raw(1, &["2026年居民名单"]),
            raw(2, &["姓名", "电话"]),
            raw(3, &["张三", "1"]),
        ])
        .unwrap();
        assert_eq!(s.headers, vec!["姓名", "电话"]);
        assert_eq!(s.rows[0].row, 3);
    }

    #[test]
    fn an_empty_unnamed_column_is_dropped_but_one_with_data_is_an_error() {
        let s = build_sheet(vec![
            raw(1, &["姓名", "", "电话"]),
            raw(2, &["张三", "", "1"]),
        ])
        .unwrap();
        assert_eq!(s.headers, vec!["姓名", "电话"]);
        assert_eq!(s.rows[0].cells, vec!["张三", "1"]);

        let e = build_sheet(vec![
            raw(1, &["姓名", "", "电话"]),
            raw(5, &["张三", "x", "1"]),
        ])
        .unwrap_err();
        assert_eq!(e.code(), "import.missing_header");
        assert!(e.to_string().contains("第 2 列（B 列）"), "{e}");
        assert!(e.to_string().contains("第 5 行"), "{e}");
    }

    #[test]
    fn trailing_empty_cells_beyond_the_header_are_fine() {
        let s = build_sheet(vec![raw(1, &["a", "b"]), raw(2, &["1", "2", "", ""])]).unwrap();
        assert_eq!(s.rows[0].cells, vec!["1", "2"]);
    }
}
