//! Backups: `VACUUM INTO` a temporary file in the backup folder, check the copy (integrity and the
//! audit chain), then rename it to its final, timestamped name. The live file is never copied, so
//! a backup is always a consistent snapshot, and a half-written backup never carries a real name.
//!
//! Names are `chuangwei-YYYYMMDD-HHMMSS-<reason>[-n].db`; the time is the app's clock. Rotation
//! keeps every backup of today, the newest of each of the 30 days before, and the newest of each
//! month older than that.

use crate::{check, file_ops, StoreError};
use chrono::{Datelike, NaiveDate, NaiveDateTime};
use rusqlite::Connection;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The folder name of the automatic backups, beside the database file.
pub const DIR_NAME: &str = "backups";
const PREFIX: &str = "chuangwei-";
const STAMP: &str = "%Y%m%d-%H%M%S";
/// How a backup being written is named until it is checked; never listed as a backup.
const TEMPORARY: &str = ".tmp-";

/// The backup folder of a database: `<folder of the file>/backups`.
pub fn default_dir(db: &Path) -> PathBuf {
    db.parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .join(DIR_NAME)
}

/// One backup file found in a folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupFile {
    pub path: PathBuf,
    /// The file name.
    pub name: String,
    /// When it was made (from its name).
    pub at: NaiveDateTime,
    /// Why: `start`, `auto`, `import`, `restore`, `migrate`, `manual`, …
    pub reason: String,
}

/// The file name for a backup made at `at` for `reason`; `n` > 0 tells apart two in one second.
pub fn file_name(at: NaiveDateTime, reason: &str, n: u32) -> String {
    let suffix = if n == 0 {
        String::new()
    } else {
        format!("-{n}")
    };
    format!("{PREFIX}{}-{reason}{suffix}.db", at.format(STAMP))
}

/// Reads a backup's time and reason from its name; `None` for any other file.
pub fn parse_name(name: &str) -> Option<(NaiveDateTime, String)> {
    let rest = name.strip_prefix(PREFIX)?.strip_suffix(".db")?;
    let stamp = rest.get(..15)?;
    let at = NaiveDateTime::parse_from_str(stamp, STAMP).ok()?;
    let tail = rest.get(16..)?;
    // Drop a trailing `-n` counter.
    let reason = match tail.rsplit_once('-') {
        Some((r, n)) if !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()) => r,
        _ => tail,
    };
    (!reason.is_empty()).then(|| (at, reason.to_string()))
}

/// The backups in `dir`, newest first; a missing folder holds none.
pub fn list(dir: &Path) -> Result<Vec<BackupFile>, StoreError> {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(io(dir, e)),
    };
    let mut out = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| io(dir, e))?;
        let name = entry.file_name().to_string_lossy().to_string();
        if let Some((at, reason)) = parse_name(&name) {
            if entry.file_type().map(|t| t.is_file()).unwrap_or(false) {
                out.push(BackupFile {
                    path: entry.path(),
                    name,
                    at,
                    reason,
                });
            }
        }
    }
    out.sort_by(|a, b| b.at.cmp(&a.at).then_with(|| b.name.cmp(&a.name)));
    Ok(out)
}

fn io(path: &Path, e: std::io::Error) -> StoreError {
    if e.raw_os_error() == Some(28) || e.kind() == std::io::ErrorKind::StorageFull {
        return StoreError::DiskFull;
    }
    StoreError::Backup(format!(
        "{}：{}",
        path.display(),
        crate::io_words::io_cn(&e)
    ))
}

/// Backs up the database behind `conn` into `dir` and returns the new file. The copy is checked
/// before it gets its name; a copy that fails the check is removed and the error returned.
pub fn create(
    conn: &Connection,
    dir: &Path,
    at: NaiveDateTime,
    reason: &str,
) -> Result<PathBuf, StoreError> {
    std::fs::create_dir_all(dir).map_err(|e| io(dir, e))?;
    let tmp = dir.join(format!("{TEMPORARY}{}-{}.db", std::process::id(), unique()));
    let result = vacuum_and_check(conn, &tmp).and_then(|()| {
        // After the copy: every file its rows name was written before the row committed.
        carry_attachments(conn, dir)?;
        let mut n = 0;
        let target = loop {
            let candidate = dir.join(file_name(at, reason, n));
            if !candidate.exists() {
                break candidate;
            }
            n += 1;
        };
        file_ops::rename(&tmp, &target).map_err(|e| io(&target, e))?;
        sync_dir(dir);
        Ok(target)
    });
    if result.is_err() {
        remove_temporary(&tmp);
    }
    result
}

/// Copies the attachments the backup folder lacks beside it; a backup without its photos is
/// not complete, so a failure here fails the backup.
fn carry_attachments(conn: &Connection, dir: &Path) -> Result<(), StoreError> {
    let Some(db) = conn.path().filter(|p| !p.is_empty()) else {
        return Ok(());
    };
    let from = crate::attachment_files::dir_for(Path::new(db));
    let to = crate::attachment_files::backup_dir_for(dir);
    crate::attachment_files::mirror(&from, &to)
        .map(|_| ())
        .map_err(|e| io(&to, e))
}

/// Removes a failed copy and whatever SQLite kept beside it while writing it (a full disk
/// leaves its `-journal`), so a failing backup leaves nothing behind.
fn remove_temporary(tmp: &Path) {
    let _ = file_ops::remove_if_present(tmp);
    for suffix in ["-journal", "-wal", "-shm"] {
        let mut name = tmp.as_os_str().to_owned();
        name.push(suffix);
        let _ = file_ops::remove_if_present(&PathBuf::from(name));
    }
}

fn unique() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default()
}

fn vacuum_and_check(conn: &Connection, tmp: &Path) -> Result<(), StoreError> {
    let target = tmp
        .to_str()
        .ok_or_else(|| StoreError::Backup(format!("路径含无法识别的字符：{}", tmp.display())))?;
    // A backup is made inside a read (see `Store::read`): the copy is the one write it may do.
    crate::query_only::lifted(conn, || conn.execute("VACUUM INTO ?1", [target]))?;
    // VACUUM INTO writes without syncing; make the copy durable before it gets a real name.
    // Through a handle opened for writing: Windows refuses to flush a read-only one.
    file_ops::flush(tmp).map_err(|e| {
        StoreError::Backup(format!(
            "备份副本未能写入磁盘：{}",
            crate::io_words::io_cn(&e)
        ))
    })?;
    let report = check::check_file(tmp)?;
    // The copy is the file as SQLite reads it: a copy whose structure is broken means the live
    // file is broken too, and writes must stop (see `backups::spawn`).
    if !report.integrity.is_empty() {
        return Err(StoreError::Damaged {
            reason: format!(
                "备份时发现数据文件的结构已损坏（备份副本未通过检查：{}）",
                report.problems().join("；")
            ),
        });
    }
    if !report.ok() {
        return Err(StoreError::Backup(format!(
            "备份副本未通过检查：{}",
            report.problems().join("；")
        )));
    }
    Ok(())
}

/// Makes a rename durable (see [`file_ops::sync_dir`]).
pub fn sync_dir(dir: &Path) {
    file_ops::sync_dir(dir);
}

/// Which backups rotation removes: of `backups` (name, time), given today's date. Kept: all of
/// today; the newest of each of the 30 days before today; the newest of each older month.
pub fn rotation_victims(backups: &[(String, NaiveDateTime)], today: NaiveDate) -> Vec<String> {
    let mut sorted: Vec<&(String, NaiveDateTime)> = backups.iter().collect();
    // Newest first, so the first of each day or month seen is the one kept.
    sorted.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| b.0.cmp(&a.0)));
    let mut days = BTreeSet::new();
    let mut months = BTreeSet::new();
    let mut victims = Vec::new();
    for (name, at) in sorted {
        let date = at.date();
        let age = (today - date).num_days();
        let keep = if age <= 0 {
            true
        } else if age <= 30 {
            days.insert(date)
        } else {
            months.insert((date.year(), date.month()))
        };
        if !keep {
            victims.push(name.clone());
        }
    }
    victims
}

/// Applies rotation to a backup folder; returns how many files it removed.
pub fn rotate(dir: &Path, today: NaiveDate) -> Result<usize, StoreError> {
    rotate_by(dir, today, &|p: &Path| file_ops::remove_if_present(p))
}

/// [`rotate`], removing each file with `remove` (tests pass one that fails).
fn rotate_by(
    dir: &Path,
    today: NaiveDate,
    remove: &dyn Fn(&Path) -> std::io::Result<()>,
) -> Result<usize, StoreError> {
    let files = list(dir)?;
    let pairs: Vec<(String, NaiveDateTime)> =
        files.iter().map(|f| (f.name.clone(), f.at)).collect();
    let victims = rotation_victims(&pairs, today);
    for name in &victims {
        // Another rotation (a background backup's, say) may have got there first.
        remove(&dir.join(name)).map_err(|e| io(dir, e))?;
    }
    Ok(victims.len())
}

/// A backup made in the automatic folder, and how the rotation after it went.
#[derive(Debug)]
pub struct Rotated {
    /// The new backup.
    pub file: PathBuf,
    /// Why old backups could not be removed, if they could not (an antivirus holding one, say).
    /// The backup stands, and so does the act it was made for: the next rotation tries again.
    pub rotation_error: Option<StoreError>,
}

/// Backs up the file at `db` through a read-only connection of its own, so the app's connection
/// goes on serving the clerk while a large file is copied and checked (WAL lets both proceed).
pub fn create_from_file(db: &Path, at: NaiveDateTime, reason: &str) -> Result<Rotated, StoreError> {
    let conn = check::open_read_only(db)?;
    create_rotated(&conn, &default_dir(db), at, reason)
}

/// Makes a backup in the automatic folder `dir` and then rotates the folder.
pub fn create_rotated(
    conn: &Connection,
    dir: &Path,
    at: NaiveDateTime,
    reason: &str,
) -> Result<Rotated, StoreError> {
    create_rotated_by(conn, dir, at, reason, &|p: &Path| {
        file_ops::remove_if_present(p)
    })
}

fn create_rotated_by(
    conn: &Connection,
    dir: &Path,
    at: NaiveDateTime,
    reason: &str,
    remove: &dyn Fn(&Path) -> std::io::Result<()>,
) -> Result<Rotated, StoreError> {
    let file = create(conn, dir, at, reason)?;
    let rotation_error = rotate_by(dir, at.date(), remove).err();
    Ok(Rotated {
        file,
        rotation_error,
    })
}

/// Removes half-written backups (`.tmp-…`) left by a process that was stopped while copying,
/// when they have not been touched for `idle`: a copy in progress is written to constantly.
/// Returns how many were removed.
pub fn remove_stale_temporaries(dir: &Path, idle: std::time::Duration) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().to_string();
        if !name.starts_with(TEMPORARY) {
            continue;
        }
        let stale = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age >= idle);
        if stale && file_ops::remove_file(&entry.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Store;

    fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(h, min, 0)
            .unwrap()
    }

    #[test]
    fn a_backup_stands_when_rotation_after_it_fails() {
        let dir = tempfile::tempdir().unwrap();
        // Two of one old month: rotation keeps the newer and removes this one.
        let old = dir.path().join("chuangwei-20250101-090000-start.db");
        std::fs::write(&old, b"old").unwrap();
        std::fs::write(dir.path().join("chuangwei-20250102-090000-start.db"), b"x").unwrap();
        let store = Store::open_in_memory().unwrap();
        let held = |_: &Path| Err(std::io::Error::from(std::io::ErrorKind::ResourceBusy));
        let made = store
            .read(|c| create_rotated_by(c, dir.path(), at(2026, 12, 3, 9, 0), "import", &held))
            .unwrap();
        assert!(made.file.exists(), "the backup was made and kept its name");
        let said = made.rotation_error.unwrap().to_string();
        assert!(said.contains("文件正被其他程序使用"), "{said}");
        assert!(old.exists(), "the old backup waits for the next rotation");
    }

    #[test]
    fn a_stale_half_written_backup_is_removed_and_a_fresh_one_kept() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(".tmp-1-2.db"), b"half").unwrap();
        std::fs::write(dir.path().join("chuangwei-20261129-090000-start.db"), b"x").unwrap();
        assert_eq!(
            remove_stale_temporaries(dir.path(), std::time::Duration::from_secs(3600)),
            0,
            "a temporary touched just now may be a copy in progress"
        );
        assert_eq!(
            remove_stale_temporaries(dir.path(), std::time::Duration::ZERO),
            1
        );
        assert!(!dir.path().join(".tmp-1-2.db").exists());
        assert!(dir
            .path()
            .join("chuangwei-20261129-090000-start.db")
            .exists());
    }

    #[test]
    fn a_backup_from_the_file_reads_it_through_its_own_connection() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("cw.db");
        let store = Store::open(&db).unwrap();
        let made = create_from_file(&db, at(2026, 11, 29, 9, 0), "start")
            .unwrap()
            .file;
        assert!(made.starts_with(default_dir(&db)));
        assert!(check::check_file(&made).unwrap().ok());
        drop(store);
    }

    #[test]
    fn a_name_reads_back_as_its_time_and_reason() {
        let t = at(2026, 11, 29, 9, 5);
        assert_eq!(
            file_name(t, "import", 0),
            "chuangwei-20261129-090500-import.db"
        );
        assert_eq!(
            parse_name(&file_name(t, "before-restore", 3)),
            Some((t, "before-restore".to_string()))
        );
        assert_eq!(parse_name("chuangwei.db"), None);
        assert_eq!(parse_name(".tmp-1-2.db"), None);
    }

    #[test]
    fn rotation_keeps_today_one_a_day_for_thirty_days_and_one_a_month_after() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
        let mut all = Vec::new();
        // Every 4 hours from 2026-08-01 to today 08:00.
        let mut t = at(2026, 8, 1, 0, 0);
        while t <= at(2026, 11, 29, 8, 0) {
            all.push((file_name(t, "auto", 0), t));
            t += chrono::Duration::hours(4);
        }
        let victims: BTreeSet<String> = rotation_victims(&all, today).into_iter().collect();
        let kept: Vec<&(String, NaiveDateTime)> =
            all.iter().filter(|(n, _)| !victims.contains(n)).collect();
        // Today: 00:00, 04:00, 08:00 all kept.
        assert_eq!(kept.iter().filter(|(_, t)| t.date() == today).count(), 3);
        // The 30 days before today: exactly one each, the newest (20:00).
        for back in 1..=30 {
            let day = today - chrono::Duration::days(back);
            let of_day: Vec<_> = kept.iter().filter(|(_, t)| t.date() == day).collect();
            assert_eq!(of_day.len(), 1, "{day}");
            assert_eq!(of_day[0].1, day.and_hms_opt(20, 0, 0).unwrap());
        }
        // Older: one per month, the newest of the month not already inside the 30 days.
        let older: Vec<NaiveDateTime> = kept
            .iter()
            .filter(|(_, t)| (today - t.date()).num_days() > 30)
            .map(|(_, t)| *t)
            .collect();
        assert_eq!(
            older,
            vec![
                at(2026, 8, 31, 20, 0),
                at(2026, 9, 30, 20, 0),
                at(2026, 10, 29, 20, 0)
            ],
            "August, September and what is left of October before the 30 days"
        );
        assert_eq!(kept.len(), 3 + 30 + 3);
    }

    #[test]
    fn rotation_across_a_year_end_keeps_each_month_once() {
        let today = NaiveDate::from_ymd_opt(2027, 3, 10).unwrap();
        let all: Vec<(String, NaiveDateTime)> = [
            at(2026, 12, 1, 9, 0),
            at(2026, 12, 31, 9, 0),
            at(2027, 1, 1, 9, 0),
            at(2027, 1, 15, 9, 0),
            at(2027, 3, 10, 7, 0),
            at(2027, 3, 10, 8, 0),
        ]
        .iter()
        .map(|t| (file_name(*t, "auto", 0), *t))
        .collect();
        let victims = rotation_victims(&all, today);
        assert_eq!(
            victims,
            vec![
                file_name(at(2027, 1, 1, 9, 0), "auto", 0),
                file_name(at(2026, 12, 1, 9, 0), "auto", 0)
            ]
        );
    }

    #[test]
    fn a_backup_is_a_checked_copy_with_its_own_name_and_no_temporary_left() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("cw.db")).unwrap();
        store
            .write(|tx| {
                tx.execute(
                    "INSERT INTO zones (name, search_key, kind, created_at, updated_at) VALUES ('甲', '', '街道', '', '')",
                    [],
                )?;
                Ok::<_, StoreError>(())
            })
            .unwrap();
        let bdir = default_dir(store.path().unwrap());
        let t = at(2026, 11, 29, 9, 0);
        let first = store.read(|c| create(c, &bdir, t, "manual")).unwrap();
        let second = store.read(|c| create(c, &bdir, t, "manual")).unwrap();
        assert_ne!(first, second, "two in one second get different names");
        let names: Vec<String> = list(&bdir).unwrap().into_iter().map(|f| f.name).collect();
        assert_eq!(names.len(), 2, "{names:?}");
        let leftovers = std::fs::read_dir(&bdir)
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .starts_with(".tmp")
            })
            .count();
        assert_eq!(leftovers, 0);
        let copy = check::open_read_only(&first).unwrap();
        let zones: i64 = copy
            .query_row("SELECT count(*) FROM zones", [], |r| r.get(0))
            .unwrap();
        assert_eq!(zones, 1);
        assert!(check::check_file(&first).unwrap().ok());
    }
}
