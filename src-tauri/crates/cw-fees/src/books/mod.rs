//! Receipt books from the 经管站: registering, issuing to a collector, returning, and the state
//! of every serial (unused, issued, void, lost) derived from append-only rows.

mod serials;

pub use serials::{mark, mark_serials, serial_rows, serials, state_label, MarkArgs};

use super::types::{BookInput, ReceiptBook};
use super::{staff_with_role, wire};
use chrono::NaiveDate;
use cw_domain::enums::Role;
use cw_domain::registry::Page;
use cw_domain::{text, DomainError};
use cw_kernel::sql::{contains_pattern, paging, Filter};
use cw_kernel::IdArgs;
use cw_kernel::{CoreError, Ctx};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Who holds a book (id, name) and when it was handed back, if it was.
type Holder = (Option<(i64, String)>, Option<String>);

/// The collector holding a book now, if any, and when it was handed back (if it was).
pub(crate) fn holder(conn: &Connection, book_id: i64) -> Result<Holder, CoreError> {
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

/// The columns of a book with its state (migration 0009's `receipt_book_state`, kept by triggers).
const BOOK_SELECT: &str = "SELECT b.id, b.book_no, b.first_serial, b.last_serial, b.received_on, b.source,
    s.holder_id, st.name, s.returned_on, s.receipt_count, s.voided, s.void_marks, s.lost_marks, s.total_fen,
    s.first_used, s.last_used, b.form_id, (SELECT f.name FROM receipt_forms f WHERE f.id = b.form_id)
  FROM receipt_books b JOIN receipt_book_state s ON s.book_id = b.id LEFT JOIN staff st ON st.id = s.holder_id";

/// A book row before its next serial is known.
fn book_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<ReceiptBook> {
    let (first, last): (i64, i64) = (r.get(2)?, r.get(3)?);
    let (receipts, voided, void_marks, lost_marks): (i64, i64, i64, i64) =
        (r.get(9)?, r.get(10)?, r.get(11)?, r.get(12)?);
    let returned_on: Option<String> = r.get(8)?;
    Ok(ReceiptBook {
        id: r.get(0)?,
        book_no: r.get(1)?,
        first_serial: first,
        last_serial: last,
        received_on: r.get(4)?,
        source: r.get(5)?,
        holder_id: r.get(6)?,
        holder_name: r.get(7)?,
        returned: returned_on.is_some(),
        returned_on,
        issued: receipts - voided,
        void: voided + void_marks,
        lost: lost_marks,
        unused: last - first + 1 - receipts - void_marks - lost_marks,
        next_serial: None,
        total: wire(r.get(13)?),
        first_used: r.get(14)?,
        last_used: r.get(15)?,
        form_id: r.get(16)?,
        form_name: r.get::<_, Option<String>>(17)?.unwrap_or_default(),
    })
}

/// The lowest serial of a book that is neither a receipt nor a mark. Used serials are nearly
/// always a run from the first (a skip marks the skipped ones): then the highest used serial
/// tells it in two index lookups; only a book with a hole is read serial by serial.
fn next_free(conn: &Connection, b: &ReceiptBook) -> Result<Option<i64>, CoreError> {
    if b.unused <= 0 {
        return Ok(None);
    }
    let used = b.last_serial - b.first_serial + 1 - b.unused;
    if used == 0 {
        return Ok(Some(b.first_serial));
    }
    let top: Option<i64> = conn
        .prepare_cached(
            "SELECT max(m) FROM (SELECT max(serial) AS m FROM receipts WHERE book_id = ?1
               UNION ALL SELECT max(serial) FROM receipt_serial_marks WHERE book_id = ?1)",
        )?
        .query_row([b.id], |r| r.get(0))?;
    if top == Some(b.first_serial + used - 1) {
        return Ok(Some(b.first_serial + used));
    }
    let mut stmt = conn.prepare_cached(
        "SELECT serial FROM receipts WHERE book_id = ?1
         UNION SELECT serial FROM receipt_serial_marks WHERE book_id = ?1 ORDER BY 1",
    )?;
    let mut expect = b.first_serial;
    let mut rows = stmt.query([b.id])?;
    while let Some(r) = rows.next()? {
        let s: i64 = r.get(0)?;
        if s > expect {
            break;
        }
        expect = s + 1;
    }
    Ok((expect <= b.last_serial).then_some(expect))
}

/// Books matching a WHERE clause, with their next serials.
fn books_where(
    conn: &Connection,
    tail: &str,
    params: &[rusqlite::types::Value],
) -> Result<Vec<ReceiptBook>, CoreError> {
    let mut stmt = conn.prepare_cached(&format!("{BOOK_SELECT} {tail}"))?;
    let mut books: Vec<ReceiptBook> = stmt
        .query_map(rusqlite::params_from_iter(params.iter()), book_row)?
        .collect::<Result<_, _>>()?;
    for b in &mut books {
        b.next_serial = next_free(conn, b)?;
    }
    Ok(books)
}

/// A book with its holder and counts.
pub fn load(conn: &Connection, id: i64) -> Result<ReceiptBook, CoreError> {
    books_where(conn, "WHERE b.id = ?1", &[id.into()])?
        .pop()
        .ok_or(CoreError::NotFound {
            what: "收据本", id
        })
}

/// Filters and page of the books screen.
#[derive(Debug, Clone, Default, Deserialize, Serialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct BookQuery {
    /// Part of the book number.
    #[ts(optional = nullable)]
    pub q: String,
    /// Books held by this collector.
    #[ts(optional = nullable)]
    pub holder_id: Option<i64>,
    /// 在用 (held, with unused serials), 可发放 (in the office, with unused serials), 已用完,
    /// 已交回; none: every book.
    #[ts(optional = nullable)]
    pub status: Option<String>,
    #[ts(optional = nullable)]
    pub page: Option<i64>,
    #[ts(optional = nullable)]
    pub page_size: Option<i64>,
}

/// The filter of a books query, on `b` (receipt_books) and `s` (receipt_book_state).
fn book_filter(q: &BookQuery) -> Result<Filter, CoreError> {
    let mut f = Filter::default();
    f.eq_opt("s.holder_id", q.holder_id);
    if !q.q.trim().is_empty() {
        f.and(
            "b.book_no LIKE ? ESCAPE '\\'",
            [contains_pattern(&q.q).into()],
        );
    }
    const LEFT: &str =
        "s.receipt_count + s.void_marks + s.lost_marks < b.last_serial - b.first_serial + 1";
    match q.status.as_deref().map(str::trim) {
        None | Some("") => {}
        Some("在用") => f.and(&format!("s.holder_id IS NOT NULL AND {LEFT}"), []),
        Some("可发放") => f.and(&format!("s.holder_id IS NULL AND {LEFT}"), []),
        Some("已用完") => f.and(&format!("NOT ({LEFT})"), []),
        Some("已交回") => f.and("s.returned_on IS NOT NULL", []),
        Some(other) => {
            return Err(DomainError::invalid(
                "状态",
                format!("「{other}」不是收据本状态（在用、可发放、已用完、已交回）"),
            )
            .into())
        }
    }
    Ok(f)
}

/// Books by book number, a page at a time (20 by default): at ten times the community there
/// are thousands of books, each counted from the state row, never from its receipts.
pub fn list(ctx: &Ctx<'_>, q: BookQuery) -> Result<Page<ReceiptBook>, CoreError> {
    let f = book_filter(&q)?;
    let (page, size, offset) = paging(q.page, q.page_size);
    let total: i64 = ctx.conn.query_row(
        &format!(
            "SELECT count(*) FROM receipt_books b JOIN receipt_book_state s ON s.book_id = b.id{}",
            f.sql()
        ),
        rusqlite::params_from_iter(f.params.iter()),
        |r| r.get(0),
    )?;
    let mut params = f.params.clone();
    params.push(size.into());
    params.push(offset.into());
    let items = books_where(
        ctx.conn,
        &format!("{} ORDER BY b.book_no, b.id LIMIT ? OFFSET ?", f.sql()),
        &params,
    )?;
    Ok(Page {
        items,
        total,
        page,
        page_size: size,
    })
}

/// Every book, by book number (the gap report).
pub fn all(conn: &Connection) -> Result<Vec<ReceiptBook>, CoreError> {
    books_where(conn, "ORDER BY b.book_no, b.id", &[])
}

/// One book.
pub fn get(ctx: &Ctx<'_>, a: IdArgs) -> Result<ReceiptBook, CoreError> {
    load(ctx.conn, a.id)
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
    let form_id = i.form_id.unwrap_or(super::forms::PLAIN_PAPER_ID);
    super::forms::require(ctx.conn, form_id)?;
    ctx.conn.execute(
        "INSERT INTO receipt_books (book_no, first_serial, last_serial, received_on, source, created_at, created_by, form_id)
         VALUES (?1, ?2, ?3, ?4, '经管站', ?5, ?6, ?7)",
        params![book_no, i.first_serial, i.last_serial, i.received_on.to_string(), ctx.now_text(), ctx.actor, form_id],
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
#[derive(Debug, Deserialize, TS)]
#[ts(export, optional_fields = nullable)]
pub struct BookEventArgs {
    pub book_id: i64,
    /// The collector receiving the book (for issuing).
    #[serde(default)]
    #[ts(optional = nullable)]
    pub collector_id: Option<i64>,
    pub on_date: NaiveDate,
    #[serde(default)]
    #[ts(optional = nullable)]
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

/// The book a collector's next receipt comes from: the given one if they hold it, else the
/// held book with the lowest serials that still has unused serials (found through the state
/// row's holder index, not by reading every book).
pub fn book_for(
    conn: &Connection,
    collector_id: i64,
    wanted: Option<i64>,
) -> Result<ReceiptBook, CoreError> {
    let none = || CoreError::Conflict("该收费人员手中没有可用的收据本，请先发放收据本".into());
    if let Some(w) = wanted {
        let b = books_where(
            conn,
            "WHERE b.id = ?1 AND s.holder_id = ?2",
            &[w.into(), collector_id.into()],
        )?
        .pop()
        .ok_or_else(none)?;
        if b.unused <= 0 {
            return Err(CoreError::Conflict(format!(
                "收据本「{}」已用完",
                b.book_no
            )));
        }
        return Ok(b);
    }
    books_where(
        conn,
        "WHERE s.holder_id = ?1
           AND s.receipt_count + s.void_marks + s.lost_marks < b.last_serial - b.first_serial + 1
         ORDER BY b.first_serial LIMIT 1",
        &[collector_id.into()],
    )?
    .pop()
    .ok_or_else(none)
}
