//! Tabular files: reading .xlsx/.csv (UTF-8 or GBK) for import, writing .xlsx and CSV for export.
//!
//! Import turns whatever bytes the clerk picked into a clean [`Sheet`]: a header row and trimmed
//! data rows numbered as Excel shows them. Every failure is a [`TabularError`] whose `Display`
//! is a Chinese sentence telling the clerk what to do, and whose [`TabularError::code`] is a
//! stable machine code for the rest of the app.
//!
//! Export writes [`XlsxSheet`]s to an .xlsx (bold frozen header, autofilter, CJK-aware widths,
//! text kept as text) and plain grids to a UTF-8-with-BOM CSV that Chinese Excel opens correctly.

mod csv_read;
mod csv_write;
mod decode;
mod error;
mod excel_value;
mod grid;
pub mod limits;
mod read;
mod sheet_name;
mod sniff;
mod width;
mod xlsx_read;
mod xlsx_write;

pub use csv_read::read_csv;
pub use csv_write::{guard_formula, write_csv};
pub use error::TabularError;
pub use grid::{normalize_cell, Sheet, SheetRow};
pub use read::read_table;
pub use width::display_width;
pub use xlsx_read::read_xlsx;
pub use xlsx_write::{write_xlsx, write_xlsx_read_only, Cell, XlsxSheet};
