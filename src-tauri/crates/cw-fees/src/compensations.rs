//! What collectors owe: cash shortages and counterfeit notes found at batch closing (or a
//! shortage charged by a later adjustment) and lost receipts, listed one by one; and the ledger
//! per collector: owed, repaid, balance (summed in 分 here, never in the UI).

use super::types::{Compensation, CompensationTotal};
use super::wire;
use cw_kernel::{CoreError, Ctx};
use rusqlite::params;
use serde::Deserialize;
use std::collections::BTreeMap;
use ts_rs::TS;

/// The kind of a row: rows written before migration 0013 have none, and were a shortage when
/// they name a batch and a lost receipt otherwise.
const KIND: &str =
    "CASE WHEN c.kind <> '' THEN c.kind WHEN c.batch_id IS NULL THEN '遗失' ELSE '短款' END";

/// Records that `staff_id` owes `amount_fen` of `kind` (短款, 假币 or 遗失), with its audit row,
/// inside the caller's transaction.
pub fn record(
    ctx: &Ctx<'_>,
    staff_id: i64,
    batch_id: Option<i64>,
    kind: &str,
    amount_fen: i64,
    reason: &str,
) -> Result<(), CoreError> {
    ctx.conn.execute(
        "INSERT INTO collector_compensations (staff_id, batch_id, kind, amount_fen, reason, at, by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![staff_id, batch_id, kind, amount_fen, reason, ctx.now_text(), ctx.actor],
    )?;
    let id = ctx.conn.last_insert_rowid();
    ctx.audit::<(), _>(
        "collector_compensations",
        Some(id),
        None,
        Some(&serde_json::json!({ "staff_id": staff_id, "batch_id": batch_id, "kind": kind, "amount": wire(amount_fen), "reason": reason })),
    )?;
    Ok(())
}

/// Arguments of [`list`].
#[derive(Debug, Default, Deserialize, TS)]
#[ts(export, optional_fields = nullable)]
#[serde(default)]
pub struct StaffArgs {
    #[ts(optional = nullable)]
    pub staff_id: Option<i64>,
}

/// Every compensation owed, oldest first, optionally of one collector.
pub fn list(ctx: &Ctx<'_>, a: StaffArgs) -> Result<Vec<Compensation>, CoreError> {
    let mut stmt = ctx.conn.prepare(&format!(
        "SELECT c.id, c.staff_id, s.name, c.batch_id, {KIND}, c.amount_fen, c.reason, c.at
         FROM collector_compensations c JOIN staff s ON s.id = c.staff_id
         WHERE ?1 IS NULL OR c.staff_id = ?1 ORDER BY c.id"
    ))?;
    let rows = stmt.query_map([a.staff_id], |r| {
        Ok(Compensation {
            id: r.get(0)?,
            staff_id: r.get(1)?,
            staff_name: r.get(2)?,
            batch_id: r.get(3)?,
            kind: r.get(4)?,
            amount: wire(r.get(5)?),
            reason: r.get(6)?,
            at: r.get(7)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// One collector's figures in 分.
#[derive(Default)]
struct Ledger {
    name: String,
    count: i64,
    shortage: i64,
    counterfeit: i64,
    lost: i64,
    repaid: i64,
}

/// Each collector's ledger: shortages + counterfeit + lost = owed; balance = owed − repaid.
pub fn ledger_fen(ctx: &Ctx<'_>) -> Result<Vec<(i64, CompensationTotal, i64)>, CoreError> {
    let mut by: BTreeMap<i64, Ledger> = BTreeMap::new();
    let mut stmt = ctx.conn.prepare(&format!(
        "SELECT c.staff_id, s.name, {KIND}, count(*), sum(c.amount_fen)
         FROM collector_compensations c JOIN staff s ON s.id = c.staff_id GROUP BY c.staff_id, 3"
    ))?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let l = by.entry(r.get(0)?).or_default();
        l.name = r.get(1)?;
        l.count += r.get::<_, i64>(3)?;
        let v: i64 = r.get(4)?;
        match r.get::<_, String>(2)?.as_str() {
            "假币" => l.counterfeit += v,
            "遗失" => l.lost += v,
            _ => l.shortage += v,
        }
    }
    let mut stmt = ctx.conn.prepare(
        "SELECT p.staff_id, s.name, sum(p.amount_fen) FROM collector_repayments p
         JOIN staff s ON s.id = p.staff_id GROUP BY p.staff_id",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let l = by.entry(r.get(0)?).or_default();
        l.name = r.get(1)?;
        l.repaid += r.get::<_, i64>(2)?;
    }
    let mut out: Vec<(i64, CompensationTotal, i64)> = by
        .into_iter()
        .map(|(id, l)| {
            let owed = l.shortage + l.counterfeit + l.lost;
            let balance = owed - l.repaid;
            (
                owed,
                CompensationTotal {
                    staff_id: id,
                    staff_name: l.name,
                    count: l.count,
                    total: wire(owed),
                    shortage: wire(l.shortage),
                    counterfeit: wire(l.counterfeit),
                    lost: wire(l.lost),
                    owed: wire(owed),
                    repaid: wire(l.repaid),
                    balance: wire(balance),
                },
                balance,
            )
        })
        .collect();
    out.sort_by(|a, b| {
        b.2.cmp(&a.2)
            .then(b.0.cmp(&a.0))
            .then(a.1.staff_name.cmp(&b.1.staff_name))
    });
    Ok(out)
}

/// The ledger of every collector with anything owed or repaid, the largest balance first.
pub fn totals(ctx: &Ctx<'_>, _a: serde_json::Value) -> Result<Vec<CompensationTotal>, CoreError> {
    Ok(ledger_fen(ctx)?.into_iter().map(|(_, t, _)| t).collect())
}

/// What `staff_id` still owes, in 分.
pub fn balance_fen(ctx: &Ctx<'_>, staff_id: i64) -> Result<i64, CoreError> {
    let owed: i64 = ctx.conn.query_row(
        "SELECT coalesce(sum(amount_fen), 0) FROM collector_compensations WHERE staff_id = ?1",
        [staff_id],
        |r| r.get(0),
    )?;
    let repaid: i64 = ctx.conn.query_row(
        "SELECT coalesce(sum(amount_fen), 0) FROM collector_repayments WHERE staff_id = ?1",
        [staff_id],
        |r| r.get(0),
    )?;
    Ok(owed - repaid)
}
