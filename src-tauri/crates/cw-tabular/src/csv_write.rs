//! CSV export for those who ask for it: UTF-8 with BOM (so Chinese Excel does not show
//! mojibake), CRLF line ends, and a guard against formula injection.
//!
//! The guard: a cell starting with `=`, `+`, `-`, `@`, tab or carriage return would be taken as a
//! formula by Excel when it opens the CSV, so it is written with a leading `'` (Excel shows the
//! apostrophe; the cell stays inert). Negative numbers such as "-12.50" are left alone. The
//! .xlsx writer needs no such guard: it writes text as string cells, which are never evaluated.
//!
//! Note that Excel still turns digit-only CSV cells into numbers (dropping leading zeros of
//! "0012" and showing long numbers in scientific notation); export .xlsx when that matters.

use std::borrow::Cow;

/// Prefixes `'` to a cell that Excel would otherwise treat as a formula.
pub fn guard_formula(cell: &str) -> Cow<'_, str> {
    let risky = cell
        .chars()
        .next()
        .is_some_and(|c| matches!(c, '=' | '+' | '-' | '@' | '\t' | '\r'));
    if risky && !is_negative_number(cell) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// "-12" or "-12.50": a plain negative number, which no spreadsheet reads as a formula.
fn is_negative_number(s: &str) -> bool {
    let Some(rest) = s.strip_prefix('-') else {
        return false;
    };
    let (int, frac) = rest.split_once('.').unwrap_or((rest, "0"));
    !int.is_empty()
        && !frac.is_empty()
        && int.bytes().all(|b| b.is_ascii_digit())
        && frac.bytes().all(|b| b.is_ascii_digit())
}

/// Writes a CSV: UTF-8 BOM, header line, data lines, each ended by CRLF.
///
/// Fields containing a delimiter candidate (`,` `;` tab), a quote, a line break or surrounding
/// spaces are quoted, so that our own reader's delimiter sniffing cannot be misled.
pub fn write_csv(headers: &[String], rows: &[Vec<String>]) -> Vec<u8> {
    let mut out = String::from("\u{feff}");
    write_record(&mut out, headers.iter().map(String::as_str));
    for row in rows {
        write_record(&mut out, row.iter().map(String::as_str));
    }
    out.into_bytes()
}

fn write_record<'a>(out: &mut String, cells: impl Iterator<Item = &'a str>) {
    let mut n = 0usize;
    let mut last_empty = false;
    for cell in cells {
        if n > 0 {
            out.push(',');
        }
        let cell = guard_formula(cell);
        write_field(out, &cell);
        last_empty = cell.is_empty();
        n += 1;
    }
    if n == 1 && last_empty {
        // A lone empty field would be an empty line, which readers skip.
        out.push_str("\"\"");
    }
    out.push_str("\r\n");
}

fn write_field(out: &mut String, cell: &str) {
    let needs_quotes = cell
        .chars()
        .any(|c| matches!(c, ',' | ';' | '\t' | '"' | '\r' | '\n'))
        || cell.starts_with(char::is_whitespace)
        || cell.ends_with(char::is_whitespace);
    if needs_quotes {
        out.push('"');
        out.push_str(&cell.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(cell);
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn formulas_get_an_apostrophe_but_negative_numbers_do_not() {
        assert_eq!(guard_formula("=1+1"), "'=1+1");
        assert_eq!(guard_formula("+8613800000000"), "'+8613800000000");
        assert_eq!(guard_formula("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(guard_formula("-12.50"), "-12.50");
        assert_eq!(guard_formula("-1-1"), "'-1-1");
        assert_eq!(guard_formula("张三"), "张三");
    }

    #[test]
    fn the_csv_starts_with_a_bom_and_uses_crlf() {
        let bytes = write_csv(
            &["姓名".into(), "备注".into()],
            &[vec!["张三".into(), "a,\"b\"".into()]],
        );
        let text = String::from_utf8(bytes).unwrap();
        assert_eq!(text, "\u{feff}姓名,备注\r\n张三,\"a,\"\"b\"\"\"\r\n");
    }
}
