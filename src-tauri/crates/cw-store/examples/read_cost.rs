//! What a read's refusal to write costs: the same reads timed on a bare connection, with the
//! `query_only` pragma set and cleared around each, and through `Store::read`.
//!
//! `cargo run --release -p cw-store --example read_cost`

use cw_store::rusqlite::Connection;
use cw_store::{Store, StoreError};
use std::time::Instant;

const READS: u32 = 20_000;

/// Five different statements, as a list screen runs (a count, a page, look-ups).
const QUERIES: [&str; 5] = [
    "SELECT count(*) FROM zones",
    "SELECT count(*) FROM staff WHERE status = '在岗'",
    "SELECT count(*) FROM settings",
    "SELECT count(*) FROM parties WHERE status = 'active'",
    "SELECT ifnull(max(id), 0) FROM audit_log",
];

fn one_read(c: &Connection, statements: usize) -> Result<i64, StoreError> {
    let mut sum = 0;
    for sql in &QUERIES[..statements] {
        sum += c
            .prepare_cached(sql)?
            .query_row([], |r| r.get::<_, i64>(0))?;
    }
    Ok(sum)
}

fn per_read(label: &str, statements: usize, mut f: impl FnMut() -> Result<i64, StoreError>) {
    let start = Instant::now();
    for _ in 0..READS {
        if let Err(e) = f() {
            eprintln!("{label}: {e}");
            return;
        }
    }
    let us = start.elapsed().as_secs_f64() * 1e6 / f64::from(READS);
    println!("{label:<34} {statements} 条语句  {us:>7.2} µs/次");
}

fn main() -> Result<(), StoreError> {
    let dir = tempfile::tempdir().map_err(|e| StoreError::Sqlite(e.to_string()))?;
    let path = dir.path().join("cw.db");
    let store = Store::open(&path)?;
    let bare = Connection::open(&path)?;
    for statements in [1, 5] {
        per_read("裸连接", statements, || one_read(&bare, statements));
        per_read("裸连接 + query_only 开关", statements, || {
            bare.execute_batch("PRAGMA query_only = ON")?;
            let out = one_read(&bare, statements);
            bare.execute_batch("PRAGMA query_only = OFF")?;
            out
        });
        per_read("Store::read", statements, || {
            store.read(|c| one_read(c, statements))
        });
    }
    Ok(())
}
