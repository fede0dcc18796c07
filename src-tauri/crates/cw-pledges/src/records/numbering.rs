//! Numbering: a party's live pledge of the year, given the next MQ-YYYY-NNNNN if it has none.

use super::recording::add_event;
use super::{row, PledgeRow};
use crate::PledgeStatus;
use cw_domain::enums::PartyStatus;
use cw_kernel::{CoreError, Ctx};
use rusqlite::{params, OptionalExtension};

/// The live pledge of a party for a year, numbering a new one if it has none.
/// A moved-out household or closed shop gets no new pledge.
pub fn ensure(ctx: &Ctx<'_>, party_id: i64, year: i32) -> Result<i64, CoreError> {
    let existing: Option<i64> = ctx
        .conn
        .query_row(
            "SELECT id FROM pledges WHERE party_id = ?1 AND year = ?2 AND status <> '作废'",
            params![party_id, year],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(id) = existing {
        return Ok(id);
    }
    let party = cw_registry::households::load(ctx.conn, party_id)?;
    if party.status != PartyStatus::Active {
        return Err(CoreError::Conflict(format!(
            "{}「{}」已{}，不再签订责任书",
            party.kind.label(),
            party.name,
            party.status.label().trim_start_matches('已')
        )));
    }
    // The next number of the year follows the highest ever given; pledges are never deleted,
    // so a number, once given, is never given again.
    let seq: i64 = ctx.conn.query_row(
        "SELECT COALESCE(max(seq), 0) + 1 FROM pledges WHERE year = ?1",
        [year],
        |r| r.get(0),
    )?;
    let number = format!("MQ-{year}-{seq:05}");
    let template = crate::template::current_id(ctx.conn)?;
    let now = ctx.now_text();
    ctx.conn.execute(
        "INSERT INTO pledges (number, year, seq, party_id, template_id, status, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, '未打印', ?6, ?6)",
        params![number, year, seq, party_id, template, now],
    )?;
    let id = ctx.conn.last_insert_rowid();
    add_event(ctx, id, PledgeStatus::NotPrinted, None, "", None, "编号")?;
    let after = row(ctx.conn, year, party_id)?;
    ctx.audit("pledges", Some(id), None::<&PledgeRow>, Some(&after))?;
    Ok(id)
}
