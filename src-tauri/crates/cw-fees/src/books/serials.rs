//! The serials of a receipt book: the state of each (unused, issued, void, lost) derived from
//! the append-only receipts and marks, and marking unused ones void or lost.

use super::{holder, load};
use crate::fen;
use crate::types::{ReceiptBook, SerialRow, SerialState};
use cw_domain::{text, DomainError};
use cw_kernel::IdArgs;
use cw_kernel::{CoreError, Ctx};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Deserialize;
use ts_rs::TS;

/// Every serial of a book with its state.
pub fn serial_rows(conn: &Connection, book_id: i64) -> Result<Vec<SerialRow>, CoreError> {
    let (first, last): (i64, i64) = conn
        .query_row(
            "SELECT first_serial, last_serial FROM receipt_books WHERE id = ?1",
            [book_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?
        .ok_or(CoreError::NotFound {
            what: "收据本",
            id: book_id,
        })?;
    let mut rows: Vec<SerialRow> = (first..=last)
        .map(|serial| SerialRow {
            serial,
            state: SerialState::Unused,
            receipt_id: None,
            reason: String::new(),
        })
        .collect();
    let mut stmt = conn.prepare_cached(
        "SELECT r.serial, r.id, v.reason FROM receipts r LEFT JOIN receipt_voids v ON v.receipt_id = r.id
         WHERE r.book_id = ?1",
    )?;
    for row in stmt.query_map([book_id], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, Option<String>>(2)?,
        ))
    })? {
        let (serial, id, void) = row?;
        if let Some(s) = rows.get_mut((serial - first) as usize) {
            s.receipt_id = Some(id);
            s.state = if void.is_some() {
                SerialState::Void
            } else {
                SerialState::Issued
            };
            s.reason = void.unwrap_or_default();
        }
    }
    let mut stmt = conn.prepare_cached(
        "SELECT serial, kind, reason FROM receipt_serial_marks WHERE book_id = ?1",
    )?;
    for row in stmt.query_map([book_id], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
        ))
    })? {
        let (serial, kind, reason) = row?;
        if let Some(s) = rows.get_mut((serial - first) as usize) {
            s.state = if kind == "遗失" {
                SerialState::Lost
            } else {
                SerialState::Void
            };
            s.reason = reason;
        }
    }
    Ok(rows)
}

/// The serials of one book.
pub fn serials(ctx: &Ctx<'_>, a: IdArgs) -> Result<Vec<SerialRow>, CoreError> {
    serial_rows(ctx.conn, a.id)
}

/// Arguments of [`mark`].
#[derive(Debug, Deserialize, TS)]
#[ts(export, optional_fields = nullable)]
pub struct MarkArgs {
    pub book_id: i64,
    pub serial: i64,
    /// 作废 or 遗失.
    pub kind: String,
    pub reason: String,
    /// For a lost serial: what the book's holder owes for it (the 经管站's charge), if anything.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub compensation: Option<String>,
}

/// Marks unused serials void or lost, inside the caller's transaction (no audit of its own).
pub fn mark_serials(
    ctx: &Ctx<'_>,
    book_id: i64,
    serials: &[i64],
    kind: &str,
    reason: &str,
) -> Result<(), CoreError> {
    let rows = serial_rows(ctx.conn, book_id)?;
    for &serial in serials {
        match rows.iter().find(|r| r.serial == serial) {
            None => {
                return Err(
                    DomainError::invalid("号码", format!("{serial} 不在这本收据的号段内")).into(),
                )
            }
            Some(r) if r.state != SerialState::Unused => {
                return Err(CoreError::Conflict(format!(
                    "{serial} 号已是「{}」",
                    state_label(r.state)
                )))
            }
            Some(_) => {}
        }
        ctx.conn.execute(
            "INSERT INTO receipt_serial_marks (book_id, serial, kind, reason, at, by) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![book_id, serial, kind, reason, ctx.now_text(), ctx.actor],
        )?;
    }
    Ok(())
}

/// The Chinese word for a serial state.
pub fn state_label(s: SerialState) -> &'static str {
    match s {
        SerialState::Unused => "未用",
        SerialState::Issued => "已开",
        SerialState::Void => "作废",
        SerialState::Lost => "遗失",
    }
}

/// Marks one unused serial 作废 (spoilt blank) or 遗失 (lost; the collector compensates).
pub fn mark(ctx: &Ctx<'_>, a: MarkArgs) -> Result<ReceiptBook, CoreError> {
    if a.kind != "作废" && a.kind != "遗失" {
        return Err(DomainError::invalid("处理方式", "只能是作废或遗失").into());
    }
    let reason = text::limited("原因", &text::required("原因", &a.reason)?, 100)?;
    let owed = match a.compensation.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(_) if a.kind != "遗失" => {
            return Err(DomainError::invalid("赔偿金额", "只有遗失的号码才由收费人员赔偿").into())
        }
        Some(t) => match fen("赔偿金额", t)? {
            f if f > 0 => Some(f),
            _ => return Err(DomainError::invalid("赔偿金额", "必须大于零").into()),
        },
    };
    let before = load(ctx.conn, a.book_id)?;
    mark_serials(ctx, a.book_id, &[a.serial], &a.kind, &reason)?;
    if let Some(amount) = owed {
        let (held, _) = holder(ctx.conn, a.book_id)?;
        let (staff_id, _) = held.ok_or_else(|| {
            CoreError::Conflict(format!(
                "收据本「{}」不在收费人员手中，遗失的号码无人赔偿；请先登记发放",
                before.book_no
            ))
        })?;
        let why = format!(
            "收据本「{}」第 {} 号遗失：{reason}",
            before.book_no, a.serial
        );
        crate::compensations::record(ctx, staff_id, None, "遗失", amount, &why)?;
    }
    let after = load(ctx.conn, a.book_id)?;
    ctx.audit(
        "receipt_serial_marks",
        Some(a.book_id),
        Some(&before),
        Some(&serde_json::json!({ "serial": a.serial, "kind": a.kind, "reason": reason, "book": after })),
    )?;
    Ok(after)
}
