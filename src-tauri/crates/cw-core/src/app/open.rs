//! Opening an App: on a file (taking the writer lock, checking for damage, backing up at start) or in memory.

use super::*;

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
            picked: Mutex::default(),
            pick_offer: Mutex::default(),
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
            picked: Mutex::default(),
            pick_offer: Mutex::default(),
        })
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
}
