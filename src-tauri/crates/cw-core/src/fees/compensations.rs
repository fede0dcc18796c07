//! What collectors owe: cash shortages found at batch closing and lost receipts, listed one by
//! one and totalled per collector (the totals are summed in 分 here, never in the UI).

use super::types::{Compensation, CompensationTotal};
use super::wire;
use crate::{CoreError, Ctx};
use rusqlite::params;
use serde::Deserialize;

/// Records that `staff_id` owes `amount_fen` (a shortage of `batch_id`, or a lost receipt), with
/// its audit row, inside the caller's transaction.
pub(crate) fn record(
    ctx: &Ctx<'_>,
    staff_id: i64,
    batch_id: Option<i64>,
    amount_fen: i64,
    reason: &str,
) -> Result<(), CoreError> {
    ctx.conn.execute(
        "INSERT INTO collector_compensations (staff_id, batch_id, amount_fen, reason, at, by) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![staff_id, batch_id, amount_fen, reason, ctx.now_text(), ctx.actor],
    )?;
    let id = ctx.conn.last_insert_rowid();
    ctx.audit::<(), _>(
        "collector_compensations",
        Some(id),
        None,
        Some(&serde_json::json!({ "staff_id": staff_id, "batch_id": batch_id, "amount": wire(amount_fen), "reason": reason })),
    )?;
    Ok(())
}

/// Arguments of [`list`].
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct StaffArgs {
    pub staff_id: Option<i64>,
}

/// Every compensation owed, oldest first, optionally of one collector.
pub fn list(ctx: &Ctx<'_>, a: StaffArgs) -> Result<Vec<Compensation>, CoreError> {
    let mut stmt = ctx.conn.prepare(
        "SELECT c.id, c.staff_id, s.name, c.batch_id, c.amount_fen, c.reason, c.at
         FROM collector_compensations c JOIN staff s ON s.id = c.staff_id
         WHERE ?1 IS NULL OR c.staff_id = ?1 ORDER BY c.id",
    )?;
    let rows = stmt.query_map([a.staff_id], |r| {
        Ok(Compensation {
            id: r.get(0)?,
            staff_id: r.get(1)?,
            staff_name: r.get(2)?,
            batch_id: r.get(3)?,
            amount: wire(r.get(4)?),
            reason: r.get(5)?,
            at: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The total owed by each collector with any compensation, largest first.
pub fn totals(ctx: &Ctx<'_>, _a: serde_json::Value) -> Result<Vec<CompensationTotal>, CoreError> {
    let mut stmt = ctx.conn.prepare(
        "SELECT c.staff_id, s.name, count(*), sum(c.amount_fen)
         FROM collector_compensations c JOIN staff s ON s.id = c.staff_id
         GROUP BY c.staff_id ORDER BY sum(c.amount_fen) DESC, s.name",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(CompensationTotal {
            staff_id: r.get(0)?,
            staff_name: r.get(1)?,
            count: r.get(2)?,
            total: wire(r.get(3)?),
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
