//! Reading inspections and notices: one notice, the notice list by urgency, recent inspections,
//! and one shop's whole history.

use super::{notice_status, InspectionOutcome, Notice, NoticeStatus, Reinspection, ShopInspection};
use crate::parse_date;
use cw_kernel::{CoreError, Ctx};
use cw_registry::households;
use cw_store::sql::column_at;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

const INSPECTION_SQL: &str = "SELECT i.id, i.party_id, p.name, g.number, i.inspected_on, s.name, i.findings, i.outcome, n.id, n.number
    FROM shop_inspections i JOIN parties p ON p.id = i.party_id
    LEFT JOIN pledges g ON g.id = i.pledge_id LEFT JOIN staff s ON s.id = i.inspector_id
    LEFT JOIN rectification_notices n ON n.inspection_id = i.id";

/// The inspections `tail` (a WHERE and ORDER over `i`) selects, with `p` its parameters.
pub(super) fn inspections_where(
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
            column_at::<InspectionOutcome>(r, 7, "shop_inspections", "outcome")?,
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
            outcome: r.7,
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
