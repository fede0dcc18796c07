//! Opening the database file with the pragmas that keep it safe, and running transactions on it.

use crate::query_only::QueryOnly;
use crate::tail::{self, Tail};
use crate::{backup, check, migrations, seals, StoreError};
use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

mod files;

use files::{open_for_reading, read_only_place, usable_sidecars, wal_path};

/// The one connection to the database file, shared by every command.
pub struct Store {
    conn: Mutex<Connection>,
    path: Option<PathBuf>,
    /// Why writes are refused, when they are: a damaged or read-only file. Shared with the
    /// thread that checks a large file after it was opened (see [`Store::open_with`]).
    refusal: Refusal,
    /// The tail last written beside the file (see [`tail`]), so a commit rewrites it only when
    /// the trail grew.
    tail_seen: Mutex<Option<Tail>>,
}

/// Refuses a store's writes from another thread: the check of a large file that was deferred
/// at open sets it when the file turns out damaged.
#[derive(Clone, Default)]
pub struct Refusal(Arc<Mutex<Option<StoreError>>>);

impl Refusal {
    fn new(refusal: Option<StoreError>) -> Refusal {
        Refusal(Arc::new(Mutex::new(refusal)))
    }

    /// From now on, every write of the store is refused with `why`.
    pub fn refuse(&self, why: StoreError) {
        *self.0.lock().unwrap_or_else(|p| p.into_inner()) = Some(why);
    }

    fn get(&self) -> Option<StoreError> {
        self.0
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .as_ref()
            .map(clone_refusal)
    }
}

/// A store just opened, and whether its damage check is still to run.
pub struct Opened {
    pub store: Store,
    /// The file was larger than the limit given to [`Store::open_with`]: only its header and
    /// schema were looked at, and the caller must run [`check::quick_file`] (then
    /// [`Refusal::refuse`] on damage).
    pub check_deferred: bool,
}

fn open_err(path: &Path, reason: impl ToString) -> StoreError {
    StoreError::Open {
        path: path.display().to_string(),
        reason: reason.to_string(),
    }
}

/// Looks at an existing file without writing to it: a damaged file, a foreign file or -wal, a
/// file emptied to zero bytes while backups exist, and a newer file are refused here, before
/// anything (journal mode, migrations, a -wal merge) could change it.
fn probe(path: &Path, check_up_to: u64) -> Result<bool, StoreError> {
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            // A tail left from a file that was deleted belongs to no file now.
            tail::forget(path)?;
            return Ok(false);
        }
        Err(e) => return Err(open_err(path, e)),
    };
    if meta.is_dir() {
        return Err(open_err(path, "这是一个文件夹，不是数据文件"));
    }
    usable_sidecars(path)?;
    let has_wal = wal_path(path, "-wal").exists();
    if meta.len() == 0 && !has_wal {
        let backups = backup::list(&backup::default_dir(path)).unwrap_or_default();
        if !backups.is_empty() {
            return Err(StoreError::Damaged {
                reason: "数据文件是空的（0 字节），而备份文件夹里有备份".into(),
            });
        }
        tail::forget(path)?;
        return Ok(false);
    }
    let conn = open_for_reading(path)?;
    // A large file's full read would hold the window for seconds (7 s at 2.3 GB): its header and
    // schema are read here, the rest is checked on a thread once the app is up. Not when it is
    // about to be written by a migration, nor when it is read-only (no write would wait for the
    // check, so nothing would run it).
    let defer = meta.len() > check_up_to
        && !meta.permissions().readonly()
        && migrations::current(&conn)? >= migrations::latest();
    if !defer {
        check::quick_verdict(&conn)?;
    }
    check::ensure_ours(&conn)?;
    tail::verify(&conn, path)?;
    Ok(defer)
}

impl Store {
    /// Opens (creating if missing) the database at `path` and brings its schema up to date.
    /// A damaged file is refused with [`StoreError::Damaged`] and left exactly as it was (see
    /// [`Store::open_read_only`]); a file marked read-only is opened for reading only. Pending
    /// migrations of an existing file are preceded by a backup (reason `migrate`).
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        Self::open_with(path, u64::MAX).map(|o| o.store)
    }

    /// Like [`Store::open`], but a file larger than `check_up_to` bytes is not read through at
    /// open: only its header and schema are looked at, and [`Opened::check_deferred`] says the
    /// caller must run the quick check itself.
    pub fn open_with(path: &Path, check_up_to: u64) -> Result<Opened, StoreError> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| open_err(path, e))?;
        }
        let check_deferred = probe(path, check_up_to)?;
        if let Some(why) = read_only_place(path) {
            let store = Store {
                conn: Mutex::new(open_for_reading(path)?),
                path: Some(path.to_path_buf()),
                refusal: Refusal::new(Some(clone_refusal(&why))),
                tail_seen: Mutex::new(None),
            };
            let pending = store.read(migrations::current)? < migrations::latest();
            if pending {
                return Err(why);
            }
            return Ok(Opened {
                store,
                check_deferred,
            });
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(|e| open_err(path, e))?;
        if conn.is_readonly(rusqlite::MAIN_DB)? {
            return Err(StoreError::ReadOnly);
        }
        Ok(Opened {
            store: Self::prepare(conn, Some(path.to_path_buf()))?,
            check_deferred,
        })
    }

    /// Opens a file for reading only, refusing every write with `refusal`: a damaged file can
    /// still be looked at (and backed up from) without being changed.
    pub fn open_read_only(path: &Path, refusal: StoreError) -> Result<Store, StoreError> {
        let conn = check::open_read_only(path)?;
        Ok(Store {
            conn: Mutex::new(conn),
            path: Some(path.to_path_buf()),
            refusal: Refusal::new(Some(refusal)),
            tail_seen: Mutex::new(None),
        })
    }

    /// A private in-memory database, for tests.
    pub fn open_in_memory() -> Result<Store, StoreError> {
        Self::prepare(Connection::open_in_memory()?, None)
    }

    /// Why writes are refused, if they are.
    pub fn refusal(&self) -> Option<StoreError> {
        self.refusal.get()
    }

    /// A handle that refuses this store's writes from another thread.
    pub fn refusal_handle(&self) -> Refusal {
        self.refusal.clone()
    }

    fn prepare(mut conn: Connection, path: Option<PathBuf>) -> Result<Store, StoreError> {
        conn.busy_timeout(Duration::from_secs(5))?;
        // Writes reuse their statements (an import runs a handful per record); 16 is too few.
        conn.set_prepared_statement_cache_capacity(64);
        // WAL with FULL sync: a committed write survives a power cut.
        let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
        if path.is_some() && !mode.eq_ignore_ascii_case("wal") {
            return Err(StoreError::Sqlite(format!(
                "无法启用 WAL 日志模式（{mode}）"
            )));
        }
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        let found = migrations::current(&conn)?;
        if let Some(p) = &path {
            if found > 0 && found < migrations::latest() {
                // A risky act: keep the file as it was before its schema changes.
                let now = chrono::Local::now().naive_local();
                backup::create(&conn, &backup::default_dir(p), now, "migrate")?;
            }
        }
        migrations::migrate(&mut conn)?;
        seals::install_journal(&conn)?;
        let tail_seen = match &path {
            Some(p) => {
                let now = tail::of(&conn)?;
                if let Some(t) = &now {
                    if tail::read(p).as_ref() != Some(t) {
                        tail::write(p, t)?;
                    }
                }
                now
            }
            None => None,
        };
        Ok(Store {
            conn: Mutex::new(conn),
            path,
            refusal: Refusal::default(),
            tail_seen: Mutex::new(tail_seen),
        })
    }

    /// The file behind the store, if any.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    fn lock(&self) -> MutexGuard<'_, Connection> {
        // A panic while holding the lock cannot leave a half-done transaction behind
        // (rusqlite rolls back on drop), so the connection is still usable.
        self.conn.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Runs `f` on the connection for reading. SQLite refuses any change `f` attempts (see
    /// [`crate::query_only`]): the statement fails, its error converts to
    /// [`StoreError::WriteInRead`], and nothing is changed.
    pub fn read<T, E>(&self, f: impl FnOnce(&Connection) -> Result<T, E>) -> Result<T, E> {
        let conn = self.lock();
        // The pragma touches no file, so only a SQLite out of memory fails it; `E` is the
        // caller's and cannot carry a store error, so the read then goes ahead unguarded.
        let _query_only = QueryOnly::begin(&conn)
            .map_err(|e| eprintln!("未能把这次读取设为只读（{e}）"))
            .ok();
        f(&conn)
    }

    /// Runs `f` on the bare connection, writes allowed and outside any transaction: tests play
    /// another program editing the file with it, on a store they keep in memory.
    #[cfg(test)]
    pub(crate) fn outside<T>(&self, f: impl FnOnce(&Connection) -> T) -> T {
        f(&self.lock())
    }

    /// Runs `f` in one IMMEDIATE transaction: committed if `f` succeeds, rolled back otherwise.
    pub fn write<T, E: From<StoreError>>(
        &self,
        f: impl FnOnce(&Transaction<'_>) -> Result<T, E>,
    ) -> Result<T, E> {
        if let Some(refusal) = self.refusal.get() {
            return Err(E::from(refusal));
        }
        let mut conn = self.lock();
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(StoreError::from)?;
        let out = f(&tx)?;
        let tail_now = match self.path {
            Some(_) => tail::of(&tx)?,
            None => None,
        };
        tx.commit().map_err(StoreError::from)?;
        drop(conn);
        self.note_tail(tail_now);
        Ok(out)
    }

    /// Writes the tail beside the file after a commit that grew the trail. The commit stands
    /// whatever happens here: a tail that could not be written only leaves the file ahead of it.
    fn note_tail(&self, now: Option<Tail>) {
        let (Some(path), Some(now)) = (&self.path, now) else {
            return;
        };
        let mut seen = self.tail_seen.lock().unwrap_or_else(|p| p.into_inner());
        if seen.as_ref() == Some(&now) {
            return;
        }
        if let Err(e) = tail::write(path, &now) {
            eprintln!("{e}");
        }
        *seen = Some(now);
    }
}

fn clone_refusal(e: &StoreError) -> StoreError {
    match e {
        StoreError::Damaged { reason } => StoreError::Damaged {
            reason: reason.clone(),
        },
        StoreError::ReadOnlyPlace { place } => StoreError::ReadOnlyPlace {
            place: place.clone(),
        },
        StoreError::WentBack {
            seen,
            found,
            elsewhere,
        } => StoreError::WentBack {
            seen: *seen,
            found: *found,
            elsewhere: *elsewhere,
        },
        _ => StoreError::ReadOnly,
    }
}

#[cfg(test)]
mod tests;
