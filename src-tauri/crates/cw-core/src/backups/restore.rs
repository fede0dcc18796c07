//! Restore: replace the live database with a checked backup, keeping the current file first so
//! the restore can itself be undone.
//!
//! Under the App's exclusive store lock (no command runs meanwhile): check the chosen backup;
//! back up the current file (`before-restore`), or move a damaged one aside untouched
//! (`damaged`); close the connection (SQLite merges and removes the -wal and -shm); copy the
//! backup to a temporary file beside the database and sync it; remove any -wal/-shm still there
//! (they belong to the old file, already kept); rename the copy over the database; reopen; and
//! record the restore in the restored file's audit trail.

use super::files;
use super::types::RestoreOutcome;
use crate::app::locked;
use crate::{App, CoreError, Ctx};
use cw_store::{backup, Store, StoreError};
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

/// Restores the backup `name` of the App's database.
pub(crate) fn restore(app: &App, name: &str, actor: &str) -> Result<RestoreOutcome, CoreError> {
    let db = app
        .path
        .clone()
        .ok_or_else(|| CoreError::BadArgs("内存中的数据库不能恢复".into()))?;
    app.ensure_writer()?;
    // An automatic backup still reading the old file must finish before the file is replaced.
    super::wait_for_automatic(app);
    let chosen = files::find(&db, name)?;
    let verdict = files::check_path(&chosen.path);
    if !verdict.ok {
        return Err(StoreError::Backup(format!(
            "备份「{name}」未通过检查，不能用来恢复：{}",
            verdict.problems.join("；")
        ))
        .into());
    }
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
            Some(store.read(|c| backup::create(c, &dir, now, "before-restore"))?)
        }
        _ => None,
    };
    // 2. Close it.
    *guard = None;
    let kept = match kept {
        Some(k) => k,
        None => move_aside(&db, &dir, now)?,
    };
    // 3. Put the backup in its place.
    let tmp = temporary(&db);
    std::fs::copy(&chosen.path, &tmp).map_err(|e| io("复制备份", e))?;
    // Flushed through a handle opened for writing: Windows refuses FlushFileBuffers on a
    // read-only one, which failed every restore after the live file was closed.
    std::fs::OpenOptions::new()
        .write(true)
        .open(&tmp)
        .and_then(|f| f.sync_all())
        .map_err(|e| io("写入磁盘", e))?;
    for suffix in ["-wal", "-shm"] {
        let p = sibling(&db, suffix);
        if p.exists() {
            std::fs::remove_file(&p).map_err(|e| io("清理旧日志文件", e))?;
        }
    }
    std::fs::rename(&tmp, &db).map_err(|e| io("替换数据文件", e))?;
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
    if db.exists() {
        std::fs::rename(db, &target).map_err(|e| io("移走损坏的文件", e))?;
    }
    for suffix in ["-wal", "-shm"] {
        let p = sibling(db, suffix);
        if p.exists() {
            std::fs::rename(&p, sibling(&target, suffix)).map_err(|e| io("移走损坏的日志", e))?;
        }
    }
    Ok(target)
}
