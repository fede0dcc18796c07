//! The pledge text: title, preamble, clauses and closing, versioned — an edit adds a version.

use cw_domain::{text, DomainError};
use cw_kernel::{CoreError, Ctx};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// One version of the pledge text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PledgeTemplate {
    /// The version number (1 is the text shipped with the program).
    pub id: i64,
    pub title: String,
    /// The opening paragraph, including the frontage (from wall base to kerb).
    pub preamble: String,
    /// The clauses, printed as 一、二、三…
    pub clauses: Vec<String>,
    /// The closing paragraph (一式两份 …).
    pub closing: String,
    pub created_at: String,
    pub created_by: String,
}

/// The clerk's edit of the text.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TemplateInput {
    pub title: String,
    pub preamble: String,
    pub clauses: Vec<String>,
    pub closing: String,
}

/// One version by id.
pub fn load(conn: &Connection, id: i64) -> Result<PledgeTemplate, CoreError> {
    let row = conn
        .query_row(
            "SELECT id, title, preamble, clauses, closing, created_at, created_by FROM pledge_templates WHERE id = ?1",
            [id],
            |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, String>(5)?,
                    r.get::<_, String>(6)?,
                ))
            },
        )
        .optional()?
        .ok_or(CoreError::NotFound {
            what: "责任书文本",
            id,
        })?;
    let clauses: Vec<String> = serde_json::from_str(&row.3)
        .map_err(|e| CoreError::Internal(format!("责任书条款格式有误：{e}")))?;
    Ok(PledgeTemplate {
        id: row.0,
        title: row.1,
        preamble: row.2,
        clauses,
        closing: row.4,
        created_at: row.5,
        created_by: row.6,
    })
}

/// The id of the current (latest) version.
pub fn current_id(conn: &Connection) -> Result<i64, CoreError> {
    Ok(conn.query_row("SELECT max(id) FROM pledge_templates", [], |r| r.get(0))?)
}

/// The current text.
pub fn get(ctx: &Ctx<'_>, _a: serde_json::Value) -> Result<PledgeTemplate, CoreError> {
    load(ctx.conn, current_id(ctx.conn)?)
}

/// Saves an edited text as a new version. Pledges already numbered keep the version they have.
pub fn update(ctx: &Ctx<'_>, i: TemplateInput) -> Result<PledgeTemplate, CoreError> {
    let title = text::limited("标题", &text::required("标题", &i.title)?, 30)?;
    let preamble = text::limited("前言", i.preamble.trim(), 800)?;
    let closing = text::limited("结尾", i.closing.trim(), 400)?;
    let clauses: Vec<String> = i
        .clauses
        .iter()
        .map(|c| c.trim().to_string())
        .filter(|c| !c.is_empty())
        .collect();
    if clauses.is_empty() {
        return Err(DomainError::invalid("条款", "至少要有一条").into());
    }
    if clauses.len() > 10 {
        return Err(DomainError::invalid("条款", "最多 10 条").into());
    }
    for c in &clauses {
        text::limited("条款", c, 400)?;
    }
    let before = get(ctx, serde_json::Value::Null)?;
    let json = serde_json::to_string(&clauses).map_err(|e| CoreError::Internal(e.to_string()))?;
    ctx.conn.execute(
        "INSERT INTO pledge_templates (title, preamble, clauses, closing, created_at, created_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![title, preamble, json, closing, ctx.now_text(), ctx.actor],
    )?;
    let after = load(ctx.conn, ctx.conn.last_insert_rowid())?;
    ctx.audit(
        "pledge_templates",
        Some(after.id),
        Some(&before),
        Some(&after),
    )?;
    Ok(after)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_shipped_clauses_are_valid_json_with_the_three_duties() {
        let sql = include_str!("../../cw-store/migrations/0003_pledges.sql");
        let start = sql.find("'[\"").unwrap_or(0) + 1;
        let end = sql[start..]
            .find("]'")
            .map(|e| start + e + 1)
            .unwrap_or(start);
        let clauses: Vec<String> = serde_json::from_str(&sql[start..end]).unwrap_or_default();
        assert_eq!(clauses.len(), 4);
        assert!(clauses[0].starts_with("包卫生"));
        assert!(clauses[1].starts_with("包秩序"));
        assert!(clauses[2].starts_with("包绿化"));
    }
}
