//! The export log 数据导出记录: one row for every print or export that carried residents' or
//! staff's names with their phones or addresses — who, when, which document, how many people,
//! masked or not. Append-only (the triggers of 0030 refuse the rest); the head reads it.

use crate::sql::paging;
use cw_domain::DomainError;
use cw_kernel::{CoreError, Ctx, ExportRecord};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Notes that the running document command hands out `document` naming `people` people, phones
/// masked or not; the row is written when the command has made its file. A document that
/// another assembles (the 迎检 binder) calls it for itself.
pub fn record_export(ctx: &Ctx<'_>, document: &str, people: usize, masked: bool) {
    ctx.record_export(document, people, masked);
}

/// Writes the rows a document call noted, in the caller's write transaction, each with its
/// audit row (the hash chain then vouches for the log too).
pub fn write(ctx: &Ctx<'_>, records: &[ExportRecord]) -> Result<(), CoreError> {
    let at = ctx.now_text();
    for r in records {
        ctx.conn
            .prepare_cached(
                "INSERT INTO export_log (at, actor, command, document, people, masked)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?
            .execute(rusqlite::params![
                at,
                ctx.actor,
                ctx.command,
                r.document,
                r.people,
                r.masked
            ])?;
        let id = ctx.conn.last_insert_rowid();
        ctx.audit("export_log", Some(id), None::<&ExportRecord>, Some(r))?;
    }
    Ok(())
}

/// One row of the log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ExportLogRow {
    pub id: i64,
    /// `YYYY-MM-DD HH:MM:SS`.
    pub at: String,
    /// The account (or `cli`).
    pub actor: String,
    /// The command that made the file, e.g. `print.arrears`.
    pub command: String,
    pub document: String,
    pub people: i64,
    pub masked: bool,
}

/// Filters and page of [`log`].
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[ts(export, optional_fields = nullable)]
#[serde(default)]
pub struct ExportLogQuery {
    /// `YYYY-MM`.
    #[ts(optional = nullable)]
    pub month: Option<String>,
    #[ts(optional = nullable)]
    pub document: Option<String>,
    #[ts(optional = nullable)]
    pub page: Option<i64>,
    #[ts(optional = nullable)]
    pub page_size: Option<i64>,
}

/// One page of the log, newest first, and every document name in it (for the filter).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ExportLogPage {
    pub items: Vec<ExportLogRow>,
    pub total: i64,
    pub page: i64,
    pub page_size: i64,
    pub documents: Vec<String>,
}

fn month_of(text: &str) -> Result<String, CoreError> {
    let t = text.trim();
    chrono::NaiveDate::parse_from_str(&format!("{t}-01"), "%Y-%m-%d")
        .map_err(|_| DomainError::invalid("月份", format!("「{t}」应写成 2026-11")))?;
    Ok(t.to_string())
}

/// The log, newest first; the head's to read.
pub fn log(ctx: &Ctx<'_>, q: ExportLogQuery) -> Result<ExportLogPage, CoreError> {
    ctx.require_head("查看数据导出记录")?;
    let month = q
        .month
        .as_deref()
        .filter(|m| !m.trim().is_empty())
        .map(month_of)
        .transpose()?;
    let document = q.document.filter(|d| !d.trim().is_empty());
    let (page, size, offset) = paging(q.page, q.page_size);
    let filter = "WHERE (?1 IS NULL OR substr(at, 1, 7) = ?1) AND (?2 IS NULL OR document = ?2)";
    let total: i64 = ctx.conn.query_row(
        &format!("SELECT count(*) FROM export_log {filter}"),
        rusqlite::params![month, document],
        |r| r.get(0),
    )?;
    let items = ctx
        .conn
        .prepare(&format!(
            "SELECT id, at, actor, command, document, people, masked FROM export_log {filter}
             ORDER BY at DESC, id DESC LIMIT ?3 OFFSET ?4"
        ))?
        .query_map(rusqlite::params![month, document, size, offset], |r| {
            Ok(ExportLogRow {
                id: r.get(0)?,
                at: r.get(1)?,
                actor: r.get(2)?,
                command: r.get(3)?,
                document: r.get(4)?,
                people: r.get(5)?,
                masked: r.get(6)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    let documents = ctx
        .conn
        .prepare("SELECT DISTINCT document FROM export_log ORDER BY document")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    Ok(ExportLogPage {
        items,
        total,
        page,
        page_size: size,
        documents,
    })
}
