//! The damaged-file corpus: each kind of damage is detected with a clear Chinese message, the
//! file (and its -wal) is left byte for byte as it was, and the last good backup is offered.

use crate::common::{clock, file_bytes, TestApp};
use cw_core::App;
use serde_json::json;
use std::path::{Path, PathBuf};

/// A sound database with a few records and one backup, closed (its -wal merged).
fn sound() -> (tempfile::TempDir, PathBuf) {
    let t = TestApp::new();
    for name in ["甲", "乙", "丙"] {
        t.zone(name);
    }
    for i in 0..40 {
        t.ok(
            "households.create",
            json!({ "kind": "住户", "name": format!("住户{i}"), "contact": "", "phone": "",
                    "address": { "street": "黄山路", "number": i.to_string(), "building": "", "unit": "", "room": "" },
                    "zone_id": null, "group_no": null, "fee_category": "", "tags": [], "note": "x".repeat(200) }),
        );
    }
    t.ok("backups.create", json!({}));
    let db = t.db_path();
    let TestApp { app, dir } = t;
    drop(app);
    (dir, db)
}

fn wal(db: &Path) -> PathBuf {
    PathBuf::from(format!("{}-wal", db.display()))
}

/// How the app must react to one kind of damage.
enum Expect {
    /// Opened read-only as damaged; the message contains this.
    Damaged(&'static str),
    /// Refused at open with this code; the message contains this.
    Refused(&'static str, &'static str),
    /// Opened read-only because the file is read-only.
    ReadOnly,
    /// Opens normally with every record (the -wal beside it is ignored or was valid).
    Intact,
    /// Opens normally and takes a write.
    Writable,
}

fn run(kind: &str, damage: impl FnOnce(&Path), expect: Expect) {
    run_with(kind, damage, expect, u64::MAX);
}

/// Like [`run`], with the file opened as a large one (over `check_up_to` bytes): its damage
/// check runs on a thread after the app is up, and the first write must wait for its verdict.
fn run_with(kind: &str, damage: impl FnOnce(&Path), expect: Expect, check_up_to: u64) {
    let (_dir, db) = sound();
    damage(&db);
    let before = (file_bytes(&db), file_bytes(&wal(&db)));
    match (App::open_with(&db, clock(), check_up_to), expect) {
        (Ok(app), Expect::Damaged(text)) => {
            // The write comes first: one made before a deferred check ends must wait for it.
            let err = app
                .call(
                    "zones.create",
                    json!({ "name": "新", "kind": "街道", "boundary": "" }),
                    "t",
                )
                .err()
                .unwrap_or_else(|| panic!("{kind}: a write went through"));
            assert_eq!(err.code(), "store.damaged", "{kind}");
            let dto = err.to_dto();
            assert!(dto.message.contains("损坏"), "{kind}: {}", dto.message);
            let status = app.call_json("backups.status", json!({}), "t").unwrap();
            let reason = status["damaged"]
                .as_str()
                .unwrap_or_else(|| panic!("{kind}: not detected"));
            assert!(reason.contains(text), "{kind}: {reason}");
            assert!(
                status["last_good_backup"]["name"].is_string(),
                "{kind}: the last good backup is offered: {status}"
            );
        }
        (Ok(app), Expect::ReadOnly) => {
            assert_eq!(
                app.call_json("zones.list", json!({}), "t")
                    .unwrap()
                    .as_array()
                    .unwrap()
                    .len(),
                3
            );
            let err = app
                .call(
                    "zones.create",
                    json!({ "name": "新", "kind": "街道", "boundary": "" }),
                    "t",
                )
                .err()
                .unwrap_or_else(|| panic!("{kind}: a write went through"));
            assert_eq!(err.code(), "store.read_only", "{kind}");
            assert!(err.to_string().contains("只读"), "{kind}: {err}");
        }
        (Ok(app), Expect::Intact) => {
            let list = app.call_json("households.list", json!({}), "t").unwrap();
            assert_eq!(list["total"], 40, "{kind}");
            let check = app.call_json("check.run", json!({}), "t").unwrap();
            assert_eq!(check["ok"], true, "{kind}: {check}");
            // Looking must not have changed the file itself.
            assert!(
                file_bytes(&db) == before.0,
                "{kind}: the file was changed by opening it"
            );
            return;
        }
        (Ok(app), Expect::Writable) => {
            app.call(
                "zones.create",
                json!({ "name": "新", "kind": "街道", "boundary": "" }),
                "t",
            )
            .unwrap_or_else(|e| panic!("{kind}: the write was refused: {e}"));
            app.wait_for_backups();
            let status = app.call_json("backups.status", json!({}), "t").unwrap();
            assert!(status["damaged"].is_null(), "{kind}: {status}");
            assert!(status["backup_error"].is_null(), "{kind}: {status}");
            return;
        }
        (Err(e), Expect::Refused(code, text)) => {
            assert_eq!(e.code(), code, "{kind}: {e}");
            assert!(e.to_string().contains(text), "{kind}: {e}");
        }
        (Ok(_), _) => panic!("{kind}: opened although it should have been refused"),
        (Err(e), _) => panic!("{kind}: refused with {} {e}", e.code()),
    }
    let after = (file_bytes(&db), file_bytes(&wal(&db)));
    assert!(after.0 == before.0, "{kind}: the file was overwritten");
    assert!(
        before.1.is_none() || after.1 == before.1,
        "{kind}: its -wal was changed ({:?} → {:?} bytes)",
        before.1.as_ref().map(Vec::len),
        after.1.as_ref().map(Vec::len)
    );
}

fn edit(db: &Path, f: impl FnOnce(&mut Vec<u8>)) {
    let mut bytes = std::fs::read(db).unwrap();
    f(&mut bytes);
    std::fs::write(db, bytes).unwrap();
}

/// A -wal holding committed pages of another SQLite database (left behind while it was open).
fn foreign_wal(dir: &Path) -> Vec<u8> {
    let other = dir.join("other.db");
    let conn = cw_store::rusqlite::Connection::open(&other).unwrap();
    conn.execute_batch(
        "PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = 0;
         CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT);
         INSERT INTO notes (body) VALUES ('别的程序的数据');",
    )
    .unwrap();
    let bytes = std::fs::read(wal(&other)).unwrap();
    drop(conn);
    bytes
}

#[test]
fn flipped_header_bytes_are_detected() {
    run(
        "header",
        |db| edit(db, |b| b[0..16].copy_from_slice(b"SQLite format 9\0")),
        Expect::Damaged("不是 SQLite"),
    );
}

#[test]
fn a_flipped_page_size_is_detected() {
    run(
        "page size",
        |db| {
            edit(db, |b| {
                b[16] = 0x03;
                b[17] = 0x00
            })
        },
        Expect::Damaged("SQLite"),
    );
}

#[test]
fn a_truncated_file_is_detected() {
    run(
        "truncated",
        |db| edit(db, |b| b.truncate(b.len() / 2)),
        Expect::Damaged("检查"),
    );
}

#[test]
fn a_large_truncated_file_is_found_damaged_without_the_full_check_at_open() {
    // Reading the schema at open already runs into the missing half.
    run_with(
        "truncated, large",
        |db| edit(db, |b| b.truncate(b.len() / 2)),
        Expect::Damaged("损坏"),
        0,
    );
}

#[test]
fn a_large_file_whose_header_is_flipped_is_still_refused_at_open() {
    run_with(
        "header, large",
        |db| edit(db, |b| b[0..16].copy_from_slice(b"SQLite format 9\0")),
        Expect::Damaged("不是 SQLite"),
        0,
    );
}

#[test]
fn a_large_sound_file_checked_after_opening_stays_writable() {
    run_with("sound, checked after opening", |_| {}, Expect::Writable, 0);
}

#[test]
fn a_zero_length_file_with_backups_beside_it_is_not_taken_for_a_new_one() {
    run(
        "zero length",
        |db| std::fs::write(db, b"").unwrap(),
        Expect::Damaged("0 字节"),
    );
}

#[test]
fn a_file_that_is_not_sqlite_is_detected() {
    run(
        "not sqlite",
        |db| std::fs::write(db, "姓名,电话\n张三,138\n".repeat(500)).unwrap(),
        Expect::Damaged("不是 SQLite"),
    );
}

#[test]
fn another_programs_sqlite_file_is_detected() {
    run(
        "foreign sqlite",
        |db| {
            std::fs::remove_file(db).unwrap();
            let c = cw_store::rusqlite::Connection::open(db).unwrap();
            c.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
                .unwrap();
        },
        Expect::Damaged("不是创卫办公台"),
    );
}

#[test]
fn a_mismatched_wal_from_another_database_is_detected_and_not_merged() {
    run(
        "mismatched wal",
        |db| {
            let bytes = foreign_wal(db.parent().unwrap());
            std::fs::write(wal(db), bytes).unwrap();
        },
        Expect::Damaged("不是创卫办公台"),
    );
}

#[test]
fn a_stray_garbage_wal_is_ignored_and_the_data_is_intact() {
    run(
        "stray wal",
        |db| std::fs::write(wal(db), vec![0xA5u8; 10_000]).unwrap(),
        Expect::Intact,
    );
}

#[test]
fn page_level_corruption_in_a_table_is_detected() {
    run(
        "page corruption",
        corrupt_parties_root,
        Expect::Damaged("检查"),
    );
}

/// Overwrites the start of the root page of `parties`.
fn corrupt_parties_root(db: &Path) {
    let c = cw_store::rusqlite::Connection::open(db).unwrap();
    let root: i64 = c
        .query_row(
            "SELECT rootpage FROM sqlite_master WHERE name = 'parties'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let size: i64 = c.query_row("PRAGMA page_size", [], |r| r.get(0)).unwrap();
    drop(c);
    edit(db, |b| {
        let start = ((root - 1) * size) as usize;
        for byte in &mut b[start..start + 64] {
            *byte = 0xFF;
        }
    });
}

#[test]
fn page_level_corruption_in_a_large_file_is_found_by_the_check_after_opening() {
    run_with(
        "page corruption, checked after opening",
        corrupt_parties_root,
        Expect::Damaged("检查"),
        0,
    );
}

#[test]
fn a_directory_instead_of_the_file_is_refused_with_a_clear_message() {
    run(
        "directory",
        |db| {
            std::fs::remove_file(db).unwrap();
            std::fs::create_dir(db).unwrap();
        },
        Expect::Refused("store.open", "文件夹"),
    );
}

#[test]
fn a_file_from_a_newer_version_is_refused() {
    run(
        "newer",
        |db| {
            let c = cw_store::rusqlite::Connection::open(db).unwrap();
            c.pragma_update(None, "user_version", cw_store::migrations::latest() + 3)
                .unwrap();
        },
        Expect::Refused("store.too_new", "较新版本"),
    );
}

#[test]
fn a_read_only_file_is_read_and_never_written() {
    run(
        "read-only",
        |db| {
            let mut p = std::fs::metadata(db).unwrap().permissions();
            p.set_readonly(true);
            std::fs::set_permissions(db, p).unwrap();
        },
        Expect::ReadOnly,
    );
}
