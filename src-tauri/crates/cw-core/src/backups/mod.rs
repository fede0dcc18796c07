//! Backups, restore and checks of the database file.
//!
//! When backups are made (all by `cw_store::backup::create`: `VACUUM INTO` a temporary file,
//! checked, then renamed):
//! - at start (`App::open`) when the file holds data and the newest backup is 15 minutes old or
//!   more, and before pending migrations (in `cw_store::Store::open`);
//! - after a write, when the newest backup is 15 minutes old or more: the App decides this with
//!   its clock in `App::call`, so no background thread is needed and an idle app makes none;
//! - before every risky act: the commands declared `.backs_up(…)` in the command table, before a restore, and through [`before_risky`] for anything else;
//! - on demand (`backups.create`) and to a folder the clerk picks (`backups.create_to`, see
//!   [`offsite`]: only a folder picked in the dialog, encrypted with the backup passphrase).
//!
//! Rotation (after each automatic backup) keeps all of today, one a day for 30 days and one a
//! month after that.

mod files;
pub mod offsite;
pub mod passphrase;
mod restore;
pub mod types;

pub use files::{check_path, reason_label};
pub use types::{BackupInfo, BackupPreview, CheckResult, RestoreOutcome, SafetyStatus, TableCount};

use crate::app::locked;
use crate::commands::{CommandInfo, HostCall, Run};
use crate::event_log::{EventLog, Level};
use crate::App;
use cw_kernel::Access;
use cw_kernel::{CoreError, Ctx, Output};
use cw_store::{backup, check, Store, StoreError};
use serde::Deserialize;
use serde_json::Value;
use std::any::Any;
use std::path::Path;
use std::sync::Arc;
use ts_rs::TS;

/// Automatic backups are at least this far apart.
pub const INTERVAL_MINUTES: i64 = 15;

/// A half-written backup untouched this long belongs to a process that was stopped.
const STALE_TEMPORARY: std::time::Duration = std::time::Duration::from_secs(600);

fn store_guard(app: &App) -> std::sync::RwLockReadGuard<'_, Option<Store>> {
    app.store.read().unwrap_or_else(|p| p.into_inner())
}

/// Backs up the database before a risky act (reason e.g. `import`, `close`, `restore`).
/// Month close, migrations and restore call this; an error means the act must not go ahead.
pub fn before_risky(app: &App, reason: &str) -> Result<(), CoreError> {
    let guard = store_guard(app);
    let Some(store) = guard.as_ref() else {
        return Err(damaged_error(app).into());
    };
    let made = backup_now(app, store, reason).map(|_| ());
    *locked(&app.backup_error) = made.as_ref().err().map(|e| e.to_string());
    made
}

fn damaged_error(app: &App) -> StoreError {
    StoreError::Damaged {
        reason: locked(&app.damage)
            .clone()
            .unwrap_or_else(|| "无法打开".into()),
    }
}

/// Makes a backup of `store` now in the automatic folder and rotates the folder.
fn backup_now(app: &App, store: &Store, reason: &str) -> Result<Option<BackupInfo>, CoreError> {
    let Some(path) = app.path.as_deref() else {
        return Ok(None);
    };
    if let Some(refusal) = store.refusal() {
        if matches!(refusal, StoreError::Damaged { .. }) {
            return Err(damaged_error(app).into());
        }
    }
    let dir = backup::default_dir(path);
    let now = app.clock.now();
    let made = store.read(|c| backup::create_rotated(c, &dir, now, reason))?;
    if let Some(log) = &app.log {
        log_rotation(log, now, &made);
    }
    Ok(Some(files::info_of_made(&dir, &made.file)?))
}

/// Logs a rotation that could not remove old backups (the backup itself stands).
fn log_rotation(log: &EventLog, at: chrono::NaiveDateTime, made: &backup::Rotated) {
    if let Some(e) = &made.rotation_error {
        log.write(
            at,
            Level::Warn,
            &format!("备份后清理旧备份未完成（下次再试）：{e}"),
        );
    }
}

/// True when the newest backup of `path` is at least [`INTERVAL_MINUTES`] old (or none exists).
fn due(app: &App, path: &Path) -> bool {
    let newest = backup::list(&backup::default_dir(path))
        .ok()
        .and_then(|l| l.into_iter().find(|f| f.reason != "damaged"));
    match newest {
        None => true,
        Some(f) => (app.clock.now() - f.at).num_minutes() >= INTERVAL_MINUTES,
    }
}

/// Starts an automatic backup on a thread and connection of its own, unless one is running. At
/// ten times the expected size the file is over 2 GB and takes tens of seconds to copy and
/// check: neither the window at start nor the clerk's write that fell due should wait for it.
/// A failure is kept for the 备份 page.
fn automatic(app: &App, store: &Store, reason: &'static str) {
    spawn(app, store, reason, |_, _| true);
}

/// Runs `first` on a thread of its own, then the backup when `first` says to go on; `first` may
/// leave a message for the 备份 page in the error slot it is given. False when no thread was
/// started (no file, one already running, or the thread could not be made).
fn spawn<F>(app: &App, store: &Store, reason: &'static str, first: F) -> bool
where
    F: FnOnce(&Path, &std::sync::Mutex<Option<String>>) -> bool + Send + 'static,
{
    let Some(path) = app.path.clone() else {
        return false;
    };
    let mut running = locked(&app.auto_backup);
    if running.as_ref().is_some_and(|h| !h.is_finished()) {
        return false;
    }
    if let Some(done) = running.take() {
        let _ = done.join();
    }
    let now = app.clock.now();
    let errors = Arc::clone(&app.backup_error);
    let damage = Arc::clone(&app.damage);
    let log = app.log.clone();
    let refusal = store.refusal_handle();
    let spawned = std::thread::Builder::new()
        .name(format!("backup-{reason}"))
        .spawn(move || {
            if first(&path, &errors) {
                let result = backup::create_from_file(&path, now, reason);
                // A copy whose structure is broken shows the live file is broken: from now on
                // it is treated as damaged (read-only, the last good backup offered), so no
                // more work is put into a file that may not keep it.
                if let Err(StoreError::Damaged { reason }) = &result {
                    refusal.refuse(StoreError::Damaged {
                        reason: reason.clone(),
                    });
                    *locked(&damage) = Some(reason.clone());
                }
                if let Some(log) = &log {
                    match &result {
                        Ok(made) => log_rotation(log, now, made),
                        Err(e) => log.write(now, Level::Error, &format!("自动备份失败：{e}")),
                    }
                }
                *locked(&errors) = result.err().map(|e| e.to_string());
            }
        });
    match spawned {
        Ok(handle) => {
            *running = Some(handle);
            true
        }
        Err(e) => {
            *locked(&app.backup_error) = Some(format!("无法开始自动备份：{e}"));
            false
        }
    }
}

/// Waits for the automatic backup that is running, if any (before a restore, at the end of the
/// process, and in tests).
pub(crate) fn wait_for_automatic(app: &App) {
    let handle = locked(&app.auto_backup).take();
    if let Some(h) = handle {
        let _ = h.join();
    }
}

/// The backup at start: only for a sound, writable file that holds data, and not when a backup
/// was made in the last 15 minutes (a CLI run right after the app's does not need another).
/// When the damage check of a large file was deferred at open, it runs first on the same
/// thread: damage refuses every write from then on and is shown like damage found at open, and
/// no backup is made of a damaged file.
pub(crate) fn at_start(app: &App, check_deferred: bool) {
    let guard = store_guard(app);
    let (Some(store), Some(path)) = (guard.as_ref(), app.path.as_deref()) else {
        return;
    };
    if store.refusal().is_some() {
        return;
    }
    let has_data = store
        .read(|c| c.query_row("SELECT EXISTS (SELECT 1 FROM audit_log)", [], |r| r.get(0)))
        .unwrap_or(false);
    // A copy half-written when the app was last stopped is 2 GB of nothing at 10× scale. Only
    // copies idle for minutes go, so one another process is writing is never touched.
    backup::remove_stale_temporaries(&backup::default_dir(path), STALE_TEMPORARY);
    remove_restore_leftover(app, path);
    let backup_due = has_data && due(app, path);
    if check_deferred {
        app.checked.close();
        let check = DeferredCheck {
            refusal: store.refusal_handle(),
            damage: Arc::clone(&app.damage),
            gate: Arc::clone(&app.checked),
        };
        let started = spawn(app, store, "start", move |path, errors| {
            check.run(path, errors) && backup_due
        });
        // A thread that could not start leaves nobody to open the gate.
        if !started {
            app.checked.open();
        }
    } else if backup_due {
        automatic(app, store, "start");
    }
}

/// Removes the copy a stopped restore left beside the database. A restore in progress holds
/// the writer lock, so the copy is removed only under that lock: held by this App, or taken
/// for the moment (and kept by the desktop app or `serve`, which hold it for their run).
fn remove_restore_leftover(app: &App, path: &Path) {
    let tmp = restore::temporary(path);
    if !tmp.exists() {
        return;
    }
    let mut writer = locked(&app.writer);
    if writer.is_none() {
        match cw_store::lock::try_acquire_as(path, app.kind) {
            Ok(Some(lock)) if app.kind.holds_for_its_run() => *writer = Some(lock),
            Ok(Some(lock)) => {
                let _ = cw_store::file_ops::remove_if_present(&tmp);
                drop(lock);
                return;
            }
            // Held by another process, which may be restoring right now.
            _ => return,
        }
    }
    let _ = cw_store::file_ops::remove_if_present(&tmp);
}

/// The damage check of a large file, run on the start-up backup's thread.
struct DeferredCheck {
    refusal: cw_store::Refusal,
    damage: Arc<std::sync::Mutex<Option<String>>>,
    /// Opened once the verdict is in, whatever it is.
    gate: Arc<Gate>,
}

struct OpenOnDrop<'a>(&'a Gate);

impl Drop for OpenOnDrop<'_> {
    fn drop(&mut self) {
        self.0.open();
    }
}

/// A gate writes wait at while a large file's damage check runs (open unless closed).
#[derive(Default)]
pub(crate) struct Gate {
    closed: std::sync::Mutex<bool>,
    opened: std::sync::Condvar,
}

impl Gate {
    fn close(&self) {
        *locked(&self.closed) = true;
    }

    fn open(&self) {
        *locked(&self.closed) = false;
        self.opened.notify_all();
    }

    /// Returns at once when open, else when it opens.
    pub(crate) fn wait(&self) {
        let mut closed = locked(&self.closed);
        while *closed {
            closed = self.opened.wait(closed).unwrap_or_else(|p| p.into_inner());
        }
    }
}

impl DeferredCheck {
    /// True when the file is sound. Damage refuses the store's writes and is kept for the
    /// banner and the 备份 page; a check that could not run says so on the 备份 page.
    fn run(&self, path: &Path, errors: &std::sync::Mutex<Option<String>>) -> bool {
        // Opened even if the check panics: a closed gate would hold every write for good.
        let _open = OpenOnDrop(&self.gate);
        self.verdict(path, errors)
    }

    fn verdict(&self, path: &Path, errors: &std::sync::Mutex<Option<String>>) -> bool {
        match check::quick_file(path) {
            Ok(()) => true,
            Err(StoreError::Damaged { reason }) => {
                *locked(&self.damage) = Some(reason.clone());
                self.refusal.refuse(StoreError::Damaged { reason });
                false
            }
            Err(e) => {
                // Not a verdict: the file may be sound, so writes stay allowed.
                *locked(errors) = Some(format!("启动时未能检查数据文件：{e}"));
                false
            }
        }
    }
}

/// After a write: a backup when the last one is 15 minutes old. A failure is kept for the
/// 备份 page rather than failing the write, which is already committed.
pub(crate) fn after_write(app: &App, store: &Store) {
    if let Some(path) = app.path.as_deref() {
        if due(app, path) {
            automatic(app, store, "auto");
        }
    }
}

/// Runs a command when no store could be opened: the backup readers work on the folder; every
/// other command reports the damage.
pub(crate) fn without_database(
    app: &App,
    cmd: &'static CommandInfo,
    args: Value,
    actor: &str,
    access: Access,
) -> Result<Output, CoreError> {
    let Run::Conn(run) = cmd.run else {
        return Err(damaged_error(app).into());
    };
    if cmd.policy.needs_database {
        return Err(damaged_error(app).into());
    }
    // The readers use only the file path; an empty in-memory connection stands in for the store.
    let conn = rusqlite::Connection::open_in_memory()?;
    let ctx = app.ctx(&conn, cmd, actor, access, None);
    run(&ctx, args)
}

/// Runs `backups.status` for the App `host`.
pub(crate) fn run_status(
    host: &dyn Any,
    _call: &HostCall<'_>,
    _args: Value,
) -> Result<Output, CoreError> {
    to_output(status(app_of(host)?))
}

/// Runs `backups.restore` for the App `host` (the table lets only the head, or recovery, in).
pub(crate) fn run_restore(
    host: &dyn Any,
    call: &HostCall<'_>,
    args: Value,
) -> Result<Output, CoreError> {
    let a: RestoreArgs = crate::commands::args(args)?;
    to_output(restore::restore(
        app_of(host)?,
        restore::Source::Folder(&a.name),
        call.actor,
    )?)
}

fn app_of(host: &dyn Any) -> Result<&App, CoreError> {
    host.downcast_ref::<App>()
        .ok_or_else(|| CoreError::Internal("这个操作只能由程序本身执行".into()))
}

fn to_output<T: serde::Serialize>(value: T) -> Result<Output, CoreError> {
    Ok(Output::Json(
        serde_json::to_value(value).map_err(|e| CoreError::Internal(e.to_string()))?,
    ))
}

/// The state of the file as opened, with the last good backup when it is damaged.
pub fn status(app: &App) -> SafetyStatus {
    let damaged = locked(&app.damage).clone();
    let guard = store_guard(app);
    let read_only = guard
        .as_ref()
        .map(|s| s.refusal().is_some())
        .unwrap_or(true);
    let path = app.path.as_deref();
    SafetyStatus {
        db_path: path.map(|p| p.display().to_string()),
        backup_dir: path.map(|p| backup::default_dir(p).display().to_string()),
        last_good_backup: match (&damaged, path) {
            (Some(_), Some(p)) => files::last_good(p),
            _ => None,
        },
        damaged,
        read_only,
        backup_error: locked(&app.backup_error).clone(),
        place_warning: app.place_warning.clone(),
        log_path: app.log.as_ref().map(|l| l.path().display().to_string()),
    }
}

fn db_path<'a>(ctx: &Ctx<'a>) -> Result<&'a Path, CoreError> {
    ctx.db_path
        .ok_or_else(|| CoreError::BadArgs("内存中的数据库没有备份".into()))
}

/// No arguments.
#[derive(Debug, Default, Deserialize, TS)]
#[ts(export)]
pub struct NoArgs {}

/// A backup named by its file name.
#[derive(Debug, Deserialize, TS)]
#[ts(export)]
pub struct NameArgs {
    pub name: String,
}

/// Arguments of `backups.restore`.
#[derive(Debug, Deserialize, TS)]
#[ts(export)]
pub struct RestoreArgs {
    /// The file name of a backup in the backup folder.
    pub name: String,
}

/// The backups, newest first, with their sizes and counts.
pub fn list(ctx: &Ctx<'_>, _a: NoArgs) -> Result<Vec<BackupInfo>, CoreError> {
    files::list_for(db_path(ctx)?)
}

/// The full check of one backup.
pub fn verify(ctx: &Ctx<'_>, a: NameArgs) -> Result<CheckResult, CoreError> {
    Ok(check_path(&files::find(db_path(ctx)?, &a.name)?.path))
}

/// What a backup holds, before restoring it.
pub fn preview(ctx: &Ctx<'_>, a: NameArgs) -> Result<BackupPreview, CoreError> {
    Ok(files::preview_file(&files::find(db_path(ctx)?, &a.name)?))
}

/// A backup now, in the automatic folder.
pub fn create(ctx: &Ctx<'_>, _a: NoArgs) -> Result<BackupInfo, CoreError> {
    let dir = backup::default_dir(db_path(ctx)?);
    let made = backup::create(ctx.conn, &dir, ctx.clock.now(), "manual")?;
    files::info_of_made(&dir, &made)
}

/// The full check of the live database: integrity, foreign keys and the audit chain.
pub fn check(ctx: &Ctx<'_>, _a: NoArgs) -> Result<CheckResult, CoreError> {
    files::check_conn(ctx.conn, ctx.db_path)
}
