//! Inspections: supervisor patrols 巡查, committee checks 社区检查 and higher-level inspections 督查;
//! their findings become proposed fines the clerk confirms, recorded with the inspection in one act.
//! A substandard 上级督查 always records its S1/S2 fines; an inspection is never changed, only
//! corrected by an added row with a reason, which voids or reverses (or adds) its rule's fines.

//!
//! This module reads them; [`record`] proposes and records an inspection with its fines,
//! [`correct`] corrects one, [`patrols`] finds the days a supervisor patrolled too little.

mod correct;
mod patrols;
mod record;

pub use correct::{correct, CorrectInspectionArgs};
pub use patrols::{patrol_report, PatrolArgs};
pub use record::{create, propose};

use super::fines;
use super::month_bounds;
use cw_domain::assessment::{Inspection, InspectionCorrection, InspectionKind, InspectionResult};
use cw_domain::registry::Page;
use cw_kernel::sql::{paging, Filter};
use cw_kernel::{CoreError, Ctx};
use cw_store::sql::column_at;
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The result as it stands: the latest correction's, or the one recorded.
pub const RESULT_NOW: &str = "coalesce((SELECT ic.result FROM inspection_corrections ic
    WHERE ic.inspection_id = i.id ORDER BY ic.id DESC LIMIT 1), i.result)";

const COLUMNS: &str = "i.id, i.kind, i.date, i.time, i.inspector_id, i.inspector, i.zone_id, z.name, i.result, i.findings, i.created_at";

/// An inspection as stored, its result as recorded; [`finish`] adds the fines and corrections.
fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Inspection> {
    // An unknown kind or result is an error naming its column, never quietly some default.
    let result: InspectionResult = column_at(r, 8, "inspections", "result")?;
    Ok(Inspection {
        id: r.get(0)?,
        kind: column_at(r, 1, "inspections", "kind")?,
        date: r.get(2)?,
        time: r.get(3)?,
        inspector_id: r.get(4)?,
        inspector: r.get(5)?,
        zone_id: r.get(6)?,
        zone_name: r.get(7)?,
        result,
        findings: r.get(9)?,
        fine_ids: Vec::new(),
        created_at: r.get(10)?,
        original_result: result,
        corrections: Vec::new(),
    })
}

/// Adds the fines an inspection led to and its corrections (the latest one stands).
fn finish(conn: &Connection, mut i: Inspection) -> Result<Inspection, CoreError> {
    let mut stmt =
        conn.prepare_cached("SELECT id FROM fines WHERE inspection_id = ?1 ORDER BY id")?;
    i.fine_ids = stmt
        .query_map([i.id], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    let mut stmt = conn.prepare_cached(
        "SELECT id, result, findings, reason, created_at, created_by FROM inspection_corrections
         WHERE inspection_id = ?1 ORDER BY id",
    )?;
    let rows: Vec<(i64, InspectionResult, String, String, String, String)> = stmt
        .query_map([i.id], |r| {
            Ok((
                r.get(0)?,
                column_at(r, 1, "inspection_corrections", "result")?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
            ))
        })?
        .collect::<Result<_, _>>()?;
    for (id, result, findings, reason, created_at, created_by) in rows {
        // The latest correction is what stands.
        i.result = result;
        i.findings = findings.clone();
        i.corrections.push(InspectionCorrection {
            id,
            result,
            findings,
            reason,
            created_at,
            created_by,
        });
    }
    Ok(i)
}

/// One inspection by id.
pub fn load(conn: &Connection, id: i64) -> Result<Inspection, CoreError> {
    let r = conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM inspections i JOIN zones z ON z.id = i.zone_id WHERE i.id = ?1"),
            [id],
            row,
        )
        .optional()?
        .ok_or(CoreError::NotFound { what: "检查记录", id })?;
    finish(conn, r)
}

/// Filters of the inspection list.
#[derive(Debug, Clone, Default, Deserialize, Serialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct InspectionQuery {
    /// `YYYY-MM`.
    #[ts(optional = nullable)]
    pub month: Option<String>,
    #[ts(optional = nullable)]
    pub kind: Option<InspectionKind>,
    #[ts(optional = nullable)]
    pub zone_id: Option<i64>,
    #[ts(optional = nullable)]
    pub result: Option<InspectionResult>,
    #[ts(optional = nullable)]
    pub page: Option<i64>,
    #[ts(optional = nullable)]
    pub page_size: Option<i64>,
}

/// Inspections matching the filters, newest first.
pub fn list(ctx: &Ctx<'_>, q: InspectionQuery) -> Result<Page<Inspection>, CoreError> {
    let mut f = Filter::default();
    if let Some(m) = q.month.as_deref().map(str::trim).filter(|m| !m.is_empty()) {
        let (a, b) = month_bounds("月份", m)?;
        f.and(
            "i.date BETWEEN ? AND ?",
            [a.to_string().into(), b.to_string().into()],
        );
    }
    f.eq_opt("i.kind", q.kind.map(|k| k.label().to_string()));
    f.eq_opt("i.zone_id", q.zone_id);
    if let Some(r) = q.result {
        f.and(&format!("{RESULT_NOW} = ?"), [r.label().to_string().into()]);
    }
    let total: i64 = ctx.conn.query_row(
        &format!("SELECT count(*) FROM inspections i{}", f.sql()),
        rusqlite::params_from_iter(f.params.iter()),
        |r| r.get(0),
    )?;
    let (page, size, offset) = paging(q.page, q.page_size);
    let mut stmt = ctx.conn.prepare(&format!(
        "SELECT {COLUMNS} FROM inspections i JOIN zones z ON z.id = i.zone_id{} ORDER BY i.date DESC, i.time DESC, i.id DESC LIMIT {size} OFFSET {offset}",
        f.sql()
    ))?;
    let rows: Vec<_> = stmt
        .query_map(rusqlite::params_from_iter(f.params.iter()), row)?
        .collect::<Result<_, _>>()?;
    let items = rows
        .into_iter()
        .map(|r| finish(ctx.conn, r))
        .collect::<Result<_, _>>()?;
    Ok(Page {
        items,
        total,
        page,
        page_size: size,
    })
}

/// One inspection, with its corrections.
pub fn get(ctx: &Ctx<'_>, a: fines::FineId) -> Result<Inspection, CoreError> {
    load(ctx.conn, a.id)
}
