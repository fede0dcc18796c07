//! A receipt's number as its QR code prints it (`HS01-0000123`: the book, a hyphen, the serial
//! in seven digits, as 本号 and No. read on the paper), and finding the receipt a scanner reads.

use crate::receipts;
use crate::types::Receipt;
use cw_domain::{text, DomainError};
use cw_kernel::{CoreError, Ctx};
use rusqlite::{params, OptionalExtension};
use serde::Deserialize;
use ts_rs::TS;

/// The number printed in a receipt's QR code.
pub fn number(book_no: &str, serial: i64) -> String {
    format!("{book_no}-{serial:07}")
}

/// The book and serial of a receipt number; the serial is after the last hyphen, since a
/// book's own number may hold hyphens.
fn parse(number: &str) -> Option<(&str, i64)> {
    let (book, serial) = number.rsplit_once('-')?;
    if book.is_empty() || serial.is_empty() || !serial.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some((book, serial.parse().ok()?))
}

/// Arguments of [`find`].
#[derive(Debug, Deserialize, TS)]
#[ts(export, rename = "ReceiptNumberArgs")]
pub struct FindArgs {
    /// A receipt number as its QR code holds it, e.g. HS01-0000123.
    pub number: String,
}

/// The receipt with this number (a scanner's reading of its QR code, or the clerk's typing).
pub fn find(ctx: &Ctx<'_>, a: FindArgs) -> Result<Receipt, CoreError> {
    let q = text::required("收据号", a.number.trim())?;
    let (book, serial) = parse(&q)
        .ok_or_else(|| DomainError::invalid("收据号", "应为「本号-号码」，如 HS01-0000123"))?;
    let id: Option<i64> = ctx
        .conn
        .query_row(
            "SELECT r.id FROM receipts r JOIN receipt_books b ON b.id = r.book_id
             WHERE b.book_no = ?1 AND r.serial = ?2",
            params![book, serial],
            |r| r.get(0),
        )
        .optional()?;
    match id {
        Some(id) => receipts::load(ctx.conn, id),
        None => Err(CoreError::Conflict(format!("没有收据号为「{q}」的收据"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_number_reads_back_as_its_book_and_serial() {
        assert_eq!(number("HS01", 123), "HS01-0000123");
        assert_eq!(parse("HS01-0000123"), Some(("HS01", 123)));
        assert_eq!(parse("2026-A-0000007"), Some(("2026-A", 7)));
        assert_eq!(parse("HS01"), None);
        assert_eq!(parse("HS01-"), None);
        assert_eq!(parse("-0000123"), None);
        assert_eq!(parse("HS01-12a"), None);
    }
}
