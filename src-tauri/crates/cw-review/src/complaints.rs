//! The complaint register: a complaint is registered as received and never changed; its handling
//! is a sequence of steps (核实 → 处理 → 答复 → 办结) each kept as a row, in that order, so the
//! register shows who did what when. A step out of order is refused and saves nothing.

use chrono::{Datelike, NaiveDate};
use cw_domain::ids::ZoneId;
use cw_domain::review::{
    Complaint, ComplaintAction, ComplaintInput, ComplaintQuery, ComplaintStatus, ComplaintStep,
    ComplaintStepInput, ComplaintStepKind, COMPLAINT_DUE_DAYS,
};
use cw_domain::{text, DomainError};
use cw_kernel::{CoreError, Ctx, IdArgs};
use cw_store::sql::column_at;
use rusqlite::{params, Connection, OptionalExtension};

const COLUMNS: &str =
    "c.id, c.received_on, c.channel, c.content, c.place, c.zone_id, z.name, c.reporter,
    c.reporter_phone, c.major";

fn steps(conn: &Connection, id: i64) -> Result<Vec<ComplaintStep>, CoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, kind, date, verified, action, fine_id, notice_id, text, created_by
         FROM complaint_steps WHERE complaint_id = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([id], |r| {
        Ok(ComplaintStep {
            id: r.get(0)?,
            kind: column_at(r, 1, "complaint_steps", "kind")?,
            date: r.get(2)?,
            verified: r.get(3)?,
            action: column_at(r, 4, "complaint_steps", "action")?,
            fine_id: r.get(5)?,
            notice_id: r.get(6)?,
            text: r.get(7)?,
            created_by: r.get(8)?,
        })
    })?;
    let mut out: Vec<ComplaintStep> = rows.collect::<Result<_, _>>()?;
    for s in &mut out {
        s.created_by = cw_kernel::words::actor_name(conn, &s.created_by);
    }
    Ok(out)
}

/// A complaint with its steps, and where it stands on `today`.
fn complete(conn: &Connection, mut c: Complaint, today: NaiveDate) -> Result<Complaint, CoreError> {
    c.steps = steps(conn, c.id)?;
    c.verified = c
        .steps
        .iter()
        .find(|s| s.kind == ComplaintStepKind::Verify)
        .and_then(|s| s.verified);
    c.status = match c.steps.last().map(|s| s.kind) {
        None => ComplaintStatus::New,
        Some(ComplaintStepKind::Verify | ComplaintStepKind::Act) => ComplaintStatus::Handling,
        Some(ComplaintStepKind::Reply) => ComplaintStatus::Replied,
        Some(ComplaintStepKind::Close) => ComplaintStatus::Closed,
    };
    c.closed_on = c
        .steps
        .iter()
        .find(|s| s.kind == ComplaintStepKind::Close)
        .map(|s| s.date);
    c.days = (c.closed_on.unwrap_or(today) - c.received_on).num_days();
    c.overdue = c.closed_on.is_none() && c.days > COMPLAINT_DUE_DAYS;
    c.next = [
        ComplaintStepKind::Verify,
        ComplaintStepKind::Act,
        ComplaintStepKind::Reply,
        ComplaintStepKind::Close,
    ]
    .into_iter()
    .filter(|k| in_order(&c, *k).is_ok())
    // Offered once each, in order; another action may still be added before the answer.
    .filter(|k| {
        let taken = |kind: ComplaintStepKind| c.steps.iter().any(|s| s.kind == kind);
        match k {
            ComplaintStepKind::Act => !taken(ComplaintStepKind::Reply),
            k => !taken(*k),
        }
    })
    .collect();
    Ok(c)
}

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Complaint> {
    Ok(Complaint {
        id: r.get(0)?,
        received_on: r.get(1)?,
        channel: column_at(r, 2, "complaints", "channel")?,
        content: r.get(3)?,
        place: r.get(4)?,
        zone_id: r.get(5)?,
        zone_name: r.get(6)?,
        reporter: r.get(7)?,
        reporter_phone: r.get(8)?,
        major: r.get(9)?,
        status: ComplaintStatus::New,
        verified: None,
        closed_on: None,
        days: 0,
        overdue: false,
        steps: Vec::new(),
        next: Vec::new(),
    })
}

/// One complaint by id.
pub fn load(conn: &Connection, id: i64, today: NaiveDate) -> Result<Complaint, CoreError> {
    let c = conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM complaints c LEFT JOIN zones z ON z.id = c.zone_id WHERE c.id = ?1"),
            [id],
            row,
        )
        .optional()?
        .ok_or(CoreError::NotFound { what: "投诉", id })?;
    complete(conn, c, today)
}

/// The register, newest first: of a year, of a zone, or only those still open.
pub fn of(
    conn: &Connection,
    q: &ComplaintQuery,
    today: NaiveDate,
) -> Result<Vec<Complaint>, CoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM complaints c LEFT JOIN zones z ON z.id = c.zone_id
         WHERE (?1 IS NULL OR substr(c.received_on, 1, 4) = printf('%04d', ?1))
           AND (?2 IS NULL OR c.zone_id = ?2)
           AND (?3 = 0 OR NOT EXISTS (SELECT 1 FROM complaint_steps s WHERE s.complaint_id = c.id AND s.kind = '办结'))
         ORDER BY c.received_on DESC, c.id DESC"
    ))?;
    let rows = stmt.query_map(params![q.year, q.zone_id, q.open_only], row)?;
    let mut out = Vec::new();
    for c in rows {
        out.push(complete(conn, c?, today)?);
    }
    Ok(out)
}

/// The register (command).
pub fn list(ctx: &Ctx<'_>, q: ComplaintQuery) -> Result<Vec<Complaint>, CoreError> {
    of(ctx.conn, &q, ctx.clock.today())
}

/// One complaint (command).
pub fn get(ctx: &Ctx<'_>, a: IdArgs) -> Result<Complaint, CoreError> {
    load(ctx.conn, a.id, ctx.clock.today())
}

fn zone_exists(conn: &Connection, zone: ZoneId) -> Result<(), CoreError> {
    let found: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM zones WHERE id = ?1)",
        [zone],
        |r| r.get(0),
    )?;
    if !found {
        return Err(CoreError::NotFound {
            what: "责任区",
            id: zone.get(),
        });
    }
    Ok(())
}

/// Registers a complaint as received.
pub fn create(ctx: &Ctx<'_>, i: ComplaintInput) -> Result<Complaint, CoreError> {
    let today = ctx.clock.today();
    let received = i.received_on.unwrap_or(today);
    if received > today {
        return Err(DomainError::invalid("收到日期", "不能晚于今天").into());
    }
    let channel = i.channel.ok_or(DomainError::Required { field: "来源" })?;
    let content = text::limited("投诉内容", &text::required("投诉内容", &i.content)?, 500)?;
    let place = text::limited("地点", &i.place, 100)?;
    let reporter = text::limited("举报人", &i.reporter, 30)?;
    let phone = text::limited("举报人电话", &i.reporter_phone, 30)?;
    if let Some(z) = i.zone_id {
        zone_exists(ctx.conn, z)?;
    }
    ctx.conn.execute(
        "INSERT INTO complaints (received_on, channel, content, place, zone_id, reporter, reporter_phone, major,
           created_at, created_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![received, channel, content, place, i.zone_id, reporter, phone, i.major, ctx.now_text(), ctx.actor],
    )?;
    let after = load(ctx.conn, ctx.conn.last_insert_rowid(), today)?;
    ctx.audit(
        "complaints",
        Some(after.id),
        None::<&Complaint>,
        Some(&after),
    )?;
    Ok(after)
}

/// Refuses a step out of order: 核实 first and once; 处理 only of a complaint found true; 答复
/// after the check; 办结 after the answer; nothing after 办结.
fn in_order(c: &Complaint, kind: ComplaintStepKind) -> Result<(), CoreError> {
    let has = |k: ComplaintStepKind| c.steps.iter().any(|s| s.kind == k);
    let refused = |why: &str| Err(CoreError::Conflict(format!("第 {} 号投诉{why}", c.id)));
    if has(ComplaintStepKind::Close) {
        return refused("已办结，不能再登记");
    }
    match kind {
        ComplaintStepKind::Verify if has(ComplaintStepKind::Verify) => refused("已核实过"),
        ComplaintStepKind::Act | ComplaintStepKind::Reply if !has(ComplaintStepKind::Verify) => {
            refused("还没有核实，请先登记核实情况")
        }
        ComplaintStepKind::Act if c.verified == Some(false) => {
            refused("经核实不属实，无需处理，可直接答复")
        }
        ComplaintStepKind::Close if !has(ComplaintStepKind::Reply) => {
            refused("还没有答复举报人，请先登记答复")
        }
        _ => Ok(()),
    }
}

/// The fields a step of its kind needs, and the record it names (a fine not voided, a notice).
fn check_step(conn: &Connection, i: &ComplaintStepInput) -> Result<(), CoreError> {
    match i.kind {
        ComplaintStepKind::Verify if i.verified.is_none() => {
            return Err(DomainError::Required {
                field: "核实结果"
            }
            .into())
        }
        ComplaintStepKind::Act => {
            let action = i.action.ok_or(DomainError::Required {
                field: "处理方式"
            })?;
            match action {
                ComplaintAction::Fine => {
                    let id = i.fine_id.ok_or(DomainError::Required {
                        field: "罚款编号"
                    })?;
                    let standing: Option<bool> = conn
                        .query_row(
                            "SELECT NOT EXISTS (SELECT 1 FROM fine_corrections c WHERE c.fine_id = f.id AND c.kind = '作废')
                             FROM fines f WHERE f.id = ?1",
                            [id],
                            |r| r.get(0),
                        )
                        .optional()?;
                    match standing {
                        None => {
                            return Err(CoreError::NotFound {
                                what: "罚款记录",
                                id,
                            })
                        }
                        Some(false) => {
                            return Err(DomainError::invalid(
                                "罚款编号",
                                format!("第 {id} 号罚款已作废"),
                            )
                            .into())
                        }
                        Some(true) => {}
                    }
                }
                ComplaintAction::Notice => {
                    let id = i.notice_id.ok_or(DomainError::Required {
                        field: "整改通知"
                    })?;
                    let found: bool = conn.query_row(
                        "SELECT EXISTS (SELECT 1 FROM rectification_notices WHERE id = ?1)",
                        [id],
                        |r| r.get(0),
                    )?;
                    if !found {
                        return Err(CoreError::NotFound {
                            what: "整改通知",
                            id,
                        });
                    }
                }
                ComplaintAction::Referral | ComplaintAction::Other if i.text.trim().is_empty() => {
                    return Err(DomainError::Required {
                        field: "处理情况"
                    }
                    .into())
                }
                _ => {}
            }
        }
        ComplaintStepKind::Reply if i.text.trim().is_empty() => {
            return Err(DomainError::Required {
                field: "答复内容"
            }
            .into())
        }
        _ => {}
    }
    Ok(())
}

/// Adds a step to a complaint's handling, in order; returns the complaint as it now stands.
pub fn step(ctx: &Ctx<'_>, i: ComplaintStepInput) -> Result<Complaint, CoreError> {
    let today = ctx.clock.today();
    let before = load(ctx.conn, i.id, today)?;
    in_order(&before, i.kind)?;
    check_step(ctx.conn, &i)?;
    let date = i.date.unwrap_or(today);
    if date > today {
        return Err(DomainError::invalid("日期", "不能晚于今天").into());
    }
    let earliest = before.steps.last().map_or(before.received_on, |s| s.date);
    if date < earliest {
        return Err(DomainError::invalid(
            "日期",
            format!("不能早于{}", cw_pdf::format_date_cn(earliest)),
        )
        .into());
    }
    let text = text::limited("说明", &i.text, 500)?;
    let (fine, notice) = match i.action {
        Some(ComplaintAction::Fine) => (i.fine_id, None),
        Some(ComplaintAction::Notice) => (None, i.notice_id),
        _ => (None, None),
    };
    let verified = (i.kind == ComplaintStepKind::Verify)
        .then_some(i.verified)
        .flatten();
    let action = (i.kind == ComplaintStepKind::Act)
        .then_some(i.action)
        .flatten();
    ctx.conn.execute(
        "INSERT INTO complaint_steps (complaint_id, kind, date, verified, action, fine_id, notice_id, text,
           created_at, created_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![i.id, i.kind, date, verified, action, fine, notice, text, ctx.now_text(), ctx.actor],
    )?;
    let after = load(ctx.conn, i.id, today)?;
    ctx.audit("complaints", Some(i.id), Some(&before), Some(&after))?;
    Ok(after)
}

/// The year a complaint counts in.
pub fn year_of(c: &Complaint) -> i32 {
    c.received_on.year()
}
