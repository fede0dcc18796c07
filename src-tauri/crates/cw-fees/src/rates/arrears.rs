//! Who still owes (the arrears list, whole or a page at a time) and the daily takings per
//! collector.

use super::standing::standings;
use super::tally::{payers, tally, Acc, Profiles};
use super::RateArgs;
use crate::standards::Tariff;
use crate::types::{ArrearsRow, DailyRow};
use crate::{period_cn, wire, MonthNo};
use cw_domain::enums::PartyStatus;
use cw_domain::registry::Page;
use cw_kernel::sql::Filter;
use cw_kernel::{CoreError, Ctx};
use rusqlite::Connection;
use serde::Deserialize;
use std::collections::HashMap;
use ts_rs::TS;

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
