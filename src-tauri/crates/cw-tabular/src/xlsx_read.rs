//! Spreadsheet import through calamine: the first visible worksheet of an .xlsx (streamed cell
//! by cell, so a stray cell far away costs nothing), or of an .xls/.xlsb/.ods.

use std::collections::BTreeMap;
use std::io::Cursor;

use calamine::{
    Data, DataRef, Ods, Range, Reader, SheetType, SheetVisible, Xls, XlsError, Xlsb, Xlsx,
    XlsxError,
};

use crate::error::TabularError;
use crate::excel_value::{data_ref_text, data_text};
use crate::grid::{build_sheet, column_name, normalize_cell, RawRow, Sheet};
use crate::limits::{MAX_CELLS, MAX_DATA_ROWS, MAX_FILE_BYTES};
use crate::sniff::{sniff, Kind};

/// Reads the first visible worksheet of an Excel workbook.
///
/// The content decides the format: .xlsx/.xlsm, .xlsb, .ods and old .xls are all accepted
/// whatever the file was called. Number cells that hold whole numbers come back without ".0"
/// (a phone number stored as a number stays "13812345678"), date cells as "2026-09-01",
/// booleans as "TRUE"/"FALSE", formula cells as their last computed value.
pub fn read_xlsx(bytes: &[u8]) -> Result<Sheet, TabularError> {
    if bytes.is_empty() {
        return Err(TabularError::EmptyFile);
    }
    if bytes.len() > MAX_FILE_BYTES {
        return Err(TabularError::TooLarge {
            detail: format!("文件有 {} MB", bytes.len() / 1024 / 1024),
        });
    }
    match sniff(bytes)? {
        Kind::Text => Err(TabularError::BadXlsx {
            detail: "内容是纯文字（可能是 CSV），不是 Excel 工作簿".to_string(),
        }),
        kind => read_workbook(kind, bytes),
    }
}

/// Reads a workbook whose kind [`sniff`] already established.
pub(crate) fn read_workbook(kind: Kind, bytes: &[u8]) -> Result<Sheet, TabularError> {
    let raw = match kind {
        Kind::Xlsx => {
            let (raw, unresolved) = read_xlsx_stream(bytes)?;
            if let Some((row, col)) = unresolved {
                return Err(TabularError::FormulaWithoutValue {
                    row: row as usize + 1,
                    column: column_name(&raw, col as usize),
                });
            }
            raw
        }
        Kind::Xlsb => {
            let mut wb: Xlsb<_> = Xlsb::new(Cursor::new(bytes)).map_err(bad)?;
            first_range(&mut wb).and_then(range_rows)?
        }
        Kind::Ods => {
            let mut wb: Ods<_> = Ods::new(Cursor::new(bytes)).map_err(bad)?;
            first_range(&mut wb).and_then(range_rows)?
        }
        Kind::Xls => {
            let mut wb: Xls<_> = Xls::new(Cursor::new(bytes)).map_err(|e| match e {
                XlsError::Password => TabularError::Encrypted,
                e => TabularError::BadXlsx {
                    detail: format!("无法读取这个旧版 .xls 文件（技术信息：{e}）"),
                },
            })?;
            first_range(&mut wb).and_then(range_rows)?
        }
        Kind::Text => {
            return Err(TabularError::BadXlsx {
                detail: "内容是纯文字，不是 Excel 工作簿".to_string(),
            })
        }
    };
    build_sheet(raw)
}

fn bad(e: impl std::fmt::Display) -> TabularError {
    TabularError::BadXlsx {
        detail: format!("无法读取工作簿内容（技术信息：{e}）"),
    }
}

/// The first visible worksheet, else the first worksheet.
fn first_sheet_name(meta: &[calamine::Sheet]) -> Result<String, TabularError> {
    let worksheets = || meta.iter().filter(|s| s.typ == SheetType::WorkSheet);
    worksheets()
        .find(|s| s.visible == SheetVisible::Visible)
        .or_else(|| worksheets().next())
        .map(|s| s.name.clone())
        .ok_or(TabularError::NoContent)
}

fn first_range<R, RS>(wb: &mut R) -> Result<Range<Data>, TabularError>
where
    R: Reader<RS>,
    RS: std::io::Read + std::io::Seek,
    R::Error: std::fmt::Display,
{
    let name = first_sheet_name(wb.sheets_metadata())?;
    wb.worksheet_range(&name).map_err(bad)
}

fn too_many_rows() -> TabularError {
    TabularError::TooLarge {
        detail: format!("数据超过 {MAX_DATA_ROWS} 行"),
    }
}

fn too_many_cells() -> TabularError {
    TabularError::TooLarge {
        detail: format!("单元格超过 {MAX_CELLS} 个"),
    }
}

/// Collects non-empty cells into rows, enforcing the limits as it goes.
#[derive(Default)]
struct Collector {
    rows: BTreeMap<u32, Vec<(usize, String)>>,
    cells: usize,
}

impl Collector {
    fn push(&mut self, row: u32, col: u32, text: &str) -> Result<(), TabularError> {
        let text = normalize_cell(text);
        if text.is_empty() {
            return Ok(());
        }
        self.cells += 1;
        if self.cells > MAX_CELLS {
            return Err(too_many_cells());
        }
        self.rows.entry(row).or_default().push((col as usize, text));
        if self.rows.len() > MAX_DATA_ROWS + 2 {
            return Err(too_many_rows());
        }
        Ok(())
    }

    fn finish(self) -> Vec<RawRow> {
        self.rows
            .into_iter()
            .map(|(row, mut cells)| {
                cells.sort_by_key(|(col, _)| *col);
                cells.dedup_by_key(|(col, _)| *col);
                RawRow {
                    row: row as usize + 1,
                    cells,
                }
            })
            .collect()
    }
}

/// The cells of the first sheet, and the first formula cell (row, column, 0-based) that has no
/// cached result: a file written by a program that does not calculate (a script, some online
/// converters) holds the formula only, and reading it as empty would blame the clerk for leaving
/// a cell blank that is not.
type Streamed = (Vec<RawRow>, Option<(u32, u32)>);

fn read_xlsx_stream(bytes: &[u8]) -> Result<Streamed, TabularError> {
    let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|e| match e {
        XlsxError::Password => TabularError::Encrypted,
        e => bad(e),
    })?;
    let name = first_sheet_name(wb.sheets_metadata())?;
    let mut reader = wb.worksheet_cells_reader(&name).map_err(bad)?;
    let mut collector = Collector::default();
    let mut unresolved = None;
    while let Some(cell) = reader.next_cell_with_formula_metadata().map_err(bad)? {
        let (row, col) = cell.pos;
        // A formula whose result is the empty text has `<v></v>` (an empty string), not nothing.
        if cell.formula.is_some() && matches!(cell.value, DataRef::Empty) && unresolved.is_none() {
            unresolved = Some((row, col));
        }
        collector.push(row, col, &data_ref_text(&cell.value))?;
    }
    Ok((collector.finish(), unresolved))
}

fn range_rows(range: Range<Data>) -> Result<Vec<RawRow>, TabularError> {
    let (row0, col0) = range.start().unwrap_or((0, 0));
    let mut collector = Collector::default();
    for (r, c, v) in range.used_cells() {
        let row = row0.saturating_add(u32::try_from(r).unwrap_or(u32::MAX));
        let col = col0.saturating_add(u32::try_from(c).unwrap_or(u32::MAX));
        collector.push(row, col, &data_text(v))?;
    }
    Ok(collector.finish())
}
