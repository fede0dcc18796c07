//! Repayments: cash a collector hands in against what they owe (shortages, counterfeit notes,
//! lost receipts), with the receipt or slip given for it. Cash handed in while a closed batch
//! awaits its remittance goes with that batch (上解 = 实点 + 随批赔偿款); otherwise it was handed
//! to the receiver on its own slip, whose number is recorded.

use super::types::{Repayment, RepaymentInput};
use super::{batches, fen, staff_with_role, wire};
use cw_domain::enums::Role;
use cw_domain::{text, DomainError};
use cw_kernel::{CoreError, Ctx};
use rusqlite::{params, Connection};
use serde::Deserialize;
use ts_rs::TS;

const SELECT: &str =
    "SELECT p.id, p.staff_id, s.name, p.amount_fen, p.slip_no, p.received_on, p.receiver,
    p.batch_id, p.note, p.at FROM collector_repayments p JOIN staff s ON s.id = p.staff_id";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Repayment> {
    Ok(Repayment {
        id: r.get(0)?,
        staff_id: r.get(1)?,
        staff_name: r.get(2)?,
        amount: wire(r.get(3)?),
        slip_no: r.get(4)?,
        received_on: r.get(5)?,
        receiver: r.get(6)?,
        batch_id: r.get(7)?,
        note: r.get(8)?,
        at: r.get(9)?,
    })
}

/// The repayments remitted with a batch.
pub fn of_batch(conn: &Connection, batch_id: i64) -> Result<Vec<Repayment>, CoreError> {
    let mut stmt = conn.prepare_cached(&format!("{SELECT} WHERE p.batch_id = ?1 ORDER BY p.id"))?;
    let rows = stmt.query_map([batch_id], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Arguments of [`list`].
#[derive(Debug, Default, Deserialize, TS)]
#[ts(export, optional_fields = nullable)]
#[serde(default)]
pub struct RepaymentQuery {
    #[ts(optional = nullable)]
    pub staff_id: Option<i64>,
}

/// Every repayment, oldest first, optionally of one collector.
pub fn list(ctx: &Ctx<'_>, a: RepaymentQuery) -> Result<Vec<Repayment>, CoreError> {
    let mut stmt = ctx.conn.prepare(&format!(
        "{SELECT} WHERE ?1 IS NULL OR p.staff_id = ?1 ORDER BY p.id"
    ))?;
    let rows = stmt.query_map([a.staff_id], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Records a repayment: no more than the collector still owes, with a slip number, the day
/// (not after today) and who received it; with a batch, one closed and not yet remitted.
pub fn create(ctx: &Ctx<'_>, i: RepaymentInput) -> Result<Repayment, CoreError> {
    let name =
        staff_with_role(ctx.conn, "收费人员", i.staff_id, Role::Collector).or_else(
            |e| match e {
                // A collector who has since left still repays what they owe.
                CoreError::Domain(_) => ctx
                    .conn
                    .query_row("SELECT name FROM staff WHERE id = ?1", [i.staff_id], |r| {
                        r.get::<_, String>(0)
                    })
                    .map_err(CoreError::from),
                other => Err(other),
            },
        )?;
    if i.amount.trim().is_empty() {
        return Err(DomainError::Required {
            field: "还款金额"
        }
        .into());
    }
    let amount = fen("还款金额", &i.amount)?;
    if amount <= 0 {
        return Err(DomainError::invalid("还款金额", "必须大于零").into());
    }
    let balance = super::compensations::balance_fen(ctx, i.staff_id)?;
    if amount > balance {
        return Err(DomainError::invalid(
            "还款金额",
            format!(
                "{name}尚欠 {}，还款 {} 超出",
                wire(balance.max(0)),
                wire(amount)
            ),
        )
        .into());
    }
    let slip_no = text::limited("收款凭证号", &text::required("收款凭证号", &i.slip_no)?, 30)?;
    let receiver = text::limited("收款人", &text::required("收款人", &i.receiver)?, 30)?;
    let today = ctx.clock.today();
    let on = i.received_on.unwrap_or(today);
    if on > today {
        return Err(DomainError::invalid("收款日期", "不能晚于今天").into());
    }
    if let Some(b) = i.batch_id {
        let batch = batches::load(ctx.conn, b)?;
        if batch.closing.is_none() {
            return Err(
                DomainError::invalid("随批次上解", format!("第 {b} 号批次尚未结账")).into(),
            );
        }
        if batch.remittance.is_some() {
            return Err(DomainError::invalid(
                "随批次上解",
                format!("第 {b} 号批次已上解；此笔还款请单独开具收款凭证上交"),
            )
            .into());
        }
    }
    let note = text::limited("备注", &i.note, 100)?;
    ctx.conn.execute(
        "INSERT INTO collector_repayments (staff_id, amount_fen, slip_no, received_on, receiver, batch_id, note, at, by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![i.staff_id, amount, slip_no, on.to_string(), receiver, i.batch_id, note, ctx.now_text(), ctx.actor],
    )?;
    let id = ctx.conn.last_insert_rowid();
    let r = ctx
        .conn
        .query_row(&format!("{SELECT} WHERE p.id = ?1"), [id], from_row)?;
    ctx.audit::<(), _>("collector_repayments", Some(id), None, Some(&r))?;
    Ok(r)
}
