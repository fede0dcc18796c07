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
    (
        "0016_seal_lookup.sql",
        include_str!("../migrations/0016_seal_lookup.sql"),
    ),
    (
        "0017_override_cap.sql",
        include_str!("../migrations/0017_override_cap.sql"),
    ),
    (
        "0018_pay_rules_attendance.sql",
        include_str!("../migrations/0018_pay_rules_attendance.sql"),
    ),
    (
        "0019_leaving_notice.sql",
        include_str!("../migrations/0019_leaving_notice.sql"),
    ),
    (
        "0020_tools.sql",
        include_str!("../migrations/0020_tools.sql"),
    ),
    (
        "0021_fine_payments.sql",
        include_str!("../migrations/0021_fine_payments.sql"),
    ),
    (
        "0022_staff_periods.sql",
        include_str!("../migrations/0022_staff_periods.sql"),
    ),
    (
        "0023_complaints.sql",
        include_str!("../migrations/0023_complaints.sql"),
    ),
    (
        "0024_meetings.sql",
        include_str!("../migrations/0024_meetings.sql"),
    ),
    (
        "0025_self_checks.sql",
        include_str!("../migrations/0025_self_checks.sql"),
    ),
    (
        "0026_surveys.sql",
        include_str!("../migrations/0026_surveys.sql"),
    ),
    (
        "0027_publicity.sql",
        include_str!("../migrations/0027_publicity.sql"),
    ),
    (
        "0028_attachments.sql",
        include_str!("../migrations/0028_attachments.sql"),
    ),
    (
        "0029_retention.sql",
        include_str!("../migrations/0029_retention.sql"),
    ),
    (
        "0030_backup_passphrase.sql",
        include_str!("../migrations/0030_backup_passphrase.sql"),
    ),
    (
        "0031_export_log.sql",
        include_str!("../migrations/0031_export_log.sql"),
    ),
];

/// The first schema version at which every money table is sealed: a file upgraded from before
/// it has the rows of the newly sealed tables sealed as they stand. Every migration ends by
/// sealing the rows it made or changed (see `seals::reseal`), so a migration that adds a column
/// to a sealed table needs nothing more.
pub const SEALS_EVERY_MONEY_TABLE: i64 = 16;

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
    let faulty = crate::seals::faulty_before_migration(&tx, found)?;
    for (i, (_, sql)) in pending.iter().enumerate() {
        let number = found as usize + i + 1;
        tx.execute_batch(sql).map_err(|e| StoreError::Migration {
            number,
            reason: e.to_string(),
        })?;
    }
    // In the migration's transaction, so no upgraded file is ever left with rows unsealed. A
    // new file has only seed rows, which are checked against the seeds themselves.
    if found > 0 {
        let at = chrono::Local::now()
            .naive_local()
            .format("%Y-%m-%d %H:%M:%S")
            .to_string();
        let by = crate::seals::SealedBy {
            at: &at,
            actor: "系统",
            command: "seals.migrate",
        };
        crate::seals::reseal(&tx, &by, &faulty)?;
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
    fn a_file_from_before_every_money_table_was_sealed_has_its_rows_sealed_as_they_stand() {
        let mut conn = Connection::open_in_memory().unwrap();
        let before = SEALS_EVERY_MONEY_TABLE - 1;
        let tx = conn.transaction().unwrap();
        for (_, sql) in &MIGRATIONS[..before as usize] {
            tx.execute_batch(sql).unwrap();
        }
        tx.pragma_update(None, "user_version", before).unwrap();
        // A cleaner on a wage and a changed fee setting, as the previous release wrote them.
        tx.execute_batch(
            "INSERT INTO staff (name, search_key, status, base_wage_fen, created_at, updated_at)
             VALUES ('王秀英', '', '在岗', 180000, '', '');
             UPDATE fee_settings SET layout = '单联';",
        )
        .unwrap();
        tx.commit().unwrap();
        assert!(
            !crate::seals::check(&conn).unwrap().is_empty(),
            "not sealed yet"
        );
        migrate(&mut conn).unwrap();
        assert_eq!(crate::seals::check(&conn).unwrap(), vec![]);
        let sealed_by: i64 = conn
            .query_row(
                "SELECT count(*) FROM audit_log WHERE command = 'seals.migrate' AND entity = 'staff'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(sealed_by, 1, "the wage is sealed by the upgrade");
    }

    #[test]
    fn a_migration_that_adds_a_column_to_a_sealed_table_leaves_the_check_clean() {
        // From the first version that sealed every money table to the latest, which adds a
        // column to the (sealed) fee settings.
        let mut conn = Connection::open_in_memory().unwrap();
        let from = SEALS_EVERY_MONEY_TABLE;
        let tx = conn.transaction().unwrap();
        for (_, sql) in &MIGRATIONS[..from as usize] {
            tx.execute_batch(sql).unwrap();
        }
        tx.pragma_update(None, "user_version", from).unwrap();
        tx.commit().unwrap();
        assert!(latest() > from, "a later migration exists to run");
        migrate(&mut conn).unwrap();
        assert_eq!(crate::seals::check(&conn).unwrap(), vec![]);
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
