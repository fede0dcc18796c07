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
    /// Opens (creating if needed) the database at `path`. A damaged file opens read-only (see
    /// `backups.status`); a file from a newer version is refused.
    /// The desktop app's way: the writer lock is held from open to the end of the run.
    pub fn open(path: &Path, clock: Arc<dyn Clock>) -> Result<App, CoreError> {
        Self::open_as(path, clock, ProcessKind::Desktop)
    }

    /// Like [`App::open`], for a program of `kind`: `serve` holds the writer lock for its run
    /// like the desktop app; a command-line run takes it only when it writes.
    pub fn open_as(
        path: &Path,
        clock: Arc<dyn Clock>,
        kind: ProcessKind,
    ) -> Result<App, CoreError> {
        Self::open_full(path, clock, CHECK_AT_OPEN_UP_TO, kind)
    }

    /// Like [`App::open`]; a file over `check_up_to` bytes has its damage check run on a thread
    /// after opening (tests pass 0 to take that path with a small file).
    pub fn open_with(
        path: &Path,
        clock: Arc<dyn Clock>,
        check_up_to: u64,
    ) -> Result<App, CoreError> {
        Self::open_full(path, clock, check_up_to, ProcessKind::Desktop)
    }

    fn open_full(
        path: &Path,
        clock: Arc<dyn Clock>,
        check_up_to: u64,
        kind: ProcessKind,
    ) -> Result<App, CoreError> {
        // The lock file lives beside the database: its folder must exist first (a new
        // install's data folder does not).
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| StoreError::Open {
                path: path.display().to_string(),
                reason: cw_store::io_words::io_cn(&e),
            })?;
        }
        // Taken before the store so a migration cannot run under another writer's feet. A
        // command-line run takes it only when opening writes (a new file, a migration).
        let mut writer = if kind.holds_for_its_run() {
            lock::try_acquire_as(path, kind).ok().flatten()
        } else if cw_store::migrations::file_needs_writing(path) {
            Some(lock::acquire_waiting(path, kind, lock::CLI_WAIT)?)
        } else {
            None
        };
        let mut check_deferred = false;
        let (store, damage) = match Store::open_with(path, check_up_to) {
            Ok(opened) => {
                check_deferred = opened.check_deferred;
                (Some(opened.store), None)
            }
            Err(e) => {
                let (store, reason) = read_only_if_damaged(path, e)?;
                (store, Some(reason))
            }
        };
        if !kind.holds_for_its_run() {
            // The file is created and up to date: a command-line read needs no lock.
            writer = None;
        }
        let app = App {
            store: RwLock::new(store),
            path: Some(path.to_path_buf()),
            clock,
            damage: Arc::new(Mutex::new(damage)),
            writer: Mutex::new(writer),
            kind,
            backup_error: Arc::default(),
            auto_backup: Mutex::new(None),
            checked: Arc::default(),
            sessions: Sessions::default(),
            log: Some(Arc::new(EventLog::beside(path))),
            place_warning: crate::risky_place::warning(path),
        };
        app.log_opening();
        backups::at_start(&app, check_deferred);
        Ok(app)
    }

    /// A fresh in-memory community, for tests.
    pub fn open_in_memory(clock: Arc<dyn Clock>) -> Result<App, CoreError> {
        Ok(App {
            store: RwLock::new(Some(Store::open_in_memory()?)),
            path: None,
            clock,
            damage: Arc::default(),
            writer: Mutex::new(None),
            kind: ProcessKind::Desktop,
            backup_error: Arc::default(),
            auto_backup: Mutex::new(None),
            checked: Arc::default(),
            sessions: Sessions::default(),
            log: None,
            place_warning: None,
        })
    }

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

    fn log_opening(&self) {
        let who = match self.kind {
            ProcessKind::Desktop => "桌面程序",
            ProcessKind::Serve => "本机网页服务",
            ProcessKind::Cli => "命令行",
        };
        let folder = self
            .path
            .as_deref()
            .and_then(Path::parent)
            .map(|p| p.display().to_string())
            .unwrap_or_default();
        self.log(
            Level::Info,
            &format!(
                "{who}打开数据文件（版本 {}，文件夹 {folder}）",
                env!("CARGO_PKG_VERSION")
            ),
        );
        if let Some(reason) = locked(&self.damage).as_ref() {
            self.log(
                Level::Error,
                &format!("数据文件已损坏，以只读方式打开：{reason}"),
            );
        }
        if let Some(warning) = &self.place_warning {
            self.log(Level::Warn, warning);
        }
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

    /// Runs the command `name` with JSON `args` with the administrator's authority, recording
    /// `actor` (the CLI records `cli`). The UI's adapters use [`App::call_in_session`] instead.
    /// A write runs in one IMMEDIATE transaction and must leave an audit row for every change.
    pub fn call(&self, name: &str, args: Value, actor: &str) -> Result<Output, CoreError> {
        let cmd = find(name)?;
        self.run(cmd, args, actor, Access::System, None)
    }

    /// Runs a command for the UI on behalf of the session `token`: refused without a signed-in,
    /// unlocked session except for the sign-in commands; the session's account is the actor.
    pub fn call_in_session(
        &self,
        token: Option<&str>,
        name: &str,
        args: Value,
    ) -> Result<Output, CoreError> {
        let cmd = find(name)?;
        match self.admit(cmd, token)? {
            Admission::Recovery => self.run(cmd, args, RECOVERY_ACTOR, Access::System, token),
            Admission::Public => self.run(cmd, args, "", Access::Anonymous, token),
            Admission::Account(session) => {
                let actor = session.username.clone();
                self.run(cmd, args, &actor, Access::Account(session), token)
            }
        }
    }

    /// Whether [`App::call_in_session`] would let the session `token` call `name`, asked before
    /// the arguments arrive: the loopback server refuses an unknown command or a missing,
    /// expired or locked session without reading a body it would only throw away. The call
    /// itself asks again.
    pub fn admits(&self, token: Option<&str>, name: &str) -> Result<(), CoreError> {
        self.admit(find(name)?, token).map(|_| ())
    }

    fn admit(
        &self,
        cmd: &'static CommandInfo,
        token: Option<&str>,
    ) -> Result<Admission, CoreError> {
        let policy = &cmd.policy;
        if policy.in_recovery && locked(&self.damage).is_some() {
            return Ok(Admission::Recovery);
        }
        match policy.allowed {
            Allowed::Public => return Ok(Admission::Public),
            Allowed::CommandLine => return Err(CoreError::CommandLineOnly(cmd.summary)),
            Allowed::Account | Allowed::Head => {}
        }
        let session = self
            .sessions
            .touch(token, self.clock.now(), policy.when_locked)?;
        if policy.allowed == Allowed::Head && session.role != AccountRole::Head {
            return Err(CoreError::Forbidden(policy.act));
        }
        Ok(Admission::Account(session))
    }

    /// Takes the writer lock now, refusing with `store.held` when another process holds it:
    /// `chuangwei serve` calls it at start, so that a second server on one file stops with a
    /// message instead of answering every write (and sign-in) with that refusal.
    pub fn hold_writer(&self) -> Result<(), CoreError> {
        self.ensure_writer()
    }

    /// The running app's sessions.
    pub fn sessions(&self) -> &Sessions {
        &self.sessions
    }

    fn run(
        &self,
        cmd: &'static CommandInfo,
        args: Value,
        actor: &str,
        access: Access,
        token: Option<&str>,
    ) -> Result<Output, CoreError> {
        if cmd.policy.allowed == Allowed::Head && !access.may_act_as_head() {
            return Err(CoreError::Forbidden(cmd.policy.act));
        }
        let run = match cmd.run {
            Run::Conn(run) => run,
            Run::Host(host) => {
                let call = HostCall {
                    actor,
                    access: &access,
                };
                return host(self, &call, args);
            }
        };
        if cmd.kind == CommandKind::Write && cmd.policy.only_records_itself {
            if let Some(out) = self.unrecorded_on_read_only(cmd, run, &args, actor, &access, token)
            {
                return out;
            }
        }
        if cmd.kind == CommandKind::Write {
            // A write to a file not yet known to be sound waits for the check (seconds at most,
            // and only right after a large file was opened); reads go ahead.
            self.checked.wait();
            // A read-only or damaged file refuses the write itself, before any lock is sought
            // (on a read-only disk the lock file cannot even be made).
            let refusal = self.store.read().ok().and_then(|g| g.as_ref()?.refusal());
            if let Some(refusal) = refusal {
                return Err(refusal.into());
            }
            self.ensure_writer()?;
            if let Some(reason) = cmd.policy.backup_first {
                backups::before_risky(self, reason)?;
            }
        }
        let guard = self.store.read().unwrap_or_else(|p| p.into_inner());
        let Some(store) = guard.as_ref() else {
            return backups::without_database(self, cmd, args, actor, access);
        };
        let result = match cmd.kind {
            CommandKind::Read | CommandKind::Document => store.read(|conn| {
                let ctx = self.ctx(conn, cmd, actor, access, token);
                run(&ctx, args)
            }),
            CommandKind::Write => store.write(|tx| {
                let before = tx.total_changes();
                let ctx = self.ctx(tx, cmd, actor, access, token);
                let out = run(&ctx, args)?;
                let at = ctx.now_text();
                let by = cw_store::seals::SealedBy {
                    at: &at,
                    actor,
                    command: cmd.name,
                };
                cw_store::seals::flush(tx, &by)?;
                if tx.total_changes() > before && ctx.audits.get() == 0 {
                    return Err(CoreError::Internal(format!(
                        "「{}」修改了数据却没有留下审计记录",
                        cmd.name
                    )));
                }
                Ok(out)
            }),
        };
        if let Err(e) = &result {
            let code = e.code();
            if event_log::message_is_loggable(code) {
                self.log(
                    Level::Error,
                    &format!("「{}」失败（{code}）：{e}", cmd.name),
                );
            }
        }
        if cmd.policy.makes_backup {
            // The banner of a failed backup stays until a backup succeeds, made by hand too.
            *locked(&self.backup_error) = result.as_ref().err().map(|e| e.to_string());
        }
        let out = match result? {
            // Built from party and zone names: made safe here, once, for every adapter.
            Output::File(mut f) => {
                f.file_name = crate::file_names::windows_safe(&f.file_name);
                Output::File(f)
            }
            json => json,
        };
        if cmd.kind == CommandKind::Write {
            backups::after_write(self, store);
        }
        Ok(out)
    }

    /// Signing in or out of a read-only (not damaged) file: run as a read without its audit row,
    /// so the file stays readable in the window as it is from the command line. `None` when the
    /// file is writable (the command runs as usual).
    fn unrecorded_on_read_only(
        &self,
        cmd: &'static CommandInfo,
        run: ConnFn,
        args: &Value,
        actor: &str,
        access: &Access,
        token: Option<&str>,
    ) -> Option<Result<Output, CoreError>> {
        let guard = self.store.read().unwrap_or_else(|p| p.into_inner());
        let store = guard.as_ref()?;
        let read_only = matches!(
            store.refusal(),
            Some(StoreError::ReadOnly | StoreError::ReadOnlyPlace { .. })
        );
        if !read_only {
            return None;
        }
        Some(store.read(|conn| {
            let mut ctx = self.ctx(conn, cmd, actor, access.clone(), token);
            ctx.records = false;
            run(&ctx, args.clone())
        }))
    }

    /// The context of one call, with its authority and the app's sessions.
    pub(crate) fn ctx<'a>(
        &'a self,
        conn: &'a rusqlite::Connection,
        cmd: &'static CommandInfo,
        actor: &'a str,
        access: Access,
        token: Option<&'a str>,
    ) -> Ctx<'a> {
        Ctx::new(conn, self.clock.as_ref(), actor, cmd.name)
            .with_db_path(self.path.as_deref())
            .with_access(access, &self.sessions, token)
    }

    /// Like [`App::call`] for commands that return JSON.
    pub fn call_json(&self, name: &str, args: Value, actor: &str) -> Result<Value, CoreError> {
        match self.call(name, args, actor)? {
            Output::Json(v) => Ok(v),
            Output::File(f) => Err(CoreError::BadArgs(format!(
                "「{name}」生成的是文件 {}",
                f.file_name
            ))),
        }
    }
}

/// Files up to this size are read through for damage before the window opens (about 0.4 s at
/// 128 MB); a larger one is checked on a thread once the app is up, so the clerk is not kept
/// waiting at launch by a multi-gigabyte read.
pub const CHECK_AT_OPEN_UP_TO: u64 = 128 * 1024 * 1024;

/// How a UI call is let in: on the recovery page of a damaged file, as a sign-in command, or
/// in a signed-in session.
enum Admission {
    Recovery,
    Public,
    Account(cw_kernel::sessions::Session),
}

/// Who the audit trail names for a restore made from the recovery page of a damaged file.
const RECOVERY_ACTOR: &str = "数据恢复（文件损坏时）";

fn find(name: &str) -> Result<&'static CommandInfo, CoreError> {
    commands::find(name).ok_or_else(|| CoreError::UnknownCommand(name.to_string()))
}
