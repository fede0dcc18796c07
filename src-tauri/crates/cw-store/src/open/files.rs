//! The files around the database: its `-wal` and `-shm`, whether its folder or disk can be
//! written, and opening it for reading without writing anything.

use super::open_err;
use crate::{check, StoreError};
use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};

pub(super) fn wal_path(db: &Path, suffix: &str) -> PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Refuses a `-wal` or `-shm` beside the file that SQLite could not use (a folder, or one it
/// cannot read): opening would fail in a way that looks like damage, and a restore would be
/// offered for a file that is sound.
pub(super) fn usable_sidecars(path: &Path) -> Result<(), StoreError> {
    for suffix in ["-wal", "-shm"] {
        let side = wal_path(path, suffix);
        let name = side
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_else(|| suffix.to_string());
        let problem = match std::fs::metadata(&side) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Ok(m) if m.is_dir() => Some((
                "是一个文件夹，而它应当是数据库的日志文件".to_string(),
                "请把这个文件夹移走或改名后再打开。",
            )),
            Ok(_) => std::fs::File::open(&side).err().map(|e| {
                (
                    format!("无法读取（{e}）"),
                    "它可能存着最近保存的数据，请不要删除它，让它可以读写后再打开。",
                )
            }),
            Err(e) => Some((
                format!("无法读取（{e}）"),
                "它可能存着最近保存的数据，请不要删除它，让它可以读写后再打开。",
            )),
        };
        if let Some((problem, advice)) = problem {
            return Err(StoreError::Sidecar {
                name,
                problem,
                advice: advice.to_string(),
            });
        }
    }
    Ok(())
}

/// Why the file cannot be written where it is, if it cannot: the file is marked read-only, or
/// its folder or disk takes no new file (SQLite needs to create its `-wal` and `-shm` there).
/// The folder is tried by creating and removing a small file, the one test that tells a
/// read-only folder, mount or share apart on every system.
pub(super) fn read_only_place(path: &Path) -> Option<StoreError> {
    let meta = std::fs::metadata(path).ok()?;
    if meta.permissions().readonly() {
        return Some(StoreError::ReadOnly);
    }
    let try_file = wal_path(path, &format!(".write-test-{}", std::process::id()));
    match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&try_file)
    {
        Ok(f) => {
            drop(f);
            let _ = crate::file_ops::remove_if_present(&try_file);
            None
        }
        Err(e) if e.kind() == std::io::ErrorKind::ReadOnlyFilesystem => {
            Some(StoreError::ReadOnlyPlace {
                place: "磁盘".into(),
            })
        }
        Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => {
            Some(StoreError::ReadOnlyPlace {
                place: "文件夹".into(),
            })
        }
        // Any other failure (a leftover test file, say) is not evidence of a read-only place.
        Err(_) => None,
    }
}

/// Opens the file for reading without writing anything. On a read-only folder or disk a file in
/// WAL mode cannot be opened the usual way (SQLite cannot create its `-shm`); there, with no
/// `-wal` beside it, it is opened as immutable: nobody can change a file on a read-only disk.
pub(super) fn open_for_reading(path: &Path) -> Result<Connection, StoreError> {
    let conn = check::open_read_only(path)?;
    let readable = conn.query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0));
    let can_retry = readable.is_err()
        && matches!(
            read_only_place(path),
            Some(StoreError::ReadOnlyPlace { .. })
        )
        && !wal_path(path, "-wal").exists();
    if !can_retry {
        // A failure here is the caller's to classify (damage, a foreign file, …).
        return Ok(conn);
    }
    let uri = immutable_uri(path);
    Connection::open_with_flags(
        uri,
        OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI,
    )
    .map_err(|e| open_err(path, e))
}

/// `file:<path>?immutable=1`, the path percent-encoded where a URI needs it (and on Windows
/// written `/C:/…`).
pub(super) fn immutable_uri(path: &Path) -> String {
    let text = path.to_string_lossy();
    let text = if cfg!(windows) {
        text.replace('\\', "/")
    } else {
        text.to_string()
    };
    let mut out = String::from("file:");
    if text.as_bytes().get(1) == Some(&b':') {
        out.push('/');
    }
    for c in text.chars() {
        match c {
            '%' | '?' | '#' => out.push_str(&format!("%{:02X}", c as u32)),
            _ => out.push(c),
        }
    }
    out.push_str("?immutable=1");
    out
}
