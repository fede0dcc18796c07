//! Publicity actions 宣传: materials handed out, slogans put up, the notice board renewed,
//! door-to-door talks, broadcasts — with the year's totals per kind. A record is never deleted:
//! a mistaken one is withdrawn with a reason and leaves the totals.

use chrono::Datelike;
use cw_domain::review::{Publicity, PublicityInput, PublicityKind, PublicityTotal};
use cw_domain::{text, DomainError};
use cw_kernel::{CoreError, Ctx};
use cw_store::sql::column_at;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Deserialize;
use ts_rs::TS;

/// The unit a kind is counted in.
pub fn unit_of(kind: PublicityKind) -> &'static str {
    match kind {
        PublicityKind::Leaflets => "份",
        PublicityKind::Slogans => "条",
        PublicityKind::Board => "期",
        PublicityKind::DoorToDoor => "户",
        PublicityKind::Broadcast | PublicityKind::Other => "次",
    }
}

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Publicity> {
    let kind: PublicityKind = column_at(r, 2, "publicity", "kind")?;
    Ok(Publicity {
        id: r.get(0)?,
        done_on: r.get(1)?,
        kind,
        place: r.get(3)?,
        count: r.get(4)?,
        count_unit: unit_of(kind).into(),
        content: r.get(5)?,
        withdrawn: r.get(6)?,
    })
}

const COLUMNS: &str = "id, done_on, kind, place, count, content, withdrawn";

fn load(conn: &Connection, id: i64) -> Result<Publicity, CoreError> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM publicity WHERE id = ?1"),
        [id],
        row,
    )
    .optional()?
    .ok_or(CoreError::NotFound {
        what: "宣传记录",
        id,
    })
}

/// Arguments of [`list`] and [`totals`].
#[derive(Debug, Default, Deserialize, TS)]
#[ts(export, optional_fields = nullable)]
pub struct PublicityQuery {
    /// This year if absent.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub year: Option<i32>,
}

/// The year's actions, newest first, withdrawn ones included (marked).
pub fn list(ctx: &Ctx<'_>, q: PublicityQuery) -> Result<Vec<Publicity>, CoreError> {
    let year = q.year.unwrap_or_else(|| ctx.clock.today().year());
    let mut stmt = ctx.conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM publicity WHERE substr(done_on, 1, 4) = printf('%04d', ?1)
         ORDER BY done_on DESC, id DESC"
    ))?;
    let rows = stmt.query_map([year], row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The year's totals per kind, withdrawn actions left out; every kind listed.
pub fn totals(ctx: &Ctx<'_>, q: PublicityQuery) -> Result<Vec<PublicityTotal>, CoreError> {
    let all = list(ctx, q)?;
    Ok([
        PublicityKind::Leaflets,
        PublicityKind::Slogans,
        PublicityKind::Board,
        PublicityKind::DoorToDoor,
        PublicityKind::Broadcast,
        PublicityKind::Other,
    ]
    .into_iter()
    .map(|k| {
        let mine: Vec<&Publicity> = all
            .iter()
            .filter(|p| p.kind == k && p.withdrawn.is_none())
            .collect();
        PublicityTotal {
            kind: k,
            actions: mine.len() as i64,
            count: mine.iter().map(|p| p.count).sum(),
            unit: unit_of(k).into(),
        }
    })
    .collect())
}

/// Records a publicity action.
pub fn create(ctx: &Ctx<'_>, i: PublicityInput) -> Result<Publicity, CoreError> {
    let day = i.done_on.unwrap_or_else(|| ctx.clock.today());
    if day > ctx.clock.today() {
        return Err(DomainError::invalid("日期", "不能晚于今天").into());
    }
    if !(0..=1_000_000).contains(&i.count) {
        return Err(DomainError::invalid("数量", "应在 0 到 1,000,000 之间").into());
    }
    let content = text::limited("宣传内容", &text::required("宣传内容", &i.content)?, 200)?;
    let place = text::limited("地点", i.place.trim(), 100)?;
    ctx.conn.execute(
        "INSERT INTO publicity (done_on, kind, place, count, content, created_at, created_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            day,
            i.kind,
            place,
            i.count,
            content,
            ctx.now_text(),
            ctx.actor
        ],
    )?;
    let after = load(ctx.conn, ctx.conn.last_insert_rowid())?;
    ctx.audit(
        "publicity",
        Some(after.id),
        None::<&Publicity>,
        Some(&after),
    )?;
    Ok(after)
}

/// Arguments of [`withdraw`].
#[derive(Debug, Deserialize, TS)]
#[ts(export)]
pub struct WithdrawArgs {
    pub id: i64,
    pub reason: String,
}

/// Withdraws a mistaken record with a reason; it stays, marked, out of the totals.
pub fn withdraw(ctx: &Ctx<'_>, a: WithdrawArgs) -> Result<Publicity, CoreError> {
    let before = load(ctx.conn, a.id)?;
    if before.withdrawn.is_some() {
        return Err(CoreError::Conflict(format!("第 {} 号宣传记录已撤回", a.id)));
    }
    let reason = text::limited("撤回原因", &text::required("撤回原因", &a.reason)?, 100)?;
    ctx.conn.execute(
        "UPDATE publicity SET withdrawn = ?2 WHERE id = ?1",
        params![a.id, reason],
    )?;
    let after = load(ctx.conn, a.id)?;
    ctx.audit("publicity", Some(a.id), Some(&before), Some(&after))?;
    Ok(after)
}
