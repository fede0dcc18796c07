//! The scale community's five years of records: inspections, fines and fee receipts (with their
//! books, batches, closings and remittances), written in bulk, each with its audit row and seal.

use super::bulk::{insert, AuditWriter};
use super::people::People;
use super::Counts;
use chrono::{Datelike, Duration, NaiveDate};
use cw_domain::money_words::fen_to_words;
use cw_kernel::rng::Rng;
use cw_kernel::{CoreError, Ctx};
use rusqlite::params;
use serde_json::json;

fn day(y: i32, m: u32, d: u32) -> Result<NaiveDate, CoreError> {
    NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| CoreError::Internal("规模测试日期有误".into()))
}

/// Five years of fines and inspections end on this day.
fn span() -> Result<(NaiveDate, i64), CoreError> {
    let first = day(2021, 12, 1)?;
    Ok((first, (day(2026, 11, 28)? - first).num_days()))
}

/// Writes inspections, fines and receipts.
pub fn generate(ctx: &Ctx<'_>, rng: &mut Rng, c: &Counts, p: &People) -> Result<(), CoreError> {
    let mut audit = AuditWriter::new(ctx.conn, ctx.actor, ctx.command)?;
    history(ctx, &mut audit)?;
    inspections_and_fines(ctx, &mut audit, rng, c, p)?;
    receipts(ctx, &mut audit, c, p)
}

/// The schedule and fee standards in force before 2026, so old records have their rules.
fn history(ctx: &Ctx<'_>, audit: &mut AuditWriter<'_>) -> Result<(), CoreError> {
    let at = "2021-06-20 09:00:00";
    let v = insert(
        ctx.conn,
        "INSERT INTO schedule_versions (effective_date, note, created_at, created_by) VALUES ('2021-07-01', ?1, ?2, ?3)",
        params!["考核细则（规模测试的历史版本）", at, ctx.actor],
    )?;
    ctx.conn.execute(
        "INSERT INTO schedule_items (version_id, code, category, offence, amount_fen, unit, kind, sort)
         SELECT ?1, code, category, offence, amount_fen, unit, kind, sort FROM schedule_items WHERE version_id = 1",
        [v],
    )?;
    audit.created(
        at,
        "schedule_versions",
        v,
        &json!({"effective_date": "2021-07-01"}).to_string(),
    )?;
    for (cat, fen) in [("居民", 500), ("门店", 1000)] {
        let id = insert(
            ctx.conn,
            "INSERT INTO fee_standards (category, monthly_fen, effective_from, basis, created_at, created_by)
             VALUES (?1, ?2, '2021-07', '市创卫办收费通知', ?3, ?4)",
            params![cat, fen, at, ctx.actor],
        )?;
        audit.created(
            at,
            "fee_standards",
            id,
            &json!({"category": cat, "monthly_fen": fen}).to_string(),
        )?;
    }
    Ok(())
}

/// A fine item of the schedule: (id, code, category, offence, unit, amount).
type Item = (i64, String, String, String, String, i64);

fn items(ctx: &Ctx<'_>, version: i64) -> Result<Vec<Item>, CoreError> {
    let mut stmt = ctx.conn.prepare(
        "SELECT id, code, category, offence, unit, amount_fen FROM schedule_items
         WHERE version_id = ?1 AND kind = '罚款' AND amount_fen IS NOT NULL AND code NOT IN ('S1', 'S2')
         ORDER BY sort",
    )?;
    let rows = stmt
        .query_map([version], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

fn inspections_and_fines(
    ctx: &Ctx<'_>,
    audit: &mut AuditWriter<'_>,
    rng: &mut Rng,
    c: &Counts,
    p: &People,
) -> Result<(), CoreError> {
    let (first, days) = span()?;
    const KINDS: [&str; 3] = ["巡查", "社区检查", "上级督查"];
    for n in 0..c.inspections {
        let date = first + Duration::days(n as i64 * days / c.inspections as i64);
        let (inspector_id, inspector) = &p.supervisors[rng.below(p.supervisors.len())];
        let zone = p.zones[rng.below(p.zones.len())];
        let kind = KINDS[[0, 0, 0, 0, 0, 0, 0, 1, 1, 2][rng.below(10)]];
        let result = if rng.chance(90) {
            "达标"
        } else {
            "不达标"
        };
        let at = format!("{date} 16:00:00");
        let id = insert(
            ctx.conn,
            "INSERT INTO inspections (kind, date, time, inspector_id, inspector, zone_id, result, findings, created_at, created_by)
             VALUES (?1, ?2, '10:00', ?3, ?4, ?5, ?6, '', ?7, ?8)",
            params![kind, date.to_string(), inspector_id, inspector, zone, result, at, ctx.actor],
        )?;
        let after =
            json!({"id": id, "kind": kind, "date": date, "zone_id": zone, "result": result});
        audit.created(&at, "inspections", id, &after.to_string())?;
    }
    let old = items(ctx, 2)?;
    let new = items(ctx, 1)?;
    for n in 0..c.fines {
        let date = first + Duration::days(n as i64 * days / c.fines as i64);
        let (item_id, code, category, offence, unit, fen) =
            &(if date.year() >= 2026 { &new } else { &old })[rng.below(old.len())];
        let staff = p.cleaners[rng.below(p.cleaners.len())];
        let zone = p.zones[rng.below(p.zones.len())];
        let by = p.supervisors[rng.below(p.supervisors.len())].0;
        let month = format!("{:04}-{:02}", date.year(), date.month());
        let at = format!("{date} 17:00:00");
        let id = insert(
            ctx.conn,
            "INSERT INTO fines (kind, staff_id, item_id, item_code, category, offence, unit, unit_amount_fen, count,
               amount_fen, date, month, time, zone_id, observed, recorded_by, inspection_id, minutes, created_at, created_by)
             VALUES ('罚款', ?1, ?2, ?3, ?4, ?5, ?6, ?7, 1, ?7, ?8, ?9, '09:30', ?10, '', ?11, NULL, NULL, ?12, ?13)",
            params![staff, item_id, code, category, offence, unit, fen, date.to_string(), month, zone, by, at, ctx.actor],
        )?;
        let after = json!({"id": id, "staff_id": staff, "item_code": code, "amount_fen": fen, "date": date, "zone_id": zone});
        audit.created(&at, "fines", id, &after.to_string())?;
    }
    Ok(())
}

/// A collector's current receipt book: (book id, next serial, last serial).
type Book = (i64, i64, i64);

fn receipts(
    ctx: &Ctx<'_>,
    audit: &mut AuditWriter<'_>,
    c: &Counts,
    p: &People,
) -> Result<(), CoreError> {
    // Ten half-years, 2021-H2 to 2026-H1; each paying party gets one six-month receipt a half-year.
    let per_half = c.receipts.div_ceil(10);
    let mut books: std::collections::HashMap<i64, Book> = Default::default();
    let mut next_serial: i64 = 1_000_001;
    let mut left = c.receipts;
    for h in 0..10i32 {
        let (y, m0) = (2021 + (h + 1) / 2, if h % 2 == 0 { 7 } else { 1 });
        let start = day(y, m0, 5)?;
        let (from, to) = (format!("{y:04}-{m0:02}"), format!("{y:04}-{:02}", m0 + 5));
        for g in 1..=4i32 {
            let gi = g as usize - 1;
            let payers: Vec<_> = p
                .parties
                .iter()
                .filter(|x| x.group == g)
                .take(per_half.div_ceil(4).min(left))
                .collect();
            let batches = payers.len().div_ceil(100).max(1);
            for (k, chunk) in payers.chunks(100).enumerate() {
                let on = start + Duration::days((k * 150 / batches) as i64);
                let at = format!("{on} 09:00:00");
                let collector = p.collectors[gi][k % p.collectors[gi].len()];
                let cadre = p.cadres[gi][k % p.cadres[gi].len()];
                let batch = insert(
                    ctx.conn,
                    "INSERT INTO collection_batches (group_no, on_date, cadre_id, note, created_at, created_by)
                     VALUES (?1, ?2, ?3, '', ?4, ?5)",
                    params![g, on.to_string(), cadre, at, ctx.actor],
                )?;
                ctx.conn
                    .prepare_cached("INSERT INTO collection_batch_collectors (batch_id, staff_id) VALUES (?1, ?2)")?
                    .execute(params![batch, collector])?;
                audit.created(
                    &at,
                    "collection_batches",
                    batch,
                    &json!({"id": batch, "group_no": g, "on_date": on}).to_string(),
                )?;
                let mut total = 0i64;
                for party in chunk {
                    if left == 0 {
                        break;
                    }
                    left -= 1;
                    let book = match books.get(&collector) {
                        Some(b) if b.1 <= b.2 => *b,
                        _ => new_book(ctx, audit, collector, &mut next_serial, on)?,
                    };
                    books.insert(collector, (book.0, book.1 + 1, book.2));
                    let standard = if party.shop { 6000 } else { 3000 };
                    let id = insert(
                        ctx.conn,
                        "INSERT INTO receipts (batch_id, book_id, serial, party_id, payer_name, period_from, period_to, months,
                           standard_fen, amount_fen, override_reason, amount_words, collector_id, cadre_id, issued_at, created_by)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 6, ?8, ?8, '', ?9, ?10, ?11, ?12, ?13)",
                        params![batch, book.0, book.1, party.id, party.name, from, to, standard, fen_to_words(standard)?,
                            collector, cadre, at, ctx.actor],
                    )?;
                    total += standard;
                    let after = json!({"id": id, "batch_id": batch, "serial": book.1, "party_id": party.id,
                        "period_from": from, "period_to": to, "amount_fen": standard});
                    audit.created(&at, "receipts", id, &after.to_string())?;
                }
                let closed = format!("{on} 17:30:00");
                let closing = insert(
                    ctx.conn,
                    "INSERT INTO batch_closings (batch_id, expected_fen, counted_fen, shortage_fen, overage_fen, closed_at, closed_by)
                     VALUES (?1, ?2, ?2, 0, 0, ?3, ?4)",
                    params![batch, total, closed, ctx.actor],
                )?;
                audit.created(
                    &closed,
                    "batch_closings",
                    closing,
                    &json!({"batch_id": batch, "expected_fen": total}).to_string(),
                )?;
                let remit = insert(
                    ctx.conn,
                    "INSERT INTO remittances (batch_id, amount_fen, remitted_on, receiver, at, by) VALUES (?1, ?2, ?3, '社区会计', ?4, ?5)",
                    params![batch, total, on.to_string(), closed, ctx.actor],
                )?;
                audit.created(
                    &closed,
                    "remittances",
                    remit,
                    &json!({"batch_id": batch, "amount_fen": total}).to_string(),
                )?;
            }
        }
    }
    Ok(())
}

/// Registers a new book of 1,000 serials and hands it to `collector`.
fn new_book(
    ctx: &Ctx<'_>,
    audit: &mut AuditWriter<'_>,
    collector: i64,
    next_serial: &mut i64,
    on: NaiveDate,
) -> Result<Book, CoreError> {
    let first = *next_serial;
    *next_serial += 1000;
    let at = format!("{on} 08:30:00");
    let book_no = format!("GS{:05}", (first - 1_000_001) / 1000 + 1);
    let id = insert(
        ctx.conn,
        "INSERT INTO receipt_books (book_no, first_serial, last_serial, received_on, source, created_at, created_by)
         VALUES (?1, ?2, ?3, ?4, '经管站', ?5, ?6)",
        params![book_no, first, first + 999, on.to_string(), at, ctx.actor],
    )?;
    insert(
        ctx.conn,
        "INSERT INTO receipt_book_events (book_id, kind, staff_id, on_date, note, at, by) VALUES (?1, '发放', ?2, ?3, '', ?4, ?5)",
        params![id, collector, on.to_string(), at, ctx.actor],
    )?;
    audit.created(
        &at,
        "receipt_books",
        id,
        &json!({"book_no": book_no, "first_serial": first}).to_string(),
    )?;
    Ok((id, first, first + 999))
}
