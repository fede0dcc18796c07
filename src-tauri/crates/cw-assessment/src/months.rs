//! Month close 结账 and reopen 反结账: recorded acts; a closed month takes no new fines or voids.

use super::{month_bounds, wire};
use chrono::{Datelike, NaiveDate};
use cw_domain::assessment::{month_of, parse_month, MonthEvent, MonthStatus};
use cw_domain::{text, DomainError};
use cw_kernel::{CoreError, Ctx};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Deserialize;
use ts_rs::TS;

/// Whether `month` (`YYYY-MM`) is closed: its latest act is a close.
pub fn is_closed(conn: &Connection, month: &str) -> Result<bool, CoreError> {
    Ok(conn.query_row(
        "SELECT coalesce((SELECT action = '结账' FROM month_closes WHERE month = ?1 ORDER BY id DESC LIMIT 1), 0)",
        [month],
        |r| r.get(0),
    )?)
}

/// Refuses a write dated in a closed month; `what` says what was refused.
pub fn require_open(conn: &Connection, date: NaiveDate, what: &str) -> Result<(), CoreError> {
    let month = month_of(date);
    if is_closed(conn, &month)? {
        return Err(CoreError::Conflict(format!(
            "{}年{}月已结账，不能{what}（请先反结账，或在未结账月份冲销）",
            date.year(),
            date.month()
        )));
    }
    Ok(())
}

/// Arguments naming a month.
#[derive(Debug, Deserialize, TS)]
#[ts(export, optional_fields = nullable)]
pub struct MonthArgs {
    /// `YYYY-MM`.
    pub month: String,
}

/// The status of one month with its close/reopen history and totals.
pub fn load_status(conn: &Connection, month: &str) -> Result<MonthStatus, CoreError> {
    parse_month("月份", month)?;
    let mut stmt = conn.prepare_cached(
        "SELECT action, at, actor, reason FROM month_closes WHERE month = ?1 ORDER BY id",
    )?;
    let history: Vec<MonthEvent> = stmt
        .query_map([month], |r| {
            Ok(MonthEvent {
                action: r.get(0)?,
                at: r.get(1)?,
                actor: cw_kernel::words::actor_name(conn, &r.get::<_, String>(2)?),
                reason: r.get(3)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    let (count, fines, awards): (i64, i64, i64) = conn.query_row(
        "SELECT count(*),
                coalesce(sum(CASE WHEN kind != '奖励' THEN amount_fen END), 0),
                coalesce(sum(CASE WHEN kind = '奖励' THEN amount_fen END), 0)
         FROM fines f WHERE month = ?1
           AND NOT EXISTS (SELECT 1 FROM fine_corrections c WHERE c.fine_id = f.id AND c.kind = '作废')",
        [month],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    let reversed: i64 = conn.query_row(
        "SELECT coalesce(sum(c.amount_fen), 0) FROM fine_corrections c JOIN fines f ON f.id = c.fine_id
         WHERE c.month = ?1 AND c.kind = '冲销' AND f.kind != '奖励'",
        [month],
        |r| r.get(0),
    )?;
    Ok(MonthStatus {
        month: month.to_string(),
        closed: history.last().is_some_and(|e| e.action == "结账"),
        history,
        fine_count: count,
        deductions: wire(fines - reversed),
        awards: wire(awards),
    })
}

/// One month's status.
pub fn status(ctx: &Ctx<'_>, a: MonthArgs) -> Result<MonthStatus, CoreError> {
    load_status(ctx.conn, a.month.trim())
}

/// Every month from the first record (or the campaign's start) to the current one, newest first.
pub fn list(ctx: &Ctx<'_>, _a: serde_json::Value) -> Result<Vec<MonthStatus>, CoreError> {
    let mut out = months_so_far(ctx.conn, ctx.clock.today())?
        .iter()
        .map(|m| load_status(ctx.conn, m))
        .collect::<Result<Vec<_>, _>>()?;
    out.reverse();
    Ok(out)
}

/// The months from the first with a fine or a close up to today's, oldest first.
fn months_so_far(conn: &Connection, today: NaiveDate) -> Result<Vec<String>, CoreError> {
    let first: Option<String> = conn.query_row(
        "SELECT min(m) FROM (SELECT min(month) AS m FROM fines UNION ALL SELECT min(month) FROM month_closes)",
        [],
        |r| r.get(0),
    )?;
    let current = month_of(today);
    let mut month = first
        .unwrap_or_else(|| current.clone())
        .min(current.clone());
    let mut out = Vec::new();
    while month <= current {
        let (_, last_day) = month_bounds("月份", &month)?;
        out.push(month);
        month = month_of(last_day + chrono::Duration::days(1));
    }
    Ok(out)
}

/// The ended months of [`list`] that are not closed, oldest first, told from the closes alone:
/// the home screen needs no month's totals (five years of fines at ten times the community).
pub fn waiting_to_close(conn: &Connection, today: NaiveDate) -> Result<Vec<String>, CoreError> {
    let current = month_of(today);
    let mut last_action = conn.prepare_cached(
        "SELECT action FROM month_closes WHERE month = ?1 ORDER BY id DESC LIMIT 1",
    )?;
    let mut out = Vec::new();
    for month in months_so_far(conn, today)? {
        if month >= current {
            continue;
        }
        let action: Option<String> = last_action.query_row([&month], |r| r.get(0)).optional()?;
        if action.as_deref() != Some("结账") {
            out.push(month);
        }
    }
    Ok(out)
}

/// Closes a month that has ended: no new fines, awards or voids dated in it afterwards.
pub fn close(ctx: &Ctx<'_>, a: MonthArgs) -> Result<MonthStatus, CoreError> {
    let month = a.month.trim();
    let (_, last) = month_bounds("月份", month)?;
    if last >= ctx.clock.today() {
        return Err(DomainError::invalid("月份", format!("{month} 还没有结束，不能结账")).into());
    }
    let before = load_status(ctx.conn, month)?;
    if before.closed {
        return Err(CoreError::Conflict(format!("{month} 已结账")));
    }
    ctx.conn.execute(
        "INSERT INTO month_closes (month, action, reason, at, actor) VALUES (?1, '结账', '', ?2, ?3)",
        params![month, ctx.now_text(), ctx.actor],
    )?;
    let id = ctx.conn.last_insert_rowid();
    let after = load_status(ctx.conn, month)?;
    ctx.audit("month_closes", Some(id), Some(&before), Some(&after))?;
    Ok(after)
}

/// Arguments of [`reopen`]: the month and why.
#[derive(Debug, Deserialize, TS)]
#[ts(export, optional_fields = nullable)]
pub struct ReopenArgs {
    pub month: String,
    pub reason: String,
}

/// Reopens a closed month: a deliberate act with a reason, recorded. (Issue 7 wraps this with
/// the committee head's permission.)
pub fn reopen(ctx: &Ctx<'_>, a: ReopenArgs) -> Result<MonthStatus, CoreError> {
    let month = a.month.trim();
    let reason = text::limited("反结账原因", &text::required("反结账原因", &a.reason)?, 200)?;
    let before = load_status(ctx.conn, month)?;
    if !before.closed {
        return Err(CoreError::Conflict(format!("{month} 没有结账，无需反结账")));
    }
    ctx.conn.execute(
        "INSERT INTO month_closes (month, action, reason, at, actor) VALUES (?1, '反结账', ?2, ?3, ?4)",
        params![month, reason, ctx.now_text(), ctx.actor],
    )?;
    let id = ctx.conn.last_insert_rowid();
    let after = load_status(ctx.conn, month)?;
    ctx.audit("month_closes", Some(id), Some(&before), Some(&after))?;
    Ok(after)
}
