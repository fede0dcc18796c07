//! Correcting a fine: a void in its own open month, or a reversal in a later open month, each
//! with a reason and never twice.

use super::load;
use crate::{months, not_future};
use chrono::NaiveDate;
use cw_domain::assessment::{month_of, CorrectionKind, Fine};
use cw_domain::{text, DomainError};
use cw_kernel::{CoreError, Ctx};
use rusqlite::params;
use serde::Deserialize;
use ts_rs::TS;

/// Arguments of [`void`] and [`reverse`].
#[derive(Debug, Deserialize, TS)]
#[ts(export, optional_fields = nullable)]
pub struct CorrectArgs {
    pub id: i64,
    pub reason: String,
    /// For a reversal: the day it counts (today if absent); must be in an open month.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub date: Option<NaiveDate>,
}

fn correct(ctx: &Ctx<'_>, a: CorrectArgs, kind: CorrectionKind) -> Result<Fine, CoreError> {
    let reason = text::limited("原因", &text::required("原因", &a.reason)?, 200)?;
    let before = load(ctx.conn, a.id)?;
    if let Some(c) = &before.correction {
        return Err(CoreError::Conflict(format!(
            "第 {} 号记录已于 {} {}，不能重复更正",
            before.id,
            c.date,
            c.kind.label()
        )));
    }
    let fine_month_closed = months::is_closed(ctx.conn, &before.month)?;
    let date = match kind {
        CorrectionKind::Void => {
            months::require_open(ctx.conn, before.date, "作废其中的记录")?;
            before.date
        }
        CorrectionKind::Reversal => {
            if !fine_month_closed {
                return Err(CoreError::Conflict(format!(
                    "{} 尚未结账，请直接作废第 {} 号记录",
                    before.month, before.id
                )));
            }
            let date = a.date.unwrap_or_else(|| ctx.clock.today());
            not_future("冲销日期", date, ctx.clock.today())?;
            if date < before.date {
                return Err(DomainError::invalid("冲销日期", "不能早于原记录日期").into());
            }
            months::require_open(ctx.conn, date, "在其中冲销")?;
            date
        }
    };
    let amount: i64 =
        ctx.conn
            .query_row("SELECT amount_fen FROM fines WHERE id = ?1", [a.id], |r| {
                r.get(0)
            })?;
    ctx.conn.execute(
        "INSERT INTO fine_corrections (fine_id, kind, date, month, amount_fen, reason, created_at, created_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![a.id, kind.label(), date, month_of(date), amount, reason, ctx.now_text(), ctx.actor],
    )?;
    let cid = ctx.conn.last_insert_rowid();
    let after = load(ctx.conn, a.id)?;
    ctx.audit("fine_corrections", Some(cid), Some(&before), Some(&after))?;
    Ok(after)
}

/// Voids a fine of an open month, with a reason; it no longer counts anywhere.
pub fn void(ctx: &Ctx<'_>, a: CorrectArgs) -> Result<Fine, CoreError> {
    correct(ctx, a, CorrectionKind::Void)
}

/// Reverses a fine of a closed month in an open month, citing it; the refund counts there.
pub fn reverse(ctx: &Ctx<'_>, a: CorrectArgs) -> Result<Fine, CoreError> {
    correct(ctx, a, CorrectionKind::Reversal)
}
