//! Reading backup files: listing, counting what they hold, checking and previewing them.

use super::types::{BackupInfo, BackupPreview, CheckResult, TableCount};
use cw_kernel::CoreError;
use cw_store::backup::{self, BackupFile};
use cw_store::{audit, check, migrations, StoreError};
use rusqlite::{Connection, OptionalExtension};
use std::path::Path;

/// The key tables counted in listings; tables a file does not have (yet) are left out, so
/// later areas (fines, receipts, …) need only add a line here.
const KEY_TABLES: &[(&str, &str)] = &[
    ("parties", "住户、门店与单位"),
    ("staff", "人员"),
    ("zones", "责任区"),
    ("fines", "罚款"),
    ("pledges", "承诺书"),
    ("receipts", "收据"),
    ("audit_log", "审计记录"),
];

/// The Chinese label of a backup reason.
pub fn reason_label(reason: &str) -> String {
    match reason {
        "start" => "启动时",
        "auto" => "定时（每 15 分钟）",
        "import" => "导入前",
        "manual" => "手动",
        "before-restore" => "恢复前（可用于撤销恢复）",
        "migrate" => "升级数据结构前",
        "close" | "month-close" => "月度结账前",
        "batch-close" => "收费批次结账前",
        "damaged" => "损坏的原文件",
        other => other,
    }
    .to_string()
}

fn counts(conn: &Connection) -> Result<Vec<TableCount>, StoreError> {
    let mut out = Vec::new();
    for (table, label) in KEY_TABLES {
        let exists = conn
            .query_row(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1",
                [table],
                |_| Ok(()),
            )
            .optional()?
            .is_some();
        if exists {
            let count: i64 =
                conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?;
            out.push(TableCount {
                label: label.to_string(),
                table: table.to_string(),
                count,
            });
        }
    }
    Ok(out)
}

/// Describes the backup just made at `made` in `dir`, as the 备份 page lists it.
pub fn info_of_made(dir: &Path, made: &Path) -> Result<BackupInfo, CoreError> {
    let file = backup::list(dir)?
        .into_iter()
        .find(|f| f.path == made)
        .ok_or_else(|| CoreError::Internal("新备份不见了".into()))?;
    Ok(info(&file))
}

/// Describes one backup file, reading its counts without changing it.
pub fn info(file: &BackupFile) -> BackupInfo {
    let size_bytes = std::fs::metadata(&file.path).map(|m| m.len()).unwrap_or(0);
    let read = check::open_read_only(&file.path).and_then(|c| {
        check::ensure_ours(&c)?;
        counts(&c)
    });
    BackupInfo {
        name: file.name.clone(),
        path: file.path.display().to_string(),
        at: file.at.format("%Y-%m-%d %H:%M:%S").to_string(),
        reason: file.reason.clone(),
        reason_label: reason_label(&file.reason),
        size_bytes,
        readable: read.is_ok(),
        counts: read.unwrap_or_default(),
    }
}

/// The backups of the database at `db`, newest first.
pub fn list_for(db: &Path) -> Result<Vec<BackupInfo>, CoreError> {
    Ok(backup::list(&backup::default_dir(db))?
        .iter()
        .map(info)
        .collect())
}

/// Finds a backup by file name in the backup folder of `db`; a bare name only, never a path.
pub fn find(db: &Path, name: &str) -> Result<BackupFile, CoreError> {
    let bad = || CoreError::BadArgs(format!("没有名为「{name}」的备份"));
    if name.contains(['/', '\\']) || name.contains("..") {
        return Err(bad());
    }
    backup::list(&backup::default_dir(db))?
        .into_iter()
        .find(|f| f.name == name)
        .ok_or_else(bad)
}

/// The full check of an open connection, with the newest audit hash; `live` names the database
/// file when this is the live one, whose trail must also reach the tail recorded beside it.
pub fn check_conn(conn: &Connection, live: Option<&Path>) -> Result<CheckResult, CoreError> {
    let report = match live {
        Some(db) => check::full_live(conn, db)?,
        None => check::full(conn)?,
    };
    let latest_hash = if report.integrity.is_empty() {
        audit::latest_hash(conn).ok()
    } else {
        None
    };
    Ok(CheckResult {
        ok: report.ok(),
        problems: report.problems(),
        broken_link: report.broken_link,
        latest_hash,
    })
}

/// Checks a file on disk without changing it; an unreadable file is a failed check, not an error.
pub fn check_path(path: &Path) -> CheckResult {
    let run = || -> Result<CheckResult, CoreError> {
        let conn = check::open_read_only(path)?;
        check::ensure_ours(&conn)?;
        check_conn(&conn, None)
    };
    run().unwrap_or_else(|e| CheckResult {
        ok: false,
        problems: vec![e.to_string()],
        broken_link: None,
        latest_hash: None,
    })
}

/// What a backup holds, and whether it passes the check.
pub fn preview_file(file: &BackupFile) -> BackupPreview {
    let info = info(file);
    let check = check_path(&file.path);
    let details = check::open_read_only(&file.path).and_then(|c| {
        let rows: i64 = c.query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0))?;
        let latest: Option<String> = c
            .query_row("SELECT max(at) FROM audit_log", [], |r| r.get(0))
            .optional()?
            .flatten();
        Ok((rows, latest, migrations::current(&c)?))
    });
    let (audit_rows, latest_audit_at, schema_version) = details.unwrap_or((0, None, 0));
    BackupPreview {
        info,
        audit_rows,
        latest_audit_at,
        schema_version,
        check,
    }
}

/// The newest backup of `db` that passes the full check.
pub fn last_good(db: &Path) -> Option<BackupInfo> {
    let files = backup::list(&backup::default_dir(db)).ok()?;
    files
        .iter()
        .filter(|f| f.reason != "damaged")
        .find(|f| check_path(&f.path).ok)
        .map(info)
}
