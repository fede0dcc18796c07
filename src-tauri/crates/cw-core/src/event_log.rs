//! The app's log file, for whoever supports the office: start-ups, failed backups, failures of
//! the store or the app itself, and what the window could not do (open a PDF, save a file).
//!
//! A release build on Windows has no console, so what went wrong must land somewhere the clerk
//! can send: `logs\chuangwei.log` in the data folder, beside the database. It holds no
//! personal data: no names, addresses, phone numbers, amounts or file names built from them;
//! only event words, error codes, the system's own error text, and folders with the user's
//! home folder written as `~`. It is rotated at [`LIMIT`] bytes, keeping [`KEEP`] files in all.

use chrono::NaiveDateTime;
use cw_store::file_ops;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The size at which the log is rotated.
pub const LIMIT: u64 = 256 * 1024;
/// How many log files are kept: `chuangwei.log`, `chuangwei.1.log`, `chuangwei.2.log`.
pub const KEEP: usize = 3;
const NAME: &str = "chuangwei";

/// How grave an event is, as the log line says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// Something done (start, restore).
    Info,
    /// Something the clerk was warned about.
    Warn,
    /// Something that failed.
    Error,
}

impl Level {
    fn word(self) -> &'static str {
        match self {
            Level::Info => "信息",
            Level::Warn => "警告",
            Level::Error => "错误",
        }
    }
}

/// The log of one data folder. Writing never fails the caller: a log that cannot be written
/// (a read-only folder, a full disk) is skipped.
#[derive(Debug)]
pub struct EventLog {
    dir: PathBuf,
    write: Mutex<()>,
}

/// The folder of the log of the database at `db`: `logs` beside it.
pub fn dir_for(db: &Path) -> PathBuf {
    db.parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or_else(|| Path::new("."))
        .join("logs")
}

impl EventLog {
    /// The log beside the database at `db`.
    pub fn beside(db: &Path) -> EventLog {
        EventLog::in_dir(dir_for(db))
    }

    /// The log in the folder `dir`.
    pub fn in_dir(dir: PathBuf) -> EventLog {
        EventLog {
            dir,
            write: Mutex::new(()),
        }
    }

    /// The file being written.
    pub fn path(&self) -> PathBuf {
        self.dir.join(format!("{NAME}.log"))
    }

    /// Appends one line, `at` the time given, rotating first when the file is full.
    pub fn write(&self, at: NaiveDateTime, level: Level, text: &str) {
        let _one_at_a_time = self.write.lock().unwrap_or_else(|p| p.into_inner());
        if std::fs::create_dir_all(&self.dir).is_err() {
            return;
        }
        let path = self.path();
        if std::fs::metadata(&path).is_ok_and(|m| m.len() >= LIMIT) {
            self.rotate();
        }
        let line = format!(
            "{} [{}] {}\n",
            at.format("%Y-%m-%d %H:%M:%S"),
            level.word(),
            scrub(text).replace(['\r', '\n'], " ")
        );
        if let Ok(mut file) = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&path)
        {
            // Skipped if it fails: see the type's note.
            let _ = file.write_all(line.as_bytes());
        }
    }

    /// `chuangwei.1.log` becomes `.2`, the current one `.1`; the oldest is dropped.
    fn rotate(&self) {
        let numbered = |n: usize| self.dir.join(format!("{NAME}.{n}.log"));
        let _ = file_ops::remove_if_present(&numbered(KEEP - 1));
        for n in (1..KEEP - 1).rev() {
            let from = numbered(n);
            if from.exists() {
                let _ = file_ops::rename(&from, &numbered(n + 1));
            }
        }
        let _ = file_ops::rename(&self.path(), &numbered(1));
    }
}

/// `text` with the user's home folder written as `~`: a Windows user folder is often the
/// clerk's own name.
pub fn scrub(text: &str) -> String {
    let mut out = text.to_string();
    for var in ["USERPROFILE", "HOME"] {
        if let Some(home) = std::env::var_os(var) {
            let home = home
                .to_string_lossy()
                .trim_end_matches(['/', '\\'])
                .to_string();
            if home.len() > 1 {
                out = out.replace(&home, "~");
            }
        }
    }
    out
}

/// Whether an error with `code` may have its message logged: the app's own failures and the
/// store's, whose messages hold system text and folders. A refusal of the clerk's input names
/// rows and what was typed, and a damaged-text message names the record: neither is logged.
pub fn message_is_loggable(code: &str) -> bool {
    code == "internal" || (code.starts_with("store.") && code != "store.damaged_text")
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn at(h: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 12, 3)
            .unwrap()
            .and_hms_opt(h, 0, 0)
            .unwrap()
    }

    #[test]
    fn a_line_has_its_time_level_and_text_on_one_line() {
        let dir = tempfile::tempdir().unwrap();
        let log = EventLog::beside(&dir.path().join("chuangwei.db"));
        log.write(at(9), Level::Error, "备份失败：磁盘已满\n第二行");
        let text = std::fs::read_to_string(dir.path().join("logs/chuangwei.log")).unwrap();
        assert_eq!(
            text,
            "2026-12-03 09:00:00 [错误] 备份失败：磁盘已满 第二行\n"
        );
    }

    #[test]
    fn a_full_log_is_rotated_and_only_the_newest_files_are_kept() {
        let dir = tempfile::tempdir().unwrap();
        let log = EventLog::in_dir(dir.path().to_path_buf());
        let filler = "x".repeat(LIMIT as usize);
        for h in 0..6 {
            log.write(at(h), Level::Info, &format!("第{h}次 {filler}"));
        }
        let mut names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
            .collect();
        names.sort();
        assert_eq!(
            names,
            ["chuangwei.1.log", "chuangwei.2.log", "chuangwei.log"]
        );
        let newest = std::fs::read_to_string(log.path()).unwrap();
        assert!(
            newest.contains("第5次"),
            "the newest line is in the current file"
        );
        let older = std::fs::read_to_string(dir.path().join("chuangwei.2.log")).unwrap();
        assert!(older.contains("第3次"), "two rotations back");
    }

    #[test]
    fn a_log_that_cannot_be_written_is_skipped_without_failing() {
        let dir = tempfile::tempdir().unwrap();
        let blocker = dir.path().join("logs");
        std::fs::write(&blocker, b"a file where the folder should be").unwrap();
        EventLog::in_dir(blocker.clone()).write(at(1), Level::Warn, "无处可写");
        assert_eq!(
            std::fs::read(&blocker).unwrap(),
            b"a file where the folder should be"
        );
    }

    #[test]
    fn refusals_of_the_clerks_input_are_not_logged_with_their_message() {
        assert!(message_is_loggable("internal"));
        assert!(message_is_loggable("store.backup"));
        assert!(!message_is_loggable("store.damaged_text"));
        assert!(!message_is_loggable("bad_args"));
        assert!(!message_is_loggable("import.rows"));
    }

    #[test]
    fn the_home_folder_is_written_as_a_tilde() {
        if let Some(home) = std::env::var_os("HOME").or_else(|| std::env::var_os("USERPROFILE")) {
            let home = home.to_string_lossy().to_string();
            if home.len() > 1 {
                let said = scrub(&format!("无法打开 {home}/数据/chuangwei.db"));
                assert!(!said.contains(&home), "{said}");
                assert!(said.contains("~"), "{said}");
            }
        }
    }
}
