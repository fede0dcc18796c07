//! Collection batches: opening with a cadre present, closing with the cash count (a shortage
//! becomes a compensation owed by the collector), the 上解 remittance and the overdue flag.

use super::cash_count::denominations_fen;
use super::types::{
    Batch, BatchAdjustment, BatchClosing, BatchInput, CloseInput, RemitInput, Remittance, Repayment,
};
use super::{fen, staff_with_role, wire, yuan_cn};
use chrono::NaiveDate;
use cw_domain::enums::Role;
use cw_domain::{text, DomainError};
use cw_kernel::IdArgs;
use cw_kernel::{CoreError, Ctx};
use cw_pdf::format_date_cn;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Deserialize;
use ts_rs::TS;

/// One batch with its totals, closing and remittance; `today` decides the overdue flag.
fn load_at(conn: &Connection, id: i64, today: Option<NaiveDate>) -> Result<Batch, CoreError> {
    let (group_no, on_date, cadre_id, cadre_name, note): (i32, String, i64, String, String) = conn
        .query_row(
            "SELECT b.group_no, b.on_date, b.cadre_id, s.name, b.note FROM collection_batches b
             JOIN staff s ON s.id = b.cadre_id WHERE b.id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .optional()?
        .ok_or(CoreError::NotFound {
            what: "收费批次",
            id,
        })?;
    let mut collector_ids = Vec::new();
    let mut collector_names = Vec::new();
    let mut stmt = conn.prepare_cached(
        "SELECT s.id, s.name FROM collection_batch_collectors c JOIN staff s ON s.id = c.staff_id
         WHERE c.batch_id = ?1 ORDER BY s.id",
    )?;
    for row in stmt.query_map([id], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))? {
        let (i, n) = row?;
        collector_ids.push(i);
        collector_names.push(n);
    }
    let (receipt_count, void_count, total): (i64, i64, i64) = conn.query_row(
        "SELECT count(*), count(v.id), coalesce(sum(CASE WHEN v.id IS NULL THEN r.amount_fen END), 0)
         FROM receipts r LEFT JOIN receipt_voids v ON v.receipt_id = r.id WHERE r.batch_id = ?1",
        [id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    let closing = conn
        .query_row(
            "SELECT expected_fen, counted_fen, counterfeit_fen, counterfeit_note, denominations, shortage_fen,
               overage_fen, note, closed_at FROM batch_closings WHERE batch_id = ?1",
            [id],
            |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, i64>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, i64>(5)?,
                    r.get::<_, i64>(6)?,
                    r.get::<_, String>(7)?,
                    r.get::<_, String>(8)?,
                ))
            },
        )
        .optional()?
        // 应收 = 实点 + 假币 + 短款 − 长款: the shortage and overage are read from the three
        // figures (the stored columns keep 0004's `counted + shortage − overage = expected`, so
        // there the shortage holds the counterfeit notes too).
        .map(|(e, c, cf, cn, d, _, _, note, at)| BatchClosing {
            expected: wire(e),
            counted: wire(c),
            counterfeit: wire(cf),
            counterfeit_note: cn,
            denominations: serde_json::from_str(&d).unwrap_or_default(),
            shortage: wire((e - c - cf).max(0)),
            overage: wire((c + cf - e).max(0)),
            note,
            closed_at: at,
        });
    let remittance = conn
        .query_row(
            "SELECT amount_fen, remitted_on, receiver, note FROM remittances WHERE batch_id = ?1",
            [id],
            |r| {
                Ok(Remittance {
                    amount: wire(r.get(0)?),
                    remitted_on: r.get(1)?,
                    receiver: r.get(2)?,
                    note: r.get(3)?,
                })
            },
        )
        .optional()?;
    let adjustments = super::adjustments::of_batch(conn, id)?;
    let repayments = super::repayments::of_batch(conn, id)?;
    let remit_due = match &closing {
        Some(c) => {
            let (counted, repaid, paid_out) = remit_parts(c, &repayments, &adjustments)?;
            Some(wire(counted + repaid - paid_out))
        }
        None => None,
    };
    let status = match (&closing, &remittance) {
        (_, Some(_)) => "已上解",
        (Some(_), None) => "已结账",
        _ => "进行中",
    };
    let overdue = remittance.is_none()
        && total > 0
        && match (today, NaiveDate::parse_from_str(&on_date, "%Y-%m-%d")) {
            (Some(t), Ok(d)) => t > d + chrono::Duration::days(1),
            _ => false,
        };
    Ok(Batch {
        id,
        group_no,
        on_date,
        cadre_id,
        cadre_name,
        collector_ids,
        collector_names,
        note,
        receipt_count,
        void_count,
        total: wire(total),
        status: status.into(),
        closing,
        remittance,
        overdue,
        adjustments,
        repayments,
        remit_due,
    })
}

/// One batch (overdue not judged).
pub fn load(conn: &Connection, id: i64) -> Result<Batch, CoreError> {
    load_at(conn, id, None)
}

/// One batch.
pub fn get(ctx: &Ctx<'_>, a: IdArgs) -> Result<Batch, CoreError> {
    load_at(ctx.conn, a.id, Some(ctx.clock.today()))
}

/// Arguments of [`list`].
#[derive(Debug, Default, Deserialize, TS)]
#[ts(export, optional_fields = nullable)]
#[serde(default)]
pub struct BatchQuery {
    #[ts(optional = nullable)]
    pub group_no: Option<i32>,
    /// Only batches not closed, or closed but not remitted.
    #[ts(optional = nullable)]
    pub open_only: bool,
    /// The newest this many (default 200, at most 2,000): a community's five years hold
    /// thousands of batches, and the screen works on the recent ones.
    #[ts(optional = nullable)]
    pub limit: Option<i64>,
}

/// Batches, newest first.
pub fn list(ctx: &Ctx<'_>, q: BatchQuery) -> Result<Vec<Batch>, CoreError> {
    // Open only: not yet remitted (a remittance is what finishes a batch), read from the few
    // batches migration 0012 keeps as unremitted rather than looking up every batch's remittance.
    let sql = if q.open_only {
        "SELECT b.id FROM batches_unremitted u CROSS JOIN collection_batches b ON b.id = u.batch_id
         WHERE (?1 IS NULL OR b.group_no = ?1) AND ?2 = 1
         ORDER BY b.on_date DESC, b.id DESC LIMIT ?3"
    } else {
        "SELECT b.id FROM collection_batches b WHERE (?1 IS NULL OR b.group_no = ?1) AND ?2 = 0
         ORDER BY b.on_date DESC, b.id DESC LIMIT ?3"
    };
    let ids: Vec<i64> = ctx
        .conn
        .prepare(sql)?
        .query_map(
            rusqlite::params![
                q.group_no,
                q.open_only,
                q.limit.unwrap_or(200).clamp(1, 2000)
            ],
            |r| r.get(0),
        )?
        .collect::<Result<_, _>>()?;
    let today = ctx.clock.today();
    ids.into_iter()
        .map(|id| load_at(ctx.conn, id, Some(today)))
        .collect()
}

/// Opens a batch: a group, a date, its collectors and the cadre present (required).
pub fn open(ctx: &Ctx<'_>, i: BatchInput) -> Result<Batch, CoreError> {
    if !(1..=4).contains(&i.group_no) {
        return Err(DomainError::invalid("收费小组", "须为第一至第四小组").into());
    }
    let cadre = i.cadre_id.ok_or(DomainError::Required {
        field: "在场社区干部",
    })?;
    staff_with_role(ctx.conn, "在场社区干部", cadre, Role::Cadre)?;
    if i.collector_ids.is_empty() {
        return Err(DomainError::Required {
            field: "收费人员"
        }
        .into());
    }
    for c in &i.collector_ids {
        staff_with_role(ctx.conn, "收费人员", *c, Role::Collector)?;
    }
    let today = ctx.clock.today();
    let on = i.on_date.unwrap_or(today);
    if on > today {
        return Err(DomainError::invalid(
            "收费日期",
            format!(
                "{} 晚于今天（{}），不能预开批次",
                format_date_cn(on),
                format_date_cn(today)
            ),
        )
        .into());
    }
    let note = text::limited("备注", &i.note, 100)?;
    ctx.conn.execute(
        "INSERT INTO collection_batches (group_no, on_date, cadre_id, note, created_at, created_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![i.group_no, on.to_string(), cadre, note, ctx.now_text(), ctx.actor],
    )?;
    let id = ctx.conn.last_insert_rowid();
    let mut ids = i.collector_ids.clone();
    ids.sort_unstable();
    ids.dedup();
    for c in ids {
        ctx.conn.execute(
            "INSERT INTO collection_batch_collectors (batch_id, staff_id) VALUES (?1, ?2)",
            params![id, c],
        )?;
    }
    let b = load(ctx.conn, id)?;
    ctx.audit::<(), _>("collection_batches", Some(id), None, Some(&b))?;
    Ok(b)
}

/// Closes a batch: expected is the sum of its valid receipts; counted cash (or its denominations)
/// is compared to the 分; a shortage is owed by the responsible collector.
pub fn close(ctx: &Ctx<'_>, i: CloseInput) -> Result<Batch, CoreError> {
    let before = load(ctx.conn, i.batch_id)?;
    if before.closing.is_some() {
        return Err(CoreError::Conflict(format!(
            "第 {} 号批次已结账",
            before.id
        )));
    }
    let expected = fen("应收合计", &before.total)?;
    let by_notes = (!i.denominations.is_empty())
        .then(|| denominations_fen(&i.denominations))
        .transpose()?;
    let counted = match (i.counted.trim(), by_notes) {
        ("", Some(n)) => n,
        ("", None) => {
            return Err(DomainError::Required {
                field: "清点现金"
            }
            .into())
        }
        (c, n) => {
            let c = fen("清点现金", c)?;
            if n.is_some_and(|n| n != c) {
                return Err(DomainError::invalid(
                    "清点现金",
                    format!(
                        "按面额合计 {}，与填写的 {} 不符",
                        wire(n.unwrap_or(0)),
                        wire(c)
                    ),
                )
                .into());
            }
            c
        }
    };
    let counterfeit = if i.counterfeit.trim().is_empty() {
        0
    } else {
        fen("假币金额", &i.counterfeit)?
    };
    // 应收 = 实点 + 假币 + 短款 − 长款: counterfeit notes are charged to the collector at their
    // face value and never counted as cash.
    let shortage = (expected - counted - counterfeit).max(0);
    let overage = (counted + counterfeit - expected).max(0);
    if (shortage > 0 || counterfeit > 0) && !i.confirm_charge {
        let mut what = Vec::new();
        if shortage > 0 {
            what.push(format!("短款 {}", wire(shortage)));
        }
        if counterfeit > 0 {
            what.push(format!("假币 {}", wire(counterfeit)));
        }
        return Err(CoreError::Conflict(format!(
            "应收 {}，实点 {}：{} 将记入收费人员赔偿，请核对后确认",
            wire(expected),
            wire(counted),
            what.join("、")
        )));
    }
    let responsible = if shortage > 0 || counterfeit > 0 {
        let id = match (i.responsible_id, before.collector_ids.as_slice()) {
            (Some(id), _) => id,
            (None, [only]) => *only,
            _ => {
                return Err(DomainError::Required {
                    field: "短款责任人",
                }
                .into())
            }
        };
        if !before.collector_ids.contains(&id) {
            return Err(DomainError::invalid("短款责任人", "不是本批次的收费人员").into());
        }
        Some(id)
    } else {
        None
    };
    let note = text::limited("备注", &i.note, 100)?;
    let counterfeit_note = text::limited("假币说明", &i.counterfeit_note, 100)?;
    let denoms =
        serde_json::to_string(&i.denominations).map_err(|e| CoreError::Internal(e.to_string()))?;
    ctx.conn.execute(
        "INSERT INTO batch_closings (batch_id, expected_fen, counted_fen, counterfeit_fen, counterfeit_note,
           denominations, shortage_fen, overage_fen, note, closed_at, closed_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![
            before.id, expected, counted, counterfeit, counterfeit_note,
            if i.denominations.is_empty() { String::new() } else { denoms },
            shortage + counterfeit, overage, note, ctx.now_text(), ctx.actor
        ],
    )?;
    if let Some(staff) = responsible {
        if shortage > 0 {
            let reason = format!(
                "第 {} 号批次（{}）短款 {}",
                before.id,
                before.on_date,
                yuan_cn(shortage)
            );
            super::compensations::record(ctx, staff, Some(before.id), "短款", shortage, &reason)?;
        }
        if counterfeit > 0 {
            let mut reason = format!(
                "第 {} 号批次（{}）假币 {}",
                before.id,
                before.on_date,
                yuan_cn(counterfeit)
            );
            if !counterfeit_note.is_empty() {
                reason.push_str(&format!("（{counterfeit_note}）"));
            }
            super::compensations::record(
                ctx,
                staff,
                Some(before.id),
                "假币",
                counterfeit,
                &reason,
            )?;
        }
    }
    let after = load(ctx.conn, before.id)?;
    ctx.audit(
        "collection_batches",
        Some(before.id),
        Some(&before),
        Some(&after),
    )?;
    Ok(after)
}

/// What a closed batch's remittance is made of, 分: the genuine cash counted, the repayments
/// handed with it, and what adjustments paid out of it before the remittance.
fn remit_parts(
    c: &BatchClosing,
    repayments: &[Repayment],
    adjustments: &[BatchAdjustment],
) -> Result<(i64, i64, i64), CoreError> {
    let counted = fen("实点", &c.counted)?;
    let repaid: i64 = repayments
        .iter()
        .map(|r| fen("赔偿款", &r.amount))
        .sum::<Result<_, _>>()?;
    let paid_out: i64 = adjustments
        .iter()
        .filter(|a| !a.after_remittance)
        .map(|a| fen("调整", &a.amount))
        .sum::<Result<_, _>>()?;
    Ok((counted, repaid, paid_out))
}

/// Why the remittance must be `due`, in the clerk's words.
fn remit_rule(b: &Batch, due: i64) -> Result<String, CoreError> {
    let c = b
        .closing
        .as_ref()
        .ok_or(CoreError::Internal("批次未结账".into()))?;
    let (counted, repaid, paid_out) = remit_parts(c, &b.repayments, &b.adjustments)?;
    let mut parts = vec![format!("实点现金 {}", wire(counted))];
    if repaid > 0 {
        parts.push(format!("加随批赔偿款 {}", wire(repaid)));
    }
    if paid_out > 0 {
        parts.push(format!("减结账后退款及短款 {}", wire(paid_out)));
    }
    let fake = fen("假币", &c.counterfeit)?;
    let mut text = format!("应上解 {}（{}）", wire(due), parts.join("，"));
    if fake > 0 {
        text.push_str(&format!("；假币 {} 已收缴，不上解", wire(fake)));
    }
    Ok(text)
}

/// Records the 上解 of a closed batch's cash: exactly its `remit_due`.
pub fn remit(ctx: &Ctx<'_>, i: RemitInput) -> Result<Batch, CoreError> {
    let before = load(ctx.conn, i.batch_id)?;
    let closing = before
        .closing
        .as_ref()
        .ok_or_else(|| CoreError::Conflict(format!("第 {} 号批次尚未结账，不能上解", before.id)))?;
    if before.remittance.is_some() {
        return Err(CoreError::Conflict(format!(
            "第 {} 号批次已上解",
            before.id
        )));
    }
    let due = fen(
        "应上解",
        before.remit_due.as_deref().unwrap_or(&closing.counted),
    )?;
    let amount = match i.amount.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(a) => fen("上解金额", a)?,
        None => due,
    };
    if amount != due {
        return Err(DomainError::invalid("上解金额", remit_rule(&before, due)?).into());
    }
    let receiver = text::limited("收款人", &text::required("收款人", &i.receiver)?, 30)?;
    let on = i.remitted_on.unwrap_or_else(|| ctx.clock.today());
    ctx.conn.execute(
        "INSERT INTO remittances (batch_id, amount_fen, remitted_on, receiver, note, at, by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![before.id, amount, on.to_string(), receiver, text::limited("备注", &i.note, 100)?, ctx.now_text(), ctx.actor],
    )?;
    let after = load(ctx.conn, before.id)?;
    ctx.audit(
        "collection_batches",
        Some(before.id),
        Some(&before),
        Some(&after),
    )?;
    Ok(after)
}
