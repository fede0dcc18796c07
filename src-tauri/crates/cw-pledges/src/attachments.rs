//! A scan or photo of a signed pledge: copied into `attachments/` in the data folder beside the
//! database (never into the database), and handed back as a document.

use super::records::{row, PledgeRow};
use super::year_or_current;
use base64::Engine;
use cw_domain::DomainError;
use cw_kernel::{CoreError, Ctx, FileOut};
use rusqlite::params;
use serde::{Deserialize, Serialize};
use std::path::PathBuf;
use ts_rs::TS;

/// The largest attachment accepted.
pub const MAX_BYTES: usize = 10 * 1024 * 1024;

/// A file for a party's pledge of the year.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AttachArgs {
    pub party_id: i64,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub year: Option<i32>,
    /// The original file name (its extension decides the kind).
    pub file_name: String,
    /// The bytes, base64 (as the import sends files).
    pub data_base64: String,
}

fn folder(ctx: &Ctx<'_>) -> Result<PathBuf, CoreError> {
    let db = ctx
        .conn
        .path()
        .filter(|p| !p.is_empty())
        .ok_or_else(|| CoreError::Conflict("内存数据库不能保存附件".into()))?;
    let dir = PathBuf::from(db)
        .parent()
        .map(|p| p.join("attachments"))
        .ok_or_else(|| CoreError::Internal("找不到数据文件夹".into()))?;
    Ok(dir)
}

fn mime(ext: &str) -> Option<&'static str> {
    match ext {
        "jpg" | "jpeg" => Some("image/jpeg"),
        "png" => Some("image/png"),
        "pdf" => Some("application/pdf"),
        _ => None,
    }
}

/// Stores the scan of a numbered pledge; a later scan replaces the reference (the file stays).
pub fn attach(ctx: &Ctx<'_>, a: AttachArgs) -> Result<PledgeRow, CoreError> {
    let year = year_or_current(ctx, a.year)?;
    let before = row(ctx.conn, year, a.party_id)?;
    let (Some(id), Some(number)) = (before.pledge_id, before.number.clone()) else {
        return Err(CoreError::Conflict(format!(
            "{}还没有编号的责任书，请先打印",
            before.name
        )));
    };
    let ext = a
        .file_name
        .rsplit_once('.')
        .map(|(_, e)| e.to_lowercase())
        .unwrap_or_default();
    if mime(&ext).is_none() {
        return Err(DomainError::invalid("附件", "只接受 .jpg、.png 或 .pdf 文件").into());
    }
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(a.data_base64.trim())
        .map_err(|_| CoreError::BadArgs("文件内容不是有效的 base64".into()))?;
    if bytes.is_empty() || bytes.len() > MAX_BYTES {
        return Err(DomainError::invalid("附件", "文件为空或超过 10 MB").into());
    }
    let dir = folder(ctx)?;
    std::fs::create_dir_all(&dir)
        .map_err(|e| CoreError::Internal(format!("无法创建附件文件夹：{e}")))?;
    // A fresh name per upload, so a rolled-back transaction never points at a replaced file.
    let stamp = ctx.clock.now().format("%Y%m%d%H%M%S");
    let mut name = format!("{number}-{stamp}.{ext}");
    let mut n = 1;
    while dir.join(&name).exists() {
        n += 1;
        name = format!("{number}-{stamp}-{n}.{ext}");
    }
    // Flushed: the row that names it commits next, and must never name a file a power cut lost.
    cw_store::file_ops::write_durable(&dir.join(&name), &bytes).map_err(|e| {
        CoreError::Internal(format!("无法保存附件：{}", cw_store::io_words::io_cn(&e)))
    })?;
    ctx.conn.execute(
        "UPDATE pledges SET attachment = ?2, updated_at = ?3 WHERE id = ?1",
        params![id, name, ctx.now_text()],
    )?;
    let after = row(ctx.conn, year, a.party_id)?;
    ctx.audit("pledges", Some(id), Some(&before), Some(&after))?;
    Ok(after)
}

/// Arguments of [`attachment`].
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AttachmentArgs {
    pub party_id: i64,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub year: Option<i32>,
}

/// The stored scan of a party's pledge.
pub fn attachment(ctx: &Ctx<'_>, a: AttachmentArgs) -> Result<FileOut, CoreError> {
    let year = year_or_current(ctx, a.year)?;
    let r = row(ctx.conn, year, a.party_id)?;
    let name: Option<String> = match r.pledge_id {
        Some(id) => {
            ctx.conn
                .query_row("SELECT attachment FROM pledges WHERE id = ?1", [id], |x| {
                    x.get(0)
                })?
        }
        None => None,
    };
    let name = name.ok_or_else(|| CoreError::Conflict(format!("{}的责任书没有附件", r.name)))?;
    let ext = name.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
    let bytes = std::fs::read(folder(ctx)?.join(&name))
        .map_err(|e| CoreError::Conflict(format!("附件文件 {name} 无法读取：{e}")))?;
    Ok(FileOut {
        file_name: name.clone(),
        mime: mime(ext).unwrap_or("application/octet-stream").into(),
        bytes,
        warnings: Vec::new(),
    })
}
