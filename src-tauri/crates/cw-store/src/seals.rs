//! Seals on every row that money depends on: each change the app makes to such a row leaves, in
//! the hash-chained audit trail, the hash of the row as written; `check` walks the tables and the
//! trail and reports any row that differs from its newest seal, has none, or is gone.
//!
//! Which rows a write changed is found by TEMP triggers on this connection only: a tool that
//! edits the file outside the app fires none of them, so its change is never sealed (laundered)
//! by the app's next write.

use crate::check::has_table;
use crate::StoreError;
use rusqlite::{params, Connection, OptionalExtension};
use sha2::{Digest, Sha256};
use std::collections::{HashMap, HashSet};

mod faults;

pub use faults::{check, faulty_before_migration, SealFault, SealProblem};

/// One sealed table: rows are sealed one by one (`key` = `id`) or, for a table keyed by two
/// columns, as the group of rows sharing `key` (a zone's cleaners, a batch's collectors).
#[derive(Debug, Clone, Copy)]
pub struct Sealed {
    pub table: &'static str,
    /// The column that identifies what is sealed, kept as the audit row's `entity_id`.
    pub key: &'static str,
    /// The rows of a group in a stable order (the table's primary key).
    pub order: &'static str,
    /// The clerk's name for one of its rows.
    pub label: &'static str,
}

const fn one(table: &'static str, label: &'static str) -> Sealed {
    Sealed {
        table,
        key: "id",
        order: "id",
        label,
    }
}

/// Every table whose rows money depends on: what was charged and paid, the rules and standards
/// that priced it, the people and households it was charged to, and who counted what.
pub const SEALED: &[Sealed] = &[
    one("fines", "罚款记录"),
    one("fine_corrections", "罚款作废/冲销记录"),
    one("receipts", "收据"),
    one("receipt_voids", "收据作废记录"),
    one("receipt_serial_marks", "收据号标记（空号作废/遗失）"),
    one("receipt_books", "收据本"),
    one("receipt_book_events", "收据本发放/交回记录"),
    one("collection_batches", "收费批次"),
    Sealed {
        table: "collection_batch_collectors",
        key: "batch_id",
        order: "staff_id",
        label: "收费批次的收费员名单",
    },
    one("batch_closings", "批次结账（清点现金）"),
    one("collector_compensations", "收费员赔补"),
    one("collector_repayments", "收费员还款"),
    one("batch_adjustments", "批次调整"),
    one("remittances", "上解记录"),
    one("fee_standards", "收费标准"),
    one("fee_exemptions", "减免"),
    one("fee_exemption_revocations", "减免撤销"),
    one("fee_settings", "收费设置"),
    one("month_closes", "月份结账"),
    one("schedule_versions", "罚款标准版本"),
    one("schedule_items", "罚款标准条目"),
    one("assessment_settings", "考核设置"),
    one("inspections", "检查记录"),
    one("inspection_corrections", "检查记录更正"),
    one("pay_rules", "计薪规则版本"),
    one("attendance_marks", "出勤记录"),
    one("tools", "保洁工具领用记录"),
    one("tool_events", "保洁工具归还/遗失记录"),
    one("fine_payments", "罚款缴纳记录"),
    one("fine_payment_voids", "罚款缴纳作废记录"),
    one("staff", "人员（含工资）"),
    one("staff_periods", "人员以往在岗期间"),
    Sealed {
        table: "zone_cleaners",
        key: "zone_id",
        order: "staff_id",
        label: "责任区的保洁员名单",
    },
    one("parties", "住户/门店（含收费类别）"),
];

/// The seal of a group whose rows are all gone: a removal the app made itself.
pub const REMOVED: &str = "removed";

/// The sealed table named `table`, if it is one.
pub fn sealed(table: &str) -> Option<&'static Sealed> {
    SEALED.iter().find(|s| s.table == table)
}

/// The seal of `table`'s row (or group) `key`: a hash over every column's name, type and value,
/// or `None` when there is no such row. A single row hashes exactly as seals always have, so
/// the seals written before every money table was sealed still match.
pub fn seal_of(conn: &Connection, table: &str, key: i64) -> Result<Option<String>, StoreError> {
    let Some(s) = sealed(table) else {
        return Ok(None);
    };
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT * FROM {} WHERE {} = ?1 ORDER BY {}",
        s.table, s.key, s.order
    ))?;
    let names: Vec<String> = stmt.column_names().map(|n| n.to_string()).collect();
    let mut rows = stmt.query([key])?;
    let mut h = Sha256::new();
    let mut any = false;
    while let Some(row) = rows.next()? {
        any = true;
        hash_row(&mut h, &names, row)?;
    }
    Ok(any.then(|| hex::encode(h.finalize())))
}

fn hash_row(h: &mut Sha256, names: &[String], row: &rusqlite::Row<'_>) -> Result<(), StoreError> {
    use rusqlite::types::ValueRef;
    for (i, name) in names.iter().enumerate() {
        h.update((name.len() as u64).to_le_bytes());
        h.update(name.as_bytes());
        match row.get_ref(i)? {
            ValueRef::Null => h.update([0u8]),
            ValueRef::Integer(v) => {
                h.update([1u8]);
                h.update(v.to_le_bytes());
            }
            ValueRef::Real(v) => {
                h.update([2u8]);
                h.update(v.to_bits().to_le_bytes());
            }
            ValueRef::Text(t) | ValueRef::Blob(t) => {
                h.update([3u8]);
                h.update((t.len() as u64).to_le_bytes());
                h.update(t);
            }
        }
    }
    Ok(())
}

/// Sets up, on this connection only, the journal of the sealed rows a transaction changes.
pub fn install_journal(conn: &Connection) -> Result<(), StoreError> {
    conn.execute_batch(
        "CREATE TEMP TABLE IF NOT EXISTS seal_journal (
           tbl TEXT NOT NULL, key INTEGER NOT NULL, PRIMARY KEY (tbl, key)) WITHOUT ROWID;",
    )?;
    for s in SEALED {
        if !has_table(conn, s.table)? {
            continue;
        }
        let (t, k) = (s.table, s.key);
        let mut sql = String::new();
        for (event, row) in [("INSERT", "NEW"), ("DELETE", "OLD"), ("UPDATE", "OLD")] {
            sql.push_str(&format!(
                "CREATE TEMP TRIGGER IF NOT EXISTS seal_journal_{t}_{event} AFTER {event} ON main.{t}
                 BEGIN INSERT OR IGNORE INTO temp.seal_journal VALUES ('{t}', {row}.{k});{}
                 END;\n",
                if event == "UPDATE" {
                    format!(" INSERT OR IGNORE INTO temp.seal_journal VALUES ('{t}', NEW.{k});")
                } else {
                    String::new()
                }
            ));
        }
        conn.execute_batch(&sql)?;
    }
    Ok(())
}

/// Who and when for the seal rows a write leaves.
pub struct SealedBy<'a> {
    pub at: &'a str,
    pub actor: &'a str,
    pub command: &'a str,
}

/// The seals of the rows a new file starts with (the fee standards, the fine schedule, the
/// settings the migrations put in): they are part of the program, not of anyone's work, so a
/// file's trail starts empty and such a row, until the app first changes it, must equal its seed.
fn seeds() -> &'static HashMap<(String, i64), String> {
    static SEEDS: std::sync::OnceLock<HashMap<(String, i64), String>> = std::sync::OnceLock::new();
    SEEDS.get_or_init(|| seed_seals(crate::migrations::latest()).unwrap_or_default())
}

/// The seals of the seed rows of a new file at schema `version` (a row's seal depends on the
/// table's columns, so an upgrade compares the file with the seeds of its own version).
fn seed_seals(version: i64) -> Result<HashMap<(String, i64), String>, StoreError> {
    let mut fresh = Connection::open_in_memory()?;
    let tx = fresh.transaction()?;
    for (_, sql) in crate::migrations::MIGRATIONS
        .iter()
        .take(version.max(0) as usize)
    {
        tx.execute_batch(sql)?;
    }
    tx.commit()?;
    let mut out = HashMap::new();
    for s in SEALED {
        if !has_table(&fresh, s.table)? {
            continue;
        }
        scan(&fresh, s, |key, seal| {
            out.insert((s.table.to_string(), key), seal.to_string());
        })?;
    }
    Ok(out)
}

/// The seal `table` row `key` must have: its newest in the trail, else its seed's.
fn expected_seal(conn: &Connection, table: &str, key: i64) -> Result<Option<String>, StoreError> {
    Ok(newest_seal(conn, table, key)?.or_else(|| seeds().get(&(table.to_string(), key)).cloned()))
}

/// The newest seal the trail holds for `table` row `key`.
fn newest_seal(conn: &Connection, table: &str, key: i64) -> Result<Option<String>, StoreError> {
    Ok(conn
        .prepare_cached(
            "SELECT row_seal FROM audit_log
             WHERE entity = ?1 AND entity_id = ?2 AND row_seal IS NOT NULL
             ORDER BY id DESC LIMIT 1",
        )?
        .query_row(params![table, key], |r| r.get::<_, String>(0))
        .optional()?)
}

/// Seals, in the caller's transaction, every sealed row this connection changed since the last
/// call and whose newest seal no longer matches; returns how many seal rows were written.
pub fn flush(conn: &Connection, by: &SealedBy<'_>) -> Result<usize, StoreError> {
    let has_journal = conn
        .query_row(
            "SELECT 1 FROM temp.sqlite_master WHERE name = 'seal_journal'",
            [],
            |_| Ok(()),
        )
        .optional()?
        .is_some();
    if !has_journal {
        return Ok(0);
    }
    let changed: Vec<(String, i64)> = conn
        .prepare_cached("SELECT tbl, key FROM temp.seal_journal ORDER BY tbl, key")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    let mut written = 0;
    for (table, key) in changed {
        let now = seal_of(conn, &table, key)?.unwrap_or_else(|| REMOVED.to_string());
        let newest = expected_seal(conn, &table, key)?;
        if newest.as_deref() == Some(now.as_str()) || (newest.is_none() && now == REMOVED) {
            continue;
        }
        write_seal(conn, by, &table, key, &now)?;
        written += 1;
    }
    conn.execute("DELETE FROM temp.seal_journal", [])?;
    Ok(written)
}

fn write_seal(
    conn: &Connection,
    by: &SealedBy<'_>,
    table: &str,
    key: i64,
    seal: &str,
) -> Result<(), StoreError> {
    crate::audit::record(
        conn,
        &crate::audit::AuditEntry {
            at: by.at,
            actor: by.actor,
            command: by.command,
            entity: table,
            entity_id: Some(key),
            before: None,
            after: None,
            row_seal: Some(seal),
        },
    )?;
    Ok(())
}

/// Seals every row that a migration made or changed: each row of a sealed table whose newest
/// seal is missing or differs, and each sealed row a migration removed, except the rows in
/// `faulty` (found altered outside the app before the migration ran: they stay reported).
pub fn reseal(
    conn: &Connection,
    by: &SealedBy<'_>,
    faulty: &HashSet<(String, i64)>,
) -> Result<usize, StoreError> {
    let mut written = 0;
    for p in check(conn)? {
        if faulty.contains(&(p.table.to_string(), p.key)) {
            continue;
        }
        let seal = seal_of(conn, p.table, p.key)?.unwrap_or_else(|| REMOVED.to_string());
        write_seal(conn, by, p.table, p.key, &seal)?;
        written += 1;
    }
    Ok(written)
}

/// Every row (or group) of `s` with its seal as it stands, in key order, read in one pass: the
/// same hash as [`seal_of`] gives, without a query per row (a million rows at ten times the
/// community).
fn scan(conn: &Connection, s: &Sealed, mut f: impl FnMut(i64, &str)) -> Result<(), StoreError> {
    let mut stmt = conn.prepare(&format!(
        "SELECT * FROM {} ORDER BY {}, {}",
        s.table, s.key, s.order
    ))?;
    let names: Vec<String> = stmt.column_names().map(|n| n.to_string()).collect();
    let at = names
        .iter()
        .position(|n| n == s.key)
        .ok_or_else(|| StoreError::Sqlite(format!("表 {} 没有 {} 列", s.table, s.key)))?;
    let mut rows = stmt.query([])?;
    let mut group: Option<(i64, Sha256)> = None;
    while let Some(row) = rows.next()? {
        let key: i64 = row.get(at)?;
        match &mut group {
            Some((k, h)) if *k == key => hash_row(h, &names, row)?,
            _ => {
                if let Some((k, h)) = group.take() {
                    f(k, &hex::encode(h.finalize()));
                }
                let mut h = Sha256::new();
                hash_row(&mut h, &names, row)?;
                group = Some((key, h));
            }
        }
    }
    if let Some((k, h)) = group {
        f(k, &hex::encode(h.finalize()));
    }
    Ok(())
}

/// A condition on `audit_log` rows that leaves out the seal rows (no change of their own to show).
pub const NOT_A_SEAL_ROW: &str =
    "NOT (before_json IS NULL AND after_json IS NULL AND row_seal IS NOT NULL)";

#[cfg(test)]
mod tests;
