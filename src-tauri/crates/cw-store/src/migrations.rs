//! The numbered migration chain; the schema version is SQLite's `user_version`.

use crate::StoreError;
use rusqlite::Connection;

/// Every migration in order; the n-th entry brings the schema to version n.
pub const MIGRATIONS: &[(&str, &str)] = &[
    (
        "0001_registry.sql",
        include_str!("../migrations/0001_registry.sql"),
    ),
    (
        "0002_assessment.sql",
        include_str!("../migrations/0002_assessment.sql"),
    ),
    (
        "0003_pledges.sql",
        include_str!("../migrations/0003_pledges.sql"),
    ),
    ("0004_fees.sql", include_str!("../migrations/0004_fees.sql")),
    (
        "0005_accounts.sql",
        include_str!("../migrations/0005_accounts.sql"),
    ),
    (
        "0006_record_seals.sql",
        include_str!("../migrations/0006_record_seals.sql"),
    ),
    (
        "0007_campaign.sql",
        include_str!("../migrations/0007_campaign.sql"),
    ),
    (
        "0008_search_index.sql",
        include_str!("../migrations/0008_search_index.sql"),
    ),
    (
        "0009_fees_speed.sql",
        include_str!("../migrations/0009_fees_speed.sql"),
    ),
    (
        "0010_list_speed.sql",
        include_str!("../migrations/0010_list_speed.sql"),
    ),
    (
        "0011_fines_page.sql",
        include_str!("../migrations/0011_fines_page.sql"),
    ),
    (
        "0012_home_counts.sql",
        include_str!("../migrations/0012_home_counts.sql"),
    ),
    (
        "0013_cash_receipts.sql",
        include_str!("../migrations/0013_cash_receipts.sql"),
    ),
    (
        "0014_fine_rules.sql",
        include_str!("../migrations/0014_fine_rules.sql"),
    ),
    (
        "0015_receipt_forms.sql",
        include_str!("../migrations/0015_receipt_forms.sql"),
    ),
];

/// The schema version this binary writes.
pub fn latest() -> i64 {
    MIGRATIONS.len() as i64
}

/// The schema version of an open database.
pub fn current(conn: &Connection) -> Result<i64, StoreError> {
    Ok(conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
}

/// Whether opening the file at `path` will write it: it is missing or empty (to be created) or
/// has migrations pending. A file that cannot be read says no here: opening it reports why.
pub fn file_needs_writing(path: &std::path::Path) -> bool {
    match std::fs::metadata(path) {
        Err(_) => true,
        Ok(m) if m.len() == 0 => true,
        Ok(_) => crate::check::open_read_only(path)
            .and_then(|c| current(&c))
            .is_ok_and(|v| v < latest()),
    }
}

/// Applies the pending migrations in one transaction; refuses a file from a newer binary.
pub fn migrate(conn: &mut Connection) -> Result<usize, StoreError> {
    let found = current(conn)?;
    if found > latest() {
        return Err(StoreError::TooNew {
            found,
            supported: latest(),
        });
    }
    let pending = &MIGRATIONS[found as usize..];
    if pending.is_empty() {
        return Ok(0);
    }
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    for (i, (_, sql)) in pending.iter().enumerate() {
        let number = found as usize + i + 1;
        tx.execute_batch(sql).map_err(|e| StoreError::Migration {
            number,
            reason: e.to_string(),
        })?;
    }
    tx.pragma_update(None, "user_version", latest())?;
    tx.commit()?;
    Ok(pending.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_missing_empty_or_older_file_needs_writing_to_open() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cw.db");
        assert!(file_needs_writing(&path), "missing");
        std::fs::write(&path, b"").unwrap();
        assert!(file_needs_writing(&path), "empty");
        std::fs::remove_file(&path).unwrap();
        drop(crate::Store::open(&path).unwrap());
        assert!(!file_needs_writing(&path), "up to date");
        let conn = Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", latest() - 1)
            .unwrap();
        drop(conn);
        assert!(file_needs_writing(&path), "a migration is pending");
    }

    #[test]
    fn the_whole_chain_runs_on_an_empty_database() {
        let mut conn = Connection::open_in_memory().unwrap();
        assert_eq!(migrate(&mut conn).unwrap(), MIGRATIONS.len());
        assert_eq!(current(&conn).unwrap(), latest());
        let groups: i64 = conn
            .query_row("SELECT count(*) FROM collection_groups", [], |r| r.get(0))
            .unwrap();
        assert_eq!(groups, 4);
        assert_eq!(
            migrate(&mut conn).unwrap(),
            0,
            "a second run applies nothing"
        );
    }

    #[test]
    fn a_newer_file_is_refused_and_left_as_it_was() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "user_version", latest() + 1)
            .unwrap();
        let err = migrate(&mut conn).unwrap_err();
        assert_eq!(err.code(), "store.too_new");
        assert_eq!(current(&conn).unwrap(), latest() + 1);
    }

    #[test]
    fn migration_files_are_numbered_in_order() {
        for (i, (name, _)) in MIGRATIONS.iter().enumerate() {
            assert!(name.starts_with(&format!("{:04}_", i + 1)), "{name}");
        }
    }
}
