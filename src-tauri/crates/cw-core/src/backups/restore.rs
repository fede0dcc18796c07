//! Restore: replace the live database with a checked backup, keeping the current file first so
//! the restore can itself be undone.
//!
//! An encrypted backup from a picked folder is first decrypted into the temporary file beside
//! the database (a wrong passphrase is refused before anything is written) and checked there;
//! from then on it takes the same path as a backup of the data folder.
//!
//! Under the App's exclusive store lock (no command runs meanwhile): check the chosen backup;
//! back up the current file (`before-restore`); copy the backup to a temporary file beside the
//! database and flush it; close the connection (SQLite merges and removes the -wal and -shm);
//! move a damaged file aside untouched (`damaged`); remove any -wal/-shm still there (they
//! belong to the old file, already kept); rename the copy over the database; reopen; and
//! record the restore in the restored file's audit trail. A step that fails leaves the live
//! file where it was, open again.

use super::files;
use super::types::RestoreOutcome;
use crate::app::{locked, read_only_if_damaged};
use crate::event_log::Level;
use crate::App;
use cw_kernel::{CoreError, Ctx};
use cw_store::{backup, file_ops, Store, StoreError};
use serde_json::json;
use std::path::{Path, PathBuf};

fn sibling(db: &Path, suffix: &str) -> PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// The copy of the chosen backup beside the database, before it is renamed over it; one left
/// by a restore that was stopped is removed at the next start (see `backups::at_start`).
pub(crate) fn temporary(db: &Path) -> PathBuf {
    sibling(db, ".restore-tmp")
}

fn io(what: &str, e: std::io::Error) -> CoreError {
    if e.raw_os_error() == Some(28) || e.kind() == std::io::ErrorKind::StorageFull {
        return StoreError::DiskFull.into();
    }
    StoreError::Backup(format!("{what}：{}", cw_store::io_words::io_cn(&e))).into()
}

/// Where a restore takes its backup from.
pub(crate) enum Source<'a> {
    /// A backup in the data folder's backup folder, by file name.
    Folder(&'a str),
    /// An encrypted backup in a picked folder (a USB stick), with its passphrase.
    Encrypted {
        file: &'a Path,
        name: &'a str,
        passphrase: &'a str,
    },
}

impl Source<'_> {
    fn name(&self) -> &str {
        match self {
            Source::Folder(name) => name,
            Source::Encrypted { name, .. } => name,
        }
    }
}

/// Restores the backup `source` names into the App's database, and logs what came of it.
pub(crate) fn restore(
    app: &App,
    source: Source<'_>,
    actor: &str,
) -> Result<RestoreOutcome, CoreError> {
    let name = source.name().to_string();
    let outcome = restore_unlogged(app, source, actor);
    match &outcome {
        Ok(done) => app.log(
            Level::Info,
            &format!(
                "已从备份 {name} 恢复，恢复前的文件保存为 {}",
                done.previous_kept_as.as_deref().unwrap_or("（无）")
            ),
        ),
        Err(e) => app.log(Level::Error, &format!("从备份 {name} 恢复失败：{e}")),
    }
    outcome
}

/// Refuses a backup that fails the full check.
fn ensure_sound(name: &str, file: &Path) -> Result<(), CoreError> {
    let verdict = files::check_path(file);
    if verdict.ok {
        return Ok(());
    }
    Err(StoreError::Backup(format!(
        "备份「{name}」未通过检查，不能用来恢复：{}",
        verdict.problems.join("；")
    ))
    .into())
}

/// An encrypted backup decrypted into the temporary file beside the database and checked in
/// full there, before anything else happens: a wrong passphrase is refused from the file's
/// header, before even the temporary file is made.
fn decrypt_checked(db: &Path, file: &Path, name: &str, passphrase: &str) -> Result<(), CoreError> {
    let tmp = temporary(db);
    cw_store::crypt::decrypt_to(file, &tmp, passphrase)?;
    let sound = ensure_sound(name, &tmp);
    if sound.is_err() {
        let _ = file_ops::remove_if_present(&tmp);
    }
    sound
}

fn restore_unlogged(
    app: &App,
    source: Source<'_>,
    actor: &str,
) -> Result<RestoreOutcome, CoreError> {
    let db = app
        .path
        .clone()
        .ok_or_else(|| CoreError::BadArgs("内存中的数据库不能恢复".into()))?;
    app.ensure_writer()?;
    // An automatic backup still reading the old file must finish before the file is replaced.
    super::wait_for_automatic(app);
    let name = source.name().to_string();
    let tmp = temporary(&db);
    // Where the backup's photos are, and the plain backup still to be copied beside the
    // database (an encrypted one is decrypted there already).
    let (photos_from, to_copy) = match &source {
        Source::Folder(name) => {
            let chosen = files::find(&db, name)?;
            ensure_sound(name, &chosen.path)?;
            (backup::default_dir(&db), Some(chosen.path))
        }
        Source::Encrypted {
            file, passphrase, ..
        } => {
            decrypt_checked(&db, file, &name, passphrase)?;
            let folder = file.parent().unwrap_or(Path::new(".")).to_path_buf();
            (folder, None)
        }
    };
    let dir = backup::default_dir(&db);
    let now = app.clock.now();
    let mut guard = app.store.write().unwrap_or_else(|p| p.into_inner());

    // 1. Keep the current file.
    let damaged = guard
        .as_ref()
        .map(|s| matches!(s.refusal(), Some(StoreError::Damaged { .. })))
        .unwrap_or(true);
    let kept = match guard.as_ref() {
        Some(store) if !damaged => {
            match store.read(|c| backup::create(c, &dir, now, "before-restore")) {
                Ok(kept) => Some(kept),
                Err(e) => {
                    let _ = file_ops::remove_if_present(&tmp);
                    return Err(e.into());
                }
            }
        }
        _ => None,
    };
    // 2. Copy the backup beside the database and make it durable while the live file is still
    // open: a copy that fails (a full disk, a scanner holding the file) changes nothing.
    if let Some(chosen) = &to_copy {
        let copied = file_ops::copy(chosen, &tmp)
            .map_err(|e| io("复制备份", e))
            // Through a handle opened for writing: Windows refuses FlushFileBuffers on a
            // read-only one, which failed every restore after the live file was closed.
            .and_then(|_| file_ops::flush(&tmp).map_err(|e| io("写入磁盘", e)));
        if let Err(e) = copied {
            let _ = file_ops::remove_if_present(&tmp);
            return Err(e);
        }
    }
    // The photos and scans the backup carries and the data folder lacks (a PC whose data folder
    // was lost): files are only ever added, so this changes nothing the live file needs.
    if let Err(e) = cw_store::attachment_files::mirror(
        &cw_store::attachment_files::backup_dir_for(&photos_from),
        &cw_store::attachment_files::dir_for(&db),
    ) {
        let _ = file_ops::remove_if_present(&tmp);
        return Err(io("取回附件", e));
    }
    // 3. Close the live file and put the copy in its place. Whatever fails from here leaves the
    // live file where it was (a damaged one moved back) and opens it again.
    *guard = None;
    let swapped = swap(&db, &tmp, &dir, now, kept);
    let kept = match swapped {
        Ok(kept) => kept,
        Err(e) => {
            let _ = file_ops::remove_if_present(&tmp);
            *guard = reopen(&db);
            return Err(e);
        }
    };
    if let Some(parent) = db.parent() {
        backup::sync_dir(parent);
    }
    // 4. Reopen and record. The restored file starts its own history: the tail recorded for
    // the file it replaced would have it refused as gone backwards.
    cw_store::tail::forget(&db)?;
    let store = Store::open(&db)?;
    store.write(|tx| {
        let ctx = Ctx::new(tx, app.clock.as_ref(), actor, "backups.restore")
            .with_db_path(Some(db.as_path()));
        ctx.audit(
            "backups",
            None,
            None::<&()>,
            Some(&json!({
                "restored_from": name,
                "previous_kept_as": kept.file_name().map(|n| n.to_string_lossy().to_string()),
            })),
        )
    })?;
    *guard = Some(store);
    *locked(&app.damage) = None;
    Ok(RestoreOutcome {
        restored: name.to_string(),
        previous_kept_as: kept.file_name().map(|n| n.to_string_lossy().to_string()),
    })
}

/// Renames the durable copy `tmp` over the closed database `db`. The current file is already
/// kept as `kept`, or (damaged) is moved into the backup folder first and moved back if the
/// copy cannot take its place. Returns the name the previous file is kept under.
fn swap(
    db: &Path,
    tmp: &Path,
    dir: &Path,
    now: chrono::NaiveDateTime,
    kept: Option<PathBuf>,
) -> Result<PathBuf, CoreError> {
    let (kept, moved) = match kept {
        Some(k) => (k, false),
        None => (move_aside(db, dir, now)?, true),
    };
    let replaced =
        remove_logs(db).and_then(|()| file_ops::rename(tmp, db).map_err(|e| io("替换数据文件", e)));
    if let Err(e) = replaced {
        if moved {
            put_back(&kept, db);
        }
        return Err(e);
    }
    Ok(kept)
}

/// Removes the -wal and -shm still beside the closed database: they belong to the file being
/// replaced, which is already kept.
fn remove_logs(db: &Path) -> Result<(), CoreError> {
    for suffix in ["-wal", "-shm"] {
        file_ops::remove_if_present(&sibling(db, suffix)).map_err(|e| io("清理旧日志文件", e))?;
    }
    Ok(())
}

/// Moves a damaged file moved aside back to `db`, with its -wal/-shm (best effort: it is kept in
/// the backup folder either way).
fn put_back(moved: &Path, db: &Path) {
    let _ = move_with_logs(moved, db);
}

/// Opens the live file again after a restore that did not take place, the way `App::open`
/// does: a damaged file (or one gone backwards) read-only.
fn reopen(db: &Path) -> Option<Store> {
    match Store::open(db) {
        Ok(store) => Some(store),
        Err(e) => read_only_if_damaged(db, e)
            .ok()
            .and_then(|(store, _)| store),
    }
}

/// Moves a damaged database (and its -wal/-shm) into the backup folder, unchanged.
fn move_aside(db: &Path, dir: &Path, now: chrono::NaiveDateTime) -> Result<PathBuf, CoreError> {
    std::fs::create_dir_all(dir).map_err(|e| io("创建备份文件夹", e))?;
    let mut n = 0;
    let target = loop {
        let candidate = dir.join(backup::file_name(now, "damaged", n));
        if !candidate.exists() {
            break candidate;
        }
        n += 1;
    };
    move_with_logs(db, &target)?;
    Ok(target)
}

/// Moves the database `from` (if there) and its -wal/-shm (those there) to `to`.
fn move_with_logs(from: &Path, to: &Path) -> Result<(), CoreError> {
    if from.exists() {
        file_ops::rename(from, to).map_err(|e| io("移走损坏的文件", e))?;
    }
    for suffix in ["-wal", "-shm"] {
        let side = sibling(from, suffix);
        if side.exists() {
            file_ops::rename(&side, &sibling(to, suffix)).map_err(|e| io("移走损坏的日志", e))?;
        }
    }
    Ok(())
}
