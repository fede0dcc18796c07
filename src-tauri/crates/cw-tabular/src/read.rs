//! The import entry point: decides between spreadsheet and text by content, using the file
//! name only to word the error when the two disagree.

use crate::csv_read::read_csv;
use crate::error::TabularError;
use crate::grid::Sheet;
use crate::limits::MAX_FILE_BYTES;
use crate::sniff::{sniff, Kind};
use crate::xlsx_read::read_workbook;

/// Extensions that promise a spreadsheet workbook.
const WORKBOOK_EXTENSIONS: [&str; 6] = ["xlsx", "xlsm", "xls", "xlsb", "ods", "et"];

/// Reads .xlsx (first visible worksheet; also .xls/.xlsb/.ods) or .csv/.txt.
///
/// The content decides, not the name: an .xlsx renamed to .csv (or the reverse) is read for
/// what it is. The name is only used to explain a file whose content matches nothing.
pub fn read_table(file_name: &str, bytes: &[u8]) -> Result<Sheet, TabularError> {
    if bytes.is_empty() {
        return Err(TabularError::EmptyFile);
    }
    if bytes.len() > MAX_FILE_BYTES {
        return Err(TabularError::TooLarge {
            detail: format!("文件有 {} MB", bytes.len() / 1024 / 1024),
        });
    }
    let ext = file_name
        .rsplit_once('.')
        .map(|(_, e)| e.trim().to_ascii_lowercase())
        .unwrap_or_default();
    match sniff(bytes)? {
        Kind::Text => read_csv(bytes).map_err(|e| match e {
            TabularError::Encoding { .. } if WORKBOOK_EXTENSIONS.contains(&ext.as_str()) => {
                TabularError::NotATable {
                    what: format!("文件名是 .{ext}，但内容既不是 Excel 工作簿，也不是文字表格"),
                }
            }
            other => other,
        }),
        kind => read_workbook(kind, bytes),
    }
}
