//! Adjustments of a closed batch. Once the cash is counted against the receipts, a receipt is
//! never simply voided: the batch records what happened to the money — a refund paid out to the
//! payer (the receipt is voided with it, so the household owes again) or a shortage found and
//! charged to a collector. Each is an append-only row, audited, shown on the 上解单; recorded
//! before the remittance it comes out of the cash to remit.

use super::types::{AdjustInput, Batch, BatchAdjustment};
use super::{batches, fen, receipts, wire, yuan_cn};
use cw_domain::{text, DomainError};
use cw_kernel::{CoreError, Ctx};
use rusqlite::{params, Connection};

/// The adjustments of a batch, oldest first.
pub fn of_batch(conn: &Connection, batch_id: i64) -> Result<Vec<BatchAdjustment>, CoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT a.id, a.kind, a.receipt_id, r.serial, a.staff_id, s.name, a.amount_fen, a.payee, a.reason,
           a.after_remittance, a.at, a.by
         FROM batch_adjustments a LEFT JOIN receipts r ON r.id = a.receipt_id LEFT JOIN staff s ON s.id = a.staff_id
         WHERE a.batch_id = ?1 ORDER BY a.id",
    )?;
    let rows = stmt.query_map([batch_id], |r| {
        Ok(BatchAdjustment {
            id: r.get(0)?,
            kind: r.get(1)?,
            receipt_id: r.get(2)?,
            serial: r.get(3)?,
            staff_id: r.get(4)?,
            staff_name: r.get(5)?,
            amount: wire(r.get(6)?),
            payee: r.get(7)?,
            reason: r.get(8)?,
            after_remittance: r.get(9)?,
            at: r.get(10)?,
            by: r.get(11)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Records an adjustment of a closed batch: 退款 of one of its receipts (the whole amount, paid
/// back to the payer; the receipt is voided with it) or 短款 charged to one of its collectors.
pub fn adjust(ctx: &Ctx<'_>, i: AdjustInput) -> Result<Batch, CoreError> {
    // The cash was counted (and perhaps handed over) against the batch: only the head corrects it.
    let before = batches::load(ctx.conn, i.batch_id)?;
    if before.closing.is_none() {
        return Err(CoreError::Conflict(format!(
            "第 {} 号批次尚未结账：收据可直接作废，无需调整",
            before.id
        )));
    }
    let reason = text::limited("调整原因", &text::required("调整原因", &i.reason)?, 100)?;
    let after_remittance = before.remittance.is_some();
    match i.kind.as_str() {
        "退款" => {
            let rid = i.receipt_id.ok_or(DomainError::Required {
                field: "退款收据"
            })?;
            let r = receipts::load(ctx.conn, rid)?;
            if r.batch_id != before.id {
                return Err(DomainError::invalid(
                    "退款收据",
                    format!("{} 号收据不属于第 {} 号批次", r.serial, before.id),
                )
                .into());
            }
            if r.void_reason.is_some() {
                return Err(CoreError::Conflict(format!("{} 号收据已作废", r.serial)));
            }
            let amount = fen("金额", &r.amount)?;
            ctx.conn.execute(
                "INSERT INTO batch_adjustments (batch_id, kind, receipt_id, amount_fen, payee, reason, after_remittance, at, by)
                 VALUES (?1, '退款', ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![before.id, rid, amount, r.payer_name, reason, after_remittance, ctx.now_text(), ctx.actor],
            )?;
            let adj = ctx.conn.last_insert_rowid();
            ctx.conn.execute(
                "INSERT INTO receipt_voids (receipt_id, reason, at, by) VALUES (?1, ?2, ?3, ?4)",
                params![
                    rid,
                    format!("结账后退款：{reason}"),
                    ctx.now_text(),
                    ctx.actor
                ],
            )?;
            let after = receipts::load(ctx.conn, rid)?;
            ctx.audit("receipts", Some(rid), Some(&r), Some(&after))?;
            ctx.audit::<(), _>(
                "batch_adjustments",
                Some(adj),
                None,
                Some(
                    &serde_json::json!({ "batch_id": before.id, "kind": "退款", "receipt_id": rid,
                    "amount": wire(amount), "payee": r.payer_name, "reason": reason }),
                ),
            )?;
        }
        "短款" => {
            let staff = i.staff_id.ok_or(DomainError::Required {
                field: "短款责任人",
            })?;
            if !before.collector_ids.contains(&staff) {
                return Err(DomainError::invalid("短款责任人", "不是本批次的收费人员").into());
            }
            if i.amount.trim().is_empty() {
                return Err(DomainError::Required {
                    field: "短款金额"
                }
                .into());
            }
            let amount = fen("短款金额", &i.amount)?;
            if amount <= 0 {
                return Err(DomainError::invalid("短款金额", "必须大于零").into());
            }
            ctx.conn.execute(
                "INSERT INTO batch_adjustments (batch_id, kind, staff_id, amount_fen, reason, after_remittance, at, by)
                 VALUES (?1, '短款', ?2, ?3, ?4, ?5, ?6, ?7)",
                params![before.id, staff, amount, reason, after_remittance, ctx.now_text(), ctx.actor],
            )?;
            let adj = ctx.conn.last_insert_rowid();
            ctx.audit::<(), _>(
                "batch_adjustments",
                Some(adj),
                None,
                Some(
                    &serde_json::json!({ "batch_id": before.id, "kind": "短款", "staff_id": staff,
                    "amount": wire(amount), "reason": reason }),
                ),
            )?;
            let why = format!(
                "第 {} 号批次（{}）结账后短款 {}：{reason}",
                before.id,
                before.on_date,
                yuan_cn(amount)
            );
            super::compensations::record(ctx, staff, Some(before.id), "短款", amount, &why)?;
        }
        _ => return Err(DomainError::invalid("调整类型", "须为 退款 或 短款").into()),
    }
    let after = batches::load(ctx.conn, before.id)?;
    ctx.audit(
        "collection_batches",
        Some(before.id),
        Some(&before),
        Some(&after),
    )?;
    Ok(after)
}
