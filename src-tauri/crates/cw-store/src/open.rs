//! Opening the database file with the pragmas that keep it safe, and running transactions on it.

use crate::{migrations, StoreError};
use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

/// The one connection to the database file, shared by every command.
pub struct Store {
    conn: Mutex<Connection>,
    path: Option<PathBuf>,
}

impl Store {
    /// Opens (creating if missing) the database at `path` and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| StoreError::Open {
                path: path.display().to_string(),
                reason: e.to_string(),
            })?;
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(|e| StoreError::Open {
            path: path.display().to_string(),
            reason: e.to_string(),
        })?;
        Self::prepare(conn, Some(path.to_path_buf()))
    }

    /// A private in-memory database, for tests.
    pub fn open_in_memory() -> Result<Store, StoreError> {
        Self::prepare(Connection::open_in_memory()?, None)
    }

    fn prepare(mut conn: Connection, path: Option<PathBuf>) -> Result<Store, StoreError> {
        conn.busy_timeout(Duration::from_secs(5))?;
        // WAL with FULL sync: a committed write survives a power cut.
        let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
        if path.is_some() && !mode.eq_ignore_ascii_case("wal") {
            return Err(StoreError::Sqlite(format!(
                "无法启用 WAL 日志模式（{mode}）"
            )));
        }
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        migrations::migrate(&mut conn)?;
        Ok(Store {
            conn: Mutex::new(conn),
            path,
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

    /// Runs `f` on the connection for reading.
    pub fn read<T, E>(&self, f: impl FnOnce(&Connection) -> Result<T, E>) -> Result<T, E> {
        let conn = self.lock();
        f(&conn)
    }

    /// Runs `f` in one IMMEDIATE transaction: committed if `f` succeeds, rolled back otherwise.
    pub fn write<T, E: From<StoreError>>(
        &self,
        f: impl FnOnce(&Transaction<'_>) -> Result<T, E>,
    ) -> Result<T, E> {
        let mut conn = self.lock();
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(StoreError::from)?;
        let out = f(&tx)?;
        tx.commit().map_err(StoreError::from)?;
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_file_is_created_in_wal_mode_with_foreign_keys_on() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub").join("cw.db");
        let store = Store::open(&path).unwrap();
        assert!(path.exists());
        store
            .read(|c| {
                let mode: String = c.query_row("PRAGMA journal_mode", [], |r| r.get(0))?;
                let fk: i64 = c.query_row("PRAGMA foreign_keys", [], |r| r.get(0))?;
                let sync: i64 = c.query_row("PRAGMA synchronous", [], |r| r.get(0))?;
                assert_eq!(mode, "wal");
                assert_eq!(fk, 1);
                assert_eq!(sync, 2, "FULL");
                Ok::<_, rusqlite::Error>(())
            })
            .unwrap();
    }

    #[test]
    fn a_failed_write_leaves_nothing_behind() {
        let store = Store::open_in_memory().unwrap();
        let result: Result<(), StoreError> = store.write(|tx| {
            tx.execute("UPDATE settings SET campaign_year = 1 WHERE id = 1", [])?;
            tx.execute(
                "INSERT INTO zones (name, search_key, kind, created_at, updated_at) VALUES ('甲', '', '街道', '', '')",
                [],
            )?;
            Err(StoreError::Busy)
        });
        assert!(result.is_err());
        let zones: i64 = store
            .read(|c| c.query_row("SELECT count(*) FROM zones", [], |r| r.get(0)))
            .unwrap();
        assert_eq!(zones, 0);
    }

    #[test]
    fn the_bundled_sqlite_has_the_wal_reset_fix() {
        let v = rusqlite::version_number();
        assert!(v >= 3_051_003, "SQLite {v} is older than 3.51.3");
    }
}
