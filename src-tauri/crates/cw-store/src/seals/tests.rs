//! Tests of the seals: what the app writes is sealed, what is changed outside it is reported.

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
        .outside(|c| {
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
        .outside(|c| {
            c.execute_batch(
                "DROP TRIGGER fee_standards_no_update;
                 UPDATE fee_standards SET monthly_fen = 1 WHERE id = 1;",
            )
        })
        .unwrap();
    store
        .write(|tx| {
            let faulty = faulty_before_migration(tx, crate::migrations::latest())?;
            tx.execute_batch("ALTER TABLE fee_standards ADD COLUMN note TEXT NOT NULL DEFAULT ''")?;
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
        .outside(|c| c.execute_batch("DELETE FROM zone_cleaners WHERE staff_id = 2"))
        .unwrap();
    let found = store.read(check).unwrap();
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!((found[0].table, found[0].key), ("zone_cleaners", 1));
}
