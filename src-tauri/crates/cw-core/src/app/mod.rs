//! The application object: a store, a clock, and `call`, the single entry to every use-case.
//!
//! Safety duties of the App (see `backups`):
//! - the desktop app and `chuangwei serve` hold the writer lock (`<database>.lock`) from the
//!   moment they open, when no other process holds it; a command-line run takes it only for a
//!   write (or to create or migrate the file), waiting a few seconds for another command-line
//!   write; so the CLI cannot write while the app or `serve` runs, and reads always proceed;
//! - a damaged file is opened read-only: reads and backups work, writes are refused, and
//!   `backups.status` offers the newest good backup; a file over [`CHECK_AT_OPEN_UP_TO`] has
//!   only its header and schema read at open, and its full quick check runs on the start-up
//!   backup's thread, refusing writes from the moment damage is found;
//! - backups: at start; after a write when the newest backup is 15 minutes old or more (decided
//!   here with the clock, so an idle app makes none), both on a thread of their own so nobody
//!   waits for a large file's copy; before every command declared `.backs_up(…)` in the table, in line,
//!   refusing the command if the backup fails;
//! - restore swaps the store under an exclusive lock (see `backups::restore`).

mod call;
mod open;

use crate::backups;
use crate::commands::{self, Allowed, CommandInfo, CommandKind, ConnFn, HostCall, Run};
use crate::event_log::{self, EventLog, Level};
use cw_auth::{self, sessions::Sessions};
use cw_domain::enums::AccountRole;
use cw_domain::Clock;
use cw_kernel::Access;
use cw_kernel::Output;
use cw_kernel::{CoreError, Ctx};
use cw_store::lock::{self, ProcessKind, WriterLock};
use cw_store::{Store, StoreError};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, RwLock};
use std::thread::JoinHandle;

/// 创卫办公台's core: open one, then `call` commands on it from any adapter.
pub struct App {
    /// `None` only when a damaged file could not even be opened for reading.
    pub(crate) store: RwLock<Option<Store>>,
    pub(crate) path: Option<PathBuf>,
    pub(crate) clock: Arc<dyn Clock>,
    /// Why the file was found damaged, at open or by the check deferred to a thread (kept
    /// until a restore).
    pub(crate) damage: Arc<Mutex<Option<String>>>,
    pub(crate) writer: Mutex<Option<WriterLock>>,
    /// What kind of program opened the file: decides when the writer lock is taken.
    pub(crate) kind: ProcessKind,
    /// The last automatic backup that failed, for the 备份 page (written by the backup's thread).
    pub(crate) backup_error: Arc<Mutex<Option<String>>>,
    /// The automatic backup running on its own thread, if any.
    pub(crate) auto_backup: Mutex<Option<JoinHandle<()>>>,
    /// Open while the damage check of a large file runs after opening: writes wait for it.
    pub(crate) checked: Arc<backups::Gate>,
    /// Who is signed in through the UI's adapters.
    sessions: Sessions,
    /// The log file beside the database (`None` in memory).
    pub(crate) log: Option<Arc<EventLog>>,
    /// Why the database's folder is unsafe for it (see [`crate::risky_place`]), found at open.
    pub(crate) place_warning: Option<String>,
    /// The folders picked in a dialog during this run, by the token the page names them by
    /// (see [`backups::offsite`]): filled only by Rust code, never from a path a page sent.
    pub(crate) picked: Mutex<std::collections::HashMap<String, PathBuf>>,
    /// The folder `backups.pick_folder` answers with where there is no dialog (`serve` started
    /// with `CW_TEST_PICK_DIR` for the browser tests); `None` everywhere else.
    pub(crate) pick_offer: Mutex<Option<PathBuf>>,
}

/// For a file that failed to open as damaged or gone backwards (handled as damage: read-only,
/// the newest backup offered): the file opened read-only if it can be read at all, and why.
/// Any other failure is given back.
pub(crate) fn read_only_if_damaged(
    path: &Path,
    e: StoreError,
) -> Result<(Option<Store>, String), StoreError> {
    let reason = match e {
        StoreError::Damaged { reason } => reason,
        went_back @ StoreError::WentBack { .. } => went_back.to_string(),
        other => return Err(other),
    };
    let refusal = StoreError::Damaged {
        reason: reason.clone(),
    };
    Ok((Store::open_read_only(path, refusal).ok(), reason))
}

pub(crate) fn locked<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

impl Drop for App {
    /// A command-line run ends only when its automatic backup is complete and renamed.
    fn drop(&mut self) {
        backups::wait_for_automatic(self);
    }
}

impl App {
    /// Writes one line to the log file (nothing for an in-memory database). `text` must hold
    /// no personal data (see [`crate::event_log`]).
    pub fn log(&self, level: Level, text: &str) {
        if let Some(log) = &self.log {
            log.write(self.clock.now(), level, text);
        }
    }

    /// Why the database's folder is unsafe for it, when it is: a network share or a sync
    /// client's folder.
    pub fn place_warning(&self) -> Option<&str> {
        self.place_warning.as_deref()
    }

    /// The log file, if the database is a file.
    pub fn log_path(&self) -> Option<PathBuf> {
        self.log.as_ref().map(|l| l.path())
    }

    /// Why the last automatic backup failed, if it did (cleared by the next good one).
    pub fn backup_failure(&self) -> Option<String> {
        locked(&self.backup_error).clone()
    }

    /// Waits for an automatic backup running on its thread, if any (tests, and a clean end).
    pub fn wait_for_backups(&self) {
        backups::wait_for_automatic(self);
    }

    /// The database file, if any.
    pub fn db_path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The clock the app runs on.
    pub fn clock(&self) -> &dyn Clock {
        self.clock.as_ref()
    }

    /// Whether this App holds the writer lock of its file now.
    pub fn holds_writer(&self) -> bool {
        locked(&self.writer).is_some()
    }

    /// Who holds the writer lock of the file, as its holder recorded it, e.g.
    /// `chuangwei serve（进程 1234，自 2026-12-03 09:00:00 起）`; `None` when unknown.
    pub fn writer_holder(&self) -> Option<String> {
        lock::holder(self.path.as_deref()?).map(|h| h.describe())
    }

    /// What kind of program opened the file.
    pub fn process_kind(&self) -> ProcessKind {
        self.kind
    }

    /// Takes the writer lock if this app does not hold it yet; refuses, naming the holder, when
    /// another process does (a command-line run first waits a few seconds for another one).
    pub(crate) fn ensure_writer(&self) -> Result<(), CoreError> {
        let Some(path) = &self.path else {
            return Ok(());
        };
        let mut held = locked(&self.writer);
        if held.is_none() {
            let wait = if self.kind.holds_for_its_run() {
                std::time::Duration::ZERO
            } else {
                lock::CLI_WAIT
            };
            *held = Some(lock::acquire_waiting(path, self.kind, wait)?);
        }
        Ok(())
    }

    /// Backs up the database now (reason e.g. `import`, `close`); used before risky acts.
    /// See [`backups::before_risky`].
    pub fn before_risky(&self, reason: &str) -> Result<(), CoreError> {
        backups::before_risky(self, reason)
    }
}

/// Files up to this size are read through for damage before the window opens (about 0.4 s at
/// 128 MB); a larger one is checked on a thread once the app is up, so the clerk is not kept
/// waiting at launch by a multi-gigabyte read.
pub const CHECK_AT_OPEN_UP_TO: u64 = 128 * 1024 * 1024;
