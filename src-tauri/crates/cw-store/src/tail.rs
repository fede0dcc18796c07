//! The chain's tail, kept outside the database: after each commit the app writes the newest audit
//! row's number and hash to `<database>.tail`. A file whose trail ends earlier or elsewhere has
//! gone backwards (an old `-wal` or an old copy put back beside it, rows deleted at the end) and
//! is refused for writing at open, before SQLite's recovery can make the loss permanent.

use crate::StoreError;
use rusqlite::{Connection, OptionalExtension};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// The newest audit row the app saw committed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tail {
    pub id: i64,
    pub hash: String,
}

const MAGIC: &str = "cw-tail 1";

/// The sidecar beside a database: `chuangwei.db` → `chuangwei.db.tail`.
pub fn path(db: &Path) -> PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push(".tail");
    PathBuf::from(name)
}

fn checksum(body: &str) -> String {
    hex::encode(&Sha256::digest(body.as_bytes())[..8])
}

/// The tail recorded beside `db`; `None` when there is none or it is unreadable (a torn write
/// is caught by its checksum and counts as none: the next commit writes it again).
pub fn read(db: &Path) -> Option<Tail> {
    let text = std::fs::read_to_string(path(db)).ok()?;
    let mut parts = text.split_whitespace();
    let (m1, m2) = (parts.next()?, parts.next()?);
    let id: i64 = parts.next()?.parse().ok()?;
    let hash = parts.next()?.to_string();
    let sum = parts.next()?;
    let body = format!("{m1} {m2} {id} {hash}");
    (body.starts_with(MAGIC) && checksum(&body) == sum).then_some(Tail { id, hash })
}

/// Records `tail` beside `db`. Not flushed: if it is lost in a power cut the file is merely
/// ahead of it, which is allowed.
pub fn write(db: &Path, tail: &Tail) -> Result<(), StoreError> {
    let body = format!("{MAGIC} {} {}", tail.id, tail.hash);
    let text = format!("{body} {}\n", checksum(&body));
    crate::file_ops::write(&path(db), text.as_bytes()).map_err(|e| StoreError::Open {
        path: path(db).display().to_string(),
        reason: format!("无法记录审计记录的末尾：{}", crate::io_words::io_cn(&e)),
    })
}

/// Forgets the tail: a restore (or a new file) starts a history of its own.
pub fn forget(db: &Path) -> Result<(), StoreError> {
    crate::file_ops::remove_if_present(&path(db)).map_err(|e| StoreError::Open {
        path: path(db).display().to_string(),
        reason: crate::io_words::io_cn(&e),
    })
}

/// The newest audit row of an open database, if the trail has any.
pub fn of(conn: &Connection) -> Result<Option<Tail>, StoreError> {
    Ok(conn
        .prepare_cached("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1")?
        .query_row([], |r| {
            Ok(Tail {
                id: r.get(0)?,
                hash: r.get(1)?,
            })
        })
        .optional()?)
}

/// Refuses a database whose trail does not reach, with the same hash, the tail recorded beside
/// it. A file ahead of its tail (a commit whose tail write was cut short) is accepted.
pub fn verify(conn: &Connection, db: &Path) -> Result<(), StoreError> {
    let Some(seen) = read(db) else {
        return Ok(());
    };
    let has_trail = crate::check::has_table(conn, "audit_log")?;
    let found: Option<String> = if has_trail {
        conn.query_row("SELECT hash FROM audit_log WHERE id = ?1", [seen.id], |r| {
            r.get(0)
        })
        .optional()?
    } else {
        None
    };
    if found.as_deref() == Some(seen.hash.as_str()) {
        return Ok(());
    }
    let last = if has_trail {
        of(conn)?.map(|t| t.id)
    } else {
        None
    };
    Err(StoreError::WentBack {
        seen: seen.id,
        found: last.unwrap_or(0),
        elsewhere: found.is_some(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tail_reads_back_as_written_and_a_torn_one_reads_as_none() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("cw.db");
        assert_eq!(read(&db), None);
        let t = Tail {
            id: 42,
            hash: "ab".repeat(32),
        };
        write(&db, &t).unwrap();
        assert_eq!(read(&db), Some(t));
        let text = std::fs::read_to_string(path(&db)).unwrap();
        std::fs::write(path(&db), &text[..text.len() - 5]).unwrap();
        assert_eq!(read(&db), None, "checksum cut short");
        std::fs::write(path(&db), text.replace("42", "41")).unwrap();
        assert_eq!(read(&db), None, "number changed under its checksum");
    }
}
