//! Adding, listing, showing and withdrawing attachments. The file is written (and flushed)
//! before the row that names it commits, so a row never names a file a power cut lost; a file
//! whose row rolled back is an orphan nobody sees.

use crate::images::photo;
use crate::kinds::OwnerKind;
use base64::Engine;
use cw_domain::{text, DomainError};
use cw_kernel::{CoreError, Ctx, FileOut};
use cw_store::attachment_files::dir_for;
use cw_store::file_ops;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use ts_rs::TS;

/// The largest file accepted (a phone photo is 2–6 MB).
pub const MAX_BYTES: usize = 10 * 1024 * 1024;

/// One photo or scan and whose evidence it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Attachment {
    pub id: i64,
    pub owner_kind: OwnerKind,
    pub owner_id: i64,
    /// The item of the standard, for a self-check's evidence.
    pub item_id: Option<i64>,
    /// What it shows, e.g. 整改后门前已清理.
    pub caption: String,
    /// The name the file had on the clerk's PC.
    pub file_name: String,
    pub mime: String,
    pub bytes: i64,
    /// Upright size in pixels (pictures only).
    pub width: Option<i64>,
    pub height: Option<i64>,
    /// True for a photo (it has a thumbnail), false for a PDF scan.
    pub is_image: bool,
    /// Why it was withdrawn, if it was.
    pub withdrawn: Option<String>,
    pub created_at: String,
    pub created_by: String,
    /// Its SHA-256: the name of the stored file.
    pub sha256: String,
}

const COLUMNS: &str = "id, owner_kind, owner_id, item_id, caption, file_name, mime, bytes, width, \
height, withdrawn, created_at, created_by, sha256";

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Attachment> {
    let kind: String = r.get(1)?;
    let mime: String = r.get(6)?;
    Ok(Attachment {
        id: r.get(0)?,
        owner_kind: OwnerKind::from_code(&kind).ok_or_else(|| {
            rusqlite::Error::FromSqlConversionFailure(
                1,
                rusqlite::types::Type::Text,
                format!("attachments.owner_kind {kind}").into(),
            )
        })?,
        owner_id: r.get(2)?,
        item_id: r.get(3)?,
        caption: r.get(4)?,
        file_name: r.get(5)?,
        is_image: mime.starts_with("image/"),
        mime,
        bytes: r.get(7)?,
        width: r.get(8)?,
        height: r.get(9)?,
        withdrawn: r.get(10)?,
        created_at: r.get(11)?,
        created_by: r.get(12)?,
        sha256: r.get(13)?,
    })
}

fn load(conn: &Connection, id: i64) -> Result<Attachment, CoreError> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM attachments WHERE id = ?1"),
        [id],
        row,
    )
    .optional()?
    .ok_or(CoreError::NotFound { what: "附件", id })
}

/// The data folder's attachments, or why there is none (a database in memory keeps no files).
pub fn folder(ctx: &Ctx<'_>) -> Result<PathBuf, CoreError> {
    let db = ctx
        .db_path
        .map(Path::to_path_buf)
        .or_else(|| ctx.conn.path().filter(|p| !p.is_empty()).map(PathBuf::from))
        .ok_or_else(|| CoreError::Conflict("内存数据库不能保存附件".into()))?;
    Ok(dir_for(&db))
}

fn extension(mime: &str) -> &'static str {
    match mime {
        "image/jpeg" => "jpg",
        "image/png" => "png",
        _ => "pdf",
    }
}

/// The stored file of `a` under `folder`.
pub fn stored_path(folder: &Path, a: &Attachment) -> PathBuf {
    stored(folder, &a.sha256, &a.mime)
}

/// Where `a` is under the attachments folder, with `/` between the parts (as a pledge names
/// its scan).
pub fn relative_name(a: &Attachment) -> String {
    format!(
        "store/{}/{}.{}",
        a.sha256.get(..2).unwrap_or("00"),
        a.sha256,
        extension(&a.mime)
    )
}

fn stored(folder: &Path, sha: &str, mime: &str) -> PathBuf {
    folder
        .join("store")
        .join(sha.get(..2).unwrap_or("00"))
        .join(format!("{sha}.{}", extension(mime)))
}

fn thumb_path(folder: &Path, sha: &str) -> PathBuf {
    folder.join("thumbs").join(format!("{sha}.jpg"))
}

fn io(what: &str, e: &std::io::Error) -> CoreError {
    CoreError::Internal(format!("{what}：{}", cw_store::io_words::io_cn(e)))
}

/// Writes `bytes` at `path` unless a file of that size is there (same name, same content).
fn put(path: &Path, bytes: &[u8]) -> Result<(), CoreError> {
    if std::fs::metadata(path).is_ok_and(|m| m.len() == bytes.len() as u64) {
        return Ok(());
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| io("无法创建附件文件夹", &e))?;
    }
    let part = path.with_extension("part");
    file_ops::write_durable(&part, bytes).map_err(|e| io("无法保存附件", &e))?;
    file_ops::rename(&part, path).map_err(|e| io("无法保存附件", &e))
}

/// The kind of a file by its first bytes; the name's extension is not trusted.
fn sniff(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if bytes.starts_with(b"%PDF-") {
        Some("application/pdf")
    } else {
        None
    }
}

/// Arguments of [`add`].
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AttachmentAddArgs {
    pub owner_kind: OwnerKind,
    pub owner_id: i64,
    /// For a self-check: the item of the standard the file is evidence for.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub item_id: Option<i64>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub caption: Option<String>,
    pub file_name: String,
    /// The bytes, base64.
    pub data_base64: String,
}

/// Adds a photo or scan to a record.
pub fn add(ctx: &Ctx<'_>, a: AttachmentAddArgs) -> Result<Attachment, CoreError> {
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(a.data_base64.trim())
        .map_err(|_| CoreError::BadArgs("文件内容不是有效的 base64".into()))?;
    add_bytes(
        ctx,
        Owner {
            kind: a.owner_kind,
            id: a.owner_id,
            item_id: a.item_id,
        },
        a.caption.as_deref().unwrap_or(""),
        &a.file_name,
        &bytes,
    )
}

/// Whose evidence a file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Owner {
    pub kind: OwnerKind,
    pub id: i64,
    pub item_id: Option<i64>,
}

fn check_owner(conn: &Connection, o: Owner) -> Result<(), CoreError> {
    let found: Option<i64> = conn
        .query_row(
            &format!("SELECT id FROM {} WHERE id = ?1", o.kind.table()),
            [o.id],
            |r| r.get(0),
        )
        .optional()?;
    if found.is_none() {
        return Err(CoreError::NotFound {
            what: o.kind.label(),
            id: o.id,
        });
    }
    match (o.kind, o.item_id) {
        (OwnerKind::SelfCheck, Some(item)) => {
            let scored: Option<i64> = conn
                .query_row(
                    "SELECT item_id FROM self_check_scores WHERE check_id = ?1 AND item_id = ?2",
                    params![o.id, item],
                    |r| r.get(0),
                )
                .optional()?;
            scored.map(|_| ()).ok_or_else(|| {
                DomainError::invalid("自查项目", format!("第 {item} 项不在这次自查中")).into()
            })
        }
        (OwnerKind::SelfCheck, None) => {
            Err(DomainError::invalid("自查项目", "请选择附件所属的自查项目").into())
        }
        (_, Some(_)) => Err(DomainError::invalid("自查项目", "只有自查的附件属于某一项").into()),
        (_, None) => Ok(()),
    }
}

/// Adds `bytes` (named `file_name` on the clerk's PC) as evidence for `owner`.
pub fn add_bytes(
    ctx: &Ctx<'_>,
    owner: Owner,
    caption: &str,
    file_name: &str,
    bytes: &[u8],
) -> Result<Attachment, CoreError> {
    check_owner(ctx.conn, owner)?;
    let file_name = text::limited("文件名", &text::required("文件名", file_name)?, 200)?;
    let caption = text::limited("说明", caption.trim(), 100)?;
    if bytes.is_empty() || bytes.len() > MAX_BYTES {
        return Err(DomainError::invalid("附件", "文件为空或超过 10 MB").into());
    }
    let ext = file_name
        .rsplit_once('.')
        .map(|(_, e)| e.to_lowercase())
        .unwrap_or_default();
    if !matches!(ext.as_str(), "jpg" | "jpeg" | "png" | "pdf") {
        return Err(DomainError::invalid("附件", "只接受 .jpg、.png 或 .pdf 文件").into());
    }
    let mime = sniff(bytes)
        .ok_or_else(|| DomainError::invalid("附件", "只接受 JPEG、PNG 图片或 PDF 扫描件"))?;
    let picture = if mime.starts_with("image/") {
        Some(photo(bytes).map_err(|m| DomainError::invalid("附件", m))?)
    } else {
        None
    };
    let sha = hex::encode(Sha256::digest(bytes));
    let dir = folder(ctx)?;
    put(&stored(&dir, &sha, mime), bytes)?;
    if let Some(p) = &picture {
        put(&thumb_path(&dir, &sha), &p.thumb)?;
    }
    ctx.conn.execute(
        "INSERT INTO attachments (owner_kind, owner_id, item_id, caption, file_name, mime, bytes,
           sha256, width, height, created_at, created_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        params![
            owner.kind.code(),
            owner.id,
            owner.item_id,
            caption,
            file_name,
            mime,
            bytes.len() as i64,
            sha,
            picture.as_ref().map(|p| i64::from(p.width)),
            picture.as_ref().map(|p| i64::from(p.height)),
            ctx.now_text(),
            ctx.actor,
        ],
    )?;
    let after = load(ctx.conn, ctx.conn.last_insert_rowid())?;
    ctx.audit(
        "attachments",
        Some(after.id),
        None::<&Attachment>,
        Some(&after),
    )?;
    Ok(after)
}

/// Arguments of [`list`].
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AttachmentOwnerArgs {
    pub owner_kind: OwnerKind,
    pub owner_id: i64,
    /// A self-check's item; all the check's files when absent.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub item_id: Option<i64>,
    /// Withdrawn files too (marked).
    #[serde(default)]
    #[ts(optional = nullable)]
    pub include_withdrawn: Option<bool>,
}

/// A record's attachments, oldest first.
pub fn list(ctx: &Ctx<'_>, a: AttachmentOwnerArgs) -> Result<Vec<Attachment>, CoreError> {
    let all = of_owner(ctx.conn, a.owner_kind, a.owner_id)?;
    Ok(all
        .into_iter()
        .filter(|x| a.item_id.is_none() || x.item_id == a.item_id)
        .filter(|x| a.include_withdrawn == Some(true) || x.withdrawn.is_none())
        .collect())
}

/// Every attachment of one record, withdrawn ones included, oldest first.
pub fn of_owner(
    conn: &Connection,
    kind: OwnerKind,
    owner_id: i64,
) -> Result<Vec<Attachment>, CoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM attachments WHERE owner_kind = ?1 AND owner_id = ?2 ORDER BY id"
    ))?;
    let rows = stmt.query_map(params![kind.code(), owner_id], row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Arguments of [`counts`].
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AttachmentCountsArgs {
    pub owner_kind: OwnerKind,
}

/// How many files one record (or one item of a self-check) has.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AttachmentCount {
    pub owner_id: i64,
    pub item_id: Option<i64>,
    pub count: i64,
}

/// How many files (not withdrawn) each record of a kind has, for the lists' 照片 buttons: one
/// query for the whole list.
pub fn counts(ctx: &Ctx<'_>, a: AttachmentCountsArgs) -> Result<Vec<AttachmentCount>, CoreError> {
    let mut stmt = ctx.conn.prepare_cached(
        "SELECT owner_id, item_id, count(*) FROM attachments
         WHERE owner_kind = ?1 AND withdrawn IS NULL GROUP BY owner_id, item_id",
    )?;
    let rows = stmt.query_map([a.owner_kind.code()], |r| {
        Ok(AttachmentCount {
            owner_id: r.get(0)?,
            item_id: r.get(1)?,
            count: r.get(2)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// One attachment by its id.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AttachmentIdArgs {
    pub id: i64,
}

/// The file itself, to open in the PC's viewer.
pub fn file(ctx: &Ctx<'_>, a: AttachmentIdArgs) -> Result<FileOut, CoreError> {
    let x = load(ctx.conn, a.id)?;
    let path = stored_path(&folder(ctx)?, &x);
    let bytes = std::fs::read(&path).map_err(|e| {
        CoreError::Conflict(format!(
            "附件「{}」的文件无法读取（{}）：请从备份恢复附件文件夹",
            x.file_name,
            cw_store::io_words::io_cn(&e)
        ))
    })?;
    Ok(FileOut {
        file_name: x.file_name.clone(),
        mime: x.mime.clone(),
        bytes,
        warnings: Vec::new(),
    })
}

/// A thumbnail for the page: a JPEG in base64, or none for a PDF scan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AttachmentThumb {
    pub id: i64,
    pub data_base64: Option<String>,
}

/// The thumbnail of a photo (made again from the file if it went missing).
pub fn thumb(ctx: &Ctx<'_>, a: AttachmentIdArgs) -> Result<AttachmentThumb, CoreError> {
    let x = load(ctx.conn, a.id)?;
    let bytes = thumb_bytes(&folder(ctx)?, &x)?;
    Ok(AttachmentThumb {
        id: x.id,
        data_base64: bytes.map(|b| base64::engine::general_purpose::STANDARD.encode(b)),
    })
}

/// The thumbnail JPEG of `x` under `folder`; none for a PDF scan.
pub fn thumb_bytes(folder: &Path, x: &Attachment) -> Result<Option<Vec<u8>>, CoreError> {
    if !x.is_image {
        return Ok(None);
    }
    let path = thumb_path(folder, &x.sha256);
    if let Ok(b) = std::fs::read(&path) {
        return Ok(Some(b));
    }
    let original = std::fs::read(stored_path(folder, x)).map_err(|e| {
        CoreError::Conflict(format!(
            "附件「{}」的文件无法读取（{}）",
            x.file_name,
            cw_store::io_words::io_cn(&e)
        ))
    })?;
    let p = photo(&original).map_err(CoreError::Conflict)?;
    // Best effort: the thumbnail is made again next time if it cannot be kept.
    let _ = put(&path, &p.thumb);
    Ok(Some(p.thumb))
}

/// Arguments of [`withdraw`].
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AttachmentWithdrawArgs {
    pub id: i64,
    pub reason: String,
}

/// Withdraws a file added by mistake, with a reason; the file and its row stay.
pub fn withdraw(ctx: &Ctx<'_>, a: AttachmentWithdrawArgs) -> Result<Attachment, CoreError> {
    let before = load(ctx.conn, a.id)?;
    if before.withdrawn.is_some() {
        return Err(CoreError::Conflict(format!(
            "附件「{}」已撤回",
            before.file_name
        )));
    }
    let reason = text::limited("撤回原因", &text::required("撤回原因", &a.reason)?, 100)?;
    ctx.conn.execute(
        "UPDATE attachments SET withdrawn = ?2 WHERE id = ?1",
        params![a.id, reason],
    )?;
    let after = load(ctx.conn, a.id)?;
    ctx.audit("attachments", Some(a.id), Some(&before), Some(&after))?;
    Ok(after)
}
