//! The backup passphrase: set by the head, asked for when a backup leaves the PC (a USB stick)
//! and when such a backup is restored. Only an argon2id verifier of it is kept, never the
//! passphrase: a stolen PC or file does not give away the key to the copies on the sticks.

use cw_domain::DomainError;
use cw_kernel::{CoreError, Ctx};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::json;
use ts_rs::TS;

/// The shortest passphrase accepted, in characters.
pub const MIN_CHARS: usize = 8;
/// The longest passphrase accepted, in characters (a pasted page is a mistake).
pub const MAX_CHARS: usize = 200;

/// Arguments of `backups.passphrase.set`.
#[derive(Debug, Deserialize, TS)]
#[ts(export)]
pub struct SetPassphraseArgs {
    /// The new backup passphrase.
    pub passphrase: String,
    /// The same passphrase typed again.
    pub confirm: String,
}

/// Whether the backup passphrase is set, and when and by whom.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PassphraseStatus {
    pub set: bool,
    /// `YYYY-MM-DD HH:MM:SS`.
    pub set_at: Option<String>,
    pub set_by: Option<String>,
}

/// The stored verifier, if a passphrase is set.
pub(crate) fn verifier(conn: &Connection) -> Result<Option<String>, CoreError> {
    Ok(conn
        .query_row(
            "SELECT verifier FROM backup_passphrase WHERE id = 1",
            [],
            |r| r.get(0),
        )
        .optional()?)
}

/// Checks `passphrase` against the one the head set: refused when none is set or it differs.
pub(crate) fn check(conn: &Connection, passphrase: &str) -> Result<(), CoreError> {
    let Some(stored) = verifier(conn)? else {
        return Err(CoreError::Conflict(
            "还没有设置备份密码：请主任先在「备份」页设置备份密码，之后备份到 U 盘等文件夹的副本都会加密".into(),
        ));
    };
    if passphrase.is_empty() {
        return Err(DomainError::invalid("备份密码", "请输入备份密码").into());
    }
    if !cw_auth::passwords::verify(&stored, passphrase) {
        return Err(
            DomainError::invalid("备份密码", "与主任设置的不一致，没有备份；请核对后再试").into(),
        );
    }
    Ok(())
}

/// Sets (or changes) the backup passphrase. Backups already made keep the passphrase they were
/// made with.
pub fn set(ctx: &Ctx<'_>, a: SetPassphraseArgs) -> Result<PassphraseStatus, CoreError> {
    let chars = a.passphrase.chars().count();
    if chars < MIN_CHARS {
        return Err(DomainError::invalid(
            "备份密码",
            format!("至少要 {MIN_CHARS} 个字符（现在 {chars} 个）；可以用一句好记的话"),
        )
        .into());
    }
    if chars > MAX_CHARS {
        return Err(DomainError::invalid("备份密码", format!("最多 {MAX_CHARS} 个字符")).into());
    }
    if a.passphrase.trim() != a.passphrase {
        return Err(DomainError::invalid("备份密码", "开头和结尾不能是空格").into());
    }
    if a.confirm != a.passphrase {
        return Err(DomainError::invalid("确认备份密码", "与备份密码不一致").into());
    }
    let before = status(ctx, super::NoArgs {})?;
    let now = ctx.now_text();
    ctx.conn.execute(
        "INSERT INTO backup_passphrase (id, verifier, set_at, set_by) VALUES (1, ?1, ?2, ?3)
         ON CONFLICT (id) DO UPDATE SET verifier = ?1, set_at = ?2, set_by = ?3",
        params![cw_auth::passwords::hash(&a.passphrase)?, now, ctx.actor],
    )?;
    // Neither the passphrase nor its verifier goes into the trail: only that it was set.
    ctx.audit(
        "backup_passphrase",
        None,
        None::<&()>,
        Some(&json!({ "event": if before.set { "更改备份密码" } else { "设置备份密码" } })),
    )?;
    status(ctx, super::NoArgs {})
}

/// Whether the backup passphrase is set.
pub fn status(ctx: &Ctx<'_>, _a: super::NoArgs) -> Result<PassphraseStatus, CoreError> {
    let row: Option<(String, String)> = ctx
        .conn
        .query_row(
            "SELECT set_at, set_by FROM backup_passphrase WHERE id = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    Ok(PassphraseStatus {
        set: row.is_some(),
        set_at: row.as_ref().map(|r| r.0.clone()),
        set_by: row.map(|r| r.1),
    })
}
