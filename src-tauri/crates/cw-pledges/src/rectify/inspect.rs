//! Recording an inspection against a pledge (a 限期整改 one issues a numbered notice with its
//! deadline) and a re-inspection of a notice.

use super::read::{inspections_where, load_notice};
use super::{InspectionOutcome, Notice, NoticeStatus, ShopInspection};
use crate::{not_future, staff_name, year_or_current};
use chrono::{Datelike, Duration, NaiveDate};
use cw_domain::{text, DomainError};
use cw_kernel::{CoreError, Ctx};
use cw_registry::households;
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Arguments of [`inspect`].
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct InspectArgs {
    pub party_id: i64,
    pub inspected_on: NaiveDate,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub inspector_id: Option<i64>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub findings: String,
    pub outcome: InspectionOutcome,
    /// For 限期整改: the deadline; seven days after the inspection if left out.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub deadline: Option<NaiveDate>,
    /// For 限期整改: what must be done; the findings if left out.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub requirements: String,
}

/// What an inspection recorded, with the notice it issued.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct InspectOutcome {
    pub inspection: ShopInspection,
    pub notice: Option<Notice>,
}

/// Records an inspection; a 限期整改 outcome issues a numbered notice with its deadline.
pub fn inspect(ctx: &Ctx<'_>, a: InspectArgs) -> Result<InspectOutcome, CoreError> {
    households::load(ctx.conn, a.party_id)?;
    let on = not_future(ctx, "检查日期", a.inspected_on)?;
    let findings = text::limited("检查情况", a.findings.trim(), 500)?;
    if a.outcome != InspectionOutcome::Passed && findings.is_empty() {
        return Err(DomainError::invalid("检查情况", "警告和限期整改都要写明发现的问题").into());
    }
    if let Some(s) = a.inspector_id {
        staff_name(ctx.conn, s)?;
    }
    let year = year_or_current(ctx, None)?;
    let pledge: Option<i64> = ctx
        .conn
        .query_row(
            "SELECT id FROM pledges WHERE party_id = ?1 AND year = ?2 AND status <> '作废'",
            params![a.party_id, year],
            |r| r.get(0),
        )
        .optional()?;
    ctx.conn.execute(
        "INSERT INTO shop_inspections (party_id, pledge_id, inspected_on, inspector_id, findings, outcome, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![a.party_id, pledge, on.to_string(), a.inspector_id, findings, a.outcome.label(), ctx.now_text()],
    )?;
    let inspection_id = ctx.conn.last_insert_rowid();
    let mut notice = None;
    if a.outcome == InspectionOutcome::Notice {
        let deadline = a.deadline.unwrap_or(on + Duration::days(7));
        if deadline < on {
            return Err(DomainError::invalid("整改期限", "不能早于检查日期").into());
        }
        if deadline > on + Duration::days(90) {
            return Err(DomainError::invalid("整改期限", "最长 90 天").into());
        }
        let requirements = text::limited("整改要求", a.requirements.trim(), 500)?;
        let requirements = if requirements.is_empty() {
            findings.clone()
        } else {
            requirements
        };
        let y = on.year();
        let seq: i64 = ctx.conn.query_row(
            "SELECT COALESCE(max(CAST(substr(number, 9) AS INTEGER)), 0) + 1 FROM rectification_notices WHERE number LIKE ?1",
            [format!("ZG-{y}-%")],
            |r| r.get(0),
        )?;
        ctx.conn.execute(
            "INSERT INTO rectification_notices (number, party_id, inspection_id, issued_on, deadline, requirements, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![format!("ZG-{y}-{seq:04}"), a.party_id, inspection_id, on.to_string(), deadline.to_string(), requirements, ctx.now_text()],
        )?;
        let n = load_notice(ctx, ctx.conn.last_insert_rowid())?;
        ctx.audit(
            "rectification_notices",
            Some(n.id),
            None::<&Notice>,
            Some(&n),
        )?;
        notice = Some(n);
    }
    let inspection = inspections_where(ctx.conn, "WHERE i.id = ?1", &[inspection_id])?
        .into_iter()
        .next()
        .ok_or(CoreError::NotFound {
            what: "检查记录",
            id: inspection_id,
        })?;
    ctx.audit(
        "shop_inspections",
        Some(inspection_id),
        None::<&ShopInspection>,
        Some(&inspection),
    )?;
    Ok(InspectOutcome { inspection, notice })
}

/// Arguments of [`reinspect`].
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ReinspectArgs {
    pub notice_id: i64,
    pub inspected_on: NaiveDate,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub inspector_id: Option<i64>,
    pub passed: bool,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub findings: String,
}

/// Records a re-inspection of a notice: passed closes it, failed keeps it on the list.
pub fn reinspect(ctx: &Ctx<'_>, a: ReinspectArgs) -> Result<Notice, CoreError> {
    let before = load_notice(ctx, a.notice_id)?;
    if before.status == NoticeStatus::Rectified {
        return Err(CoreError::Conflict(format!(
            "整改通知书 {} 已复查合格",
            before.number
        )));
    }
    let on = not_future(ctx, "复查日期", a.inspected_on)?;
    if on < before.issued_on {
        return Err(DomainError::invalid("复查日期", "不能早于通知书下发日期").into());
    }
    let findings = text::limited("复查情况", a.findings.trim(), 500)?;
    if !a.passed && findings.is_empty() {
        return Err(DomainError::invalid("复查情况", "复查不合格要写明仍存在的问题").into());
    }
    if let Some(s) = a.inspector_id {
        staff_name(ctx.conn, s)?;
    }
    ctx.conn.execute(
        "INSERT INTO reinspections (notice_id, inspected_on, inspector_id, passed, findings, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![a.notice_id, on.to_string(), a.inspector_id, a.passed, findings, ctx.now_text()],
    )?;
    let id = ctx.conn.last_insert_rowid();
    let after = load_notice(ctx, a.notice_id)?;
    ctx.audit("reinspections", Some(id), Some(&before), Some(&after))?;
    Ok(after)
}
