//! Signing rates against the 100% target: overall, per group, per zone and per kind.
//!
//! Denominators (应签): parties whose status is 正常 (present). A moved-out household or closed
//! shop is left out of both the denominator and the signed count (shown as `inactive`), whatever
//! its pledge says. A refused pledge stays in the denominator and is not signed. A void pledge
//! does not count: the party still owes a pledge (a new number) and stays in the denominator.
//! With `as_of`, a pledge counts as signed only if it was signed on or before that day, so a
//! rate over time can be drawn from the same function; refusals are counted as they stand now.

use super::{counts, group_name, parse_date, year_or_current, PledgeStatus, Scope};
use chrono::NaiveDate;
use cw_domain::enums::{PartyKind, PartyStatus};
use cw_kernel::{CoreError, Ctx};
use cw_store::sql::column_at;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
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
    /// 未签: due − signed − refused (printed or not yet printed), so that 已签 + 拒签 + 未签 = 应签.
    pub outstanding: i64,
    /// Moved-out households and closed shops, left out of `due`.
    pub inactive: i64,
    /// signed / due in tenths of a percent (934 = 93.4%), rounded half up and never 1000 short of
    /// the whole (`cw_domain::rate`); none when nothing is due.
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
        self.add_n(active, status, 1);
    }

    /// Adds `n` parties standing at `status`.
    fn add_n(&mut self, active: bool, status: PledgeStatus, n: i64) {
        if !active {
            self.inactive += n;
            return;
        }
        self.due += n;
        *self.counter(status) += n;
    }

    /// Moves `n` present parties from 未打印 (no pledge) to `status`.
    fn shift(&mut self, status: PledgeStatus, n: i64) {
        self.not_printed -= n;
        *self.counter(status) += n;
    }

    fn counter(&mut self, status: PledgeStatus) -> &mut i64 {
        match status {
            PledgeStatus::Signed => &mut self.signed,
            PledgeStatus::Refused => &mut self.refused,
            PledgeStatus::Printed => &mut self.printed,
            PledgeStatus::NotPrinted | PledgeStatus::Void => &mut self.not_printed,
        }
    }

    fn finish(mut self) -> RateLine {
        // A refusal is its own figure, not 未签: the three add up to 应签.
        self.outstanding = self.due - self.signed - self.refused;
        // The one rate rule: half up, never 100.0% while a party is still due.
        self.rate_permille = cw_domain::rate::permille(self.signed, self.due);
        self.rate_text = cw_domain::rate::permille_text(self.rate_permille);
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
    #[ts(optional = nullable)]
    pub year: Option<i32>,
    /// Count signatures up to this day only.
    #[ts(optional = nullable)]
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

/// One line of the rates: the community, a group, a zone or a kind (by its place in
/// `PartyKind::ALL`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum LineKey {
    Overall,
    Group(i64),
    Zone(i64),
    Kind(usize),
}

/// The lines a party of this group, zone and kind counts in.
fn line_keys(group: Option<i64>, zone: Option<i64>, kind: PartyKind) -> [Option<LineKey>; 4] {
    let ki = PartyKind::ALL.iter().position(|k| *k == kind).unwrap_or(0);
    [
        Some(LineKey::Overall),
        group.map(LineKey::Group),
        zone.map(LineKey::Zone),
        Some(LineKey::Kind(ki)),
    ]
}

/// The accumulating lines of one day's rates.
#[derive(Default, Clone)]
struct Tally {
    overall: Option<RateLine>,
    groups: BTreeMap<i64, RateLine>,
    zones: BTreeMap<i64, RateLine>,
    kinds: BTreeMap<usize, RateLine>,
}

impl Tally {
    /// Applies `f` to every line a party of this group, zone (with its name) and kind counts in.
    fn each(
        &mut self,
        group: Option<i64>,
        zone: Option<(i64, &str)>,
        kind: PartyKind,
        f: impl Fn(&mut RateLine),
    ) {
        f(self
            .overall
            .get_or_insert_with(|| RateLine::new("全社区".into(), None)));
        if let Some(g) = group {
            f(self
                .groups
                .entry(g)
                .or_insert_with(|| RateLine::new(group_name(g as i32), Some(g))));
        }
        if let Some((z, n)) = zone {
            f(self
                .zones
                .entry(z)
                .or_insert_with(|| RateLine::new(n.to_string(), Some(z))));
        }
        let ki = PartyKind::ALL.iter().position(|k| *k == kind).unwrap_or(0);
        f(self
            .kinds
            .entry(ki)
            .or_insert_with(|| RateLine::new(kind.label().into(), None)));
    }

    fn line_mut(&mut self, key: LineKey) -> Option<&mut RateLine> {
        match key {
            LineKey::Overall => self.overall.as_mut(),
            LineKey::Group(g) => self.groups.get_mut(&g),
            LineKey::Zone(z) => self.zones.get_mut(&z),
            LineKey::Kind(k) => self.kinds.get_mut(&k),
        }
    }

    fn finish(self, year: i32, as_of: Option<NaiveDate>, voided: i64) -> SigningRates {
        SigningRates {
            year,
            as_of,
            overall: self
                .overall
                .unwrap_or_else(|| RateLine::new("全社区".into(), None))
                .finish(),
            by_group: self.groups.into_values().map(RateLine::finish).collect(),
            by_zone: self.zones.into_values().map(RateLine::finish).collect(),
            by_kind: self.kinds.into_values().map(RateLine::finish).collect(),
            voided,
        }
    }
}

/// A signed pledge counts as signed on `day` only if it was signed by then; otherwise it was
/// printed and waiting.
fn as_of(
    status: PledgeStatus,
    signed_on: Option<NaiveDate>,
    day: Option<NaiveDate>,
) -> PledgeStatus {
    match (day, status) {
        (Some(limit), PledgeStatus::Signed) if signed_on.is_none_or(|d| d > limit) => {
            PledgeStatus::Printed
        }
        _ => status,
    }
}

fn voided(conn: &Connection, year: i32) -> Result<i64, CoreError> {
    Ok(conn.query_row(
        "SELECT count(*) FROM pledges WHERE year = ?1 AND status = '作废'",
        [year],
        |r| r.get(0),
    )?)
}

/// The rates as of each day of `days` (the dashboard's weekly trend asks for twenty-odd), from
/// the counts migration 0012 keeps: every party counts as 未打印, each bucket of live pledges
/// moves its parties to its status as it stands today, and for an earlier day the pledges signed
/// after it go back to 已打印. Each result equals [`compute_many_by_party`]'s.
pub fn compute_many(
    conn: &Connection,
    year: i32,
    days: &[Option<NaiveDate>],
    scope: &Scope,
) -> Result<Vec<SigningRates>, CoreError> {
    let cover = counts::Cover {
        scope,
        kind: None,
        active_only: false,
    };
    let parties = counts::parties(conn, &cover)?;
    let pledges = counts::pledges(conn, year, scope)?;
    let voided = voided(conn, year)?;
    let names: HashMap<i64, &str> = parties
        .iter()
        .filter_map(|b| b.zone.as_ref().map(|(z, n)| (*z, n.as_str())))
        .collect();
    let mut now = Tally::default();
    for b in &parties {
        let zone = b.zone.as_ref().map(|(z, n)| (*z, n.as_str()));
        now.each(b.group, zone, b.kind, |l| {
            l.add_n(b.active, PledgeStatus::NotPrinted, b.n)
        });
    }
    // Each line's signed pledges by signing day, to take back those signed after a day.
    let mut signed: BTreeMap<LineKey, Vec<(Option<NaiveDate>, i64)>> = BTreeMap::new();
    for b in &pledges {
        // A zone without a name has no line (as on the straightforward path).
        let zone = b.zone.and_then(|z| names.get(&z).map(|n| (z, *n)));
        now.each(b.group, zone, b.kind, |l| l.shift(b.status, b.n));
        if b.status == PledgeStatus::Signed {
            for key in line_keys(b.group, zone.map(|(z, _)| z), b.kind)
                .into_iter()
                .flatten()
            {
                signed.entry(key).or_default().push((b.signed_on, b.n));
            }
        }
    }
    Ok(days
        .iter()
        .map(|day| {
            let mut t = now.clone();
            if let Some(limit) = day {
                for (key, by_day) in &signed {
                    let late: i64 = by_day
                        .iter()
                        .filter(|(on, _)| on.is_none_or(|d| d > *limit))
                        .map(|(_, n)| n)
                        .sum();
                    if let Some(l) = t.line_mut(*key).filter(|_| late != 0) {
                        l.signed -= late;
                        l.printed += late;
                    }
                }
            }
            t.finish(year, *day, voided)
        })
        .collect())
}

/// [`compute_many`] the straightforward way, reading every party with its pledge: what the
/// counts must equal (kept for the tests that say so).
pub fn compute_many_by_party(
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
         FROM parties p LEFT JOIN zones z ON z.id = p.zone_id
         LEFT JOIN pledges g ON g.party_id = p.id AND g.year = ?1 AND g.status <> '作废'{}",
        if w.is_empty() { String::new() } else { format!(" WHERE {w}") }
    );
    let mut tallies: Vec<Tally> = days.iter().map(|_| Tally::default()).collect();
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query(rusqlite::params_from_iter(all.iter()))?;
    while let Some(r) = rows.next()? {
        let kind: PartyKind = column_at(r, 0, "parties", "kind")?;
        let active = column_at::<PartyStatus>(r, 1, "parties", "status")? == PartyStatus::Active;
        let group: Option<i64> = r.get(2)?;
        let zone: Option<i64> = r.get(3)?;
        let zone_name: Option<String> = r.get(4)?;
        let now: PledgeStatus = column_at(r, 5, "pledges", "status")?;
        let signed_on: Option<String> = r.get(6)?;
        let signed_on = match now {
            PledgeStatus::Signed => signed_on.as_deref().map(parse_date).transpose()?,
            _ => None,
        };
        let zone = zone.zip(zone_name.as_deref());
        for (day, t) in days.iter().zip(tallies.iter_mut()) {
            let status = as_of(now, signed_on, *day);
            t.each(group, zone, kind, |l| l.add(active, status));
        }
    }
    let voided = voided(conn, year)?;
    Ok(days
        .iter()
        .zip(tallies)
        .map(|(day, t)| t.finish(year, *day, voided))
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
    fn a_rate_rounds_half_up_to_a_tenth_of_a_percent() {
        let mut l = RateLine::new("x".into(), None);
        for _ in 0..2 {
            l.add(true, PledgeStatus::Signed);
        }
        l.add(true, PledgeStatus::Refused);
        l.add(false, PledgeStatus::Signed);
        let l = l.finish();
        assert_eq!((l.due, l.signed, l.outstanding, l.inactive), (3, 2, 0, 1));
        assert_eq!(l.signed + l.refused + l.outstanding, l.due);
        assert_eq!(l.rate_text, "66.7%");
    }

    #[test]
    fn nothing_due_has_no_rate() {
        let l = RateLine::new("x".into(), None).finish();
        assert_eq!(l.rate_permille, None);
        assert_eq!(l.rate_text, "—");
    }
}
