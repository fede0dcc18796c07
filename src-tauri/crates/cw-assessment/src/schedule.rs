//! The fine schedule 考核细则 in versions: each version is complete and in force from its date.

use super::wire;
use chrono::NaiveDate;
use cw_domain::assessment::{
    FineKind, FineUnit, ScheduleItem, ScheduleVersion, ScheduleVersionInput, RESIGN_NO_NOTICE,
    TOOL_LOST,
};
use cw_domain::{money, text, DomainError};
use cw_kernel::{CoreError, Ctx};
use cw_store::sql::column_at;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Deserialize;
use ts_rs::TS;

fn items_of(conn: &Connection, version_id: i64) -> Result<Vec<ScheduleItem>, CoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, code, category, offence, amount_fen, unit, kind FROM schedule_items
         WHERE version_id = ?1 ORDER BY sort, id",
    )?;
    let rows = stmt.query_map([version_id], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, Option<i64>>(4)?,
            // An unknown unit or kind is an error naming its column, never quietly some default.
            column_at::<FineUnit>(r, 5, "schedule_items", "unit")?,
            column_at::<FineKind>(r, 6, "schedule_items", "kind")?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, code, category, offence, amount, unit, kind) = row?;
        out.push(ScheduleItem {
            id,
            code,
            category,
            offence,
            amount: amount.map(wire),
            unit,
            kind,
        });
    }
    Ok(out)
}

fn version_row(
    r: &rusqlite::Row<'_>,
) -> rusqlite::Result<(i64, NaiveDate, String, String, String)> {
    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
}

fn complete(
    conn: &Connection,
    (id, effective_date, note, created_at, created_by): (i64, NaiveDate, String, String, String),
) -> Result<ScheduleVersion, CoreError> {
    Ok(ScheduleVersion {
        id,
        effective_date,
        note,
        created_at,
        // Shown as the clerk knows them: 系统 for the built-in version, 命令行, a display name.
        created_by: cw_kernel::words::actor_name(conn, &created_by),
        items: items_of(conn, id)?,
    })
}

const VERSION_COLUMNS: &str = "id, effective_date, note, created_at, created_by";

/// The version in force on `date`, if any.
pub fn in_force(conn: &Connection, date: NaiveDate) -> Result<Option<ScheduleVersion>, CoreError> {
    let row = conn
        .query_row(
            &format!("SELECT {VERSION_COLUMNS} FROM schedule_versions WHERE effective_date <= ?1 ORDER BY effective_date DESC LIMIT 1"),
            [date],
            version_row,
        )
        .optional()?;
    row.map(|r| complete(conn, r)).transpose()
}

/// An item as stored, with its amount in 分 (None: rule-computed).
#[derive(Debug, Clone)]
pub struct ItemInForce {
    pub id: i64,
    pub code: String,
    pub category: String,
    pub offence: String,
    pub unit: FineUnit,
    pub kind: FineKind,
    pub amount_fen: Option<i64>,
}

/// The item `code` of the version in force on `date`; refuses an unknown code naming the date.
pub fn item_in_force(
    conn: &Connection,
    code: &str,
    date: NaiveDate,
) -> Result<ItemInForce, CoreError> {
    let row = conn
        .query_row(
            "SELECT i.id, i.code, i.category, i.offence, i.unit, i.kind, i.amount_fen
             FROM schedule_items i
             WHERE i.version_id = (SELECT id FROM schedule_versions WHERE effective_date <= ?2
                                   ORDER BY effective_date DESC LIMIT 1)
               AND i.code = ?1",
            params![code.trim(), date],
            |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    column_at::<FineUnit>(r, 4, "schedule_items", "unit")?,
                    column_at::<FineKind>(r, 5, "schedule_items", "kind")?,
                    r.get::<_, Option<i64>>(6)?,
                ))
            },
        )
        .optional()?;
    let (id, code, category, offence, unit, kind, amount_fen) = row.ok_or_else(|| {
        DomainError::invalid(
            "考核项目",
            format!("「{}」不在 {date} 施行的考核细则中", code.trim()),
        )
    })?;
    Ok(ItemInForce {
        id,
        code,
        category,
        offence,
        unit,
        kind,
        amount_fen,
    })
}

/// Every version, newest first.
pub fn versions(ctx: &Ctx<'_>, _a: serde_json::Value) -> Result<Vec<ScheduleVersion>, CoreError> {
    let mut stmt = ctx.conn.prepare(&format!(
        "SELECT {VERSION_COLUMNS} FROM schedule_versions ORDER BY effective_date DESC"
    ))?;
    let rows: Vec<_> = stmt.query_map([], version_row)?.collect::<Result<_, _>>()?;
    rows.into_iter().map(|r| complete(ctx.conn, r)).collect()
}

/// Arguments of [`current`].
#[derive(Debug, Default, Deserialize, TS)]
#[ts(export, optional_fields = nullable)]
#[serde(default)]
pub struct OnDateArgs {
    /// Today if absent.
    #[ts(optional = nullable)]
    pub date: Option<NaiveDate>,
}

/// The version in force on a date (today by default).
pub fn current(ctx: &Ctx<'_>, a: OnDateArgs) -> Result<ScheduleVersion, CoreError> {
    let date = a.date.unwrap_or_else(|| ctx.clock.today());
    in_force(ctx.conn, date)?
        .ok_or_else(|| DomainError::invalid("日期", format!("{date} 还没有施行的考核细则")).into())
}

/// Adds a new version of the whole schedule, in force from its effective date. Old fines keep
/// the item and amount they were recorded with. (Issue 7 wraps this with the head's permission.)
pub fn create_version(
    ctx: &Ctx<'_>,
    v: ScheduleVersionInput,
) -> Result<ScheduleVersion, CoreError> {
    let date = v.effective_date.ok_or(DomainError::Required {
        field: "施行日期"
    })?;
    let clash: bool = ctx.conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM schedule_versions WHERE effective_date = ?1)",
        [date],
        |r| r.get(0),
    )?;
    if clash {
        return Err(CoreError::Conflict(format!(
            "{date} 已有一个版本的考核细则"
        )));
    }
    // A version may not reach back into a closed month: fines there were priced by the old one.
    let closed_after: Option<String> = ctx
        .conn
        .query_row(
            "SELECT month FROM month_closes m WHERE month >= ?1 AND action = '结账'
               AND id = (SELECT max(id) FROM month_closes WHERE month = m.month) ORDER BY month LIMIT 1",
            [cw_domain::assessment::month_of(date)],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(m) = closed_after {
        return Err(CoreError::Conflict(format!(
            "{m} 已结账，新版本的施行日期必须在已结账月份之后"
        )));
    }
    if v.items.is_empty() {
        return Err(DomainError::Required {
            field: "考核项目"
        }
        .into());
    }
    let note = text::limited("说明", &v.note, 200)?;
    ctx.conn.execute(
        "INSERT INTO schedule_versions (effective_date, note, created_at, created_by) VALUES (?1, ?2, ?3, ?4)",
        params![date, note, ctx.now_text(), ctx.actor],
    )?;
    let id = ctx.conn.last_insert_rowid();
    let mut codes: Vec<String> = Vec::new();
    for (n, i) in v.items.iter().enumerate() {
        let row = n + 1;
        let code = text::required("编号", &i.code)?;
        if codes.contains(&code) {
            return Err(DomainError::invalid("编号", format!("第 {row} 项「{code}」重复")).into());
        }
        let category = text::required("类别", &i.category)?;
        let offence = text::required("考核内容", &i.offence)?;
        let unit = i.unit.ok_or(DomainError::Required {
            field: "计罚单位"
        })?;
        let kind = i.kind.unwrap_or(FineKind::Fine);
        let amount = match i.amount.as_deref().map(str::trim).filter(|a| !a.is_empty()) {
            Some(a) => Some(money::decimal_to_fen(
                "金额",
                money::parse_money("金额", a)?,
            )?),
            None if code == RESIGN_NO_NOTICE || code == TOOL_LOST => None,
            None => {
                return Err(
                    DomainError::invalid("金额", format!("第 {row} 项「{code}」没有金额")).into(),
                )
            }
        };
        ctx.conn.execute(
            "INSERT INTO schedule_items (version_id, code, category, offence, amount_fen, unit, kind, sort)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![id, code, category, offence, amount, unit.label(), kind.label(), row as i64],
        )?;
        codes.push(code);
    }
    let row = ctx.conn.query_row(
        &format!("SELECT {VERSION_COLUMNS} FROM schedule_versions WHERE id = ?1"),
        [id],
        version_row,
    )?;
    let after = complete(ctx.conn, row)?;
    ctx.audit(
        "schedule_versions",
        Some(id),
        None::<&ScheduleVersion>,
        Some(&after),
    )?;
    Ok(after)
}
