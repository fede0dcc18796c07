//! The campaign's figures, computed once for the dashboard and the progress report alike.
//!
//! Nothing here counts a second way: signing rates come from `pledges::rates::compute` (with its
//! `as_of` for the line over time), collection rates from `fees::rates::rate` (with `as_of`),
//! fines per month from the totals of the monthly fine report's lines (`fine_chart`, equal to
//! `assessment::statements::report`'s), inspections from `assessment::inspections::list` (the
//! inspections list's own count).

use super::fine_chart::fine_chart;
use super::phases::load_plan;
use super::types::{CampaignPlan, TargetKind};
use chrono::{Datelike, Duration, NaiveDate};
use cw_assessment::inspections::{self, InspectionQuery};
use cw_assessment::statements::ReportTotal;
use cw_domain::assessment::{month_of, InspectionResult};
use cw_fees::rates::{self as fee_rates, RateArgs};
use cw_fees::types::RateReport;
use cw_kernel::{CoreError, Ctx};
use cw_pledges::rates::{self as pledge_rates, SigningRates};
use cw_pledges::{year_or_current, Scope};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The four collection groups, in order (charts show one line or bar each).
pub const GROUPS: [i32; 4] = [1, 2, 3, 4];

/// A rate on one day: the community's and each group's, in tenths of a percent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TrendPoint {
    pub date: NaiveDate,
    pub overall: Option<i64>,
    /// Groups 1–4 in order; none where the group owes nothing.
    pub groups: Vec<Option<i64>>,
    /// `overall` as every screen and document prints it (`cw_domain::rate`), `—` for none.
    pub overall_text: String,
    /// `groups` the same way, in order.
    pub group_texts: Vec<String>,
}

impl TrendPoint {
    /// A point with its rates' printed forms.
    fn new(date: NaiveDate, overall: Option<i64>, groups: Vec<Option<i64>>) -> TrendPoint {
        TrendPoint {
            date,
            overall_text: cw_domain::rate::permille_text(overall),
            group_texts: groups
                .iter()
                .map(|g| cw_domain::rate::permille_text(*g))
                .collect(),
            overall,
            groups,
        }
    }
}

/// Deductions of one month by category, as the monthly fine report totals them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FineMonth {
    /// `YYYY-MM`.
    pub month: String,
    pub count: i64,
    pub total: String,
    pub by_category: Vec<ReportTotal>,
}

/// Inspections of one month that passed and failed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct InspectionMonth {
    pub month: String,
    pub passed: i64,
    pub failed: i64,
}

/// Everything the dashboard charts and the progress report print.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Progress {
    pub year: i32,
    pub as_of: NaiveDate,
    pub plan: CampaignPlan,
    /// Signing rates now: overall, by group, zone and kind.
    pub signing: SigningRates,
    /// Collection rates of the fee phase now, by group and by zone.
    pub collection_by_group: RateReport,
    pub collection_by_zone: RateReport,
    /// Weekly from the first phase's start to today.
    pub signing_trend: Vec<TrendPoint>,
    /// Weekly from the fee phase's start to today.
    pub collection_trend: Vec<TrendPoint>,
    /// Every fine category seen in the months below, in order.
    pub fine_categories: Vec<String>,
    /// From the campaign's first month to this month.
    pub fines_by_month: Vec<FineMonth>,
    /// Zones by the amount of their deductions over those months, most first (at most 8).
    pub top_zones: Vec<ReportTotal>,
    pub inspections: Vec<InspectionMonth>,
}

/// Arguments of the figures: a campaign year (the community's when omitted).
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct ProgressArgs {
    #[ts(optional = nullable)]
    pub year: Option<i32>,
}

/// Days from `from` every 7 days, ending with `to` itself.
pub fn weekly(from: NaiveDate, to: NaiveDate) -> Vec<NaiveDate> {
    let mut out = Vec::new();
    let mut d = from + Duration::days(6);
    while d < to {
        out.push(d);
        d += Duration::days(7);
    }
    if from <= to {
        out.push(to);
    }
    out
}

/// `YYYY-MM` of every month from `from`'s to `to`'s.
pub fn months_between(from: NaiveDate, to: NaiveDate) -> Vec<String> {
    let mut out = Vec::new();
    let (mut y, mut m) = (from.year(), from.month());
    while (y, m) <= (to.year(), to.month()) {
        out.push(format!("{y:04}-{m:02}"));
        (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    }
    out
}

/// The signing rates today and the weekly trend, every figure from one reading of the counts.
fn signing(
    ctx: &Ctx<'_>,
    year: i32,
    days: &[NaiveDate],
) -> Result<(SigningRates, Vec<TrendPoint>), CoreError> {
    let as_of: Vec<Option<NaiveDate>> = std::iter::once(None)
        .chain(days.iter().copied().map(Some))
        .collect();
    let mut rates = pledge_rates::compute_many(ctx.conn, year, &as_of, &Scope::default())?;
    if rates.is_empty() {
        return Err(CoreError::Internal("签订率没有结果".into()));
    }
    let now = rates.remove(0);
    let trend = rates
        .into_iter()
        .zip(days)
        .map(|(r, day)| signing_point(r, *day))
        .collect();
    Ok((now, trend))
}

fn signing_point(r: pledge_rates::SigningRates, day: NaiveDate) -> TrendPoint {
    TrendPoint::new(
        day,
        r.overall.rate_permille,
        GROUPS
            .iter()
            .map(|g| {
                r.by_group
                    .iter()
                    .find(|l| l.key == Some(i64::from(*g)))
                    .and_then(|l| l.rate_permille)
            })
            .collect(),
    )
}

/// The collection rate by group as `fees.rate` reports it (its default period: the fee phase).
pub fn collection(
    ctx: &Ctx<'_>,
    by: &str,
    as_of: Option<NaiveDate>,
) -> Result<RateReport, CoreError> {
    fee_rates::rate(
        ctx,
        RateArgs {
            by: Some(by.into()),
            as_of,
            ..Default::default()
        },
    )
}

/// The weekly collection trend, the parties counted once for every point.
fn collection_trend(ctx: &Ctx<'_>, days: &[NaiveDate]) -> Result<Vec<TrendPoint>, CoreError> {
    let reports = fee_rates::rate_as_of_days(
        ctx,
        RateArgs {
            by: Some("group".into()),
            ..Default::default()
        },
        days,
    )?;
    Ok(reports
        .into_iter()
        .zip(days)
        .map(|(r, day)| collection_point(&r, *day))
        .collect())
}

fn collection_point(r: &RateReport, day: NaiveDate) -> TrendPoint {
    TrendPoint::new(
        day,
        (r.total.expected_parties > 0).then_some(r.total.rate_permille),
        GROUPS
            .iter()
            .map(|g| {
                let label = fee_rates::group_name(Some(*g));
                r.rows
                    .iter()
                    .find(|x| x.label == label && x.expected_parties > 0)
                    .map(|x| x.rate_permille)
            })
            .collect(),
    )
}

/// How many inspections of a month had `result`, as the inspections list counts them.
pub fn inspections_count(
    ctx: &Ctx<'_>,
    month: &str,
    result: InspectionResult,
) -> Result<i64, CoreError> {
    Ok(inspections::list(
        ctx,
        InspectionQuery {
            month: Some(month.into()),
            result: Some(result),
            page_size: Some(1),
            ..Default::default()
        },
    )?
    .total)
}

/// The campaign's figures for a year as of today.
pub fn compute(ctx: &Ctx<'_>, year: i32) -> Result<Progress, CoreError> {
    let today = ctx.clock.today();
    let plan = load_plan(ctx.conn, year, today)?;
    let first_day = plan.phases.first().map(|p| p.starts_on).unwrap_or(today);
    let fee_start = plan
        .phases
        .iter()
        .find(|p| p.target_kind == TargetKind::Collection)
        .map(|p| p.starts_on)
        .unwrap_or(first_day);
    let (signing, signing_trend) = signing(ctx, year, &weekly(first_day, today))?;
    let collection_trend = collection_trend(ctx, &weekly(fee_start, today))?;

    let months = if first_day <= today {
        months_between(first_day, today)
    } else {
        vec![month_of(today)]
    };
    let fines = fine_chart(ctx.conn, &months)?;
    let mut inspections_by_month = Vec::new();
    for month in &months {
        inspections_by_month.push(InspectionMonth {
            month: month.clone(),
            passed: inspections_count(ctx, month, InspectionResult::Pass)?,
            failed: inspections_count(ctx, month, InspectionResult::Fail)?,
        });
    }

    Ok(Progress {
        year,
        as_of: today,
        signing,
        collection_by_group: collection(ctx, "group", None)?,
        collection_by_zone: collection(ctx, "zone", None)?,
        plan,
        signing_trend,
        collection_trend,
        fine_categories: fines.categories,
        fines_by_month: fines.months,
        top_zones: fines.top_zones,
        inspections: inspections_by_month,
    })
}

/// The campaign's figures (command).
pub fn progress(ctx: &Ctx<'_>, a: ProgressArgs) -> Result<Progress, CoreError> {
    let year = year_or_current(ctx, a.year)?;
    compute(ctx, year)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).unwrap()
    }

    #[test]
    fn weeks_end_every_seventh_day_and_the_last_point_is_today() {
        let w = weekly(d(9, 1), d(9, 20));
        assert_eq!(w, vec![d(9, 7), d(9, 14), d(9, 20)]);
        assert_eq!(weekly(d(9, 1), d(9, 1)), vec![d(9, 1)]);
        assert!(weekly(d(9, 2), d(9, 1)).is_empty());
    }

    #[test]
    fn months_run_across_the_new_year() {
        assert_eq!(
            months_between(d(11, 30), NaiveDate::from_ymd_opt(2027, 1, 2).unwrap()),
            vec!["2026-11", "2026-12", "2027-01"]
        );
    }
}
