//! Finding the sealed rows that are not as the app left them: altered, put in or deleted outside
//! the app, found by walking each sealed table against the newest seals of the trail.

use super::{scan, sealed, seed_seals, seeds, REMOVED, SEALED};
use crate::check::has_table;
use crate::StoreError;
use rusqlite::Connection;
use std::collections::{HashMap, HashSet};

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
