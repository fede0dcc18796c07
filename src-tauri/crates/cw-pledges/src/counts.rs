//! Parties and live pledges counted per bucket, as migration 0012's triggers keep them: the
//! signing rates and the pledge list's totals read a few hundred bucket rows, not 200,000 parties
//! each joined to its pledge. A missing group or zone is stored as 0.

use super::{parse_date, PledgeStatus, Scope};
use chrono::NaiveDate;
use cw_domain::enums::{PartyKind, PartyStatus};
use cw_kernel::CoreError;
use cw_store::sql::column_at;
use rusqlite::types::Value;
use rusqlite::Connection;

/// Parties of one place, kind and standing.
pub struct PartyBucket {
    pub active: bool,
    pub group: Option<i64>,
    /// The zone and its name.
    pub zone: Option<(i64, String)>,
    pub kind: PartyKind,
    pub n: i64,
}

/// Live pledges of present parties of one place and kind, with one status (and signing day).
pub struct PledgeBucket {
    pub group: Option<i64>,
    pub zone: Option<i64>,
    pub kind: PartyKind,
    pub status: PledgeStatus,
    pub signed_on: Option<NaiveDate>,
    pub n: i64,
}

/// What a count covers: the scope, a kind, and whether moved-out and closed parties are left out.
pub struct Cover<'a> {
    pub scope: &'a Scope,
    pub kind: Option<PartyKind>,
    pub active_only: bool,
}

impl Cover<'_> {
    /// ` AND …` over the bucket table `c` (its party standing in `status_column`). A group or
    /// zone asked for is never the 0 that stands for none.
    fn filter(&self, status_column: &str) -> (String, Vec<Value>) {
        let mut sql = String::new();
        let mut params: Vec<Value> = Vec::new();
        if let Some(g) = self.scope.group_no {
            sql.push_str(" AND c.group_no = ? AND c.group_no <> 0");
            params.push(i64::from(g).into());
        }
        if let Some(z) = self.scope.zone_id {
            sql.push_str(" AND c.zone_id = ? AND c.zone_id <> 0");
            params.push(z.into());
        }
        if let Some(s) = self
            .scope
            .street
            .as_deref()
            .filter(|s| !s.trim().is_empty())
        {
            sql.push_str(" AND c.street = ?");
            params.push(s.trim().to_string().into());
        }
        if let Some(k) = self.kind {
            sql.push_str(" AND c.kind = ?");
            params.push(k.label().to_string().into());
        }
        if self.active_only {
            sql.push_str(&format!(" AND c.{status_column} = ?"));
            params.push(PartyStatus::Active.label().to_string().into());
        }
        (sql, params)
    }
}

fn opt(v: i64) -> Option<i64> {
    (v != 0).then_some(v)
}

fn zone(id: i64, name: Option<String>) -> Option<(i64, String)> {
    match (opt(id), name) {
        (Some(z), Some(n)) => Some((z, n)),
        _ => None,
    }
}

/// The parties covered, by standing, group, zone and kind (empty buckets left out).
pub fn parties(conn: &Connection, cover: &Cover<'_>) -> Result<Vec<PartyBucket>, CoreError> {
    let (w, params) = cover.filter("status");
    let mut stmt = conn.prepare(&format!(
        "SELECT c.status, c.group_no, c.zone_id, z.name, c.kind, sum(c.n) FROM party_counts c
           LEFT JOIN zones z ON z.id = c.zone_id
         WHERE 1{w} GROUP BY c.status, c.group_no, c.zone_id, c.kind HAVING sum(c.n) <> 0"
    ))?;
    let mut rows = stmt.query(rusqlite::params_from_iter(params.iter()))?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push(PartyBucket {
            active: column_at::<PartyStatus>(r, 0, "party_counts", "status")?
                == PartyStatus::Active,
            group: opt(r.get(1)?),
            zone: zone(r.get(2)?, r.get(3)?),
            kind: column_at(r, 4, "party_counts", "kind")?,
            n: r.get(5)?,
        });
    }
    Ok(out)
}

/// The live pledges of `year` of the present parties covered, bucket by bucket as kept (in
/// key order, no sorting; empty buckets left out).
pub fn pledges(
    conn: &Connection,
    year: i32,
    scope: &Scope,
) -> Result<Vec<PledgeBucket>, CoreError> {
    let cover = Cover {
        scope,
        kind: None,
        active_only: true,
    };
    let (w, mut params) = cover.filter("party_status");
    let mut stmt = conn.prepare(&format!(
        "SELECT c.group_no, c.zone_id, c.kind, c.status, c.signed_on, c.n FROM pledge_counts c
         WHERE c.year = ?{w} AND c.n <> 0"
    ))?;
    params.insert(0, i64::from(year).into());
    let mut rows = stmt.query(rusqlite::params_from_iter(params.iter()))?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let signed_on: String = r.get(4)?;
        out.push(PledgeBucket {
            group: opt(r.get(0)?),
            zone: opt(r.get(1)?),
            kind: column_at(r, 2, "pledge_counts", "kind")?,
            status: column_at(r, 3, "pledge_counts", "status")?,
            signed_on: (!signed_on.is_empty())
                .then(|| parse_date(&signed_on))
                .transpose()?,
            n: r.get(5)?,
        });
    }
    Ok(out)
}

/// How many parties are covered.
pub fn party_total(conn: &Connection, cover: &Cover<'_>) -> Result<i64, CoreError> {
    let (w, params) = cover.filter("status");
    Ok(conn.query_row(
        &format!("SELECT ifnull(sum(c.n), 0) FROM party_counts c WHERE 1{w}"),
        rusqlite::params_from_iter(params.iter()),
        |r| r.get(0),
    )?)
}

/// How many covered parties have a live pledge of `year`, of `status` when given.
pub fn pledge_total(
    conn: &Connection,
    year: i32,
    cover: &Cover<'_>,
    status: Option<PledgeStatus>,
) -> Result<i64, CoreError> {
    let (w, mut params) = cover.filter("party_status");
    params.insert(0, i64::from(year).into());
    let status_sql = match status {
        Some(s) => {
            params.push(s.label().to_string().into());
            " AND c.status = ?"
        }
        None => "",
    };
    Ok(conn.query_row(
        &format!("SELECT ifnull(sum(c.n), 0) FROM pledge_counts c WHERE c.year = ?{w}{status_sql}"),
        rusqlite::params_from_iter(params.iter()),
        |r| r.get(0),
    )?)
}

/// How many covered parties stand at `status` in `year` (none: all of them), as the pledge list
/// counts them: a party without a live pledge stands at 未打印, and a void pledge is never live.
pub fn list_total(
    conn: &Connection,
    year: i32,
    cover: &Cover<'_>,
    status: Option<PledgeStatus>,
) -> Result<i64, CoreError> {
    Ok(match status {
        None => party_total(conn, cover)?,
        Some(PledgeStatus::NotPrinted) => {
            party_total(conn, cover)? - pledge_total(conn, year, cover, None)?
                + pledge_total(conn, year, cover, Some(PledgeStatus::NotPrinted))?
        }
        Some(s) => pledge_total(conn, year, cover, Some(s))?,
    })
}
