//! Reads that cannot write: while [`crate::Store::read`] runs, its connection is set to
//! `PRAGMA query_only`, so SQLite itself refuses any change, however the read's code was written.
//!
//! The flag belongs to the connection, so it is set for the read and cleared by a guard when the
//! read ends, by returning, by an error or by a panic. Setting it makes SQLite expire the
//! connection's prepared statements (each is prepared again at its next use): a few microseconds
//! a statement, paid once per read, against a read that could otherwise write without a
//! transaction, seals or an audit row.

use crate::StoreError;
use rusqlite::Connection;
use std::cell::Cell;

thread_local! {
    /// How many reads are running on this thread: SQLite reports a refused write as a read-only
    /// file would, and only this tells the two apart when the error is converted.
    static READING: Cell<u32> = const { Cell::new(0) };
}

/// Whether a [`crate::Store::read`] is running on this thread.
pub(crate) fn reading() -> bool {
    READING.with(|r| r.get() > 0)
}

/// Keeps the connection refusing writes until dropped.
pub(crate) struct QueryOnly<'c> {
    conn: &'c Connection,
}

impl<'c> QueryOnly<'c> {
    /// Sets the connection to refuse writes. Fails only if SQLite cannot run the pragma, in
    /// which case nothing was changed.
    pub(crate) fn begin(conn: &'c Connection) -> rusqlite::Result<QueryOnly<'c>> {
        // Not a cached statement: SQLite applies a flag pragma when it prepares it.
        conn.execute_batch("PRAGMA query_only = ON")?;
        READING.with(|r| r.set(r.get() + 1));
        Ok(QueryOnly { conn })
    }
}

impl Drop for QueryOnly<'_> {
    fn drop(&mut self) {
        READING.with(|r| r.set(r.get().saturating_sub(1)));
        if let Err(e) = self.conn.execute_batch("PRAGMA query_only = OFF") {
            // The next write then fails with SQLite's read-only error instead of writing; say
            // why, since a destructor cannot return it.
            eprintln!("只读操作结束后未能恢复写入（{e}）");
        }
    }
}

/// Runs `f` with writes allowed again on a connection that is in a read: for `VACUUM INTO`,
/// which SQLite counts as a write although it only writes the new file it names. An error of
/// `f` is the copy's own (a full disk, a folder that refuses the file), not a write in a read.
pub(crate) fn lifted<T>(
    conn: &Connection,
    f: impl FnOnce() -> rusqlite::Result<T>,
) -> Result<T, StoreError> {
    let on: bool = conn.query_row("PRAGMA query_only", [], |r| r.get(0))?;
    if !on {
        return Ok(f()?);
    }
    conn.execute_batch("PRAGMA query_only = OFF")?;
    let reads = READING.with(|r| r.replace(0));
    let out = f().map_err(StoreError::from);
    READING.with(|r| r.set(reads));
    conn.execute_batch("PRAGMA query_only = ON")?;
    out
}
