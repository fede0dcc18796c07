//! Backups that leave the PC: written only to a folder picked in the native dialog during this
//! run (the page holds an opaque token, never a path it could choose), encrypted with the
//! backup passphrase, and restored from there with it.
//!
//! Who may fill the registry of picked folders: only Rust code. The desktop shell registers
//! the folder its dialog returned ([`App::register_picked_folder`]); the command line
//! registers the folder given to `backup --to`; `chuangwei serve` (the browser tests' adapter,
//! which has no dialog) may be started with `CW_TEST_PICK_DIR` set, and then
//! `backups.pick_folder` answers with that one folder ([`App::offer_folder_to_pick`]). A page
//! can ask for a pick but never name the folder.

use super::files::reason_label;
use super::restore::{self, Source};
use super::types::RestoreOutcome;
use super::{app_of, passphrase, to_output};
use crate::app::locked;
use crate::commands::HostCall;
use crate::App;
use cw_kernel::{CoreError, Output};
use cw_store::{attachment_files, backup, crypt};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::path::{Path, PathBuf};
use ts_rs::TS;

/// A folder picked in the dialog: the token to name it by, and the path to show.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PickedFolder {
    /// Opaque; valid until the program ends.
    pub token: String,
    /// For display only.
    pub path: String,
}

/// Arguments of `backups.create_to`.
#[derive(Debug, Deserialize, TS)]
#[ts(export)]
pub struct CreateToArgs {
    /// The token of a folder picked in this run (`pick_folder`).
    pub token: String,
    /// The backup passphrase, checked against the one the head set.
    pub passphrase: String,
}

/// A folder picked in this run, by its token.
#[derive(Debug, Deserialize, TS)]
#[ts(export)]
pub struct PickedArgs {
    pub token: String,
}

/// Arguments of `backups.restore_from`.
#[derive(Debug, Deserialize, TS)]
#[ts(export)]
pub struct RestoreFromArgs {
    /// The token of a folder picked in this run.
    pub token: String,
    /// The file name of an encrypted backup in that folder.
    pub name: String,
    /// The passphrase the backup was made with.
    pub passphrase: String,
}

/// One encrypted backup in a picked folder (what it holds is unknown until it is decrypted).
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct EncryptedBackup {
    /// e.g. `chuangwei-20261129-090000-manual.db.age`.
    pub name: String,
    pub path: String,
    /// `YYYY-MM-DD HH:MM:SS`.
    pub at: String,
    pub reason: String,
    pub reason_label: String,
    #[ts(type = "number")]
    pub size_bytes: u64,
}

impl App {
    /// Registers a folder the clerk picked in a native dialog (or the administrator named on
    /// the command line) and returns the token the page may name it by. Only Rust code calls
    /// this: no command takes a path.
    pub fn register_picked_folder(&self, path: &Path) -> Result<PickedFolder, CoreError> {
        let token = cw_auth::passwords::new_token()?;
        locked(&self.picked).insert(token.clone(), path.to_path_buf());
        Ok(PickedFolder {
            token,
            path: path.display().to_string(),
        })
    }

    /// Lets `backups.pick_folder` answer with `dir`, for an adapter with no dialog (`serve` in
    /// the browser tests, when started with `CW_TEST_PICK_DIR`).
    pub fn offer_folder_to_pick(&self, dir: PathBuf) {
        *locked(&self.pick_offer) = Some(dir);
    }

    /// The folder registered under `token`.
    fn picked_folder(&self, token: &str) -> Result<PathBuf, CoreError> {
        locked(&self.picked).get(token).cloned().ok_or_else(|| {
            CoreError::BadArgs(
                "请先点「选择文件夹…」选择备份到哪里（每次打开程序后要重新选择）".into(),
            )
        })
    }
}

/// Runs `backups.pick_folder`: the folder offered to an adapter without a dialog.
pub(crate) fn run_pick(
    host: &dyn std::any::Any,
    _c: &HostCall<'_>,
    _a: Value,
) -> Result<Output, CoreError> {
    let app = app_of(host)?;
    let offered = locked(&app.pick_offer).clone().ok_or_else(|| {
        CoreError::BadArgs("这里不能选择文件夹：请在桌面程序中点「选择文件夹…」".into())
    })?;
    to_output(app.register_picked_folder(&offered)?)
}

/// Runs `backups.create_to` (a backup carried to the picked folder, encrypted).
pub(crate) fn run_create_to(
    host: &dyn std::any::Any,
    _c: &HostCall<'_>,
    args: Value,
) -> Result<Output, CoreError> {
    let app = app_of(host)?;
    let a: CreateToArgs = crate::commands::args_for("backups.create_to", args)?;
    let made = app
        .picked_folder(&a.token)
        .and_then(|dir| create_encrypted(app, &dir, &a.passphrase));
    // Like `backups.create`: the outcome shows as the backup state.
    if let Err(e) = &made {
        *locked(&app.backup_error) = Some(e.to_string());
    } else {
        *locked(&app.backup_error) = None;
    }
    to_output(made?)
}

/// Runs `backups.list_in`: the encrypted backups in a picked folder.
pub(crate) fn run_list_in(
    host: &dyn std::any::Any,
    _c: &HostCall<'_>,
    args: Value,
) -> Result<Output, CoreError> {
    let app = app_of(host)?;
    let a: PickedArgs = crate::commands::args_for("backups.list_in", args)?;
    let dir = app.picked_folder(&a.token)?;
    let found: Vec<EncryptedBackup> = crypt::list(&dir)?.iter().map(describe).collect();
    to_output(found)
}

/// Runs `backups.restore_from` (the table lets only the head, or recovery, in).
pub(crate) fn run_restore_from(
    host: &dyn std::any::Any,
    call: &HostCall<'_>,
    args: Value,
) -> Result<Output, CoreError> {
    let app = app_of(host)?;
    let a: RestoreFromArgs = crate::commands::args_for("backups.restore_from", args)?;
    let dir = app.picked_folder(&a.token)?;
    let file = crypt::list(&dir)?
        .into_iter()
        .find(|f| f.name == a.name)
        .ok_or_else(|| {
            CoreError::BadArgs(format!("所选文件夹里没有名为「{}」的加密备份", a.name))
        })?;
    let done: RestoreOutcome = restore::restore(
        app,
        Source::Encrypted {
            file: &file.path,
            name: &file.name,
            passphrase: &a.passphrase,
        },
        call.actor,
    )?;
    to_output(done)
}

fn describe(f: &crypt::EncryptedFile) -> EncryptedBackup {
    EncryptedBackup {
        name: f.name.clone(),
        path: f.path.display().to_string(),
        at: f.at.format("%Y-%m-%d %H:%M:%S").to_string(),
        reason: f.reason.clone(),
        reason_label: reason_label(&f.reason),
        size_bytes: std::fs::metadata(&f.path).map(|m| m.len()).unwrap_or(0),
    }
}

fn folder_exists(dir: &Path) -> Result<(), CoreError> {
    if dir.is_dir() {
        Ok(())
    } else {
        Err(CoreError::BadArgs(format!(
            "文件夹「{}」不存在（U 盘插好了吗？）",
            dir.display()
        )))
    }
}

/// Makes a checked backup in the data folder (plain, as every backup there), then writes it
/// encrypted with `passphrase` into `dir`, with the photos beside it. The passphrase must be the
/// one the head set: a typo would leave a copy nobody can open.
pub fn create_encrypted(
    app: &App,
    dir: &Path,
    passphrase: &str,
) -> Result<EncryptedBackup, CoreError> {
    folder_exists(dir)?;
    let db = app
        .path
        .clone()
        .ok_or_else(|| CoreError::BadArgs("内存中的数据库没有备份".into()))?;
    let guard = super::store_guard(app);
    let store = guard.as_ref().ok_or_else(|| super::damaged_error(app))?;
    let now = app.clock.now();
    let made = store.read(|conn| -> Result<PathBuf, CoreError> {
        passphrase::check(conn, passphrase)?;
        let plain = backup::create(conn, &backup::default_dir(&db), now, "manual")?;
        Ok(crypt::encrypt_into(&plain, dir, now, "manual", passphrase)?)
    })?;
    carry_photos(&db, dir)?;
    let file = crypt::list(dir)?
        .into_iter()
        .find(|f| f.path == made)
        .ok_or_else(|| CoreError::Internal("新备份不见了".into()))?;
    Ok(describe(&file))
}

/// Makes a checked, unencrypted backup in `dir` (the command line's `backup --to` while no
/// backup passphrase is set: the administrator at the PC is trusted, and is warned).
pub fn create_plain(app: &App, dir: &Path) -> Result<super::BackupInfo, CoreError> {
    folder_exists(dir)?;
    let guard = super::store_guard(app);
    let store = guard.as_ref().ok_or_else(|| super::damaged_error(app))?;
    let now = app.clock.now();
    let made = store.read(|conn| backup::create(conn, dir, now, "manual"))?;
    super::files::info_of_made(dir, &made)
}

/// Whether a backup passphrase is set in the App's file.
pub fn passphrase_is_set(app: &App) -> Result<bool, CoreError> {
    let guard = super::store_guard(app);
    let store = guard.as_ref().ok_or_else(|| super::damaged_error(app))?;
    store.read(|conn| Ok(passphrase::verifier(conn)?.is_some()))
}

/// The photos and scans go beside the encrypted copy, unencrypted (see the README): a restore
/// on a new PC needs them.
fn carry_photos(db: &Path, dir: &Path) -> Result<(), CoreError> {
    attachment_files::mirror(
        &attachment_files::dir_for(db),
        &attachment_files::backup_dir_for(dir),
    )
    .map(|_| ())
    .map_err(|e| {
        cw_store::StoreError::Backup(format!("复制附件：{}", cw_store::io_words::io_cn(&e))).into()
    })
}
