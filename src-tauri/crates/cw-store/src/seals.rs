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
    one("staff", "人员（含工资）"),
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

/// The sealed rows that are already not as the app left them, before a migration runs. A file
/// from before every money table was sealed ([`crate::migrations::SEALS_EVERY_MONEY_TABLE`])
/// had only fines, their corrections and receipts sealed: rows of the other tables are merely
/// not sealed yet, and are taken as they stand.
pub fn faulty_before_migration(
    conn: &Connection,
    version: i64,
) -> Result<HashSet<(String, i64)>, StoreError> {
    let has_seals = has_table(conn, "audit_log")?
        && conn
            .prepare("SELECT row_seal FROM audit_log LIMIT 0")
            .is_ok();
    if version == 0 || !has_seals {
        return Ok(HashSet::new());
    }
    const FIRST_SEALED: &[&str] = &["fines", "fine_corrections", "receipts"];
    let old = version < crate::migrations::SEALS_EVERY_MONEY_TABLE;
    Ok(check_against(conn, &seed_seals(version)?)?
        .into_iter()
        .filter(|p| !old || FIRST_SEALED.contains(&p.table))
        .map(|p| (p.table.to_string(), p.key))
        .collect())
}

/// Sealed rows by (place in [`SEALED`], key): the audit row holding the newest seal, and the seal.
type Known = HashMap<(usize, i64), (i64, String)>;

fn place(table: &str) -> Option<usize> {
    SEALED.iter().position(|s| s.table == table)
}

/// The newest seal of every sealed row the trail knows, with the audit row that holds it (0 for
/// a seed row the app has not changed).
fn newest_seals(
    conn: &Connection,
    seeds: &HashMap<(String, i64), String>,
) -> Result<Known, StoreError> {
    let mut out: Known = seeds
        .iter()
        .filter_map(|((t, k), seal)| Some(((place(t)?, *k), (0, seal.clone()))))
        .collect();
    let mut stmt = conn.prepare(
        "SELECT id, entity, entity_id, row_seal FROM audit_log
         WHERE row_seal IS NOT NULL AND entity_id IS NOT NULL ORDER BY id",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let entity = r.get_ref(1)?.as_str().unwrap_or_default();
        let Some(t) = place(entity) else {
            continue;
        };
        out.insert((t, r.get(2)?), (r.get(0)?, r.get(3)?));
    }
    Ok(out)
}

/// What is wrong with one sealed row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SealFault {
    /// The row differs from its newest seal (audit row `audit_id`).
    Altered { audit_id: i64 },
    /// The row has no seal at all: it was put in outside the app.
    Unsealed,
    /// The trail says the row exists (audit row `audit_id`), but it is gone.
    Missing { audit_id: i64 },
}

/// One sealed row that is not as the app left it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SealProblem {
    pub table: &'static str,
    pub key: i64,
    pub fault: SealFault,
}

impl SealProblem {
    /// The problem in Chinese, naming the record and the audit row.
    pub fn describe(&self) -> String {
        let label = sealed(self.table).map(|s| s.label).unwrap_or("记录");
        let what = format!("{label}第 {} 条（{} #{}）", self.key, self.table, self.key);
        match self.fault {
            SealFault::Altered { audit_id: 0 } => {
                format!("{what}与程序初始设置的内容不符：这条记录在程序之外被改动过")
            }
            SealFault::Altered { audit_id } => format!(
                "{what}与审计记录第 {audit_id} 条封存的内容不符：这条记录在程序之外被改动过"
            ),
            SealFault::Missing { audit_id: 0 } => {
                format!("{what}是程序初始设置的一部分，已不在数据文件里：它在程序之外被删除了")
            }
            SealFault::Unsealed => {
                format!("{what}没有对应的审计记录：它是在程序之外写进数据文件的")
            }
            SealFault::Missing { audit_id } => format!(
                "{what}已不在数据文件里，而审计记录第 {audit_id} 条封存过它：它在程序之外被删除了"
            ),
        }
    }
}

/// Every sealed row that differs from its newest seal, has none, or is gone, table by table.
pub fn check(conn: &Connection) -> Result<Vec<SealProblem>, StoreError> {
    check_against(conn, seeds())
}

fn check_against(
    conn: &Connection,
    seeds: &HashMap<(String, i64), String>,
) -> Result<Vec<SealProblem>, StoreError> {
    let known = newest_seals(conn, seeds)?;
    let mut problems = Vec::new();
    for (t, s) in SEALED.iter().enumerate() {
        if !has_table(conn, s.table)? {
            continue;
        }
        let mut present = HashSet::new();
        scan(conn, s, |key, now| {
            present.insert(key);
            let fault = match known.get(&(t, key)) {
                None => Some(SealFault::Unsealed),
                Some((audit_id, seal)) => (now != seal).then_some(SealFault::Altered {
                    audit_id: *audit_id,
                }),
            };
            if let Some(fault) = fault {
                problems.push(SealProblem {
                    table: s.table,
                    key,
                    fault,
                });
            }
        })?;
        let mut gone: Vec<(i64, i64)> = known
            .iter()
            .filter(|((i, k), (_, seal))| *i == t && seal != REMOVED && !present.contains(k))
            .map(|((_, k), (audit_id, _))| (*k, *audit_id))
            .collect();
        gone.sort_unstable();
        problems.extend(gone.into_iter().map(|(key, audit_id)| SealProblem {
            table: s.table,
            key,
            fault: SealFault::Missing { audit_id },
        }));
    }
    Ok(problems)
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
mod tests {
    use super::*;
    use crate::Store;

    const BY: SealedBy<'static> = SealedBy {
        at: "2026-11-29 09:00:00",
        actor: "tester",
        command: "fees.standards.create",
    };

    fn add_standard(tx: &Connection, monthly_fen: i64) -> Result<(), StoreError> {
        tx.execute(
            "INSERT INTO fee_standards (category, monthly_fen, effective_from, basis, created_at, created_by)
             VALUES ('住户', ?1, '2027-01', '', '2026-11-29 09:00:00', 'tester')",
            [monthly_fen],
        )?;
        flush(tx, &BY)?;
        Ok(())
    }

    #[test]
    fn a_new_file_and_the_rows_the_app_writes_are_all_sealed() {
        let store = Store::open_in_memory().unwrap();
        assert_eq!(store.read(check).unwrap(), vec![], "the seeded rows");
        store.write(|tx| add_standard(tx, 600)).unwrap();
        assert_eq!(store.read(check).unwrap(), vec![]);
    }

    #[test]
    fn a_row_changed_outside_the_app_stays_reported_after_the_apps_next_write() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("cw.db");
        let store = Store::open(&db).unwrap();
        store.write(|tx| add_standard(tx, 600)).unwrap();
        let outside = Connection::open(&db).unwrap();
        outside
            .execute_batch(
                "DROP TRIGGER fee_standards_no_update;
                 UPDATE fee_standards SET monthly_fen = 1 WHERE monthly_fen = 600;",
            )
            .unwrap();
        drop(outside);
        store.write(|tx| add_standard(tx, 700)).unwrap();
        let found = store.read(check).unwrap();
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].table, "fee_standards");
        assert!(matches!(found[0].fault, SealFault::Altered { .. }));
        assert!(
            found[0].describe().contains("收费标准"),
            "{}",
            found[0].describe()
        );
    }

    #[test]
    fn a_row_put_in_or_deleted_outside_the_app_is_reported() {
        let store = Store::open_in_memory().unwrap();
        store
            .read(|c| {
                c.execute_batch(
                    "DROP TRIGGER fee_standards_no_delete;
                     DELETE FROM fee_standards WHERE id = 1;
                     INSERT INTO fee_standards (category, monthly_fen, effective_from, basis, created_at, created_by)
                     VALUES ('门店', 1, '2027-01', '', 'x', 'x');",
                )
            })
            .unwrap();
        let found = store.read(check).unwrap();
        let faults: Vec<_> = found.iter().map(|p| (p.key, p.fault.clone())).collect();
        assert!(
            faults
                .iter()
                .any(|(k, f)| *k == 1 && matches!(f, SealFault::Missing { .. })),
            "{faults:?}"
        );
        assert!(
            faults.iter().any(|(_, f)| *f == SealFault::Unsealed),
            "{faults:?}"
        );
    }

    #[test]
    fn a_migration_that_adds_a_column_reseals_its_rows_but_not_rows_tampered_before() {
        let store = Store::open_in_memory().unwrap();
        store
            .read(|c| {
                c.execute_batch(
                    "DROP TRIGGER fee_standards_no_update;
                     UPDATE fee_standards SET monthly_fen = 1 WHERE id = 1;",
                )
            })
            .unwrap();
        store
            .write(|tx| {
                let faulty = faulty_before_migration(tx, crate::migrations::latest())?;
                tx.execute_batch(
                    "ALTER TABLE fee_standards ADD COLUMN note TEXT NOT NULL DEFAULT ''",
                )?;
                reseal(tx, &BY, &faulty)?;
                Ok::<_, StoreError>(())
            })
            .unwrap();
        let found = store.read(check).unwrap();
        assert_eq!(found.len(), 1, "only the row tampered before: {found:?}");
        assert_eq!((found[0].table, found[0].key), ("fee_standards", 1));
    }

    #[test]
    fn a_group_of_rows_is_sealed_as_one() {
        let store = Store::open_in_memory().unwrap();
        store
            .write(|tx| {
                tx.execute_batch(
                    "INSERT INTO staff (id, name, search_key, status, created_at, updated_at) VALUES (1, '甲', '', '在岗', '', '');
                     INSERT INTO staff (id, name, search_key, status, created_at, updated_at) VALUES (2, '乙', '', '在岗', '', '');
                     INSERT INTO zones (id, name, search_key, kind, created_at, updated_at) VALUES (1, '东段', '', '街道', '', '');
                     INSERT INTO zone_cleaners (zone_id, staff_id) VALUES (1, 1), (1, 2);",
                )?;
                flush(tx, &BY)?;
                Ok::<_, StoreError>(())
            })
            .unwrap();
        assert_eq!(store.read(check).unwrap(), vec![]);
        store
            .read(|c| c.execute_batch("DELETE FROM zone_cleaners WHERE staff_id = 2"))
            .unwrap();
        let found = store.read(check).unwrap();
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!((found[0].table, found[0].key), ("zone_cleaners", 1));
    }
}
