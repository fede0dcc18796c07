//! The writer lock: an exclusive OS lock on `<database>.lock`, held by the app or `chuangwei serve`
//! for as long as it runs, so that the command line cannot write behind its back. The OS drops
//! the lock when the process ends, even when it is killed, so a crash never leaves it stuck.

use crate::StoreError;
use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};

/// The lock file beside a database: `chuangwei.db` → `chuangwei.db.lock`.
pub fn lock_path(db: &Path) -> PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push(".lock");
    PathBuf::from(name)
}

/// A held writer lock; dropping it releases the lock.
#[derive(Debug)]
pub struct WriterLock {
    _file: File,
}

/// Takes the writer lock of `db` if no other process holds it; `Ok(None)` when one does.
pub fn try_acquire(db: &Path) -> Result<Option<WriterLock>, StoreError> {
    let path = lock_path(db);
    let file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&path)
        .map_err(|e| StoreError::Open {
            path: path.display().to_string(),
            reason: e.to_string(),
        })?;
    match file.try_lock() {
        Ok(()) => Ok(Some(WriterLock { _file: file })),
        Err(std::fs::TryLockError::WouldBlock) => Ok(None),
        Err(std::fs::TryLockError::Error(e)) => Err(StoreError::Open {
            path: path.display().to_string(),
            reason: e.to_string(),
        }),
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
}
