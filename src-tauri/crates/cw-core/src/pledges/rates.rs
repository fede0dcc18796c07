//! Signing rates against the 100% target: overall, per group, per zone and per kind.
//!
//! Denominators (应签): parties whose status is 正常 (present). A moved-out household or closed
//! shop is left out of both the denominator and the signed count (shown as `inactive`), whatever
//! its pledge says. A refused pledge stays in the denominator and is not signed. A void pledge
//! does not count: the party still owes a pledge (a new number) and stays in the denominator.
//! With `as_of`, a pledge counts as signed only if it was signed on or before that day, so a
//! rate over time can be drawn from the same function; refusals are counted as they stand now.

use super::{group_name, parse_date, year_or_current, PledgeStatus, Scope};
use crate::{CoreError, Ctx};
use chrono::NaiveDate;
use cw_domain::enums::{PartyKind, PartyStatus};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use ts_rs::TS;

/// Counts and the rate of one line (the community, a group, a zone or a kind).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RateLine {
    /// 全社区, 第一小组, a zone's name, 住户…
    pub label: String,
    /// The group number, zone id, or nothing.
    pub key: Option<i64>,
    /// Parties that owe a pledge (present ones).
    pub due: i64,
    pub signed: i64,
    pub refused: i64,
    /// Printed, not yet signed or refused.
    pub printed: i64,
    /// Not printed yet (no number, or numbered and not printed).
    pub not_printed: i64,
    /// due − signed: the doors still to visit, refusals included.
    pub outstanding: i64,
    /// Moved-out households and closed shops, left out of `due`.
    pub inactive: i64,
    /// signed / due in tenths of a percent (934 = 93.4%), rounded down; none when nothing is due.
    pub rate_permille: Option<i64>,
    /// `93.4%`, or `—` when nothing is due.
    pub rate_text: String,
}

impl RateLine {
    fn new(label: String, key: Option<i64>) -> RateLine {
        RateLine {
            label,
            key,
            ..Default::default()
        }
    }

    fn add(&mut self, active: bool, status: PledgeStatus) {
        if !active {
            self.inactive += 1;
            return;
        }
        self.due += 1;
        match status {
            PledgeStatus::Signed => self.signed += 1,
            PledgeStatus::Refused => self.refused += 1,
            PledgeStatus::Printed => self.printed += 1,
            PledgeStatus::NotPrinted | PledgeStatus::Void => self.not_printed += 1,
        }
    }

    fn finish(mut self) -> RateLine {
        self.outstanding = self.due - self.signed;
        self.rate_permille = (self.due > 0).then(|| self.signed * 1000 / self.due);
        self.rate_text = match self.rate_permille {
            Some(p) => format!("{}.{}%", p / 10, p % 10),
            None => "—".into(),
        };
        self
    }
}

/// The signing rates of a year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SigningRates {
    pub year: i32,
    pub as_of: Option<NaiveDate>,
    pub overall: RateLine,
    pub by_group: Vec<RateLine>,
    pub by_zone: Vec<RateLine>,
    pub by_kind: Vec<RateLine>,
    /// Pledges voided this year (each replaced or still owed).
    pub voided: i64,
}

/// Arguments of [`rates`].
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct RatesArgs {
    pub year: Option<i32>,
    /// Count signatures up to this day only.
    pub as_of: Option<NaiveDate>,
    #[serde(flatten)]
    #[ts(flatten)]
    pub scope: Scope,
}

/// The rates of `year` as of today (`as_of` = `None`) or as of a day; see the module's rules.
pub fn compute(
    conn: &Connection,
    year: i32,
    as_of: Option<NaiveDate>,
    scope: &Scope,
) -> Result<SigningRates, CoreError> {
    compute_many(conn, year, &[as_of], scope)?
        .pop()
        .ok_or_else(|| CoreError::Internal("签订率没有结果".into()))
}

/// The accumulating lines of one day's rates.
#[derive(Default)]
struct Tally {
    overall: Option<RateLine>,
    groups: BTreeMap<i64, RateLine>,
    zones: BTreeMap<i64, RateLine>,
    kinds: BTreeMap<usize, RateLine>,
}

/// The rates as of each day of `days`, from one reading of the parties: the dashboard's weekly
/// trend asks for twenty-odd days, and at ten times the community each reading is 200,000 rows.
/// Each result equals [`compute`] for that day.
pub fn compute_many(
    conn: &Connection,
    year: i32,
    days: &[Option<NaiveDate>],
    scope: &Scope,
) -> Result<Vec<SigningRates>, CoreError> {
    let (w, mut params) = scope.filter();
    let mut all: Vec<rusqlite::types::Value> = vec![i64::from(year).into()];
    all.append(&mut params);
    let sql = format!(
        "SELECT p.kind, p.status, p.group_no, p.zone_id, z.name, COALESCE(g.status, '未打印'), g.signed_on
         FROM parties p NOT INDEXED LEFT JOIN zones z ON z.id = p.zone_id
         LEFT JOIN pledges g ON g.party_id = p.id AND g.year = ?1 AND g.status <> '作废'{}",
        if w.is_empty() { String::new() } else { format!(" WHERE {w}") }
    );
    // NOT INDEXED: every party is read anyway; in table order their pledges are read in order
    // too, where a covering index of parties (0009) would send each lookup elsewhere (2× slower).
    let mut tallies: Vec<Tally> = days.iter().map(|_| Tally::default()).collect();
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query(rusqlite::params_from_iter(all.iter()))?;
    while let Some(r) = rows.next()? {
        let kind = PartyKind::parse("类型", &r.get::<_, String>(0)?)?;
        let active = PartyStatus::parse("状态", &r.get::<_, String>(1)?)? == PartyStatus::Active;
        let group: Option<i64> = r.get(2)?;
        let zone: Option<i64> = r.get(3)?;
        let zone_name: Option<String> = r.get(4)?;
        let now = PledgeStatus::parse(&r.get::<_, String>(5)?)?;
        let signed_on: Option<String> = r.get(6)?;
        let signed_on = match now {
            PledgeStatus::Signed => signed_on.as_deref().map(parse_date).transpose()?,
            _ => None,
        };
        let ki = PartyKind::ALL.iter().position(|k| *k == kind).unwrap_or(0);
        for (day, t) in days.iter().zip(tallies.iter_mut()) {
            let mut status = now;
            if let (Some(limit), PledgeStatus::Signed) = (day, status) {
                if signed_on.is_none_or(|d| d > *limit) {
                    status = PledgeStatus::Printed;
                }
            }
            t.overall
                .get_or_insert_with(|| RateLine::new("全社区".into(), None))
                .add(active, status);
            if let Some(g) = group {
                t.groups
                    .entry(g)
                    .or_insert_with(|| RateLine::new(group_name(g as i32), Some(g)))
                    .add(active, status);
            }
            if let (Some(z), Some(n)) = (zone, zone_name.as_ref()) {
                t.zones
                    .entry(z)
                    .or_insert_with(|| RateLine::new(n.clone(), Some(z)))
                    .add(active, status);
            }
            t.kinds
                .entry(ki)
                .or_insert_with(|| RateLine::new(kind.label().into(), None))
                .add(active, status);
        }
    }
    let voided: i64 = conn.query_row(
        "SELECT count(*) FROM pledges WHERE year = ?1 AND status = '作废'",
        [year],
        |r| r.get(0),
    )?;
    Ok(days
        .iter()
        .zip(tallies)
        .map(|(as_of, t)| SigningRates {
            year,
            as_of: *as_of,
            overall: t
                .overall
                .unwrap_or_else(|| RateLine::new("全社区".into(), None))
                .finish(),
            by_group: t.groups.into_values().map(RateLine::finish).collect(),
            by_zone: t.zones.into_values().map(RateLine::finish).collect(),
            by_kind: t.kinds.into_values().map(RateLine::finish).collect(),
            voided,
        })
        .collect())
}

/// The signing rates (command).
pub fn rates(ctx: &Ctx<'_>, a: RatesArgs) -> Result<SigningRates, CoreError> {
    let year = year_or_current(ctx, a.year)?;
    compute(ctx.conn, year, a.as_of, &a.scope)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rate_rounds_down_to_a_tenth_of_a_percent() {
        let mut l = RateLine::new("x".into(), None);
        for _ in 0..2 {
            l.add(true, PledgeStatus::Signed);
        }
        l.add(true, PledgeStatus::Refused);
        l.add(false, PledgeStatus::Signed);
        let l = l.finish();
        assert_eq!((l.due, l.signed, l.outstanding, l.inactive), (3, 2, 1, 1));
        assert_eq!(l.rate_text, "66.6%");
    }

    #[test]
    fn nothing_due_has_no_rate() {
        let l = RateLine::new("x".into(), None).finish();
        assert_eq!(l.rate_permille, None);
        assert_eq!(l.rate_text, "—");
    }
}
