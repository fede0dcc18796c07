//! .xlsx export: one worksheet per [`XlsxSheet`], with an optional merged title row, a bold
//! shaded frozen header with autofilter, CJK-aware column widths, text kept as text, money and
//! dates as real numbers with Chinese-friendly formats, and print settings for A4.
//!
//! Text cells are written as string cells. Excel never evaluates a string cell, so "=1+1" typed
//! by a resident stays the text "=1+1"; unlike CSV, no apostrophe guard is needed here.

use rust_xlsxwriter::{
    Color, ExcelDateTime, Format, FormatAlign, FormatBorder, IgnoreError, Workbook, Worksheet,
    XlsxError,
};

use crate::error::TabularError;
use crate::sheet_name::sanitize_sheet_name;
use crate::width::display_width;

/// One cell to export.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Text, written as a text cell: phone numbers and codes like "0012" stay exactly as given.
    Text(String),
    /// A whole number. Beyond 15 digits (Excel's precision) it is written as text to stay exact.
    Int(i64),
    /// Any finite number, shown with Excel's General format.
    Number(f64),
    /// An amount of money as a decimal string such as "1234.50", shown as `#,##0.00`.
    Money(String),
    /// A date "2026-11-29", written as a real Excel date shown as 2026年11月29日.
    Date(String),
    /// Nothing.
    Empty,
}

/// One worksheet to export.
#[derive(Debug, Clone, PartialEq)]
pub struct XlsxSheet {
    /// Worksheet name; made valid for Excel (forbidden characters replaced, 31 characters, unique).
    pub sheet_name: String,
    /// Optional title written in row 1, merged across the header width, above the header.
    pub title: Option<String>,
    /// Column headers.
    pub headers: Vec<String>,
    /// Data rows; each at most as long as `headers` (shorter rows leave cells empty).
    pub rows: Vec<Vec<Cell>>,
    /// Column widths in Excel character units; `None` (or a missing entry) means automatic.
    pub widths: Option<Vec<f64>>,
}

/// Excel's display format for dates in this app.
const DATE_FORMAT: &str = "yyyy\"年\"m\"月\"d\"日\"";
/// Display format for money.
const MONEY_FORMAT: &str = "#,##0.00";
/// Most characters an Excel cell can hold.
const MAX_CELL_CHARS: usize = 32_767;
/// Automatic column widths stay within these bounds.
const MIN_WIDTH: usize = 6;
const MAX_WIDTH: usize = 60;

struct Formats {
    title: Format,
    header: Format,
    text: Format,
    text_wrap: Format,
    money: Format,
    date: Format,
    number: Format,
}

impl Formats {
    fn new() -> Self {
        let border = |f: Format| f.set_border(FormatBorder::Thin);
        Self {
            title: Format::new()
                .set_bold()
                .set_font_size(14)
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            header: border(
                Format::new()
                    .set_bold()
                    .set_background_color(Color::RGB(0x00D9_E1F2))
                    .set_align(FormatAlign::Center)
                    .set_align(FormatAlign::VerticalCenter)
                    .set_text_wrap(),
            ),
            // "@" keeps later edits in the cell as text too (a retyped phone number stays text).
            text: border(Format::new().set_num_format("@")),
            text_wrap: border(
                Format::new()
                    .set_num_format("@")
                    .set_text_wrap()
                    .set_align(FormatAlign::Top),
            ),
            money: border(Format::new().set_num_format(MONEY_FORMAT)),
            date: border(
                Format::new()
                    .set_num_format(DATE_FORMAT)
                    .set_align(FormatAlign::Left),
            ),
            number: border(Format::new()),
        }
    }
}

fn writer_error(e: XlsxError) -> TabularError {
    TabularError::XlsxWrite {
        detail: e.to_string(),
    }
}

/// Writes the sheets to an .xlsx file in memory.
pub fn write_xlsx(sheets: &[XlsxSheet]) -> Result<Vec<u8>, TabularError> {
    write_book(sheets, false)
}

/// Like [`write_xlsx`], but every worksheet protected and the file marked read-only
/// recommended: an archive to keep, not a list to edit.
pub fn write_xlsx_read_only(sheets: &[XlsxSheet]) -> Result<Vec<u8>, TabularError> {
    write_book(sheets, true)
}

fn write_book(sheets: &[XlsxSheet], read_only: bool) -> Result<Vec<u8>, TabularError> {
    if sheets.is_empty() {
        return Err(TabularError::NoSheets);
    }
    let formats = Formats::new();
    let mut workbook = Workbook::new();
    if read_only {
        workbook.read_only_recommended();
    }
    let mut names: Vec<String> = Vec::new();
    for (index, sheet) in sheets.iter().enumerate() {
        let name = sanitize_sheet_name(&sheet.sheet_name, index, &names);
        names.push(name.clone());
        let mut ws = Worksheet::new();
        ws.set_name(name).map_err(writer_error)?;
        write_sheet(&mut ws, sheet, &formats)?;
        if read_only {
            ws.protect();
        }
        workbook.push_worksheet(ws);
    }
    workbook.save_to_buffer().map_err(writer_error)
}

/// Excel row/column indices; the limits are far above anything this app exports.
fn to_row(i: usize) -> Result<u32, TabularError> {
    u32::try_from(i)
        .ok()
        .filter(|r| *r < 1_048_576)
        .ok_or_else(|| TabularError::XlsxWrite {
            detail: "行数超过 Excel 上限（1048576 行）".to_string(),
        })
}

fn to_col(i: usize) -> Result<u16, TabularError> {
    u16::try_from(i)
        .ok()
        .filter(|c| *c < 16_384)
        .ok_or_else(|| TabularError::XlsxWrite {
            detail: "列数超过 Excel 上限（16384 列）".to_string(),
        })
}

fn write_sheet(ws: &mut Worksheet, sheet: &XlsxSheet, f: &Formats) -> Result<(), TabularError> {
    let ncols = sheet.headers.len();
    let last_col = to_col(ncols.saturating_sub(1))?;
    let mut header_row = 0u32;

    if let Some(title) = sheet.title.as_deref().filter(|t| !t.trim().is_empty()) {
        if ncols >= 2 {
            ws.merge_range(0, 0, 0, last_col, title, &f.title)
                .map_err(writer_error)?;
        } else {
            ws.write_string_with_format(0, 0, title, &f.title)
                .map_err(writer_error)?;
        }
        ws.set_row_height(0, 28).map_err(writer_error)?;
        header_row = 1;
    }

    for (c, h) in sheet.headers.iter().enumerate() {
        ws.write_string_with_format(header_row, to_col(c)?, h, &f.header)
            .map_err(writer_error)?;
    }

    let mut widths: Vec<usize> = sheet.headers.iter().map(|h| display_width(h) + 2).collect();
    for (i, cells) in sheet.rows.iter().enumerate() {
        let data_row = i + 1;
        if cells.len() > ncols {
            return Err(TabularError::RowTooWide {
                sheet: sheet.sheet_name.clone(),
                row: data_row,
                found: cells.len(),
                expected: ncols,
            });
        }
        let r = to_row(header_row as usize + data_row)?;
        for (c, cell) in cells.iter().enumerate() {
            let at = CellAt {
                sheet,
                row: data_row,
                col: c,
            };
            let shown = write_cell(ws, r, to_col(c)?, cell, f, &at)?;
            if let Some(w) = widths.get_mut(c) {
                *w = (*w).max(shown);
            }
        }
    }

    for (c, auto) in widths.iter().enumerate() {
        let given = sheet
            .widths
            .as_ref()
            .and_then(|w| w.get(c))
            .copied()
            .filter(|w| w.is_finite() && *w > 0.0);
        let width = given.unwrap_or((auto + 2).clamp(MIN_WIDTH, MAX_WIDTH) as f64);
        ws.set_column_width(to_col(c)?, width)
            .map_err(writer_error)?;
    }

    if ncols > 0 {
        let last_row = to_row(header_row as usize + sheet.rows.len())?;
        ws.set_freeze_panes(header_row + 1, 0)
            .map_err(writer_error)?;
        ws.autofilter(header_row, 0, last_row, last_col)
            .map_err(writer_error)?;
        ws.set_repeat_rows(header_row, header_row)
            .map_err(writer_error)?;
        if last_row > header_row {
            // Phone numbers and ID numbers are text on purpose: hide Excel's green triangles.
            ws.ignore_error_range(
                header_row + 1,
                0,
                last_row,
                last_col,
                IgnoreError::NumberStoredAsText,
            )
            .map_err(writer_error)?;
        }
    }
    ws.set_paper_size(9); // A4
    ws.set_print_fit_to_pages(1, 0);
    Ok(())
}

/// Where a cell is, for error messages.
struct CellAt<'a> {
    sheet: &'a XlsxSheet,
    row: usize,
    col: usize,
}

impl CellAt<'_> {
    fn sheet(&self) -> String {
        self.sheet.sheet_name.clone()
    }

    fn column(&self) -> String {
        self.sheet
            .headers
            .get(self.col)
            .cloned()
            .unwrap_or_else(|| crate::grid::column_label(self.col))
    }
}

/// Writes one cell and returns its display width.
fn write_cell(
    ws: &mut Worksheet,
    r: u32,
    c: u16,
    cell: &Cell,
    f: &Formats,
    at: &CellAt<'_>,
) -> Result<usize, TabularError> {
    match cell {
        Cell::Empty => Ok(0),
        Cell::Text(s) => {
            if s.is_empty() {
                return Ok(0);
            }
            if s.chars().count() > MAX_CELL_CHARS {
                return Err(TabularError::TextTooLong {
                    sheet: at.sheet(),
                    row: at.row,
                    column: at.column(),
                });
            }
            let width = display_width(s);
            let format = if s.contains('\n') || width > MAX_WIDTH {
                &f.text_wrap
            } else {
                &f.text
            };
            ws.write_string_with_format(r, c, s, format)
                .map_err(writer_error)?;
            Ok(width)
        }
        Cell::Int(i) => {
            let shown = i.to_string();
            if i.unsigned_abs() <= 999_999_999_999_999 {
                // Exact: |i| < 2^53.
                ws.write_number_with_format(r, c, *i as f64, &f.number)
                    .map_err(writer_error)?;
            } else {
                ws.write_string_with_format(r, c, &shown, &f.text)
                    .map_err(writer_error)?;
            }
            Ok(shown.len())
        }
        Cell::Number(x) => {
            if !x.is_finite() {
                return Err(TabularError::BadNumber {
                    sheet: at.sheet(),
                    row: at.row,
                    column: at.column(),
                });
            }
            ws.write_number_with_format(r, c, *x, &f.number)
                .map_err(writer_error)?;
            Ok(crate::excel_value::float_text(*x).len())
        }
        Cell::Money(s) => {
            let value = parse_money(s).ok_or_else(|| TabularError::BadMoney {
                sheet: at.sheet(),
                row: at.row,
                column: at.column(),
                value: crate::grid::excerpt(s),
            })?;
            ws.write_number_with_format(r, c, value, &f.money)
                .map_err(writer_error)?;
            // Digits, thousands separators, sign and the two decimals.
            let int_digits = s
                .trim()
                .trim_start_matches('-')
                .split('.')
                .next()
                .map_or(1, str::len);
            Ok(int_digits + (int_digits.saturating_sub(1)) / 3 + 4)
        }
        Cell::Date(s) => {
            let bad = || TabularError::BadDate {
                sheet: at.sheet(),
                row: at.row,
                column: at.column(),
                value: crate::grid::excerpt(s),
            };
            let (y, m, d) = parse_date(s).ok_or_else(bad)?;
            let date = ExcelDateTime::from_ymd(y, m, d).map_err(|_| bad())?;
            ws.write_datetime_with_format(r, c, date, &f.date)
                .map_err(writer_error)?;
            Ok(display_width("2026年11月29日"))
        }
    }
}

/// Parses a plain decimal "1234.50" / "-3" / "0.5" into an f64 for display.
///
/// The string is the source of truth for the amount; the f64 only feeds Excel's display. With
/// at most 15 significant digits (checked here) the nearest f64 shows back the same digits, so
/// a value with two decimals displays exactly as given.
fn parse_money(s: &str) -> Option<f64> {
    let t = s.trim();
    let digits = t.strip_prefix('-').unwrap_or(t);
    let (int, frac) = match digits.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (digits, None),
    };
    let all_digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    if !all_digits(int) || frac.is_some_and(|f| !all_digits(f)) {
        return None;
    }
    let significant = int.trim_start_matches('0').len() + frac.map_or(0, str::len);
    if significant > 15 {
        return None;
    }
    t.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// Parses "2026-11-29" (one-digit month and day accepted) between 1900-01-01 and 9999-12-31.
fn parse_date(s: &str) -> Option<(u16, u8, u8)> {
    let mut parts = s.trim().split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some()
        || y.len() != 4
        || !(1..=2).contains(&m.len())
        || !(1..=2).contains(&d.len())
        || ![y, m, d]
            .iter()
            .all(|p| p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let (y, m, d): (u16, u8, u8) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    ((1900..=9999).contains(&y) && (1..=days).contains(&d)).then_some((y, m, d))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn money_strings_parse_only_when_plain_decimals() {
        assert_eq!(parse_money("1234.50"), Some(1234.5));
        assert_eq!(parse_money("-3"), Some(-3.0));
        assert_eq!(parse_money("1,234.50"), None);
        assert_eq!(parse_money("12."), None);
        assert_eq!(parse_money("¥12"), None);
        assert_eq!(parse_money("1234567890123456.00"), None);
    }

    #[test]
    fn dates_are_checked_against_the_calendar() {
        assert_eq!(parse_date("2026-11-29"), Some((2026, 11, 29)));
        assert_eq!(parse_date("2024-2-29"), Some((2024, 2, 29)));
        assert_eq!(parse_date("2026-02-29"), None);
        assert_eq!(parse_date("2026/11/29"), None);
        assert_eq!(parse_date("1899-12-31"), None);
    }
}
