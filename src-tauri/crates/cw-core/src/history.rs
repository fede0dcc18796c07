//! The history of one record, read back from the audit trail: who changed it, when, with which
//! command, and what it was before and after.

use crate::commands;
use crate::{CoreError, Ctx};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Which record's history.
#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[ts(export)]
pub struct HistoryArgs {
    /// The audit trail's name for the kind of record: `parties`, `staff`, `zones`, `fines`,
    /// `receipts`, `pledges`, `account`, …
    pub entity: String,
    pub id: i64,
}

/// One change of the record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct HistoryEntry {
    /// The audit row's number (its place in the hash chain).
    pub audit_id: i64,
    /// `YYYY-MM-DD HH:MM:SS`.
    pub at: String,
    /// The account (or `cli`) that made the change.
    pub actor: String,
    pub command: String,
    /// What the command does, in Chinese (from the command table).
    pub action: String,
    /// The record before and after, as recorded (null when created / removed).
    #[ts(type = "unknown")]
    pub before: serde_json::Value,
    #[ts(type = "unknown")]
    pub after: serde_json::Value,
}

/// Records whose corrections are audited under another name, keyed by the record's id inside
/// the recorded JSON: a fine's voids and reversals are `fine_corrections` rows.
const RELATED: &[(&str, &str)] = &[("fines", "fine_corrections")];

/// Every change of one record, oldest first.
pub fn history(ctx: &Ctx<'_>, a: HistoryArgs) -> Result<Vec<HistoryEntry>, CoreError> {
    let related = RELATED
        .iter()
        .find(|(e, _)| *e == a.entity)
        .map(|(_, r)| *r)
        .unwrap_or("");
    let mut stmt = ctx.conn.prepare(
        "SELECT id, at, actor, command, before_json, after_json FROM audit_log
         WHERE (entity = ?1 AND entity_id = ?2)
            OR (entity = ?3 AND json_extract(coalesce(after_json, before_json), '$.id') = ?2)
         ORDER BY id",
    )?;
    let rows = stmt.query_map(rusqlite::params![a.entity, a.id, related], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, Option<String>>(4)?,
            r.get::<_, Option<String>>(5)?,
        ))
    })?;
    let parse = |t: Option<String>| {
        t.and_then(|t| serde_json::from_str(&t).ok())
            .unwrap_or(serde_json::Value::Null)
    };
    let mut out = Vec::new();
    for row in rows {
        let (audit_id, at, actor, command, before, after) = row?;
        let action = commands::find(&command)
            .map(|c| c.summary.to_string())
            .unwrap_or_else(|| command.clone());
        out.push(HistoryEntry {
            audit_id,
            at,
            actor,
            command,
            action,
            before: parse(before),
            after: parse(after),
        });
    }
    Ok(out)
}
