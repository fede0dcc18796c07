//! Collection rate per group, zone or street over the campaign period; arrears; daily takings.
//! The fast tally is in `tally`, the party-by-party standing it must equal in `standing`, the
//! arrears and daily lists in `arrears`.

mod arrears;
mod standing;
mod tally;

pub use arrears::{arrears, arrears_rows, daily, daily_rows, ArrearsArgs, DailyArgs};
pub use standing::{rate_by_party, split_receipt, standings, Standing};

use crate::types::RateReport;
use crate::{month_text, parse_month, MonthNo};
use cw_kernel::{CoreError, Ctx};
use cw_registry::settings;
use rusqlite::Connection;
use serde::Deserialize;
use std::collections::BTreeMap;
use tally::{tally, tally_many, Acc};
use ts_rs::TS;

/// Arguments of the rate and arrears reports; the period defaults to the campaign's
/// fee-collection phase (September to December of the campaign year, DESIGN §2).
#[derive(Debug, Default, Clone, Deserialize, TS)]
#[ts(export, optional_fields = nullable)]
#[serde(default)]
pub struct RateArgs {
    /// group, zone or street.
    #[ts(optional = nullable)]
    pub by: Option<String>,
    #[ts(optional = nullable)]
    pub period_from: Option<String>,
    #[ts(optional = nullable)]
    pub period_to: Option<String>,
    #[ts(optional = nullable)]
    pub group_no: Option<i32>,
    #[ts(optional = nullable)]
    pub zone_id: Option<i64>,
    /// Count only receipts collected on or before this day (and not voided by then), so the
    /// rate over time is drawn from this same computation.
    #[ts(optional = nullable)]
    pub as_of: Option<chrono::NaiveDate>,
}

/// The period asked for, or September–December of the campaign year.
pub fn period_of(conn: &Connection, a: &RateArgs) -> Result<(MonthNo, MonthNo), CoreError> {
    let year = settings::load(conn)?
        .map(|s| s.campaign_year)
        .unwrap_or(2026);
    let f = match &a.period_from {
        Some(t) if !t.trim().is_empty() => parse_month("起始月份", t)?,
        _ => year * 12 + 8,
    };
    let t = match &a.period_to {
        Some(t) if !t.trim().is_empty() => parse_month("终止月份", t)?,
        _ => year * 12 + 11,
    };
    if t < f {
        return Err(cw_domain::DomainError::invalid("终止月份", "不能早于起始月份").into());
    }
    Ok((f, t))
}

const GROUPS: [&str; 4] = ["第一小组", "第二小组", "第三小组", "第四小组"];

/// The group's Chinese name.
pub fn group_name(no: Option<i32>) -> String {
    no.and_then(|g| GROUPS.get((g - 1).max(0) as usize))
        .map(|s| s.to_string())
        .unwrap_or_else(|| "未分组".into())
}

/// Collection rate by group (default), zone or street. Parties that paid nothing reaching into
/// the period are counted in SQL by (place, category, kind, tags) and priced once per kind of
/// party; only the parties with receipts in the period are priced one by one. The figures are
/// exactly those of pricing every party (`standings`; a scenario test compares the two).
pub fn rate(ctx: &Ctx<'_>, a: RateArgs) -> Result<RateReport, CoreError> {
    let by = a.by.clone().unwrap_or_else(|| "group".into());
    let (period, rows) = tally(ctx.conn, &a, &by)?;
    Ok(report(period, by, rows))
}

/// The report of the rows' sums, with their total.
fn report(
    (f, t): (MonthNo, MonthNo),
    by: String,
    rows: BTreeMap<(i64, String), Acc>,
) -> RateReport {
    let total = rows.values().fold(Acc::default(), |s, r| s.plus(r));
    RateReport {
        period_from: month_text(f),
        period_to: month_text(t),
        by,
        rows: rows.into_iter().map(|((_, l), v)| v.row(l)).collect(),
        total: total.row("合计".into()),
    }
}

/// [`rate`] as of each day of `days` (the dashboard's collection trend), the parties counted and
/// priced once: each report equals `rate` with that day as `as_of`.
pub fn rate_as_of_days(
    ctx: &Ctx<'_>,
    a: RateArgs,
    days: &[chrono::NaiveDate],
) -> Result<Vec<RateReport>, CoreError> {
    let by = a.by.clone().unwrap_or_else(|| "group".into());
    let as_of: Vec<Option<chrono::NaiveDate>> = days.iter().copied().map(Some).collect();
    let (period, all) = tally_many(ctx.conn, &a, &by, &as_of)?;
    Ok(all
        .into_iter()
        .map(|rows| report(period, by.clone(), rows))
        .collect())
}
