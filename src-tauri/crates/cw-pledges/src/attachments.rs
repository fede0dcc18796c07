//! A scan or photo of a signed pledge: kept in the one attachment store (cw-evidence) as the
//! pledge's evidence, named by the pledge, and handed back as a document.

use super::records::{row, PledgeRow};
use super::year_or_current;
use base64::Engine;
use cw_kernel::{CoreError, Ctx, FileOut};
use rusqlite::params;
use serde::{Deserialize, Serialize};
use std::path::PathBuf;
use ts_rs::TS;

/// The largest attachment accepted: the store's.
pub const MAX_BYTES: usize = cw_evidence::MAX_BYTES;

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

/// The file a pledge names: `store/ab/<sha>.ext` in the store, or a plain name (scans attached
/// before the store) directly in the folder.
fn resolve(folder: &std::path::Path, name: &str) -> PathBuf {
    name.split('/')
        .fold(folder.to_path_buf(), |p, part| p.join(part))
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
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(a.data_base64.trim())
        .map_err(|_| CoreError::BadArgs("文件内容不是有效的 base64".into()))?;
    // Into the one attachment store, as evidence on the pledge; the pledge names the file.
    let stored = cw_evidence::store::add_bytes(
        ctx,
        cw_evidence::store::Owner {
            kind: cw_evidence::OwnerKind::Pledge,
            id,
            item_id: None,
        },
        &format!("已签责任书 {number}"),
        &a.file_name,
        &bytes,
    )?;
    let name = cw_evidence::store::relative_name(&stored);
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
    let shown = name.rsplit('/').next().unwrap_or(&name).to_string();
    let bytes = std::fs::read(resolve(&cw_evidence::store::folder(ctx)?, &name))
        .map_err(|e| CoreError::Conflict(format!("附件文件 {name} 无法读取：{e}")))?;
    Ok(FileOut {
        file_name: shown,
        mime: mime(ext).unwrap_or("application/octet-stream").into(),
        bytes,
        warnings: Vec::new(),
    })
}
