//! The register of cleaning tools 保洁工具: each tool issued to a cleaner with its price, then
//! handed back or lost; a loss is charged at the price as T1 on that month's statement, the
//! charge and the register naming each other. Rows are never changed.

use crate::fines::{self, Links};
use crate::{not_future, require_recorder};
use chrono::NaiveDate;
use cw_domain::assessment::{
    FineInput, Tool, ToolEnd, ToolInput, ToolQuery, ToolStatus, TOOL_LOST,
};
use cw_domain::{money, text, DomainError};
use cw_kernel::{CoreError, Ctx};
use rusqlite::{params, Connection, OptionalExtension};

const COLUMNS: &str = "t.id, t.staff_id, s.name, t.kind, t.price_fen, t.issued_on, t.note, e.event, e.date,
    e.fine_id, coalesce(e.reason, ''),
    e.fine_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM fine_corrections c WHERE c.fine_id = e.fine_id)";
const FROM: &str =
    "FROM tools t JOIN staff s ON s.id = t.staff_id LEFT JOIN tool_events e ON e.tool_id = t.id";

/// A register row: the tool as the wire shows it, and its price in 分 for documents and charges.
pub struct Registered {
    pub tool: Tool,
    pub price_fen: i64,
}

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Registered> {
    let event: Option<ToolEvent> = cw_store::sql::column_at(r, 7, "tool_events", "event")?;
    let price_fen: i64 = r.get(4)?;
    let tool = Tool {
        id: r.get(0)?,
        staff_id: r.get(1)?,
        staff_name: r.get(2)?,
        kind: r.get(3)?,
        price: money::to_wire(money::fen_to_decimal(price_fen)),
        issued_on: r.get(5)?,
        note: r.get(6)?,
        status: match event {
            None => ToolStatus::InUse,
            Some(ToolEvent::Returned) => ToolStatus::Returned,
            Some(ToolEvent::Lost) => ToolStatus::Lost,
        },
        ended_on: r.get(8)?,
        fine_id: r.get(9)?,
        reason: r.get(10)?,
        charged: r.get(11)?,
    };
    Ok(Registered { tool, price_fen })
}

/// A `tool_events.event` as stored; an unknown value is an error, never a tool still in use.
enum ToolEvent {
    Returned,
    Lost,
}

impl rusqlite::types::FromSql for ToolEvent {
    fn column_result(v: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
        match v.as_str()? {
            "归还" => Ok(ToolEvent::Returned),
            "遗失" => Ok(ToolEvent::Lost),
            other => Err(rusqlite::types::FromSqlError::Other(
                format!("未知的工具记录「{other}」").into(),
            )),
        }
    }
}

/// One tool by id.
pub fn load(conn: &Connection, id: i64) -> Result<Registered, CoreError> {
    conn.query_row(
        &format!("SELECT {COLUMNS} {FROM} WHERE t.id = ?1"),
        [id],
        row,
    )
    .optional()?
    .ok_or(CoreError::NotFound { what: "工具", id })
}

/// The tools of a cleaner (or everyone's), newest first within each cleaner.
pub fn list(ctx: &Ctx<'_>, q: ToolQuery) -> Result<Vec<Tool>, CoreError> {
    Ok(of(ctx.conn, q.staff_id.map(|s| s.get()), q.in_use)?
        .into_iter()
        .map(|r| r.tool)
        .collect())
}

/// The register's rows, by cleaner then issue date.
pub fn of(
    conn: &Connection,
    staff: Option<i64>,
    in_use: bool,
) -> Result<Vec<Registered>, CoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} {FROM} WHERE (?1 IS NULL OR t.staff_id = ?1) AND (?2 = 0 OR e.id IS NULL)
         ORDER BY s.name, t.staff_id, t.issued_on, t.id"
    ))?;
    let rows = stmt.query_map(params![staff, in_use], row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The cleaner, who must be employed on the day (in any term).
fn employed(conn: &Connection, staff: i64, day: NaiveDate) -> Result<String, CoreError> {
    let name: Option<String> = conn
        .query_row("SELECT name FROM staff WHERE id = ?1", [staff], |r| {
            r.get(0)
        })
        .optional()?;
    let name = name.ok_or(CoreError::NotFound {
        what: "人员",
        id: staff,
    })?;
    if !cw_registry::staff::employment(conn, staff)?.covers(day) {
        return Err(DomainError::invalid("日期", format!("{name} 当天不在岗")).into());
    }
    Ok(name)
}

/// Issues a tool to a cleaner.
pub fn issue(ctx: &Ctx<'_>, i: ToolInput) -> Result<Tool, CoreError> {
    let staff = i
        .staff_id
        .ok_or(DomainError::Required { field: "领用人" })?;
    let kind = text::limited("工具", &text::required("工具", &i.kind)?, 20)?;
    let price = money::decimal_to_fen("价格", money::parse_money("价格", &i.price)?)?;
    let day = i.issued_on.unwrap_or_else(|| ctx.clock.today());
    not_future("领用日期", day, ctx.clock.today())?;
    employed(ctx.conn, staff.get(), day)?;
    let note = text::limited("备注", &i.note, 100)?;
    ctx.conn.execute(
        "INSERT INTO tools (staff_id, kind, price_fen, issued_on, note, created_at, created_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![staff, kind, price, day, note, ctx.now_text(), ctx.actor],
    )?;
    let after = load(ctx.conn, ctx.conn.last_insert_rowid())?.tool;
    ctx.audit("tools", Some(after.id), None::<&Tool>, Some(&after))?;
    Ok(after)
}

/// The tool, still with its cleaner, and the day it ends (not before it was issued).
fn in_use(ctx: &Ctx<'_>, e: &ToolEnd) -> Result<(Registered, NaiveDate), CoreError> {
    let found = load(ctx.conn, e.id)?;
    let tool = &found.tool;
    if tool.status != ToolStatus::InUse {
        return Err(CoreError::Conflict(format!(
            "{} 的{}已{}，不能再登记",
            tool.staff_name,
            tool.kind,
            tool.status.label()
        )));
    }
    let day = e.date.unwrap_or_else(|| ctx.clock.today());
    not_future("日期", day, ctx.clock.today())?;
    if day < tool.issued_on {
        return Err(DomainError::invalid("日期", "不能早于领用日期").into());
    }
    Ok((found, day))
}

fn end(
    ctx: &Ctx<'_>,
    tool: &Tool,
    event: &str,
    day: NaiveDate,
    fine: Option<i64>,
    reason: &str,
) -> Result<Tool, CoreError> {
    ctx.conn.execute(
        "INSERT INTO tool_events (tool_id, event, date, fine_id, reason, created_at, created_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![tool.id, event, day, fine, reason, ctx.now_text(), ctx.actor],
    )?;
    let after = load(ctx.conn, tool.id)?.tool;
    ctx.audit("tools", Some(tool.id), Some(tool), Some(&after))?;
    Ok(after)
}

/// Records a tool handed back (also after the cleaner has left).
pub fn hand_back(ctx: &Ctx<'_>, e: ToolEnd) -> Result<Tool, CoreError> {
    let (found, day) = in_use(ctx, &e)?;
    let reason = text::limited("说明", &e.reason, 100)?;
    end(ctx, &found.tool, "归还", day, None, &reason)
}

/// Records a tool lost and charges its price as T1 on the day's month (which must be open,
/// with the cleaner employed that day). Nothing is saved if the charge is refused.
pub fn lose(ctx: &Ctx<'_>, e: ToolEnd) -> Result<Tool, CoreError> {
    let (found, day) = in_use(ctx, &e)?;
    let tool = &found.tool;
    let reason = text::limited("说明", &e.reason, 100)?;
    let recorder = e
        .recorded_by
        .ok_or(DomainError::Required { field: "记录人" })?;
    require_recorder(ctx.conn, recorder)?;
    let fine = fines::insert(
        ctx,
        &FineInput {
            staff_id: Some(cw_domain::ids::StaffId(tool.staff_id)),
            item_code: TOOL_LOST.into(),
            date: Some(day),
            observed: if reason.is_empty() {
                format!("遗失{}（{} 领用）", tool.kind, tool.issued_on)
            } else {
                format!("遗失{}（{} 领用）：{reason}", tool.kind, tool.issued_on)
            },
            recorded_by: Some(recorder),
            ..Default::default()
        },
        Links {
            tool_price_fen: Some(found.price_fen),
            ..Links::default()
        },
    )?;
    end(ctx, tool, "遗失", day, Some(fine.id), &reason)
}

/// How many tools a cleaner still holds (for the leaving note).
pub fn held(conn: &Connection, staff: i64) -> Result<i64, CoreError> {
    Ok(conn.query_row(
        "SELECT count(*) FROM tools t WHERE t.staff_id = ?1
           AND NOT EXISTS (SELECT 1 FROM tool_events e WHERE e.tool_id = t.id)",
        [staff],
        |r| r.get(0),
    )?)
}
