//! Recording what happened to a pledge (signed, refused, void, printed), each change a
//! history row.

use super::numbering::ensure;
use super::row;
use super::PledgeRow;
use crate::{collecting_cadre, not_future, year_or_current, PledgeStatus};
use chrono::NaiveDate;
use cw_domain::{text, DomainError};
use cw_kernel::{CoreError, Ctx};
use rusqlite::params;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Adds one status change to the pledge's history.
pub(super) fn add_event(
    ctx: &Ctx<'_>,
    pledge_id: i64,
    status: PledgeStatus,
    on: Option<NaiveDate>,
    signer: &str,
    collector: Option<i64>,
    reason: &str,
) -> Result<(), CoreError> {
    ctx.conn.execute(
        "INSERT INTO pledge_events (pledge_id, at, actor, status, on_date, signer, collector_id, reason)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            pledge_id,
            ctx.now_text(),
            ctx.actor,
            status.label(),
            on.map(|d| d.to_string()),
            signer,
            collector,
            reason
        ],
    )?;
    Ok(())
}

/// What the clerk records on a pledge.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RecordArgs {
    pub party_id: i64,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub year: Option<i32>,
    /// 已签订, 拒签, 作废 (or 已打印, as a batch confirmation does).
    pub status: PledgeStatus,
    /// The signing date (for 已签订); defaults to today.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub on_date: Option<NaiveDate>,
    /// Who signed (for 已签订); defaults to the party's contact.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub signer: String,
    /// The cadre who collected the signed form.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub collector_id: Option<i64>,
    /// Why refused or void.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub reason: String,
}

/// Records a status change as a history row and updates the pledge; numbers it first if needed.
pub fn record(ctx: &Ctx<'_>, a: RecordArgs) -> Result<PledgeRow, CoreError> {
    let year = year_or_current(ctx, a.year)?;
    let before = row(ctx.conn, year, a.party_id)?;
    let from = before.status;
    let allowed = match a.status {
        PledgeStatus::Signed => matches!(
            from,
            PledgeStatus::NotPrinted | PledgeStatus::Printed | PledgeStatus::Refused
        ),
        PledgeStatus::Refused => matches!(from, PledgeStatus::NotPrinted | PledgeStatus::Printed),
        PledgeStatus::Printed => matches!(from, PledgeStatus::NotPrinted | PledgeStatus::Printed),
        PledgeStatus::Void => before.pledge_id.is_some(),
        PledgeStatus::NotPrinted => false,
    };
    if !allowed {
        return Err(CoreError::Conflict(format!(
            "{}的责任书当前为「{}」，不能改为「{}」",
            before.name,
            from.label(),
            a.status.label()
        )));
    }
    let reason = text::limited("原因", a.reason.trim(), 200)?;
    let mut on = None;
    let mut signer = String::new();
    let mut collector = None;
    match a.status {
        PledgeStatus::Signed => {
            on = Some(not_future(
                ctx,
                "签订日期",
                a.on_date.unwrap_or_else(|| ctx.clock.today()),
            )?);
            let s = if a.signer.trim().is_empty() {
                before.contact.clone()
            } else {
                a.signer.trim().to_string()
            };
            signer = text::limited("签字人", &text::required("签字人", &s)?, 20)?;
            if let (Some(c), Some(day)) = (a.collector_id, on) {
                collecting_cadre(ctx.conn, c, day)?;
                collector = Some(c);
            }
        }
        PledgeStatus::Refused | PledgeStatus::Void if reason.is_empty() => {
            return Err(DomainError::invalid("原因", "拒签和作废都要写明原因").into());
        }
        _ => {}
    }
    let id = ensure(ctx, a.party_id, year)?;
    let now = ctx.now_text();
    match a.status {
        PledgeStatus::Printed => {
            ctx.conn.execute(
                "UPDATE pledges SET status = '已打印', print_count = print_count + 1, updated_at = ?2 WHERE id = ?1",
                params![id, now],
            )?;
        }
        _ => {
            ctx.conn.execute(
                "UPDATE pledges SET status = ?2, signed_on = ?3, signer = ?4, collector_id = ?5, reason = ?6, updated_at = ?7
                 WHERE id = ?1",
                params![id, a.status.label(), on.map(|d| d.to_string()), signer, collector, reason, now],
            )?;
        }
    }
    // A reprint of a printed pledge is not a change of status: the count and the audit say it.
    if !(a.status == PledgeStatus::Printed && from == PledgeStatus::Printed) {
        add_event(ctx, id, a.status, on, &signer, collector, &reason)?;
    }
    // After a void the party has no live pledge and shows as 未打印 until a new one is numbered.
    let after = row(ctx.conn, year, a.party_id)?;
    ctx.audit("pledges", Some(id), Some(&before), Some(&after))?;
    Ok(after)
}
