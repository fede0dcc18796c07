//! Reading a column so that a value the program does not know names where it is: the table, the
//! column and the value, e.g. 「数据表 staff 的 status 列有无法识别的值「xyz」」.
//!
//! The helpers return rusqlite's error, so they work inside a row closure (`query_map`,
//! `query_row`); the error converts to [`StoreError::BadValue`] like any other SQLite error.

use crate::StoreError;
use rusqlite::types::{FromSql, ValueRef};
use rusqlite::Row;

/// A column value that did not convert to what the program reads it as.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("数据表 {table} 的 {column} 列有无法识别的值「{value}」")]
pub struct BadColumn {
    /// The table the row was read from, e.g. `staff`.
    pub table: String,
    /// The column, e.g. `status`.
    pub column: String,
    /// The value as stored, shown for the clerk (`NULL`, a number, the text).
    pub value: String,
}

impl From<BadColumn> for StoreError {
    fn from(b: BadColumn) -> Self {
        StoreError::BadValue {
            table: b.table,
            column: b.column,
            value: b.value,
        }
    }
}

/// Column `column` of `row` (selected under that name), as a `T`; a value that is not one
/// fails with a [`BadColumn`] naming `table`, `column` and the value.
pub fn column<T: FromSql>(row: &Row<'_>, table: &str, column: &str) -> rusqlite::Result<T> {
    let at = row.as_ref().column_index(column)?;
    column_at(row, at, table, column)
}

/// Like [`column`], for a column found by its place in the row (an expression, an alias).
pub fn column_at<T: FromSql>(
    row: &Row<'_>,
    at: usize,
    table: &str,
    column: &str,
) -> rusqlite::Result<T> {
    let e = match row.get::<_, T>(at) {
        Ok(v) => return Ok(v),
        Err(e) => e,
    };
    let unconverted = matches!(
        e,
        rusqlite::Error::FromSqlConversionFailure(..)
            | rusqlite::Error::InvalidColumnType(..)
            | rusqlite::Error::IntegralValueOutOfRange(..)
    );
    // Text that is not UTF-8 is damage, reported as such by the store's own conversion.
    if !unconverted || crate::error::is_bad_text(&e) {
        return Err(e);
    }
    let value = row.get_ref(at)?;
    Err(rusqlite::Error::FromSqlConversionFailure(
        at,
        value.data_type(),
        Box::new(BadColumn {
            table: table.to_string(),
            column: column.to_string(),
            value: shown(value),
        }),
    ))
}

/// A stored value as the clerk can read it in a message.
fn shown(value: ValueRef<'_>) -> String {
    match value {
        ValueRef::Null => "NULL".to_string(),
        ValueRef::Integer(i) => i.to_string(),
        ValueRef::Real(f) => f.to_string(),
        ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned(),
        ValueRef::Blob(b) => format!("{} 字节的二进制数据", b.len()),
    }
}

/// The [`BadColumn`] a conversion error carries, if it carries one.
pub(crate) fn bad_column(e: &rusqlite::Error) -> Option<&BadColumn> {
    match e {
        rusqlite::Error::FromSqlConversionFailure(_, _, inner) => inner.downcast_ref(),
        _ => None,
    }
}

#[cfg(test)]
mod tests;
