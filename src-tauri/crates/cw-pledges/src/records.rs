//! Pledge records: numbering (MQ-YYYY-NNNNN, never reused), the list with each party's status,
//! recording signed / refused / void / printed as history rows, and one party's pledge history.

use super::{
    collecting_cadre, counts, not_future, parse_date, year_or_current, PledgeStatus, Scope,
};
use chrono::NaiveDate;
use cw_domain::enums::{PartyKind, PartyStatus};
use cw_domain::registry::Page;
use cw_domain::{text, DomainError};
use cw_kernel::sql::{paging, trigram_query};
use cw_kernel::{CoreError, Ctx};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A party with its live pledge of the year (if numbered yet).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PledgeRow {
    pub party_id: i64,
    pub party_code: String,
    pub kind: PartyKind,
    pub name: String,
    pub contact: String,
    pub phone: String,
    pub address_text: String,
    pub zone_id: Option<i64>,
    pub zone_name: Option<String>,
    pub group_no: Option<i32>,
    pub party_status: PartyStatus,
    pub pledge_id: Option<i64>,
    /// MQ-2026-00001 once numbered.
    pub number: Option<String>,
    pub status: PledgeStatus,
    pub signed_on: Option<NaiveDate>,
    pub signer: String,
    pub collector_id: Option<i64>,
    pub collector_name: Option<String>,
    /// Why refused or void.
    pub reason: String,
    pub print_count: i64,
    pub has_attachment: bool,
}

/// Filters of the pledge list.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct PledgeQuery {
    #[ts(optional = nullable)]
    pub year: Option<i32>,
    #[serde(flatten)]
    #[ts(flatten)]
    pub scope: Scope,
    #[ts(optional = nullable)]
    pub kind: Option<PartyKind>,
    #[ts(optional = nullable)]
    pub status: Option<PledgeStatus>,
    /// Name, contact, phone, address, code, pledge number or pinyin initials.
    #[ts(optional = nullable)]
    pub q: String,
    /// Moved-out households and closed shops too (they are left out by default).
    #[ts(optional = nullable)]
    pub include_inactive: bool,
    #[ts(optional = nullable)]
    pub page: Option<i64>,
    #[ts(optional = nullable)]
    pub page_size: Option<i64>,
}

const COLUMNS: &str = "p.id, p.code, p.kind, p.name, p.contact, p.phone, p.street, p.number, p.building, p.unit, p.room,
    p.zone_id, z.name, p.group_no, p.status, g.id, g.number, COALESCE(g.status, '未打印'), g.signed_on, COALESCE(g.signer, ''),
    g.collector_id, s.name, COALESCE(g.reason, ''), COALESCE(g.print_count, 0), g.attachment IS NOT NULL";

/// Parties joined to their live pledge of the year `?1`.
pub const FROM: &str = "FROM parties p
    LEFT JOIN zones z ON z.id = p.zone_id
    LEFT JOIN pledges g ON g.party_id = p.id AND g.year = ?1 AND g.status <> '作废'
    LEFT JOIN staff s ON s.id = g.collector_id";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Result<PledgeRow, CoreError>> {
    let address = cw_domain::address::Address {
        street: r.get(6)?,
        number: r.get(7)?,
        building: r.get(8)?,
        unit: r.get(9)?,
        room: r.get(10)?,
    };
    let kind: String = r.get(2)?;
    let pstatus: String = r.get(14)?;
    let status: String = r.get(17)?;
    let signed: Option<String> = r.get(18)?;
    let build = || -> Result<PledgeRow, CoreError> {
        Ok(PledgeRow {
            party_id: r.get(0)?,
            party_code: r.get(1)?,
            kind: PartyKind::parse("类型", &kind)?,
            name: r.get(3)?,
            contact: r.get(4)?,
            phone: r.get(5)?,
            address_text: address.display(),
            zone_id: r.get(11)?,
            zone_name: r.get(12)?,
            group_no: r.get(13)?,
            party_status: PartyStatus::parse("状态", &pstatus)?,
            pledge_id: r.get(15)?,
            number: r.get(16)?,
            status: PledgeStatus::parse(&status)?,
            signed_on: signed.as_deref().map(parse_date).transpose()?,
            signer: r.get(19)?,
            collector_id: r.get(20)?,
            collector_name: r.get(21)?,
            reason: r.get(22)?,
            print_count: r.get(23)?,
            has_attachment: r.get(24)?,
        })
    };
    Ok(build())
}

/// Where SQLite starts a pledge list query. The file has no statistics (`ANALYZE` is never run
/// on it), so the query says it rather than leaving the planner to guess.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Drive {
    /// Parties in walking order on the index of the narrowest filter, each one's pledge looked
    /// up: no status asked, or one that many parties stand at (a page is found in a few hundred).
    Parties,
    /// The pledges of the asked status, then sorted into walking order: a rare status.
    Pledges,
    /// The parties the trigram index finds for a search of three characters or more.
    Search,
    /// Every party, read straight through in table order: a search of one or two characters has
    /// no trigram to narrow it, and walking an index would fetch each row out of order.
    Scan,
}

/// The index that walks the parties in walking order within the narrowest filter.
fn walking_index(q: &PledgeQuery) -> &'static str {
    if q.scope.zone_id.is_some() {
        "parties_by_zone"
    } else if q
        .scope
        .street
        .as_deref()
        .is_some_and(|s| !s.trim().is_empty())
    {
        "parties_by_street"
    } else if q.scope.group_no.is_some() {
        "parties_by_group"
    } else if q.kind.is_some() {
        "parties_by_kind"
    } else if !q.include_inactive {
        "parties_by_status"
    } else {
        "parties_by_address"
    }
}

/// The FROM and WHERE of a query, with its parameters (`?1` is the year).
fn query_parts(
    year: i32,
    q: &PledgeQuery,
    drive: Drive,
) -> (String, String, Vec<rusqlite::types::Value>) {
    let mut clauses = Vec::new();
    let mut params: Vec<rusqlite::types::Value> = vec![i64::from(year).into()];
    // On a search, `+` keeps the party filters off their indexes, so the trigram index drives.
    let plus = if drive == Drive::Search { "+" } else { "" };
    let (scope, sp) = q.scope.filter();
    if !scope.is_empty() {
        clauses.push(scope.replace("p.", &format!("{plus}p.")));
        params.extend(sp);
    }
    if let Some(k) = q.kind {
        clauses.push(format!("{plus}p.kind = ?"));
        params.push(k.label().to_string().into());
    }
    if let Some(s) = q.status {
        if drive == Drive::Pledges {
            clauses.push("g.status = ?".into());
        } else {
            // Not a test SQLite can start from: the parties (or the search) drive.
            clauses.push("COALESCE(g.status, '未打印') = ?".into());
        }
        params.push(s.label().to_string().into());
    }
    if !q.include_inactive {
        clauses.push(format!("{plus}p.status = '正常'"));
    }
    if !q.q.trim().is_empty() {
        // The trigram index narrows the parties first (migration 0008); a pledge number can
        // hold only M, Q, digits and dashes, so only such a search also looks at the numbers.
        if let Some(m) = trigram_query(&q.q) {
            let number_like =
                q.q.trim()
                    .chars()
                    .all(|c| c.is_ascii_digit() || matches!(c, '-' | 'm' | 'M' | 'q' | 'Q'));
            if number_like {
                clauses.push(
                    "p.id IN (SELECT rowid FROM parties_fts WHERE parties_fts MATCH ?
                      UNION ALL SELECT party_id FROM pledges WHERE instr(number, ?) > 0)"
                        .into(),
                );
                params.extend([m.into(), q.q.trim().to_uppercase().into()]);
            } else {
                clauses.push(
                    "p.id IN (SELECT rowid FROM parties_fts WHERE parties_fts MATCH ?)".into(),
                );
                params.push(m.into());
            }
        }
        // instr, not LIKE: the households screen's "contains" on text already lower-cased
        // (codes and numbers upper-cased), at half the cost.
        let words = q.q.trim().to_lowercase();
        clauses.push(
            "(instr(p.search_key, ?) > 0 OR instr(lower(p.phone), ?) > 0 OR instr(p.code, ?) > 0
              OR instr(g.number, ?) > 0)"
                .into(),
        );
        params.extend([
            words.clone().into(),
            words.clone().into(),
            words.to_uppercase().into(),
            words.to_uppercase().into(),
        ]);
    }
    let from = match drive {
        Drive::Parties => FROM.replacen(
            "FROM parties p",
            &format!("FROM parties p INDEXED BY {}", walking_index(q)),
            1,
        ),
        Drive::Pledges => {
            clauses.insert(0, "g.year = ?1 AND g.status <> '作废'".into());
            PLEDGES_FIRST.to_string()
        }
        Drive::Search => FROM.to_string(),
        Drive::Scan => FROM.replacen("FROM parties p", "FROM parties p NOT INDEXED", 1),
    };
    let sql = if clauses.is_empty() {
        String::new()
    } else {
        format!(" WHERE {}", clauses.join(" AND "))
    };
    (from, sql, params)
}

/// The live pledges of the year first, each joined to its party: [`FROM`] started from the
/// pledges (CROSS JOIN keeps that order).
const PLEDGES_FIRST: &str = "FROM pledges g CROSS JOIN parties p ON p.id = g.party_id
    LEFT JOIN zones z ON z.id = p.zone_id
    LEFT JOIN staff s ON s.id = g.collector_id";

/// A page of a status is found by walking the parties in walking order while it takes at most
/// this many parties (at the status's share of the scope); beyond, the status's pledges are
/// read and sorted instead.
const WALK_LIMIT: i64 = 20_000;

/// One page of parties with their pledge status, in walking order.
pub fn list(ctx: &Ctx<'_>, q: PledgeQuery) -> Result<Page<PledgeRow>, CoreError> {
    let year = year_or_current(ctx, q.year)?;
    let (page, size, offset) = paging(q.page, q.page_size);
    let cover = counts::Cover {
        scope: &q.scope,
        kind: q.kind,
        active_only: !q.include_inactive,
    };
    let (total, drive) = if !q.q.trim().is_empty() {
        let drive = if trigram_query(&q.q).is_some() {
            Drive::Search
        } else {
            Drive::Scan
        };
        let (from, w, params) = query_parts(year, &q, drive);
        let total: i64 = ctx.conn.query_row(
            &format!("SELECT count(*) {from}{w}"),
            rusqlite::params_from_iter(params.iter()),
            |r| r.get(0),
        )?;
        (total, drive)
    } else {
        // Without a search the total comes from the counts kept per bucket (0012).
        let total = counts::list_total(ctx.conn, year, &cover, q.status)?;
        let drive = match q.status {
            Some(s) if s != PledgeStatus::NotPrinted => {
                let scope_parties = counts::party_total(ctx.conn, &cover)?;
                let walk = (offset + size).saturating_mul(scope_parties) / total.max(1);
                if walk > WALK_LIMIT {
                    Drive::Pledges
                } else {
                    Drive::Parties
                }
            }
            _ => Drive::Parties,
        };
        (total, drive)
    };
    let (from, w, params) = query_parts(year, &q, drive);
    let items = query_rows(
        ctx.conn,
        &from,
        &format!("{w} ORDER BY p.address_sort, p.id LIMIT {size} OFFSET {offset}"),
        &params,
    )?;
    Ok(Page {
        items,
        total,
        page,
        page_size: size,
    })
}

/// Every matching row, unpaged, in walking order (documents).
pub fn all_matching(
    conn: &Connection,
    year: i32,
    q: &PledgeQuery,
) -> Result<Vec<PledgeRow>, CoreError> {
    let drive = if trigram_query(&q.q).is_some() {
        Drive::Search
    } else if !q.q.trim().is_empty() {
        Drive::Scan
    } else if q.status.is_some_and(|s| s != PledgeStatus::NotPrinted) {
        Drive::Pledges
    } else {
        Drive::Parties
    };
    let (from, w, params) = query_parts(year, q, drive);
    query_rows(
        conn,
        &from,
        &format!("{w} ORDER BY p.address_sort, p.id"),
        &params,
    )
}

fn query_rows(
    conn: &Connection,
    from: &str,
    tail: &str,
    params: &[rusqlite::types::Value],
) -> Result<Vec<PledgeRow>, CoreError> {
    let mut stmt = conn.prepare(&format!("SELECT {COLUMNS} {from}{tail}"))?;
    let rows = stmt.query_map(rusqlite::params_from_iter(params.iter()), from_row)?;
    rows.map(|r| r?).collect()
}

/// One party's row for a year.
pub fn row(conn: &Connection, year: i32, party_id: i64) -> Result<PledgeRow, CoreError> {
    query_rows(
        conn,
        FROM,
        " WHERE p.id = ?2",
        &[i64::from(year).into(), party_id.into()],
    )?
    .into_iter()
    .next()
    .ok_or(CoreError::NotFound {
        what: "住户",
        id: party_id,
    })
}

/// The pledge a batch or a form prints: number, year, template version and the party.
pub fn pledge_party(conn: &Connection, pledge_id: i64) -> Result<(i32, i64, i64), CoreError> {
    conn.query_row(
        "SELECT year, party_id, template_id FROM pledges WHERE id = ?1",
        [pledge_id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )
    .optional()?
    .ok_or(CoreError::NotFound {
        what: "责任书",
        id: pledge_id,
    })
}

fn add_event(
    ctx: &Ctx<'_>,
    pledge_id: i64,
    status: PledgeStatus,
    on: Option<NaiveDate>,
    signer: &str,
    collector: Option<i64>,
    reason: &str,
) -> Result<(), CoreError> {
    ctx.conn.execute(
        "INSERT INTO pledge_events (pledge_id, at, actor, status, on_date, signer, collector_id, reason)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            pledge_id,
            ctx.now_text(),
            ctx.actor,
            status.label(),
            on.map(|d| d.to_string()),
            signer,
            collector,
            reason
        ],
    )?;
    Ok(())
}

/// The live pledge of a party for a year, numbering a new one if it has none.
/// A moved-out household or closed shop gets no new pledge.
pub fn ensure(ctx: &Ctx<'_>, party_id: i64, year: i32) -> Result<i64, CoreError> {
    let existing: Option<i64> = ctx
        .conn
        .query_row(
            "SELECT id FROM pledges WHERE party_id = ?1 AND year = ?2 AND status <> '作废'",
            params![party_id, year],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(id) = existing {
        return Ok(id);
    }
    let party = cw_registry::households::load(ctx.conn, party_id)?;
    if party.status != PartyStatus::Active {
        return Err(CoreError::Conflict(format!(
            "{}「{}」已{}，不再签订责任书",
            party.kind.label(),
            party.name,
            party.status.label().trim_start_matches('已')
        )));
    }
    // The next number of the year follows the highest ever given; pledges are never deleted,
    // so a number, once given, is never given again.
    let seq: i64 = ctx.conn.query_row(
        "SELECT COALESCE(max(seq), 0) + 1 FROM pledges WHERE year = ?1",
        [year],
        |r| r.get(0),
    )?;
    let number = format!("MQ-{year}-{seq:05}");
    let template = super::template::current_id(ctx.conn)?;
    let now = ctx.now_text();
    ctx.conn.execute(
        "INSERT INTO pledges (number, year, seq, party_id, template_id, status, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, '未打印', ?6, ?6)",
        params![number, year, seq, party_id, template, now],
    )?;
    let id = ctx.conn.last_insert_rowid();
    add_event(ctx, id, PledgeStatus::NotPrinted, None, "", None, "编号")?;
    let after = row(ctx.conn, year, party_id)?;
    ctx.audit("pledges", Some(id), None::<&PledgeRow>, Some(&after))?;
    Ok(id)
}

/// What 快速登记 looks up: a pledge number, party code, name, address or pinyin initials.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct QuickArgs {
    #[ts(optional = nullable)]
    pub year: Option<i32>,
    #[ts(optional = nullable)]
    pub q: String,
}

/// The party 快速登记 opens, or why there is none to open.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct QuickMatch {
    /// The one party to record; none when nothing or several match.
    pub row: Option<PledgeRow>,
    /// Present parties that match.
    pub matches: i64,
    /// Of them, those that still owe a pledge (not 已签订).
    pub owing: i64,
    /// What to tell the clerk when there is no row to open (empty otherwise).
    pub message: String,
}

/// 快速登记: an exact pledge number or party code is that party; otherwise the one match that
/// still owes a pledge (a party already signed is not what the clerk is recording), else the
/// clerk chooses from the list.
pub fn quick(ctx: &Ctx<'_>, a: QuickArgs) -> Result<QuickMatch, CoreError> {
    let year = year_or_current(ctx, a.year)?;
    let q = text::required("快速登记", a.q.trim())?;
    let rows = all_matching(
        ctx.conn,
        year,
        &PledgeQuery {
            q: q.clone(),
            ..Default::default()
        },
    )?;
    let upper = q.to_uppercase();
    let exact = rows
        .iter()
        .find(|r| r.number.as_deref() == Some(upper.as_str()) || r.party_code == upper);
    let owing: Vec<&PledgeRow> = rows
        .iter()
        .filter(|r| r.status != PledgeStatus::Signed)
        .collect();
    let matches = rows.len() as i64;
    let row = match exact {
        Some(r) => Some(r.clone()),
        None if rows.len() == 1 => rows.first().cloned(),
        None if owing.len() == 1 => owing.first().map(|r| (*r).clone()),
        None => None,
    };
    let message = match (&row, matches, owing.len()) {
        (Some(_), _, _) => String::new(),
        (None, 0, _) => format!("没有找到「{q}」"),
        (None, m, 0) => format!("「{q}」匹配 {m} 户，都已签订"),
        (None, m, o) if o as i64 == m => format!("「{q}」匹配 {m} 户，请在下表中选择"),
        (None, m, o) => format!("「{q}」匹配 {m} 户，其中 {o} 户未签订，请在下表中选择"),
    };
    Ok(QuickMatch {
        row,
        matches,
        owing: owing.len() as i64,
        message,
    })
}

/// What the clerk records on a pledge.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RecordArgs {
    pub party_id: i64,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub year: Option<i32>,
    /// 已签订, 拒签, 作废 (or 已打印, as a batch confirmation does).
    pub status: PledgeStatus,
    /// The signing date (for 已签订); defaults to today.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub on_date: Option<NaiveDate>,
    /// Who signed (for 已签订); defaults to the party's contact.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub signer: String,
    /// The cadre who collected the signed form.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub collector_id: Option<i64>,
    /// Why refused or void.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub reason: String,
}

/// Records a status change as a history row and updates the pledge; numbers it first if needed.
pub fn record(ctx: &Ctx<'_>, a: RecordArgs) -> Result<PledgeRow, CoreError> {
    let year = year_or_current(ctx, a.year)?;
    let before = row(ctx.conn, year, a.party_id)?;
    let from = before.status;
    let allowed = match a.status {
        PledgeStatus::Signed => matches!(
            from,
            PledgeStatus::NotPrinted | PledgeStatus::Printed | PledgeStatus::Refused
        ),
        PledgeStatus::Refused => matches!(from, PledgeStatus::NotPrinted | PledgeStatus::Printed),
        PledgeStatus::Printed => matches!(from, PledgeStatus::NotPrinted | PledgeStatus::Printed),
        PledgeStatus::Void => before.pledge_id.is_some(),
        PledgeStatus::NotPrinted => false,
    };
    if !allowed {
        return Err(CoreError::Conflict(format!(
            "{}的责任书当前为「{}」，不能改为「{}」",
            before.name,
            from.label(),
            a.status.label()
        )));
    }
    let reason = text::limited("原因", a.reason.trim(), 200)?;
    let mut on = None;
    let mut signer = String::new();
    let mut collector = None;
    match a.status {
        PledgeStatus::Signed => {
            on = Some(not_future(
                ctx,
                "签订日期",
                a.on_date.unwrap_or_else(|| ctx.clock.today()),
            )?);
            let s = if a.signer.trim().is_empty() {
                before.contact.clone()
            } else {
                a.signer.trim().to_string()
            };
            signer = text::limited("签字人", &text::required("签字人", &s)?, 20)?;
            if let (Some(c), Some(day)) = (a.collector_id, on) {
                collecting_cadre(ctx.conn, c, day)?;
                collector = Some(c);
            }
        }
        PledgeStatus::Refused | PledgeStatus::Void if reason.is_empty() => {
            return Err(DomainError::invalid("原因", "拒签和作废都要写明原因").into());
        }
        _ => {}
    }
    let id = ensure(ctx, a.party_id, year)?;
    let now = ctx.now_text();
    match a.status {
        PledgeStatus::Printed => {
            ctx.conn.execute(
                "UPDATE pledges SET status = '已打印', print_count = print_count + 1, updated_at = ?2 WHERE id = ?1",
                params![id, now],
            )?;
        }
        _ => {
            ctx.conn.execute(
                "UPDATE pledges SET status = ?2, signed_on = ?3, signer = ?4, collector_id = ?5, reason = ?6, updated_at = ?7
                 WHERE id = ?1",
                params![id, a.status.label(), on.map(|d| d.to_string()), signer, collector, reason, now],
            )?;
        }
    }
    // A reprint of a printed pledge is not a change of status: the count and the audit say it.
    if !(a.status == PledgeStatus::Printed && from == PledgeStatus::Printed) {
        add_event(ctx, id, a.status, on, &signer, collector, &reason)?;
    }
    // After a void the party has no live pledge and shows as 未打印 until a new one is numbered.
    let after = row(ctx.conn, year, a.party_id)?;
    ctx.audit("pledges", Some(id), Some(&before), Some(&after))?;
    Ok(after)
}

/// One status change of a pledge.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PledgeEvent {
    pub number: String,
    pub at: String,
    pub actor: String,
    pub status: PledgeStatus,
    pub on_date: Option<NaiveDate>,
    pub signer: String,
    pub collector_name: Option<String>,
    pub reason: String,
}

/// A party's pledge of the year and every status change of its pledges (void ones included).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PledgeDetail {
    pub row: PledgeRow,
    pub history: Vec<PledgeEvent>,
}

/// Arguments naming a party (and optionally a year).
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PartyYearArgs {
    pub party_id: i64,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub year: Option<i32>,
}

/// A party's pledge and its history.
pub fn get(ctx: &Ctx<'_>, a: PartyYearArgs) -> Result<PledgeDetail, CoreError> {
    let year = year_or_current(ctx, a.year)?;
    let row = row(ctx.conn, year, a.party_id)?;
    let mut stmt = ctx.conn.prepare(
        "SELECT g.number, e.at, e.actor, e.status, e.on_date, e.signer, s.name, e.reason
         FROM pledge_events e JOIN pledges g ON g.id = e.pledge_id LEFT JOIN staff s ON s.id = e.collector_id
         WHERE g.party_id = ?1 AND g.year = ?2 ORDER BY e.id",
    )?;
    let history = stmt
        .query_map(params![a.party_id, year], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, Option<String>>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, Option<String>>(6)?,
                r.get::<_, String>(7)?,
            ))
        })?
        .map(|r| {
            let (number, at, actor, status, on, signer, collector_name, reason) = r?;
            Ok(PledgeEvent {
                number,
                at,
                actor: cw_kernel::words::actor_name(ctx.conn, &actor),
                status: PledgeStatus::parse(&status)?,
                on_date: on.as_deref().map(parse_date).transpose()?,
                signer,
                collector_name,
                reason,
            })
        })
        .collect::<Result<Vec<_>, CoreError>>()?;
    Ok(PledgeDetail { row, history })
}
