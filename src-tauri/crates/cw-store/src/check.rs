//! Checking a database: SQLite's integrity and foreign-key checks and the audit hash chain, each
//! problem said in Chinese so the clerk (and `chuangwei check`) can read it.

use crate::{audit, derived, migrations, seals, tail, StoreError};
use rusqlite::{Connection, OpenFlags, OptionalExtension};
use serde::Serialize;
use std::path::Path;

/// What a full check found; empty lists mean the file is sound.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CheckReport {
    /// Lines of `PRAGMA integrity_check` other than `ok`.
    pub integrity: Vec<String>,
    /// Rows pointing at records that do not exist, in Chinese.
    pub foreign_keys: Vec<String>,
    /// The id of the first audit row that breaks the hash chain.
    pub broken_link: Option<i64>,
    /// That row, described in Chinese.
    pub broken_link_detail: Option<String>,
    /// Sealed rows altered, put in or deleted outside the app, in Chinese.
    pub seals: Vec<String>,
    /// Kept counts and search data that disagree with what they derive from, in Chinese.
    pub derived: Vec<String>,
    /// The trail ends before the tail recorded beside the file (see [`tail`]), in Chinese.
    pub went_back: Option<String>,
}

impl CheckReport {
    /// True when nothing was found.
    pub fn ok(&self) -> bool {
        self.integrity.is_empty()
            && self.foreign_keys.is_empty()
            && self.broken_link.is_none()
            && self.seals.is_empty()
            && self.derived.is_empty()
            && self.went_back.is_none()
    }

    /// Every problem as one Chinese line each.
    pub fn problems(&self) -> Vec<String> {
        let mut out: Vec<String> = self
            .integrity
            .iter()
            .take(20)
            .map(|l| format!("数据库结构检查：{l}"))
            .collect();
        out.extend(self.foreign_keys.iter().take(20).cloned());
        if let Some(d) = &self.broken_link_detail {
            out.push(d.clone());
        }
        out.extend(self.went_back.iter().cloned());
        out.extend(self.seals.iter().take(50).cloned());
        if self.seals.len() > 50 {
            out.push(format!("……另有 {} 条记录与封存不符", self.seals.len() - 50));
        }
        out.extend(self.derived.iter().take(20).cloned());
        out
    }
}

/// Opens a file for checking only: nothing is written to it (a -wal beside it is read, not merged).
pub fn open_read_only(path: &Path) -> Result<Connection, StoreError> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| StoreError::Open {
        path: path.display().to_string(),
        reason: e.to_string(),
    })?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    Ok(conn)
}

/// Whether the file holds the table `name` (of the main schema; a virtual table counts).
pub(crate) fn has_table(conn: &Connection, name: &str) -> Result<bool, StoreError> {
    Ok(conn
        .query_row(
            "SELECT 1 FROM main.sqlite_master WHERE type = 'table' AND name = ?1",
            [name],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

/// `PRAGMA quick_check`: the problems found, empty when the file is sound.
pub fn quick(conn: &Connection) -> Result<Vec<String>, StoreError> {
    pragma_lines(conn, "PRAGMA quick_check")
}

/// `PRAGMA quick_check` as a verdict: `Damaged` naming the problems, or `Busy`, or sound. A
/// failure to read the file through (e.g. a short read) is damage too.
pub fn quick_verdict(conn: &Connection) -> Result<(), StoreError> {
    let problems = match quick(conn) {
        Ok(problems) => problems,
        Err(StoreError::Damaged { reason }) => vec![reason],
        Err(e @ StoreError::Busy) => return Err(e),
        Err(e) => vec![e.to_string()],
    };
    if problems.is_empty() {
        return Ok(());
    }
    Err(StoreError::Damaged {
        reason: format!("快速检查发现问题：{}", problems.join("；")),
    })
}

/// [`quick_verdict`] of the file at `path`, on a read-only connection of its own: the check of a
/// large file deferred at open (see `Store::open_with`).
pub fn quick_file(path: &Path) -> Result<(), StoreError> {
    quick_verdict(&open_read_only(path)?)
}

fn pragma_lines(conn: &Connection, sql: &str) -> Result<Vec<String>, StoreError> {
    let mut stmt = conn.prepare(sql)?;
    let lines = stmt
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(lines.into_iter().filter(|l| l != "ok").collect())
}

/// Refuses a file that is not a 创卫办公台 database (a foreign SQLite file, or a -wal that
/// belongs to another database) or that a newer version wrote.
pub fn ensure_ours(conn: &Connection) -> Result<(), StoreError> {
    let version = migrations::current(conn)?;
    if version > migrations::latest() {
        return Err(StoreError::TooNew {
            found: version,
            supported: migrations::latest(),
        });
    }
    let tables: i64 = conn.query_row(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table'",
        [],
        |r| r.get(0),
    )?;
    let has_audit = has_table(conn, "audit_log")?;
    if (version == 0 && tables > 0) || (version > 0 && !has_audit) {
        return Err(StoreError::Damaged {
            reason: "这不是创卫办公台的数据文件（或旁边的 -wal 日志属于另一个数据库）".into(),
        });
    }
    Ok(())
}

/// The full check: integrity, foreign keys and the audit chain.
pub fn full(conn: &Connection) -> Result<CheckReport, StoreError> {
    match finer(conn) {
        // Damage so bad that SQLite stops reading is a finding, not a failure of the check.
        Err(StoreError::Damaged { reason }) => Ok(CheckReport {
            integrity: vec![reason],
            ..CheckReport::default()
        }),
        other => other,
    }
}

fn finer(conn: &Connection) -> Result<CheckReport, StoreError> {
    let integrity = pragma_lines(conn, "PRAGMA integrity_check")?
        .into_iter()
        .map(|l| {
            if l.contains("parties_fts") {
                format!("住户/门店的搜索索引（parties_fts）损坏：{l}")
            } else {
                l
            }
        })
        .collect();
    let mut report = CheckReport {
        integrity,
        ..CheckReport::default()
    };
    // A file whose b-trees are broken cannot be trusted for the finer checks.
    if !report.integrity.is_empty() {
        return Ok(report);
    }
    let mut stmt = conn.prepare("PRAGMA foreign_key_check")?;
    report.foreign_keys = stmt
        .query_map([], |r| {
            Ok(format!(
                "表 {} 第 {} 行引用的 {} 记录不存在",
                r.get::<_, String>(0)?,
                r.get::<_, Option<i64>>(1)?.unwrap_or_default(),
                r.get::<_, String>(2)?
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    if has_table(conn, "audit_log")? {
        if let Some(id) = audit::first_broken_link(conn)? {
            report.broken_link = Some(id);
            report.broken_link_detail = Some(describe_link(conn, id)?);
        }
        report.seals = seals::check(conn)?
            .iter()
            .map(seals::SealProblem::describe)
            .collect();
        report.derived = derived::check(conn)?;
        report.derived.extend(derived::schema(conn)?);
    }
    Ok(report)
}

/// [`full`], and for the live file at `db` also whether its trail still reaches the tail the app
/// recorded beside it (a backup has no tail of its own).
pub fn full_live(conn: &Connection, db: &Path) -> Result<CheckReport, StoreError> {
    let mut report = full(conn)?;
    if report.integrity.is_empty() {
        match tail::verify(conn, db) {
            Ok(()) => {}
            Err(e @ StoreError::WentBack { .. }) => report.went_back = Some(format!("数据文件{e}")),
            Err(e) => report.integrity.push(e.to_string()),
        }
    }
    Ok(report)
}

/// "审计记录第 N 条（时间，操作，对象）…": the row that no longer matches its hash.
fn describe_link(conn: &Connection, id: i64) -> Result<String, StoreError> {
    let row = conn
        .query_row(
            "SELECT at, actor, command, entity, entity_id FROM audit_log WHERE id = ?1",
            [id],
            |r| {
                // Leniently: this row may be the damaged one.
                let mut d = crate::text::Damage::default();
                Ok((
                    d.text(r, 0, "at")?,
                    d.text(r, 1, "actor")?,
                    d.text(r, 2, "command")?,
                    d.text(r, 3, "entity")?,
                    r.get::<_, Option<i64>>(4)?,
                    d,
                ))
            },
        )
        .optional()?;
    Ok(match row {
        Some((at, actor, command, entity, entity_id, d)) => format!(
            "审计记录第 {id} 条（{at}，{actor}，{command}，{entity}{}）与哈希链不符：这条或紧挨着它之前的记录在程序之外被改动或删除过{}",
            entity_id.map(|i| format!(" #{i}")).unwrap_or_default(),
            if d.is_empty() { "" } else { "（这条记录的文字已损坏，� 处是读不出的字节）" }
        ),
        None => format!("审计记录第 {id} 条与哈希链不符：这条或紧挨着它之前的记录在程序之外被改动或删除过"),
    })
}

/// Checks a file on disk without changing it.
pub fn check_file(path: &Path) -> Result<CheckReport, StoreError> {
    let conn = open_read_only(path)?;
    ensure_ours(&conn)?;
    full(&conn)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::AuditEntry;
    use crate::Store;

    fn entry(after: &str) -> AuditEntry<'_> {
        AuditEntry {
            at: "2026-11-29 09:00:00",
            actor: "clerk",
            command: "zones.create",
            entity: "zones",
            entity_id: Some(7),
            before: None,
            after: Some(after),
            row_seal: None,
        }
    }

    #[test]
    fn a_fresh_database_passes_the_full_check() {
        let store = Store::open_in_memory().unwrap();
        let report = store.read(full).unwrap();
        assert!(report.ok(), "{:?}", report.problems());
    }

    #[test]
    fn an_altered_audit_row_is_named_in_chinese() {
        let store = Store::open_in_memory().unwrap();
        // A new file's trail already holds the seals of the rows its migrations made.
        let base: i64 = store
            .read(|c| c.query_row("SELECT ifnull(max(id), 0) FROM audit_log", [], |r| r.get(0)))
            .unwrap();
        let second = base + 2;
        store
            .write(|tx| {
                for n in ["甲", "乙", "丙"] {
                    audit::record(tx, &entry(&format!("{{\"name\":\"{n}\"}}")))?;
                }
                tx.execute_batch(&format!(
                    "DROP TRIGGER audit_log_refuses_update;
                     UPDATE audit_log SET actor = 'x' WHERE id = {second};"
                ))?;
                Ok::<_, StoreError>(())
            })
            .unwrap();
        let report = store.read(full).unwrap();
        assert_eq!(report.broken_link, Some(second));
        let text = report.problems().join("\n");
        assert!(text.contains(&format!("审计记录第 {second} 条")), "{text}");
        assert!(text.contains("zones #7"), "{text}");
    }

    #[test]
    fn a_dangling_reference_is_reported() {
        let store = Store::open_in_memory().unwrap();
        store
            .outside(|c| {
                c.execute_batch(
                    "PRAGMA foreign_keys = OFF;
                     CREATE TABLE p (id INTEGER PRIMARY KEY);
                     CREATE TABLE c (id INTEGER PRIMARY KEY, p INTEGER REFERENCES p(id));
                     INSERT INTO c VALUES (1, 42);",
                )
            })
            .unwrap();
        let report = store.read(full).unwrap();
        assert_eq!(report.foreign_keys.len(), 1, "{report:?}");
        assert!(report.foreign_keys[0].contains("表 c 第 1 行"));
    }
}
