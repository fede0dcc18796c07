//! The fast tally of the rate report: parties that paid nothing are counted by bucket and priced
//! once per kind, only the payers one by one.

use super::standing::{split_receipt, within_due};
use super::{group_name, period_of, RateArgs};
use crate::standards::Tariff;
use crate::types::RateRow;
use crate::{month_text, parse_month, wire, MonthNo};
use cw_domain::enums::{parse_tags, PartyKind, PartyStatus};
use cw_kernel::sql::Filter;
use cw_kernel::CoreError;
use rusqlite::Connection;
use std::collections::{BTreeMap, HashMap};

/// The sums behind one row of the rate report. Every field is a sum of one term per party, so
/// parties that stand alike (same category, kind and tags, nothing paid) are added as a count.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(super) struct Acc {
    pub(super) expected: i64,
    pub(super) exempt: i64,
    pub(super) paid: i64,
    pub(super) unpaid: i64,
    pub(super) exp_fen: i64,
    pub(super) owed: i64,
    pub(super) collected: i64,
    pub(super) excess: i64,
    pub(super) prepaid: i64,
}

impl Acc {
    /// Adds `n` parties (−1 takes one away) with these due and unpaid months.
    pub(super) fn add(
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

    pub(super) fn plus(mut self, o: &Acc) -> Acc {
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

    pub(super) fn row(self, label: String) -> RateRow {
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
pub(super) struct Profile {
    pub(super) exempt: bool,
    pub(super) due: Vec<(MonthNo, i64)>,
}

/// Profiles by (category, kind, tags as stored), each priced once.
pub(super) struct Profiles<'t> {
    pub(super) tariff: &'t Tariff,
    pub(super) period: (MonthNo, MonthNo),
    pub(super) cache: HashMap<(String, String, String), Profile>,
}

impl Profiles<'_> {
    pub(super) fn get(
        &mut self,
        category: &str,
        kind: &str,
        tags: &str,
    ) -> Result<&Profile, CoreError> {
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
pub(super) fn row_key(
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
pub(super) struct Payer {
    pub(super) group_no: Option<i32>,
    pub(super) zone_id: Option<i64>,
    pub(super) street: String,
    pub(super) category: String,
    pub(super) kind: String,
    pub(super) tags: String,
    pub(super) active: bool,
    pub(super) paid: Vec<MonthNo>,
    pub(super) collected: i64,
    pub(super) prepaid: i64,
    /// The receipts, split once the party's profile is known.
    pub(super) receipts: Vec<(MonthNo, MonthNo, i64)>,
}

/// Every party with valid receipts reaching into the period (as of a day, when asked), with
/// its paid months and what it paid for receipts starting inside the period.
pub(super) fn payers(
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
pub(super) fn tally(
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
pub(super) fn tally_many(
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
