//! The writer lock: an exclusive OS lock on `<database>.lock`. The desktop app and
//! `chuangwei serve` hold it for as long as they run, so that the command line cannot write
//! behind their back; a command-line process takes it only for a write (and keeps it until it
//! ends), so reads never collide with anyone. The OS drops the lock when the process ends,
//! even when it is killed, so a crash never leaves it stuck.
//!
//! Who holds the lock is written to `<database>.lock-holder` (kind, process id, since when), a
//! file of its own because on Windows a locked file cannot be read by another process; a
//! refused process reads it to name the holder.

use crate::StoreError;
use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The lock file beside a database: `chuangwei.db` → `chuangwei.db.lock`.
pub fn lock_path(db: &Path) -> PathBuf {
    sibling(db, ".lock")
}

/// The file naming the lock's holder: `chuangwei.db` → `chuangwei.db.lock-holder`.
pub fn holder_path(db: &Path) -> PathBuf {
    sibling(db, ".lock-holder")
}

fn sibling(db: &Path, suffix: &str) -> PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Which kind of program opened the database: it decides when the writer lock is taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ProcessKind {
    /// The desktop app: holds the lock from open to exit.
    #[default]
    Desktop,
    /// `chuangwei serve`: holds the lock from open to exit.
    Serve,
    /// A command-line run: takes the lock only for a write, waiting a few seconds for another
    /// command-line write to finish.
    Cli,
}

impl ProcessKind {
    /// The name the clerk reads, e.g. in a refusal.
    pub fn label(self) -> &'static str {
        match self {
            ProcessKind::Desktop => "桌面程序",
            ProcessKind::Serve => "chuangwei serve",
            ProcessKind::Cli => "命令行",
        }
    }

    fn tag(self) -> &'static str {
        match self {
            ProcessKind::Desktop => "desktop",
            ProcessKind::Serve => "serve",
            ProcessKind::Cli => "cli",
        }
    }

    fn from_tag(tag: &str) -> Option<ProcessKind> {
        [ProcessKind::Desktop, ProcessKind::Serve, ProcessKind::Cli]
            .into_iter()
            .find(|k| k.tag() == tag)
    }

    /// Whether this kind keeps the lock for its whole run (waiting for it is pointless).
    pub fn holds_for_its_run(self) -> bool {
        self != ProcessKind::Cli
    }
}

/// Who holds the writer lock, as its holder recorded it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holder {
    pub kind: ProcessKind,
    pub pid: u32,
    /// Local time the lock was taken, `YYYY-MM-DD HH:MM:SS`.
    pub since: String,
}

impl Holder {
    /// e.g. `命令行（进程 1234，自 2026-12-03 13:20:05 起）`.
    pub fn describe(&self) -> String {
        format!(
            "{}（进程 {}，自 {} 起）",
            self.kind.label(),
            self.pid,
            self.since
        )
    }

    fn to_text(&self) -> String {
        format!(
            "kind={}\npid={}\nsince={}\n",
            self.kind.tag(),
            self.pid,
            self.since
        )
    }

    fn parse(text: &str) -> Option<Holder> {
        let field = |key: &str| {
            text.lines()
                .find_map(|l| l.strip_prefix(key)?.strip_prefix('='))
                .map(str::trim)
        };
        Some(Holder {
            kind: ProcessKind::from_tag(field("kind")?)?,
            pid: field("pid")?.parse().ok()?,
            since: field("since")?.to_string(),
        })
    }
}

/// What the holder file says, if it can be read (a holder that has just taken the lock may not
/// have written it yet).
pub fn holder(db: &Path) -> Option<Holder> {
    Holder::parse(&std::fs::read_to_string(holder_path(db)).ok()?)
}

/// The refusal when the lock is held: names the holder when it is known.
pub fn held_error(db: &Path) -> StoreError {
    StoreError::Held {
        by: holder(db)
            .map(|h| h.describe())
            .unwrap_or_else(|| "另一个创卫办公台".into()),
    }
}

/// A held writer lock; dropping it releases the lock (and removes the holder file first, so a
/// stale name is never read for a free lock).
#[derive(Debug)]
pub struct WriterLock {
    file: Option<File>,
    holder: PathBuf,
}

impl Drop for WriterLock {
    fn drop(&mut self) {
        let _ = crate::file_ops::remove_if_present(&self.holder);
        drop(self.file.take());
    }
}

/// Takes the writer lock of `db` for a process of `kind` if no other process holds it;
/// `Ok(None)` when one does.
pub fn try_acquire_as(db: &Path, kind: ProcessKind) -> Result<Option<WriterLock>, StoreError> {
    let path = lock_path(db);
    let open_err = |e: std::io::Error| StoreError::Open {
        path: path.display().to_string(),
        reason: e.to_string(),
    };
    let file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&path)
        .map_err(open_err)?;
    match file.try_lock() {
        Ok(()) => {}
        Err(std::fs::TryLockError::WouldBlock) => return Ok(None),
        Err(std::fs::TryLockError::Error(e)) => return Err(open_err(e)),
    }
    let me = Holder {
        kind,
        pid: std::process::id(),
        since: chrono::Local::now().format("%Y-%m-%d %H:%M:%S").to_string(),
    };
    // Best effort: the lock itself is what protects the file; the name only explains a refusal.
    let _ = crate::file_ops::write(&holder_path(db), me.to_text().as_bytes());
    Ok(Some(WriterLock {
        file: Some(file),
        holder: holder_path(db),
    }))
}

/// [`try_acquire_as`] for the desktop app (the kind that holds the lock for its run).
pub fn try_acquire(db: &Path) -> Result<Option<WriterLock>, StoreError> {
    try_acquire_as(db, ProcessKind::Desktop)
}

/// How long a command-line write waits for another command-line write before refusing.
pub const CLI_WAIT: Duration = Duration::from_secs(5);

/// Takes the writer lock for a process of `kind`, waiting up to `wait` (with back-off) while
/// another command-line process holds it; a holder that keeps it for its run (the desktop app,
/// `serve`) is refused at once. The refusal names the holder.
pub fn acquire_waiting(
    db: &Path,
    kind: ProcessKind,
    wait: Duration,
) -> Result<WriterLock, StoreError> {
    let start = Instant::now();
    let mut pause = Duration::from_millis(20);
    loop {
        if let Some(lock) = try_acquire_as(db, kind)? {
            return Ok(lock);
        }
        let keeps_it = holder(db).is_some_and(|h| h.kind.holds_for_its_run());
        let left = wait.saturating_sub(start.elapsed());
        if keeps_it || left.is_zero() {
            return Err(held_error(db));
        }
        std::thread::sleep(pause.min(left));
        pause = (pause * 2).min(Duration::from_millis(500));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_holder_is_refused_until_the_first_lets_go() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("cw.db");
        let first = try_acquire(&db).unwrap();
        assert!(first.is_some());
        assert!(try_acquire(&db).unwrap().is_none(), "held by the first");
        drop(first);
        assert!(try_acquire(&db).unwrap().is_some(), "free again");
    }

    #[test]
    fn the_refusal_names_the_holder_its_process_and_since_when() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("cw.db");
        let _held = try_acquire_as(&db, ProcessKind::Serve).unwrap().unwrap();
        let err = acquire_waiting(&db, ProcessKind::Cli, Duration::from_secs(30)).unwrap_err();
        let text = err.to_string();
        assert!(text.contains("chuangwei serve"), "{text}");
        assert!(
            text.contains(&format!("进程 {}", std::process::id())),
            "{text}"
        );
        assert!(!text.contains("程序或"), "{text}");
    }

    #[test]
    fn a_holder_that_keeps_the_lock_for_its_run_is_refused_at_once() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("cw.db");
        let _held = try_acquire_as(&db, ProcessKind::Desktop).unwrap().unwrap();
        let start = Instant::now();
        assert!(acquire_waiting(&db, ProcessKind::Cli, Duration::from_secs(30)).is_err());
        assert!(start.elapsed() < Duration::from_secs(2));
    }

    #[test]
    fn a_command_line_write_waits_for_another_command_line_write_to_end() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("cw.db");
        let held = try_acquire_as(&db, ProcessKind::Cli).unwrap().unwrap();
        let releaser = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(300));
            drop(held);
        });
        let got = acquire_waiting(&db, ProcessKind::Cli, Duration::from_secs(5));
        releaser.join().unwrap();
        assert!(got.is_ok(), "{:?}", got.err());
        assert_eq!(holder(&db).unwrap().kind, ProcessKind::Cli);
    }

    #[test]
    fn the_holder_file_goes_when_the_lock_is_let_go() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("cw.db");
        let held = try_acquire_as(&db, ProcessKind::Cli).unwrap().unwrap();
        assert!(holder_path(&db).exists());
        drop(held);
        assert!(holder(&db).is_none());
    }
}
