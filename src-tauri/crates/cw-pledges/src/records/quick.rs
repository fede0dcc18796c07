//! 快速登记: finding the one party the clerk is recording from a number, code or name.

use super::{all_matching, PledgeQuery, PledgeRow};
use crate::{year_or_current, PledgeStatus};
use cw_domain::text;
use cw_kernel::{CoreError, Ctx};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What 快速登记 looks up: a pledge number, party code, name, address or pinyin initials.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct QuickArgs {
    #[ts(optional = nullable)]
    pub year: Option<i32>,
    #[ts(optional = nullable)]
    pub q: String,
}

/// The party 快速登记 opens, or why there is none to open.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct QuickMatch {
    /// The one party to record; none when nothing or several match.
    pub row: Option<PledgeRow>,
    /// Present parties that match.
    pub matches: i64,
    /// Of them, those that still owe a pledge (not 已签订).
    pub owing: i64,
    /// What to tell the clerk when there is no row to open (empty otherwise).
    pub message: String,
}

/// 快速登记: an exact pledge number or party code is that party; otherwise the one match that
/// still owes a pledge (a party already signed is not what the clerk is recording), else the
/// clerk chooses from the list.
pub fn quick(ctx: &Ctx<'_>, a: QuickArgs) -> Result<QuickMatch, CoreError> {
    let year = year_or_current(ctx, a.year)?;
    let q = text::required("快速登记", a.q.trim())?;
    let rows = all_matching(
        ctx.conn,
        year,
        &PledgeQuery {
            q: q.clone(),
            ..Default::default()
        },
    )?;
    let upper = q.to_uppercase();
    let exact = rows
        .iter()
        .find(|r| r.number.as_deref() == Some(upper.as_str()) || r.party_code == upper);
    let owing: Vec<&PledgeRow> = rows
        .iter()
        .filter(|r| r.status != PledgeStatus::Signed)
        .collect();
    let matches = rows.len() as i64;
    let row = match exact {
        Some(r) => Some(r.clone()),
        None if rows.len() == 1 => rows.first().cloned(),
        None if owing.len() == 1 => owing.first().map(|r| (*r).clone()),
        None => None,
    };
    let message = match (&row, matches, owing.len()) {
        (Some(_), _, _) => String::new(),
        (None, 0, _) => format!("没有找到「{q}」"),
        (None, m, 0) => format!("「{q}」匹配 {m} 户，都已签订"),
        (None, m, o) if o as i64 == m => format!("「{q}」匹配 {m} 户，请在下表中选择"),
        (None, m, o) => format!("「{q}」匹配 {m} 户，其中 {o} 户未签订，请在下表中选择"),
    };
    Ok(QuickMatch {
        row,
        matches,
        owing: owing.len() as i64,
        message,
    })
}
