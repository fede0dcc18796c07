//! Scanning a returned signed pledge: its QR code's number marks it 已签订 today in one step,
//! through the same recording as the 登记 dialog (same checks, history row and audit row).

use super::{record, PledgeRow, RecordArgs};
use crate::PledgeStatus;
use cw_domain::text;
use cw_kernel::{CoreError, Ctx};
use cw_pdf::format_date_cn;
use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The number a scanner read from a pledge's QR code.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ScanArgs {
    /// MQ-2026-00001.
    pub number: String,
}

/// Marks the pledge numbered `number` 已签订 today, signed by the party's contact (the
/// collecting cadre is left blank: the clerk adds it in the dialog if it matters). A pledge
/// already signed or void is refused and nothing changes, so a second scan of the same paper
/// is harmless; an unknown number is refused naming it.
pub fn scan_signed(ctx: &Ctx<'_>, a: ScanArgs) -> Result<PledgeRow, CoreError> {
    let number = text::required("编号", a.number.trim())?.to_uppercase();
    let found: Option<(i64, i32, String, Option<String>)> = ctx
        .conn
        .query_row(
            "SELECT party_id, year, status, signed_on FROM pledges WHERE number = ?1",
            [&number],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?;
    let Some((party_id, year, status, signed_on)) = found else {
        return Err(CoreError::Conflict(format!(
            "没有编号为「{number}」的责任书"
        )));
    };
    if status == PledgeStatus::Signed.label() {
        let on = signed_on
            .as_deref()
            .map(crate::parse_date)
            .transpose()?
            .map(|d| format!("已于{}签订", format_date_cn(d)))
            .unwrap_or_else(|| "已签订".into());
        return Err(CoreError::Conflict(format!(
            "编号 {number} 的责任书{on}，不再重复登记"
        )));
    }
    if status == PledgeStatus::Void.label() {
        return Err(CoreError::Conflict(format!(
            "编号 {number} 的责任书已作废，不能登记签订；请在列表中查看该户的新责任书"
        )));
    }
    // The signer defaults to the contact; a party with none (a unit) is signed for by its name.
    let party = super::row(ctx.conn, year, party_id)?;
    let signer = if party.contact.trim().is_empty() {
        party.name.clone()
    } else {
        String::new()
    };
    record(
        ctx,
        RecordArgs {
            party_id,
            year: Some(year),
            status: PledgeStatus::Signed,
            on_date: None,
            signer,
            collector_id: None,
            reason: String::new(),
        },
    )
}
