//! Fines 罚款, withholdings 扣发 and awards 奖励: recorded once, corrected only by a void (in the
//! fine's own open month) or a reversal (in a later open month), each with a reason.

//!
//! This module reads them; [`record`] checks and stores new ones, [`correct`] voids or
//! reverses one.

mod correct;
mod record;

pub use correct::{reverse, void, CorrectArgs};
pub(crate) use record::withheld_this_term;
pub use record::{create, create_batch, insert, BatchArgs, Links};

use super::wire;
use cw_domain::assessment::{parse_month, Correction, CorrectionKind, Fine, FineQuery, FineStatus};
use cw_domain::registry::Page;
use cw_kernel::sql::{paging, Filter};
use cw_kernel::{CoreError, Ctx};
use cw_store::sql::column_at;
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

const COLUMNS: &str = "f.id, f.kind, f.staff_id, s.name, f.item_code, f.category, f.offence, f.unit,
    f.unit_amount_fen, f.count, f.amount_fen, f.date, f.month, f.time, f.zone_id, z.name, f.observed,
    f.recorded_by, rb.name, f.inspection_id, f.minutes, f.created_at, f.created_by,
    c.id, c.kind, c.date, c.month, c.amount_fen, c.reason, c.created_at, c.created_by";

/// What the filters need: the fine and its correction (for the status).
const COUNT_FROM: &str = "fines f LEFT JOIN fine_corrections c ON c.fine_id = f.id";

const FROM: &str = "fines f JOIN staff s ON s.id = f.staff_id
    LEFT JOIN zones z ON z.id = f.zone_id
    LEFT JOIN staff rb ON rb.id = f.recorded_by
    LEFT JOIN fine_corrections c ON c.fine_id = f.id";

/// A fine as stored with its correction, if any (which sets its status).
fn row_to_fine(r: &rusqlite::Row<'_>) -> rusqlite::Result<Fine> {
    let corr: Option<i64> = r.get(23)?;
    let correction = match corr {
        Some(id) => Some(Correction {
            id,
            // An unknown kind or unit is an error naming its column, never quietly some default.
            kind: column_at(r, 24, "fine_corrections", "kind")?,
            date: r.get(25)?,
            month: r.get(26)?,
            amount: wire(r.get(27)?),
            reason: r.get(28)?,
            created_at: r.get(29)?,
            created_by: r.get(30)?,
        }),
        None => None,
    };
    let status = match correction.as_ref().map(|c| c.kind) {
        None => FineStatus::Valid,
        Some(CorrectionKind::Void) => FineStatus::Voided,
        Some(CorrectionKind::Reversal) => FineStatus::Reversed,
    };
    Ok(Fine {
        id: r.get(0)?,
        kind: column_at(r, 1, "fines", "kind")?,
        staff_id: r.get(2)?,
        staff_name: r.get(3)?,
        item_code: r.get(4)?,
        category: r.get(5)?,
        offence: r.get(6)?,
        unit: column_at(r, 7, "fines", "unit")?,
        unit_amount: wire(r.get(8)?),
        count: r.get(9)?,
        amount: wire(r.get(10)?),
        date: r.get(11)?,
        month: r.get(12)?,
        time: r.get(13)?,
        zone_id: r.get(14)?,
        zone_name: r.get(15)?,
        observed: r.get(16)?,
        recorded_by: r.get(17)?,
        recorded_by_name: r.get(18)?,
        inspection_id: r.get(19)?,
        minutes: r.get(20)?,
        status,
        correction,
        created_at: r.get(21)?,
        created_by: r.get(22)?,
    })
}

/// One fine by id.
pub fn load(conn: &Connection, id: i64) -> Result<Fine, CoreError> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM {FROM} WHERE f.id = ?1"),
        [id],
        row_to_fine,
    )
    .optional()?
    .ok_or(CoreError::NotFound {
        what: "罚款记录",
        id,
    })
}

fn filter(q: &FineQuery) -> Result<Filter, CoreError> {
    let mut f = Filter::default();
    if let Some(m) = q.month.as_deref().map(str::trim).filter(|m| !m.is_empty()) {
        parse_month("月份", m)?;
        f.and("f.month = ?", [m.to_string().into()]);
    }
    f.eq_opt("f.staff_id", q.staff_id);
    f.eq_opt("f.zone_id", q.zone_id);
    f.eq_opt("f.inspection_id", q.inspection_id);
    if let Some(code) = q
        .item_code
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
    {
        f.and("f.item_code = ?", [code.to_string().into()]);
    }
    f.eq_opt("f.kind", q.kind.map(|k| k.label().to_string()));
    match q.status {
        Some(FineStatus::Valid) => f.and("c.id IS NULL", []),
        Some(FineStatus::Voided) => f.and("c.kind = '作废'", []),
        Some(FineStatus::Reversed) => f.and("c.kind = '冲销'", []),
        None => {}
    }
    Ok(f)
}

/// One page of fines with the footer's sums over every matching record (all pages).
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FinePage {
    pub page: Page<Fine>,
    /// What the matching records charge, yuan: fines and withholdings not voided. A reversed one
    /// counts (it was charged in its own month; its refund counts in the reversal's month), an
    /// award is not a charge and is summed apart, a voided one never counted.
    pub total_amount: String,
    /// Voided records among the matching ones, and their amount (left out of the total).
    pub voided_count: i64,
    pub voided_amount: String,
    /// Of the total, what was later reversed (refunded in a later month).
    pub reversed_amount: String,
    /// Awards among the matching records (not voided), yuan.
    pub awards_amount: String,
}

/// Fines matching the filters, newest first, one page of them.
pub fn list(ctx: &Ctx<'_>, q: FineQuery) -> Result<FinePage, CoreError> {
    let f = filter(&q)?;
    // Counted without the name joins: every fine has its worker (a foreign key), and a join
    // per row made the count of a million fines take a second. The correction is looked up by
    // its unique index: the footer must leave voided records out of the total.
    let sums: (i64, i64, i64, i64, i64, i64) = ctx.conn.query_row(
        &format!(
            "SELECT count(*),
               coalesce(sum(CASE WHEN f.kind <> '奖励' AND (c.kind IS NULL OR c.kind = '冲销') THEN f.amount_fen END), 0),
               coalesce(sum(CASE WHEN c.kind = '作废' THEN 1 ELSE 0 END), 0),
               coalesce(sum(CASE WHEN c.kind = '作废' THEN f.amount_fen END), 0),
               coalesce(sum(CASE WHEN f.kind <> '奖励' AND c.kind = '冲销' THEN f.amount_fen END), 0),
               coalesce(sum(CASE WHEN f.kind = '奖励' AND (c.kind IS NULL OR c.kind = '冲销') THEN f.amount_fen END), 0)
             FROM {COUNT_FROM}{}",
            f.sql()
        ),
        rusqlite::params_from_iter(f.params.iter()),
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)),
    )?;
    let (total, charged, voided_count, voided, reversed, awards) = sums;
    let (page, size, offset) = paging(q.page, q.page_size);
    let mut stmt = ctx.conn.prepare(&format!(
        "SELECT {COLUMNS} FROM {FROM}{} ORDER BY f.date DESC, f.time DESC, f.id DESC LIMIT {size} OFFSET {offset}",
        f.sql()
    ))?;
    let rows = stmt.query_map(rusqlite::params_from_iter(f.params.iter()), row_to_fine)?;
    let items = rows.collect::<Result<Vec<_>, _>>()?;
    Ok(FinePage {
        page: Page {
            items,
            total,
            page,
            page_size: size,
        },
        total_amount: wire(charged),
        voided_count,
        voided_amount: wire(voided),
        reversed_amount: wire(reversed),
        awards_amount: wire(awards),
    })
}

/// Arguments naming one record.
#[derive(Debug, Deserialize, TS)]
#[ts(export, optional_fields = nullable)]
pub struct FineId {
    pub id: i64,
}

/// One fine with its correction, if any.
pub fn get(ctx: &Ctx<'_>, a: FineId) -> Result<Fine, CoreError> {
    load(ctx.conn, a.id)
}
