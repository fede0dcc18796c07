//! The dashboard's fine chart: each month's deductions by category and the zones with the most,
//! read from the totals migration 0012 keeps per month, category and zone, not from a monthly
//! fine report of 17,000 lines a month (ten times the community).

use super::figures::FineMonth;
use cw_assessment::statements::{self, ReportTotal, StatementArgs};
use cw_assessment::wire;
use cw_kernel::{CoreError, Ctx};
use rusqlite::Connection;
use std::collections::BTreeMap;

/// The report's name for a line without a zone; such lines never make a top zone.
const NO_ZONE: &str = "（未指定）";

/// The fine chart of some months.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FineChart {
    /// Every category seen, in order of first appearance (month by month, by name within one).
    pub categories: Vec<String>,
    pub months: Vec<FineMonth>,
    /// Zones by the amount of their deductions over the months, most first (at most 8).
    pub top_zones: Vec<ReportTotal>,
}

/// Sums of one month: by category, by zone name, and in all.
#[derive(Default)]
struct MonthSums {
    by_category: BTreeMap<String, (i64, i64)>,
    by_zone: BTreeMap<String, (i64, i64)>,
    count: i64,
    fen: i64,
}

impl MonthSums {
    fn add(&mut self, category: &str, zone: &str, count: i64, fen: i64) {
        let c = self.by_category.entry(category.to_string()).or_default();
        c.0 += count;
        c.1 += fen;
        let zone = if zone.is_empty() { NO_ZONE } else { zone };
        let z = self.by_zone.entry(zone.to_string()).or_default();
        z.0 += count;
        z.1 += fen;
        self.count += count;
        self.fen += fen;
    }
}

fn totals(map: BTreeMap<String, (i64, i64)>) -> Vec<ReportTotal> {
    map.into_iter()
        .map(|(name, (count, fen))| ReportTotal {
            name,
            count,
            amount: wire(fen),
            amount_fen: fen,
        })
        .collect()
}

/// The chart from each month's sums, in the order of `months`.
fn chart(months: &[String], mut sums: BTreeMap<String, MonthSums>) -> FineChart {
    let mut categories: Vec<String> = Vec::new();
    let mut zones: BTreeMap<String, (i64, i64)> = BTreeMap::new();
    let mut out = Vec::new();
    for month in months {
        let s = sums.remove(month).unwrap_or_default();
        for c in s.by_category.keys() {
            if !categories.contains(c) {
                categories.push(c.clone());
            }
        }
        for (name, (count, fen)) in s.by_zone.into_iter().filter(|(n, _)| n != NO_ZONE) {
            let e = zones.entry(name).or_default();
            e.0 += count;
            e.1 += fen;
        }
        out.push(FineMonth {
            month: month.clone(),
            count: s.count,
            total: wire(s.fen),
            by_category: totals(s.by_category),
        });
    }
    let mut top_zones = totals(zones);
    top_zones.sort_by(|a, b| b.amount_fen.cmp(&a.amount_fen).then(b.count.cmp(&a.count)));
    top_zones.truncate(8);
    FineChart {
        categories,
        months: out,
        top_zones,
    }
}

/// The chart of `months` (`YYYY-MM`, in order) from the kept totals.
pub fn fine_chart(conn: &Connection, months: &[String]) -> Result<FineChart, CoreError> {
    let (Some(first), Some(last)) = (months.first(), months.last()) else {
        return Ok(chart(months, BTreeMap::new()));
    };
    let mut sums: BTreeMap<String, MonthSums> = BTreeMap::new();
    let mut stmt = conn.prepare(
        "SELECT t.month, t.category, ifnull(z.name, ''), t.lines, t.amount_fen
         FROM fine_month_totals t LEFT JOIN zones z ON z.id = t.zone_id
         WHERE t.month BETWEEN ?1 AND ?2 AND t.lines > 0",
    )?;
    let mut rows = stmt.query([first, last])?;
    while let Some(r) = rows.next()? {
        let month: String = r.get(0)?;
        let (category, zone): (String, String) = (r.get(1)?, r.get(2)?);
        sums.entry(month)
            .or_default()
            .add(&category, &zone, r.get(3)?, r.get(4)?);
    }
    Ok(chart(months, sums))
}

/// [`fine_chart`] the straightforward way, from each month's fine report (the 月度结算 page's),
/// as the dashboard built it before the totals were kept: what they must equal (kept for the
/// test that says so).
pub fn fine_chart_by_report(ctx: &Ctx<'_>, months: &[String]) -> Result<FineChart, CoreError> {
    let mut categories: Vec<String> = Vec::new();
    let mut out = Vec::new();
    let mut zones: BTreeMap<String, (i64, i64)> = BTreeMap::new();
    for month in months {
        let r = statements::report(
            ctx,
            StatementArgs {
                month: month.clone(),
                staff_id: None,
            },
        )?;
        for c in &r.by_category {
            if !categories.contains(&c.name) {
                categories.push(c.name.clone());
            }
        }
        for z in r.by_zone.iter().filter(|z| z.name != NO_ZONE) {
            let e = zones.entry(z.name.clone()).or_default();
            e.0 += z.count;
            e.1 += z.amount_fen;
        }
        out.push(FineMonth {
            month: month.clone(),
            count: r.total_count,
            total: r.total.clone(),
            by_category: r.by_category,
        });
    }
    let mut top_zones = totals(zones);
    top_zones.sort_by(|a, b| b.amount_fen.cmp(&a.amount_fen).then(b.count.cmp(&a.count)));
    top_zones.truncate(8);
    Ok(FineChart {
        categories,
        months: out,
        top_zones,
    })
}
