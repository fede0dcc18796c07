//! Each party's standing for the period, priced party by party: what the arrears lists read
//! and what the fast tally must equal.

use super::{group_name, period_of, RateArgs};
use crate::standards::Tariff;
use crate::types::{RateReport, RateRow};
use crate::{month_text, parse_month, wire, MonthNo};
use cw_domain::enums::PartyStatus;
use cw_domain::registry::{Household, HouseholdQuery};
use cw_kernel::CoreError;
use cw_registry::households;
use rusqlite::Connection;
use std::collections::{BTreeMap, HashMap};

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

/// Splits what a party paid for months of the period into 实收 — at most the standard of the
/// due months it paid — and 多收, the rest: money for months it is exempt from (an exemption
/// approved after it paid) or above the standard, to be refunded. Without the split 应收 =
/// 实收 + 欠收 + 减免 fails once an exempt household has paid.
pub(super) fn within_due(
    collected: i64,
    due: &[(MonthNo, i64)],
    unpaid: &[(MonthNo, i64)],
) -> (i64, i64) {
    let paid_due: i64 =
        due.iter().map(|(_, f)| f).sum::<i64>() - unpaid.iter().map(|(_, f)| f).sum::<i64>();
    let inside = collected.min(paid_due.max(0));
    (inside, collected - inside)
}

pub(super) fn rate_row(label: String, ss: &[&Standing]) -> RateRow {
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
