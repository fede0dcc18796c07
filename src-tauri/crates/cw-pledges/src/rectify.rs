//! Enforcing a pledge: inspecting a shop against it (findings; passed, a warning, or a
//! 限期整改通知书 with a deadline), re-inspecting, the overdue and failed list, a shop's history.
//!
//! A notice stands as 整改中 until its deadline, 逾期未复查 from the day after the deadline while no
//! re-inspection is recorded, then as its latest re-inspection says: 已整改 or 复查不合格.

use super::{not_future, parse_date, staff_name, year_or_current};
use chrono::{Datelike, Duration, NaiveDate};
use cw_domain::{text, DomainError};
use cw_kernel::{CoreError, Ctx};
use cw_registry::households;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What an inspection found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub enum InspectionOutcome {
    /// The frontage keeps the pledge.
    #[serde(rename = "合格")]
    Passed,
    /// A spoken or written warning, no notice.
    #[serde(rename = "警告")]
    Warning,
    /// A 限期整改通知书 with a deadline.
    #[serde(rename = "限期整改")]
    Notice,
}

impl InspectionOutcome {
    fn label(self) -> &'static str {
        match self {
            InspectionOutcome::Passed => "合格",
            InspectionOutcome::Warning => "警告",
            InspectionOutcome::Notice => "限期整改",
        }
    }

    fn parse(t: &str) -> Result<Self, CoreError> {
        [Self::Passed, Self::Warning, Self::Notice]
            .into_iter()
            .find(|o| o.label() == t)
            .ok_or_else(|| CoreError::Internal(format!("未知的检查结论「{t}」")))
    }
}

/// Where a rectification notice stands (see the module note).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub enum NoticeStatus {
    #[serde(rename = "整改中")]
    Open,
    #[serde(rename = "逾期未复查")]
    Overdue,
    #[serde(rename = "已整改")]
    Rectified,
    #[serde(rename = "复查不合格")]
    Failed,
}

/// The status of a notice on `today`, given its deadline and the result of its latest re-inspection.
pub fn notice_status(today: NaiveDate, deadline: NaiveDate, last: Option<bool>) -> NoticeStatus {
    match last {
        Some(true) => NoticeStatus::Rectified,
        Some(false) => NoticeStatus::Failed,
        None if today > deadline => NoticeStatus::Overdue,
        None => NoticeStatus::Open,
    }
}

/// One re-inspection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Reinspection {
    pub id: i64,
    pub inspected_on: NaiveDate,
    pub inspector_name: Option<String>,
    pub passed: bool,
    pub findings: String,
}

/// A 限期整改通知书 with its re-inspections.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Notice {
    pub id: i64,
    /// ZG-2026-0001.
    pub number: String,
    pub party_id: i64,
    pub party_name: String,
    pub contact: String,
    pub phone: String,
    pub address_text: String,
    pub group_no: Option<i32>,
    pub inspection_id: i64,
    pub findings: String,
    pub issued_on: NaiveDate,
    pub deadline: NaiveDate,
    pub requirements: String,
    pub status: NoticeStatus,
    /// Days past the deadline (positive) or left (negative) on today's date.
    pub days_past_deadline: i64,
    pub reinspections: Vec<Reinspection>,
}

/// One inspection of a shop against its pledge.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ShopInspection {
    pub id: i64,
    pub party_id: i64,
    pub party_name: String,
    pub pledge_number: Option<String>,
    pub inspected_on: NaiveDate,
    pub inspector_name: Option<String>,
    pub findings: String,
    pub outcome: InspectionOutcome,
    pub notice_id: Option<i64>,
    pub notice_number: Option<String>,
}

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

const INSPECTION_SQL: &str = "SELECT i.id, i.party_id, p.name, g.number, i.inspected_on, s.name, i.findings, i.outcome, n.id, n.number
    FROM shop_inspections i JOIN parties p ON p.id = i.party_id
    LEFT JOIN pledges g ON g.id = i.pledge_id LEFT JOIN staff s ON s.id = i.inspector_id
    LEFT JOIN rectification_notices n ON n.inspection_id = i.id";

fn inspections_where(
    conn: &Connection,
    tail: &str,
    p: &[i64],
) -> Result<Vec<ShopInspection>, CoreError> {
    let mut stmt = conn.prepare(&format!("{INSPECTION_SQL} {tail}"))?;
    let rows = stmt.query_map(rusqlite::params_from_iter(p.iter()), |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, Option<String>>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, Option<String>>(5)?,
            r.get::<_, String>(6)?,
            r.get::<_, String>(7)?,
            r.get::<_, Option<i64>>(8)?,
            r.get::<_, Option<String>>(9)?,
        ))
    })?;
    rows.map(|r| {
        let r = r?;
        Ok(ShopInspection {
            id: r.0,
            party_id: r.1,
            party_name: r.2,
            pledge_number: r.3,
            inspected_on: parse_date(&r.4)?,
            inspector_name: r.5,
            findings: r.6,
            outcome: InspectionOutcome::parse(&r.7)?,
            notice_id: r.8,
            notice_number: r.9,
        })
    })
    .collect()
}

const NOTICE_SQL: &str = "SELECT n.id, n.number, n.party_id, p.name, p.contact, p.phone, p.street, p.number, p.building, p.unit, p.room,
    p.group_no, n.inspection_id, i.findings, n.issued_on, n.deadline, n.requirements
    FROM rectification_notices n JOIN parties p ON p.id = n.party_id JOIN shop_inspections i ON i.id = n.inspection_id";

fn notices_where(ctx: &Ctx<'_>, tail: &str, p: &[i64]) -> Result<Vec<Notice>, CoreError> {
    let today = ctx.clock.today();
    let mut stmt = ctx.conn.prepare(&format!("{NOTICE_SQL} {tail}"))?;
    let rows = stmt
        .query_map(rusqlite::params_from_iter(p.iter()), |r| {
            let address = cw_domain::address::Address {
                street: r.get(6)?,
                number: r.get(7)?,
                building: r.get(8)?,
                unit: r.get(9)?,
                room: r.get(10)?,
            };
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
                address.display(),
                r.get::<_, Option<i32>>(11)?,
                r.get::<_, i64>(12)?,
                r.get::<_, String>(13)?,
                r.get::<_, String>(14)?,
                r.get::<_, String>(15)?,
                r.get::<_, String>(16)?,
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let mut re = ctx.conn.prepare(
        "SELECT r.id, r.inspected_on, s.name, r.passed, r.findings FROM reinspections r
         LEFT JOIN staff s ON s.id = r.inspector_id WHERE r.notice_id = ?1 ORDER BY r.id",
    )?;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let reinspections = re
            .query_map([r.0], |x| {
                Ok((
                    x.get::<_, i64>(0)?,
                    x.get::<_, String>(1)?,
                    x.get::<_, Option<String>>(2)?,
                    x.get::<_, bool>(3)?,
                    x.get::<_, String>(4)?,
                ))
            })?
            .map(|x| {
                let x = x?;
                Ok(Reinspection {
                    id: x.0,
                    inspected_on: parse_date(&x.1)?,
                    inspector_name: x.2,
                    passed: x.3,
                    findings: x.4,
                })
            })
            .collect::<Result<Vec<_>, CoreError>>()?;
        let deadline = parse_date(&r.11)?;
        out.push(Notice {
            id: r.0,
            number: r.1,
            party_id: r.2,
            party_name: r.3,
            contact: r.4,
            phone: r.5,
            address_text: r.6,
            group_no: r.7,
            inspection_id: r.8,
            findings: r.9,
            issued_on: parse_date(&r.10)?,
            deadline,
            requirements: r.12,
            status: notice_status(today, deadline, reinspections.last().map(|x| x.passed)),
            days_past_deadline: (today - deadline).num_days(),
            reinspections,
        });
    }
    Ok(out)
}

/// One notice by id.
pub fn load_notice(ctx: &Ctx<'_>, id: i64) -> Result<Notice, CoreError> {
    notices_where(ctx, "WHERE n.id = ?1", &[id])?
        .into_iter()
        .next()
        .ok_or(CoreError::NotFound {
            what: "整改通知书",
            id,
        })
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

/// Which notices to list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum NoticeFilter {
    /// Every notice.
    #[default]
    All,
    /// Not rectified yet (整改中, 逾期未复查, 复查不合格).
    Open,
    /// Past the deadline without re-inspection, or failed at re-inspection.
    OverdueOrFailed,
}

/// Arguments of [`notices`].
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct NoticeQuery {
    #[ts(optional = nullable)]
    pub filter: NoticeFilter,
    #[ts(optional = nullable)]
    pub party_id: Option<i64>,
}

/// Notices, most urgent deadline first.
pub fn notices(ctx: &Ctx<'_>, q: NoticeQuery) -> Result<Vec<Notice>, CoreError> {
    let all = match q.party_id {
        Some(p) => notices_where(ctx, "WHERE n.party_id = ?1 ORDER BY n.deadline, n.id", &[p])?,
        None => notices_where(ctx, "ORDER BY n.deadline, n.id", &[])?,
    };
    Ok(all
        .into_iter()
        .filter(|n| match q.filter {
            NoticeFilter::All => true,
            NoticeFilter::Open => n.status != NoticeStatus::Rectified,
            NoticeFilter::OverdueOrFailed => {
                matches!(n.status, NoticeStatus::Overdue | NoticeStatus::Failed)
            }
        })
        .collect())
}

/// Arguments naming a party.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PartyArgs {
    pub party_id: i64,
}

/// Recent inspections, newest first (a party's, or everyone's last 200).
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct ShopInspectionQuery {
    #[ts(optional = nullable)]
    pub party_id: Option<i64>,
}

/// Inspections, newest first.
pub fn inspections(
    ctx: &Ctx<'_>,
    q: ShopInspectionQuery,
) -> Result<Vec<ShopInspection>, CoreError> {
    match q.party_id {
        Some(p) => inspections_where(
            ctx.conn,
            "WHERE i.party_id = ?1 ORDER BY i.inspected_on DESC, i.id DESC",
            &[p],
        ),
        None => inspections_where(
            ctx.conn,
            "ORDER BY i.inspected_on DESC, i.id DESC LIMIT 200",
            &[],
        ),
    }
}

/// A shop's history: every inspection and every notice with its re-inspections.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ShopHistory {
    pub party_id: i64,
    pub party_name: String,
    pub inspections: Vec<ShopInspection>,
    pub notices: Vec<Notice>,
}

/// One shop's inspections and notices.
pub fn history(ctx: &Ctx<'_>, a: PartyArgs) -> Result<ShopHistory, CoreError> {
    let party = households::load(ctx.conn, a.party_id)?;
    Ok(ShopHistory {
        party_id: party.id,
        party_name: party.name,
        inspections: inspections(
            ctx,
            ShopInspectionQuery {
                party_id: Some(a.party_id),
            },
        )?,
        notices: notices(
            ctx,
            NoticeQuery {
                filter: NoticeFilter::All,
                party_id: Some(a.party_id),
            },
        )?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).unwrap_or_default()
    }

    #[test]
    fn a_notice_is_not_overdue_on_its_deadline_but_is_the_day_after() {
        assert_eq!(notice_status(d(12, 6), d(12, 6), None), NoticeStatus::Open);
        assert_eq!(
            notice_status(d(12, 7), d(12, 6), None),
            NoticeStatus::Overdue
        );
    }

    #[test]
    fn the_latest_reinspection_decides_once_there_is_one() {
        assert_eq!(
            notice_status(d(12, 20), d(12, 6), Some(true)),
            NoticeStatus::Rectified
        );
        assert_eq!(
            notice_status(d(12, 1), d(12, 6), Some(false)),
            NoticeStatus::Failed
        );
    }
}
