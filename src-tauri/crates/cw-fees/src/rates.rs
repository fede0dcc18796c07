//! Collection rate per group, zone or street over the campaign period; arrears; daily takings.

use super::standards::Tariff;
use super::types::{ArrearsRow, DailyRow, RateReport, RateRow};
use super::{month_text, parse_month, period_cn, wire, MonthNo};
use cw_domain::enums::{parse_tags, PartyKind, PartyStatus};
use cw_domain::registry::{Household, HouseholdQuery, Page};
use cw_kernel::sql::Filter;
use cw_kernel::{CoreError, Ctx};
use cw_registry::{households, settings};
use rusqlite::Connection;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
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

/// One party's standing for the period.
pub struct Standing {
    pub party: Household,
    /// Months it should pay (not exempt, with a standard), with the amount each.
    pub due: Vec<(MonthNo, i64)>,
    pub exempt: bool,
    /// Due months not yet paid.
    pub unpaid: Vec<(MonthNo, i64)>,
    /// 实收: what valid receipts paid for months of the period, 分.
    pub collected: i64,
    /// 预收: what they paid for months after the period, 分.
    pub prepaid: i64,
}

/// How a receipt's amount falls on the period `(f, t)`: (before, inside, after), 分. Months
/// outside the period take their standard (`std` of a month), earlier months first, as far as
/// the amount goes; the months inside take the rest, so a reduction shows inside the period.
pub fn split_receipt(
    amount: i64,
    (pf, pt): (MonthNo, MonthNo),
    (f, t): (MonthNo, MonthNo),
    std: impl Fn(MonthNo) -> i64,
) -> (i64, i64, i64) {
    let before: i64 = (pf..=pt.min(f - 1)).map(&std).sum();
    let after: i64 = (pf.max(t + 1)..=pt).map(&std).sum();
    let inside_months = pf <= t && pt >= f;
    let before = before.min(amount);
    let after = if inside_months {
        after.min(amount - before)
    } else {
        amount - before
    };
    (before, amount - before - after, after)
}

/// The standing of every active party in scope.
pub fn standings(conn: &Connection, a: &RateArgs) -> Result<Vec<Standing>, CoreError> {
    let (f, t) = period_of(conn, a)?;
    let tariff = Tariff::load(conn)?;
    let as_of = a.as_of.map(|d| d.to_string());
    // Every valid receipt reaching into or past the period, split into its months' shares.
    let mut receipts_of: HashMap<i64, Vec<(MonthNo, MonthNo, i64)>> = HashMap::new();
    let mut stmt = conn.prepare(
        "SELECT party_id, period_from, period_to, amount_fen FROM receipts r WHERE period_to >= ?1
         AND (?3 IS NULL OR (SELECT b.on_date FROM collection_batches b WHERE b.id = r.batch_id) <= ?3)
         AND NOT EXISTS (SELECT 1 FROM receipt_voids v WHERE v.receipt_id = r.id
                         AND (?3 IS NULL OR substr(v.at, 1, 10) <= ?3))",
    )?;
    let mut rows = stmt.query(rusqlite::params![month_text(f), month_text(t), as_of])?;
    while let Some(r) = rows.next()? {
        receipts_of.entry(r.get(0)?).or_default().push((
            parse_month("起始月份", &r.get::<_, String>(1)?)?,
            parse_month("终止月份", &r.get::<_, String>(2)?)?,
            r.get(3)?,
        ));
    }
    // Every party's paid months inside the period (as of a day, when asked) in one query
    // (migration 0008's index on period_to), not one query per party: at ten times the
    // community that was 200,000 queries.
    let mut paid: HashMap<i64, Vec<MonthNo>> = HashMap::new();
    let mut stmt = conn.prepare(
        "SELECT party_id, period_from, period_to FROM receipts r WHERE period_to >= ?1 AND period_from <= ?2
         AND (?3 IS NULL OR (SELECT b.on_date FROM collection_batches b WHERE b.id = r.batch_id) <= ?3)
         AND NOT EXISTS (SELECT 1 FROM receipt_voids v WHERE v.receipt_id = r.id
                         AND (?3 IS NULL OR substr(v.at, 1, 10) <= ?3))",
    )?;
    let mut rows = stmt.query(rusqlite::params![month_text(f), month_text(t), as_of])?;
    while let Some(r) = rows.next()? {
        let (p, pf, pt): (i64, String, String) = (r.get(0)?, r.get(1)?, r.get(2)?);
        paid.entry(p)
            .or_default()
            .extend(parse_month("起始月份", &pf)?..=parse_month("终止月份", &pt)?);
    }
    let mut out = Vec::new();
    let scope = HouseholdQuery {
        status: Some(PartyStatus::Active),
        group_no: a.group_no,
        zone_id: a.zone_id,
        ..Default::default()
    };
    for h in households::all_matching(conn, &scope)? {
        if a.group_no.is_some_and(|g| h.group_no != Some(g))
            || a.zone_id.is_some_and(|z| h.zone_id != Some(z))
        {
            continue;
        }
        let exempt = (f..=t).any(|m| tariff.is_exempt(&h.tags, m));
        let due: Vec<(MonthNo, i64)> = (f..=t)
            .filter_map(|m| {
                tariff
                    .due(&h.fee_category, h.kind, &h.tags, m)
                    .map(|d| (m, d))
            })
            .collect();
        let paid = paid.get(&h.id).map(Vec::as_slice).unwrap_or(&[]);
        let unpaid = due
            .iter()
            .copied()
            .filter(|(m, _)| !paid.contains(m))
            .collect();
        let (mut collected, mut prepaid) = (0, 0);
        for &(pf, pt, amount) in receipts_of.get(&h.id).map(Vec::as_slice).unwrap_or(&[]) {
            let (_, inside, after) = split_receipt(amount, (pf, pt), (f, t), |m| {
                tariff.due(&h.fee_category, h.kind, &h.tags, m).unwrap_or(0)
            });
            collected += inside;
            prepaid += after;
        }
        out.push(Standing {
            collected,
            prepaid,
            party: h,
            due,
            exempt,
            unpaid,
        });
    }
    Ok(out)
}

/// The sums behind one row of the rate report. Every field is a sum of one term per party, so
/// parties that stand alike (same category, kind and tags, nothing paid) are added as a count.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct Acc {
    expected: i64,
    exempt: i64,
    paid: i64,
    unpaid: i64,
    exp_fen: i64,
    owed: i64,
    collected: i64,
    excess: i64,
    prepaid: i64,
}

/// Splits what a party paid for months of the period into 实收 — at most the standard of the
/// due months it paid — and 多收, the rest: money for months it is exempt from (an exemption
/// approved after it paid) or above the standard, to be refunded. Without the split 应收 =
/// 实收 + 欠收 + 减免 fails once an exempt household has paid.
fn within_due(collected: i64, due: &[(MonthNo, i64)], unpaid: &[(MonthNo, i64)]) -> (i64, i64) {
    let paid_due: i64 =
        due.iter().map(|(_, f)| f).sum::<i64>() - unpaid.iter().map(|(_, f)| f).sum::<i64>();
    let inside = collected.min(paid_due.max(0));
    (inside, collected - inside)
}

impl Acc {
    /// Adds `n` parties (−1 takes one away) with these due and unpaid months.
    fn add(
        &mut self,
        n: i64,
        exempt: bool,
        due: &[(MonthNo, i64)],
        unpaid: &[(MonthNo, i64)],
        (collected, prepaid): (i64, i64),
    ) {
        if exempt {
            self.exempt += n;
        }
        let (collected, excess) = within_due(collected, due, unpaid);
        self.collected += n * collected;
        self.excess += n * excess;
        self.prepaid += n * prepaid;
        if due.is_empty() {
            return;
        }
        self.expected += n;
        if unpaid.is_empty() {
            self.paid += n;
        }
        if unpaid.len() == due.len() {
            self.unpaid += n;
        }
        self.exp_fen += n * due.iter().map(|(_, f)| f).sum::<i64>();
        self.owed += n * unpaid.iter().map(|(_, f)| f).sum::<i64>();
    }

    fn plus(mut self, o: &Acc) -> Acc {
        self.expected += o.expected;
        self.exempt += o.exempt;
        self.paid += o.paid;
        self.unpaid += o.unpaid;
        self.exp_fen += o.exp_fen;
        self.owed += o.owed;
        self.collected += o.collected;
        self.excess += o.excess;
        self.prepaid += o.prepaid;
        self
    }

    fn row(self, label: String) -> RateRow {
        let n = self.expected;
        // The one rate rule (cw_domain::rate): half up, never 100.0% below the whole.
        let rate = cw_domain::rate::permille(self.paid, n).unwrap_or(0);
        RateRow {
            rate_permille: rate,
            label,
            expected_parties: n,
            exempt_parties: self.exempt,
            paid: self.paid,
            partial: n - self.paid - self.unpaid,
            unpaid: self.unpaid,
            expected: wire(self.exp_fen),
            collected: wire(self.collected),
            owed: wire(self.owed),
            reduced: wire(self.exp_fen - self.collected - self.owed),
            excess: wire(self.excess),
            prepaid: wire(self.prepaid),
            rate: cw_domain::rate::permille_text(Some(rate)),
        }
    }
}

/// What a party of one fee category, kind and tags owes month by month over the period.
struct Profile {
    exempt: bool,
    due: Vec<(MonthNo, i64)>,
}

/// Profiles by (category, kind, tags as stored), each priced once.
struct Profiles<'t> {
    tariff: &'t Tariff,
    period: (MonthNo, MonthNo),
    cache: HashMap<(String, String, String), Profile>,
}

impl Profiles<'_> {
    fn get(&mut self, category: &str, kind: &str, tags: &str) -> Result<&Profile, CoreError> {
        let key = (category.to_string(), kind.to_string(), tags.to_string());
        if !self.cache.contains_key(&key) {
            let kind = PartyKind::parse("类型", kind)?;
            let tags = parse_tags("标签", tags)?;
            let (f, t) = self.period;
            let profile = Profile {
                exempt: (f..=t).any(|m| self.tariff.is_exempt(&tags, m)),
                due: (f..=t)
                    .filter_map(|m| self.tariff.due(category, kind, &tags, m).map(|d| (m, d)))
                    .collect(),
            };
            self.cache.insert(key.clone(), profile);
        }
        self.cache
            .get(&key)
            .ok_or_else(|| CoreError::Internal("收费档案缺失".into()))
    }
}

/// Where a party's row of the report is: (order, label), as `by` groups.
fn row_key(
    by: &str,
    group_no: Option<i32>,
    zone_id: Option<i64>,
    street: &str,
    zones: &HashMap<i64, String>,
) -> (i64, String) {
    match by {
        "zone" => (
            0,
            zone_id
                .and_then(|z| zones.get(&z).cloned())
                .unwrap_or_else(|| "未划责任区".into()),
        ),
        "street" => (0, street.to_string()),
        _ => (i64::from(group_no.unwrap_or(9)), group_name(group_no)),
    }
}

/// One party that paid something reaching into the period, with what places and prices it.
struct Payer {
    group_no: Option<i32>,
    zone_id: Option<i64>,
    street: String,
    category: String,
    kind: String,
    tags: String,
    active: bool,
    paid: Vec<MonthNo>,
    collected: i64,
    prepaid: i64,
    /// The receipts, split once the party's profile is known.
    receipts: Vec<(MonthNo, MonthNo, i64)>,
}

fn rate_row(label: String, ss: &[&Standing]) -> RateRow {
    let expected: Vec<&&Standing> = ss.iter().filter(|s| !s.due.is_empty()).collect();
    let paid = expected.iter().filter(|s| s.unpaid.is_empty()).count() as i64;
    let unpaid = expected
        .iter()
        .filter(|s| s.unpaid.len() == s.due.len())
        .count() as i64;
    let n = expected.len() as i64;
    let exp_fen: i64 = expected
        .iter()
        .flat_map(|s| s.due.iter())
        .map(|(_, f)| f)
        .sum();
    let owed: i64 = expected
        .iter()
        .flat_map(|s| s.unpaid.iter())
        .map(|(_, f)| f)
        .sum();
    let (collected, excess) = ss
        .iter()
        .map(|s| within_due(s.collected, &s.due, &s.unpaid))
        .fold((0, 0), |(c, e), (c1, e1)| (c + c1, e + e1));
    let prepaid: i64 = ss.iter().map(|s| s.prepaid).sum();
    // The one rate rule (cw_domain::rate): half up, never 100.0% below the whole.
    let rate = cw_domain::rate::permille(paid, n).unwrap_or(0);
    RateRow {
        rate_permille: rate,
        label,
        expected_parties: n,
        exempt_parties: ss.iter().filter(|s| s.exempt).count() as i64,
        paid,
        partial: n - paid - unpaid,
        unpaid,
        expected: wire(exp_fen),
        collected: wire(collected),
        owed: wire(owed),
        reduced: wire(exp_fen - collected - owed),
        excess: wire(excess),
        prepaid: wire(prepaid),
        rate: cw_domain::rate::permille_text(Some(rate)),
    }
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

/// Every party with valid receipts reaching into the period (as of a day, when asked), with
/// its paid months and what it paid for receipts starting inside the period.
fn payers(
    conn: &Connection,
    tariff: &Tariff,
    (f, t): (MonthNo, MonthNo),
    as_of: Option<chrono::NaiveDate>,
) -> Result<HashMap<i64, Payer>, CoreError> {
    let active = PartyStatus::Active.label();
    let mut payers: HashMap<i64, Payer> = HashMap::new();
    let mut stmt = conn.prepare(
        "SELECT r.party_id, r.period_from, r.period_to, r.amount_fen, p.group_no, p.zone_id, p.street,
           p.fee_category, p.kind, p.tags, p.status
         FROM receipts r JOIN parties p ON p.id = r.party_id WHERE r.period_to >= ?1
         AND (?3 IS NULL OR (SELECT b.on_date FROM collection_batches b WHERE b.id = r.batch_id) <= ?3)
         AND NOT EXISTS (SELECT 1 FROM receipt_voids v WHERE v.receipt_id = r.id
                         AND (?3 IS NULL OR substr(v.at, 1, 10) <= ?3))",
    )?;
    let mut it = stmt.query(rusqlite::params![
        month_text(f),
        month_text(t),
        as_of.map(|d| d.to_string())
    ])?;
    while let Some(r) = it.next()? {
        let id: i64 = r.get(0)?;
        let pf = parse_month("起始月份", &r.get::<_, String>(1)?)?;
        let pt = parse_month("终止月份", &r.get::<_, String>(2)?)?;
        let amount: i64 = r.get(3)?;
        let p = match payers.entry(id) {
            std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
            std::collections::hash_map::Entry::Vacant(e) => e.insert(Payer {
                group_no: r.get(4)?,
                zone_id: r.get(5)?,
                street: r.get(6)?,
                category: r.get(7)?,
                kind: r.get(8)?,
                tags: r.get(9)?,
                active: r.get::<_, String>(10)? == active,
                paid: Vec::new(),
                collected: 0,
                prepaid: 0,
                receipts: Vec::new(),
            }),
        };
        p.paid.extend(pf..=pt);
        p.receipts.push((pf, pt, amount));
    }
    // Each receipt's share of the period by the party's standard month by month.
    for p in payers.values_mut() {
        let kind = PartyKind::parse("类型", &p.kind)?;
        let tags = parse_tags("标签", &p.tags)?;
        for &(pf, pt, amount) in &p.receipts {
            let (_, inside, after) = split_receipt(amount, (pf, pt), (f, t), |m| {
                tariff.due(&p.category, kind, &tags, m).unwrap_or(0)
            });
            p.collected += inside;
            p.prepaid += after;
        }
    }
    Ok(payers)
}

/// The sums of every row of the rate report, keyed as `by` groups.
#[allow(clippy::type_complexity)]
fn tally(
    conn: &Connection,
    a: &RateArgs,
    by: &str,
) -> Result<((MonthNo, MonthNo), BTreeMap<(i64, String), Acc>), CoreError> {
    let (period, mut all) = tally_many(conn, a, by, &[a.as_of])?;
    let rows = all
        .pop()
        .ok_or_else(|| CoreError::Internal("收缴率没有结果".into()))?;
    Ok((period, rows))
}

/// [`tally`] as of each day of `days` (`a.as_of` is not read): the parties are counted and
/// priced once, and only the payers are read for each day.
#[allow(clippy::type_complexity)]
fn tally_many(
    conn: &Connection,
    a: &RateArgs,
    by: &str,
    days: &[Option<chrono::NaiveDate>],
) -> Result<((MonthNo, MonthNo), Vec<BTreeMap<(i64, String), Acc>>), CoreError> {
    let (f, t) = period_of(conn, a)?;
    let tariff = Tariff::load(conn)?;
    let zones: HashMap<i64, String> = conn
        .prepare("SELECT id, name FROM zones")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    let mut profiles = Profiles {
        tariff: &tariff,
        period: (f, t),
        cache: HashMap::new(),
    };
    let mut rows: BTreeMap<(i64, String), Acc> = BTreeMap::new();
    let active = PartyStatus::Active.label();
    // 1. Every active party in scope, as if it had paid nothing: counted by the buckets
    //    migration 0012 keeps by triggers on `parties` (a missing group or zone stored as 0), a
    //    few hundred rows where walking the parties read 200,000 index entries.
    let mut scope = Filter::default();
    scope.and("c.status = ?", [active.to_string().into()]);
    // A group or zone asked for is never the 0 that stands for none.
    if let Some(g) = a.group_no {
        scope.and("c.group_no = ? AND c.group_no <> 0", [i64::from(g).into()]);
    }
    if let Some(z) = a.zone_id {
        scope.and("c.zone_id = ? AND c.zone_id <> 0", [z.into()]);
    }
    let mut stmt = conn.prepare(&format!(
        "SELECT nullif(c.group_no, 0), nullif(c.zone_id, 0), c.street, c.fee_category, c.kind, c.tags, sum(c.n)
         FROM party_counts c{}
         GROUP BY c.group_no, c.fee_category, c.kind, c.tags, c.zone_id, c.street HAVING sum(c.n) <> 0",
        scope.sql()
    ))?;
    let mut it = stmt.query(rusqlite::params_from_iter(scope.params.iter()))?;
    while let Some(r) = it.next()? {
        let (g, z, street, cat, kind, tags, n): (
            Option<i32>,
            Option<i64>,
            String,
            String,
            String,
            String,
            i64,
        ) = (
            r.get(0)?,
            r.get(1)?,
            r.get(2)?,
            r.get(3)?,
            r.get(4)?,
            r.get(5)?,
            r.get(6)?,
        );
        let p = profiles.get(&cat, &kind, &tags)?;
        rows.entry(row_key(by, g, z, &street, &zones))
            .or_default()
            .add(n, p.exempt, &p.due, &p.due, (0, 0));
    }
    // 2. The parties with valid receipts reaching into the period: take back their "paid
    //    nothing" and add what they stand at.
    let mut out = Vec::new();
    for day in days {
        let mut rows = rows.clone();
        let payers = payers(conn, &tariff, (f, t), *day)?;
        for p in payers.values() {
            if !p.active
                || a.group_no.is_some_and(|g| p.group_no != Some(g))
                || a.zone_id.is_some_and(|z| p.zone_id != Some(z))
            {
                continue;
            }
            let prof = profiles.get(&p.category, &p.kind, &p.tags)?;
            let unpaid: Vec<(MonthNo, i64)> = prof
                .due
                .iter()
                .copied()
                .filter(|(m, _)| !p.paid.contains(m))
                .collect();
            let acc = rows
                .entry(row_key(by, p.group_no, p.zone_id, &p.street, &zones))
                .or_default();
            acc.add(-1, prof.exempt, &prof.due, &prof.due, (0, 0));
            acc.add(1, prof.exempt, &prof.due, &unpaid, (p.collected, p.prepaid));
        }
        out.push(rows);
    }
    Ok(((f, t), out))
}

/// [`rate`] the straightforward way, pricing every party from its [`standings`]: what the fast
/// path must equal (kept for the test that says so).
pub fn rate_by_party(conn: &Connection, a: &RateArgs) -> Result<RateReport, CoreError> {
    let (f, t) = period_of(conn, a)?;
    let ss = standings(conn, a)?;
    let by = a.by.clone().unwrap_or_else(|| "group".into());
    let mut groups: BTreeMap<(i64, String), Vec<&Standing>> = BTreeMap::new();
    for s in &ss {
        let key = match by.as_str() {
            "zone" => (
                0,
                s.party
                    .zone_name
                    .clone()
                    .unwrap_or_else(|| "未划责任区".into()),
            ),
            "street" => (0, s.party.address.street.clone()),
            _ => (
                i64::from(s.party.group_no.unwrap_or(9)),
                group_name(s.party.group_no),
            ),
        };
        groups.entry(key).or_default().push(s);
    }
    let rows = groups
        .into_iter()
        .map(|((_, l), v)| rate_row(l, &v))
        .collect();
    let all: Vec<&Standing> = ss.iter().collect();
    Ok(RateReport {
        period_from: month_text(f),
        period_to: month_text(t),
        by,
        rows,
        total: rate_row("合计".into(), &all),
    })
}

/// Runs of consecutive months as text: 2026年10月–12月、2027年2月.
fn months_text(ms: &[MonthNo]) -> String {
    let mut runs: Vec<(MonthNo, MonthNo)> = Vec::new();
    for &m in ms {
        match runs.last_mut() {
            Some((_, e)) if *e + 1 == m => *e = m,
            _ => runs.push((m, m)),
        }
    }
    runs.into_iter()
        .map(|(a, b)| period_cn(a, b))
        .collect::<Vec<_>>()
        .join("、")
}

/// Parties that still owe for the period, in walking order.
pub fn arrears_rows(conn: &Connection, a: &RateArgs) -> Result<Vec<ArrearsRow>, CoreError> {
    Ok(standings(conn, a)?
        .into_iter()
        .filter(|s| !s.unpaid.is_empty())
        .map(|s| {
            let ms: Vec<MonthNo> = s.unpaid.iter().map(|(m, _)| *m).collect();
            ArrearsRow {
                party_id: s.party.id,
                code: s.party.code.clone(),
                kind: s.party.kind.label().into(),
                name: s.party.name.clone(),
                address: s.party.address_text.clone(),
                phone: s.party.phone.clone(),
                group_no: s.party.group_no,
                zone_name: s.party.zone_name.clone(),
                months_text: months_text(&ms),
                months: ms.len() as i64,
                owed: wire(s.unpaid.iter().map(|(_, f)| f).sum()),
            }
        })
        .collect())
}

/// Arguments of the arrears screen: the scope of the rate report and a page.
#[derive(Debug, Default, Clone, Deserialize, TS)]
#[ts(export, optional_fields = nullable)]
#[serde(default)]
pub struct ArrearsArgs {
    #[serde(flatten)]
    pub scope: RateArgs,
    #[ts(optional = nullable)]
    pub page: Option<i64>,
    #[ts(optional = nullable)]
    pub page_size: Option<i64>,
}

/// The arrears list a page at a time, in walking order (the printed list and the notices have
/// every row). Its total comes from the rate's counts (parties expected to pay and not fully
/// paid); the page walks the parties in walking order and stops when it is full, so the first
/// pages read a few hundred parties, not the whole community.
pub fn arrears(ctx: &Ctx<'_>, a: ArrearsArgs) -> Result<Page<ArrearsRow>, CoreError> {
    let conn = ctx.conn;
    let scope = &a.scope;
    let ((f, t), rows) = tally(conn, scope, "group")?;
    let sums = rows.values().fold(Acc::default(), |s, r| s.plus(r));
    let (page, size, offset) = cw_kernel::sql::paging(a.page, a.page_size);
    let tariff = Tariff::load(conn)?;
    let mut profiles = Profiles {
        tariff: &tariff,
        period: (f, t),
        cache: HashMap::new(),
    };
    let payers = payers(conn, &tariff, (f, t), scope.as_of)?;
    let mut filter = Filter::default();
    filter.and(
        "p.status = ?",
        [PartyStatus::Active.label().to_string().into()],
    );
    filter.eq_opt("p.group_no", scope.group_no.map(i64::from));
    filter.eq_opt("p.zone_id", scope.zone_id);
    let mut stmt = conn.prepare(&format!(
        "SELECT p.id, p.code, p.kind, p.name, p.phone, p.street, p.number, p.building, p.unit, p.room,
           p.group_no, z.name, p.fee_category, p.tags
         FROM parties p LEFT JOIN zones z ON z.id = p.zone_id{} ORDER BY p.address_sort, p.id",
        filter.sql()
    ))?;
    let mut it = stmt.query(rusqlite::params_from_iter(filter.params.iter()))?;
    let mut skipped = 0;
    let mut items = Vec::new();
    while items.len() < size as usize {
        let Some(r) = it.next()? else { break };
        let id: i64 = r.get(0)?;
        let kind: String = r.get(2)?;
        let (cat, tags): (String, String) = (r.get(12)?, r.get(13)?);
        let prof = profiles.get(&cat, &kind, &tags)?;
        let paid = payers.get(&id).map(|p| p.paid.as_slice()).unwrap_or(&[]);
        let unpaid: Vec<(MonthNo, i64)> = prof
            .due
            .iter()
            .copied()
            .filter(|(m, _)| !paid.contains(m))
            .collect();
        if unpaid.is_empty() {
            continue;
        }
        if skipped < offset {
            skipped += 1;
            continue;
        }
        let address = cw_domain::address::Address {
            street: r.get(5)?,
            number: r.get(6)?,
            building: r.get(7)?,
            unit: r.get(8)?,
            room: r.get(9)?,
        };
        let ms: Vec<MonthNo> = unpaid.iter().map(|(m, _)| *m).collect();
        items.push(ArrearsRow {
            party_id: id,
            code: r.get(1)?,
            kind,
            name: r.get(3)?,
            address: address.display(),
            phone: r.get(4)?,
            group_no: r.get(10)?,
            zone_name: r.get(11)?,
            months_text: months_text(&ms),
            months: ms.len() as i64,
            owed: wire(unpaid.iter().map(|(_, f)| f).sum()),
        });
    }
    Ok(Page {
        items,
        total: sums.expected - sums.paid,
        page,
        page_size: size,
    })
}

/// Arguments of [`daily`].
#[derive(Debug, Default, Clone, Deserialize, TS)]
#[ts(export, optional_fields = nullable)]
#[serde(default)]
pub struct DailyArgs {
    #[ts(optional = nullable)]
    pub from: Option<String>,
    #[ts(optional = nullable)]
    pub to: Option<String>,
}

/// Receipts per collector per batch day.
pub fn daily_rows(conn: &Connection, a: &DailyArgs) -> Result<Vec<DailyRow>, CoreError> {
    let mut stmt = conn.prepare(
        "SELECT b.on_date, s.name, count(*) - count(v.id), count(v.id),
           coalesce(sum(CASE WHEN v.id IS NULL THEN r.amount_fen END), 0)
         FROM receipts r JOIN collection_batches b ON b.id = r.batch_id JOIN staff s ON s.id = r.collector_id
         LEFT JOIN receipt_voids v ON v.receipt_id = r.id
         WHERE (?1 IS NULL OR b.on_date >= ?1) AND (?2 IS NULL OR b.on_date <= ?2)
         GROUP BY b.on_date, r.collector_id ORDER BY b.on_date, s.name",
    )?;
    let rows = stmt.query_map([&a.from, &a.to], |r| {
        Ok(DailyRow {
            date: r.get(0)?,
            collector_name: r.get(1)?,
            receipts: r.get(2)?,
            voids: r.get(3)?,
            total: wire(r.get(4)?),
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Daily collection per collector.
pub fn daily(ctx: &Ctx<'_>, a: DailyArgs) -> Result<Vec<DailyRow>, CoreError> {
    daily_rows(ctx.conn, &a)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unpaid_months_read_as_runs() {
        let sep = 2026 * 12 + 8;
        assert_eq!(
            months_text(&[sep, sep + 1, sep + 3]),
            "2026年9月–10月、2026年12月"
        );
    }
}
