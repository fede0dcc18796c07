//! Tests of opening the store and of its reads and writes.

use super::files::immutable_uri;
use super::*;

#[test]
fn only_a_file_over_the_limit_has_its_damage_check_left_to_the_caller() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cw.db");
    let new = Store::open_with(&path, 0).unwrap();
    assert!(!new.check_deferred, "a new file has nothing to check");
    drop(new);
    assert!(Store::open_with(&path, 0).unwrap().check_deferred);
    assert!(!Store::open_with(&path, u64::MAX).unwrap().check_deferred);
}

#[test]
fn a_large_file_about_to_be_migrated_is_checked_before_the_migration_writes_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cw.db");
    drop(Store::open(&path).unwrap());
    let conn = Connection::open(&path).unwrap();
    conn.pragma_update(None, "user_version", migrations::latest() - 1)
        .unwrap();
    drop(conn);
    assert!(!probe(&path, 0).unwrap(), "checked in line");
}

#[test]
fn a_refusal_set_from_another_thread_refuses_the_next_write() {
    let store = Store::open_in_memory().unwrap();
    let handle = store.refusal_handle();
    std::thread::spawn(move || {
        handle.refuse(StoreError::Damaged {
            reason: "快速检查发现问题".into(),
        })
    })
    .join()
    .unwrap();
    let err = store
        .write(|tx| {
            tx.execute_batch("CREATE TABLE t (x)")
                .map_err(StoreError::from)
        })
        .unwrap_err();
    assert!(matches!(err, StoreError::Damaged { .. }), "{err}");
    assert!(store.refusal().is_some());
}

#[test]
fn a_new_file_is_created_in_wal_mode_with_foreign_keys_on() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sub").join("cw.db");
    let store = Store::open(&path).unwrap();
    assert!(path.exists());
    store
        .read(|c| {
            let mode: String = c.query_row("PRAGMA journal_mode", [], |r| r.get(0))?;
            let fk: i64 = c.query_row("PRAGMA foreign_keys", [], |r| r.get(0))?;
            let sync: i64 = c.query_row("PRAGMA synchronous", [], |r| r.get(0))?;
            assert_eq!(mode, "wal");
            assert_eq!(fk, 1);
            assert_eq!(sync, 2, "FULL");
            Ok::<_, rusqlite::Error>(())
        })
        .unwrap();
}

#[test]
fn a_failed_write_leaves_nothing_behind() {
    let store = Store::open_in_memory().unwrap();
    let result: Result<(), StoreError> = store.write(|tx| {
        tx.execute("UPDATE settings SET campaign_year = 1 WHERE id = 1", [])?;
        tx.execute(
            "INSERT INTO zones (name, search_key, kind, created_at, updated_at) VALUES ('甲', '', '街道', '', '')",
            [],
        )?;
        Err(StoreError::Busy)
    });
    assert!(result.is_err());
    let zones: i64 = store
        .read(|c| c.query_row("SELECT count(*) FROM zones", [], |r| r.get(0)))
        .unwrap();
    assert_eq!(zones, 0);
}

#[test]
fn a_wal_that_is_a_folder_is_refused_by_name_and_not_called_damaged() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cw.db");
    drop(Store::open(&path).unwrap());
    std::fs::create_dir(wal_path(&path, "-wal")).unwrap();
    let err = Store::open(&path).err().unwrap();
    assert!(matches!(err, StoreError::Sidecar { .. }), "{err}");
    assert!(err.to_string().contains("cw.db-wal 是一个文件夹"), "{err}");
}

#[test]
fn an_immutable_uri_escapes_what_a_uri_would_misread() {
    let uri = immutable_uri(Path::new("/数据/a?b#c%d.db"));
    assert_eq!(uri, "file:/数据/a%3Fb%23c%25d.db?immutable=1");
}

#[test]
fn the_bundled_sqlite_has_the_wal_reset_fix() {
    let v = rusqlite::version_number();
    assert!(v >= 3_051_003, "SQLite {v} is older than 3.51.3");
}

fn zone_count(store: &Store) -> i64 {
    store
        .read(|c| c.query_row("SELECT count(*) FROM zones", [], |r| r.get(0)))
        .unwrap()
}

fn add_zone(c: &Connection, name: &str) -> Result<usize, StoreError> {
    Ok(c.execute(
        "INSERT INTO zones (name, search_key, kind, created_at, updated_at) VALUES (?1, '', '街道', '', '')",
        [name],
    )?)
}

#[test]
fn an_insert_or_update_inside_a_read_is_refused_as_a_programming_error_and_changes_nothing() {
    let store = Store::open_in_memory().unwrap();
    store.write(|tx| add_zone(tx, "甲")).unwrap();
    let insert = store.read(|c| add_zone(c, "乙")).unwrap_err();
    assert!(matches!(insert, StoreError::WriteInRead), "{insert:?}");
    assert!(insert
        .to_string()
        .contains("只读操作中不允许修改数据（程序错误）"));
    let update = store
        .read(|c| {
            c.execute("UPDATE zones SET name = '丙'", [])
                .map_err(StoreError::from)
        })
        .unwrap_err();
    assert!(matches!(update, StoreError::WriteInRead), "{update:?}");
    let names: Vec<String> = store
        .read(|c| {
            c.prepare("SELECT name FROM zones")?
                .query_map([], |r| r.get(0))?
                .collect::<Result<Vec<String>, _>>()
        })
        .unwrap();
    assert_eq!(names, ["甲"]);
    store.write(|tx| add_zone(tx, "丁")).unwrap();
    assert_eq!(
        zone_count(&store),
        2,
        "the write after the refused ones went through"
    );
}

#[test]
fn a_read_on_a_file_refuses_a_write_and_the_next_write_still_commits() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cw.db");
    let store = Store::open(&path).unwrap();
    let err = store.read(|c| add_zone(c, "甲")).unwrap_err();
    assert!(matches!(err, StoreError::WriteInRead), "{err:?}");
    store.write(|tx| add_zone(tx, "乙")).unwrap();
    drop(store);
    let reopened = Store::open(&path).unwrap();
    assert_eq!(
        zone_count(&reopened),
        1,
        "only the write's zone reached the file"
    );
}

#[test]
fn a_read_that_panics_leaves_the_store_writable() {
    let store = Store::open_in_memory().unwrap();
    let panicked = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let _: Result<(), StoreError> = store.read(|_| panic!("a bug in a read"));
    }));
    assert!(panicked.is_err());
    store.write(|tx| add_zone(tx, "甲")).unwrap();
    assert_eq!(zone_count(&store), 1);
}

#[test]
fn a_read_only_error_met_after_the_read_has_ended_is_the_files_not_a_write_in_a_read() {
    let store = Store::open_in_memory().unwrap();
    let inside = store.read(|_| Ok::<_, StoreError>(StoreError::from(readonly_failure())));
    assert!(matches!(inside, Ok(StoreError::WriteInRead)), "{inside:?}");
    let after = StoreError::from(readonly_failure());
    assert!(matches!(after, StoreError::ReadOnly), "{after:?}");
}

/// The error SQLite gives a write to a read-only file.
fn readonly_failure() -> rusqlite::Error {
    rusqlite::Error::SqliteFailure(
        rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_READONLY),
        Some("attempt to write a readonly database".into()),
    )
}
