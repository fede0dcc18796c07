//! Receipt books from the 经管站: registering, issuing to a collector, returning, and the state
//! of every serial (unused, issued, void, lost) derived from append-only rows.

use super::types::{BookInput, ReceiptBook, SerialRow, SerialState};
use super::{fen, staff_with_role, wire};
use crate::registry::IdArgs;
use crate::{CoreError, Ctx};
use chrono::NaiveDate;
use cw_domain::enums::Role;
use cw_domain::{text, DomainError};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Deserialize;

struct Head {
    id: i64,
    book_no: String,
    first: i64,
    last: i64,
    received_on: String,
    source: String,
}

/// Who holds a book (id, name) and when it was handed back, if it was.
type Holder = (Option<(i64, String)>, Option<String>);

/// The collector holding a book now, if any, and when it was handed back (if it was).
fn holder(conn: &Connection, book_id: i64) -> Result<Holder, CoreError> {
    let last: Option<(String, i64, String, String)> = conn
        .query_row(
            "SELECT e.kind, e.staff_id, s.name, e.on_date FROM receipt_book_events e JOIN staff s ON s.id = e.staff_id
             WHERE e.book_id = ?1 ORDER BY e.id DESC LIMIT 1",
            [book_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?;
    Ok(match last {
        Some((kind, id, name, _)) if kind == "发放" => (Some((id, name)), None),
        Some((_, _, _, on)) => (None, Some(on)),
        None => (None, None),
    })
}

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

fn head(conn: &Connection, id: i64) -> Result<Head, CoreError> {
    conn.query_row(
        "SELECT id, book_no, first_serial, last_serial, received_on, source FROM receipt_books WHERE id = ?1",
        [id],
        |r| {
            Ok(Head {
                id: r.get(0)?,
                book_no: r.get(1)?,
                first: r.get(2)?,
                last: r.get(3)?,
                received_on: r.get(4)?,
                source: r.get(5)?,
            })
        },
    )
    .optional()?
    .ok_or(CoreError::NotFound { what: "收据本", id })
}

/// A book with its holder and counts.
pub fn load(conn: &Connection, id: i64) -> Result<ReceiptBook, CoreError> {
    let h = head(conn, id)?;
    let serials = serial_rows(conn, id)?;
    let count = |st: SerialState| serials.iter().filter(|s| s.state == st).count() as i64;
    let (holder, returned_on) = holder(conn, id)?;
    let total: i64 = conn.query_row(
        "SELECT coalesce(sum(amount_fen), 0) FROM receipts r WHERE book_id = ?1
         AND NOT EXISTS (SELECT 1 FROM receipt_voids v WHERE v.receipt_id = r.id)",
        [id],
        |r| r.get(0),
    )?;
    let used: Vec<i64> = serials
        .iter()
        .filter(|s| s.receipt_id.is_some())
        .map(|s| s.serial)
        .collect();
    Ok(ReceiptBook {
        id: h.id,
        book_no: h.book_no,
        first_serial: h.first,
        last_serial: h.last,
        received_on: h.received_on,
        source: h.source,
        holder_id: holder.as_ref().map(|(i, _)| *i),
        holder_name: holder.map(|(_, n)| n),
        returned: returned_on.is_some(),
        returned_on,
        issued: count(SerialState::Issued),
        void: count(SerialState::Void),
        lost: count(SerialState::Lost),
        unused: count(SerialState::Unused),
        next_serial: serials
            .iter()
            .find(|s| s.state == SerialState::Unused)
            .map(|s| s.serial),
        total: wire(total),
        first_used: used.first().copied(),
        last_used: used.last().copied(),
    })
}

/// Every book, by book number.
pub fn list(ctx: &Ctx<'_>, _a: serde_json::Value) -> Result<Vec<ReceiptBook>, CoreError> {
    let ids: Vec<i64> = ctx
        .conn
        .prepare("SELECT id FROM receipt_books ORDER BY book_no, id")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    ids.into_iter().map(|id| load(ctx.conn, id)).collect()
}

/// One book.
pub fn get(ctx: &Ctx<'_>, a: IdArgs) -> Result<ReceiptBook, CoreError> {
    load(ctx.conn, a.id)
}

/// The serials of one book.
pub fn serials(ctx: &Ctx<'_>, a: IdArgs) -> Result<Vec<SerialRow>, CoreError> {
    serial_rows(ctx.conn, a.id)
}

fn add_event(
    ctx: &Ctx<'_>,
    book_id: i64,
    kind: &str,
    staff_id: i64,
    on: NaiveDate,
    note: &str,
) -> Result<(), CoreError> {
    ctx.conn.execute(
        "INSERT INTO receipt_book_events (book_id, kind, staff_id, on_date, note, at, by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![book_id, kind, staff_id, on.to_string(), note, ctx.now_text(), ctx.actor],
    )?;
    Ok(())
}

/// Registers a book received from the 经管站, optionally issuing it to a collector at once.
pub fn register(ctx: &Ctx<'_>, i: BookInput) -> Result<ReceiptBook, CoreError> {
    let book_no = text::limited("本号", &text::required("本号", &i.book_no)?, 20)?;
    if i.first_serial <= 0 {
        return Err(DomainError::invalid("起始号", "起始号须为正整数").into());
    }
    if i.last_serial < i.first_serial {
        return Err(DomainError::invalid("终止号", "终止号不能小于起始号").into());
    }
    if i.last_serial - i.first_serial >= 1000 {
        return Err(DomainError::invalid("终止号", "一本收据不超过 1000 号").into());
    }
    let same: Option<String> = ctx
        .conn
        .query_row(
            "SELECT book_no FROM receipt_books WHERE book_no = ?1
               OR (first_serial <= ?3 AND last_serial >= ?2) LIMIT 1",
            params![book_no, i.first_serial, i.last_serial],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(other) = same {
        return Err(CoreError::Conflict(format!(
            "本号或号段与收据本「{other}」重复"
        )));
    }
    ctx.conn.execute(
        "INSERT INTO receipt_books (book_no, first_serial, last_serial, received_on, source, created_at, created_by)
         VALUES (?1, ?2, ?3, ?4, '经管站', ?5, ?6)",
        params![book_no, i.first_serial, i.last_serial, i.received_on.to_string(), ctx.now_text(), ctx.actor],
    )?;
    let id = ctx.conn.last_insert_rowid();
    if let Some(c) = i.collector_id {
        staff_with_role(ctx.conn, "领用人", c, Role::Collector)?;
        add_event(ctx, id, "发放", c, i.received_on, "")?;
    }
    let b = load(ctx.conn, id)?;
    ctx.audit::<(), _>("receipt_books", Some(id), None, Some(&b))?;
    Ok(b)
}

/// Arguments of [`issue`] and [`hand_back`].
#[derive(Debug, Deserialize)]
pub struct BookEventArgs {
    pub book_id: i64,
    /// The collector receiving the book (for issuing).
    #[serde(default)]
    pub collector_id: Option<i64>,
    pub on_date: NaiveDate,
    #[serde(default)]
    pub note: String,
}

/// Issues a book to a collector; a book held by someone must be handed back first.
pub fn issue(ctx: &Ctx<'_>, a: BookEventArgs) -> Result<ReceiptBook, CoreError> {
    let before = load(ctx.conn, a.book_id)?;
    let collector = a
        .collector_id
        .ok_or(DomainError::Required { field: "领用人" })?;
    staff_with_role(ctx.conn, "领用人", collector, Role::Collector)?;
    if let Some(n) = &before.holder_name {
        return Err(CoreError::Conflict(format!(
            "收据本「{}」在{n}手中，须先交回",
            before.book_no
        )));
    }
    if before.unused == 0 {
        return Err(CoreError::Conflict(format!(
            "收据本「{}」已用完",
            before.book_no
        )));
    }
    add_event(ctx, a.book_id, "发放", collector, a.on_date, &a.note)?;
    let after = load(ctx.conn, a.book_id)?;
    ctx.audit(
        "receipt_books",
        Some(a.book_id),
        Some(&before),
        Some(&after),
    )?;
    Ok(after)
}

/// Checks a book back in from its collector.
pub fn hand_back(ctx: &Ctx<'_>, a: BookEventArgs) -> Result<ReceiptBook, CoreError> {
    let before = load(ctx.conn, a.book_id)?;
    let holder = before.holder_id.ok_or_else(|| {
        CoreError::Conflict(format!("收据本「{}」不在收费人员手中", before.book_no))
    })?;
    add_event(ctx, a.book_id, "交回", holder, a.on_date, &a.note)?;
    let after = load(ctx.conn, a.book_id)?;
    ctx.audit(
        "receipt_books",
        Some(a.book_id),
        Some(&before),
        Some(&after),
    )?;
    Ok(after)
}

/// Arguments of [`mark`].
#[derive(Debug, Deserialize)]
pub struct MarkArgs {
    pub book_id: i64,
    pub serial: i64,
    /// 作废 or 遗失.
    pub kind: String,
    pub reason: String,
    /// For a lost serial: what the book's holder owes for it (the 经管站's charge), if anything.
    #[serde(default)]
    pub compensation: Option<String>,
}

/// Marks unused serials void or lost, inside the caller's transaction (no audit of its own).
pub(crate) fn mark_serials(
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
        super::compensations::record(ctx, staff_id, None, amount, &why)?;
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

/// The book a collector's next receipt comes from: the given one if they hold it, else the
/// held book with the lowest serials that still has unused serials.
pub fn book_for(
    conn: &Connection,
    collector_id: i64,
    wanted: Option<i64>,
) -> Result<ReceiptBook, CoreError> {
    let ids: Vec<i64> = conn
        .prepare("SELECT id FROM receipt_books ORDER BY first_serial")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    for id in ids {
        if wanted.is_some_and(|w| w != id) {
            continue;
        }
        let (h, _) = holder(conn, id)?;
        if h.map(|(i, _)| i) != Some(collector_id) {
            continue;
        }
        let b = load(conn, id)?;
        if b.unused > 0 {
            return Ok(b);
        }
        if wanted.is_some() {
            return Err(CoreError::Conflict(format!(
                "收据本「{}」已用完",
                b.book_no
            )));
        }
    }
    Err(CoreError::Conflict(
        "该收费人员手中没有可用的收据本，请先发放收据本".into(),
    ))
}
