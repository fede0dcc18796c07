//! Correcting an inspection: a row added with the reason, the record left as it was; its
//! fines voided or reversed, or the rule's S1/S2 added.

use super::load;
use super::record::{confirmed_fines, record_fines};
use crate::fines::{self, CorrectArgs};
use cw_domain::assessment::{
    FineStatus, Inspection, InspectionInput, InspectionKind, InspectionResult,
};
use cw_domain::ids::{StaffId, ZoneId};
use cw_domain::text;
use cw_kernel::{CoreError, Ctx};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Deserialize;
use ts_rs::TS;

/// Arguments of [`correct`].
#[derive(Debug, Deserialize, TS)]
#[ts(export, optional_fields = nullable)]
pub struct CorrectInspectionArgs {
    pub id: i64,
    /// The right result.
    #[ts(optional = nullable)]
    pub result: Option<InspectionResult>,
    /// The right findings; as they stand if absent.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub findings: Option<String>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub reason: String,
    /// Who records the fines a correction to 不达标 adds (a supervisor or cadre); by default
    /// whoever recorded the inspection's earlier fines, or its staff inspector.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub recorded_by: Option<i64>,
}

/// Corrects a wrongly entered inspection the way an auditor accepts: the record stays as it was
/// and a correction row is added with the reason (in the audit trail). Corrected to 达标, every
/// valid fine it led to is voided (or, in a closed month, reversed in today's open month) citing
/// the correction; a 上级督查 corrected to 不达标 records the rule's S1/S2 fines.
pub fn correct(ctx: &Ctx<'_>, a: CorrectInspectionArgs) -> Result<Inspection, CoreError> {
    let reason = text::limited("原因", &text::required("原因", &a.reason)?, 200)?;
    let before = load(ctx.conn, a.id)?;
    let result = a.result.unwrap_or(before.result);
    let findings = match &a.findings {
        Some(f) => text::limited("检查情况", f, 500)?,
        None => before.findings.clone(),
    };
    if result == before.result && findings == before.findings {
        return Err(CoreError::Conflict(format!(
            "检查第 {} 号已是「{}」，检查情况也相同，无需更正",
            before.id,
            result.label()
        )));
    }
    ctx.conn.execute(
        "INSERT INTO inspection_corrections (inspection_id, result, findings, reason, created_at, created_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![a.id, result.label(), findings, reason, ctx.now_text(), ctx.actor],
    )?;
    let why = format!("检查第 {} 号更正为{}：{reason}", before.id, result.label());
    if result == InspectionResult::Pass && before.result == InspectionResult::Fail {
        for fid in &before.fine_ids {
            let f = fines::load(ctx.conn, *fid)?;
            if f.status != FineStatus::Valid {
                continue;
            }
            let args = CorrectArgs {
                id: f.id,
                reason: why.clone(),
                date: None,
            };
            if crate::months::is_closed(ctx.conn, &f.month)? {
                fines::reverse(ctx, args)?;
            } else {
                fines::void(ctx, args)?;
            }
        }
    }
    if result == InspectionResult::Fail
        && before.result == InspectionResult::Pass
        && before.kind == InspectionKind::Higher
    {
        let input = InspectionInput {
            kind: Some(before.kind),
            date: Some(before.date),
            time: before.time.clone(),
            inspector_id: before.inspector_id.map(StaffId),
            inspector: before.inspector.clone(),
            zone_id: Some(ZoneId(before.zone_id)),
            result: Some(result),
            findings: findings.clone(),
            recorded_by: None,
            fines: Some(Vec::new()),
        };
        let proposals = confirmed_fines(ctx, &input, before.kind, result, before.zone_id)?;
        let recorder = match a.recorded_by {
            Some(r) => Some(StaffId(r)),
            None => before_recorder(ctx.conn, &before)?,
        };
        record_fines(
            ctx,
            before.id,
            before.date,
            &before.time,
            before.zone_id,
            &findings,
            recorder,
            &proposals,
        )?;
    }
    let after = load(ctx.conn, a.id)?;
    ctx.audit("inspections", Some(a.id), Some(&before), Some(&after))?;
    Ok(after)
}

/// Who records the fines an inspection corrected to 不达标 leads to: whoever recorded its earlier
/// fines, else a staff inspector.
fn before_recorder(conn: &Connection, i: &Inspection) -> Result<Option<StaffId>, CoreError> {
    let earlier: Option<StaffId> = conn
        .query_row(
            "SELECT recorded_by FROM fines WHERE inspection_id = ?1 AND recorded_by IS NOT NULL ORDER BY id LIMIT 1",
            [i.id],
            |r| r.get(0),
        )
        .optional()?;
    Ok(earlier.or(i.inspector_id.map(StaffId)))
}
