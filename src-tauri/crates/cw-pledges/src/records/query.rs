//! Finding the pledge list's rows: which table SQLite starts from for a filter, the page, and
//! every matching row for a document.

use super::{from_row, PledgeQuery, PledgeRow, COLUMNS, FROM};
use crate::{counts, year_or_current, PledgeStatus};
use cw_domain::registry::Page;
use cw_kernel::sql::{paging, trigram_query};
use cw_kernel::{CoreError, Ctx};
use rusqlite::Connection;

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

/// The rows of `SELECT {COLUMNS} {from}{tail}` with `params`.
pub(super) fn query_rows(
    conn: &Connection,
    from: &str,
    tail: &str,
    params: &[rusqlite::types::Value],
) -> Result<Vec<PledgeRow>, CoreError> {
    let mut stmt = conn.prepare(&format!("SELECT {COLUMNS} {from}{tail}"))?;
    let rows = stmt.query_map(rusqlite::params_from_iter(params.iter()), from_row)?;
    rows.map(|r| r?).collect()
}
