//! Locks, leftovers and read-only files: command-line reads never take the writer lock, a
//! command-line write waits for another and names who holds the file when it must refuse, the
//! desktop app and `serve` hold the file for their run, a stopped restore or backup leaves
//! nothing behind after the next start, a read-only file is told apart from damage, and
//! damaged text (a flipped byte) is named by table and row while the other rows still read.

use crate::common::{clock, TestApp};
use cw_core::{App, ProcessKind};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// Held by every test here: a child process started by a test (pdftotext, say) holds copies of
/// the test binary's open files (the lock files of other tests included) until it has started,
/// so a lock let go meanwhile would still look held.
static SERIAL: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn serial() -> std::sync::MutexGuard<'static, ()> {
    SERIAL.lock().unwrap_or_else(|p| p.into_inner())
}

fn zone(name: &str) -> Value {
    json!({ "name": name, "kind": "街道", "boundary": "" })
}

/// A file with one zone, closed.
fn closed_file() -> (tempfile::TempDir, PathBuf) {
    let t = TestApp::new();
    t.zone("甲");
    let db = t.db_path();
    let TestApp { app, dir } = t;
    drop(app);
    (dir, db)
}

fn cli(db: &Path) -> App {
    App::open_as(db, clock(), ProcessKind::Cli).unwrap()
}

#[test]
fn a_reading_cli_never_takes_the_writer_lock() {
    let _serial = serial();
    let (_dir, db) = closed_file();
    let reader = cli(&db);
    reader.call_json("zones.list", json!({}), "cli").unwrap();
    assert!(!reader.holds_writer(), "a read holds no lock");
    // A writer beside the reader, and the desktop app opening beside it, both get the file.
    let writer = cli(&db);
    writer.call_json("zones.create", zone("乙"), "cli").unwrap();
    assert!(writer.holds_writer());
    drop(writer);
    let desktop = App::open(&db, clock()).unwrap();
    assert!(
        desktop.holds_writer(),
        "the reader did not keep the app out"
    );
    reader.call_json("zones.list", json!({}), "cli").unwrap();
}

#[test]
fn a_cli_write_waits_for_another_cli_write_before_refusing() {
    let _serial = serial();
    let (_dir, db) = closed_file();
    let first = cli(&db);
    first.call_json("zones.create", zone("乙"), "cli").unwrap();
    let letting_go = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(600));
        drop(first);
    });
    let second = cli(&db);
    second
        .call_json("zones.create", zone("丙"), "cli")
        .unwrap_or_else(|e| panic!("the second write was refused: {e}"));
    letting_go.join().unwrap();
}

#[test]
fn a_cli_write_beside_the_desktop_app_is_refused_at_once_naming_the_app() {
    let _serial = serial();
    let t = TestApp::new();
    let second = cli(&t.db_path());
    let started = std::time::Instant::now();
    let err = second
        .call("zones.create", zone("乙"), "cli")
        .err()
        .unwrap();
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "no point waiting"
    );
    assert_eq!(err.code(), "store.held");
    let text = err.to_string();
    assert!(text.contains("桌面程序"), "{text}");
    assert!(
        text.contains(&format!("进程 {}", std::process::id())),
        "{text}"
    );
    assert!(!text.contains("程序或"), "{text}");
}

#[test]
fn serve_holds_the_writer_lock_for_its_whole_run() {
    let _serial = serial();
    let (_dir, db) = closed_file();
    let serve = App::open_as(&db, clock(), ProcessKind::Serve).unwrap();
    assert!(serve.holds_writer(), "before any write");
    let err = cli(&db)
        .call("zones.create", zone("乙"), "cli")
        .err()
        .unwrap();
    assert!(err.to_string().contains("chuangwei serve"), "{err}");
}

// Between processes (the binary itself): src-tauri/crates/cw-cli/tests/locks_cli.rs.

fn sibling(db: &Path, suffix: &str) -> PathBuf {
    PathBuf::from(format!("{}{suffix}", db.display()))
}

#[test]
fn a_copy_left_by_a_stopped_restore_is_removed_at_the_next_start() {
    let _serial = serial();
    let (_dir, db) = closed_file();
    let tmp = sibling(&db, ".restore-tmp");
    std::fs::write(&tmp, b"half a backup").unwrap();
    drop(cli(&db));
    assert!(!tmp.exists(), "a command-line start cleans it");
    std::fs::write(&tmp, b"half a backup").unwrap();
    drop(App::open(&db, clock()).unwrap());
    assert!(!tmp.exists(), "so does the app's");
}

#[test]
fn a_restore_copy_is_left_alone_while_another_process_holds_the_writer_lock() {
    let _serial = serial();
    let (_dir, db) = closed_file();
    // Stands for a restore running in another process: it holds the lock while it copies.
    let restoring = cw_store::lock::try_acquire_as(&db, ProcessKind::Cli)
        .unwrap()
        .unwrap();
    let tmp = sibling(&db, ".restore-tmp");
    std::fs::write(&tmp, b"being copied").unwrap();
    drop(cli(&db));
    assert!(tmp.exists(), "a restore in progress keeps its copy");
    drop(restoring);
}

fn age(path: &Path, by: Duration) {
    let f = std::fs::File::options().write(true).open(path).unwrap();
    f.set_modified(SystemTime::now() - by).unwrap();
}

#[test]
fn a_journal_left_by_a_backup_on_a_full_disk_is_removed_at_the_next_start_even_by_a_reader() {
    let _serial = serial();
    let (_dir, db) = closed_file();
    let backups = db.parent().unwrap().join("backups");
    std::fs::create_dir_all(&backups).unwrap();
    let journal = backups.join(".tmp-123-456.db-journal");
    let fresh = backups.join(".tmp-124-457.db");
    let theirs = backups.join("notes.db-journal");
    for f in [&journal, &fresh, &theirs] {
        std::fs::write(f, b"x").unwrap();
    }
    age(&journal, Duration::from_secs(3600));
    age(&theirs, Duration::from_secs(3600));
    drop(cli(&db));
    assert!(!journal.exists(), "ours and stale: removed");
    assert!(fresh.exists(), "a copy written just now may be in progress");
    assert!(theirs.exists(), "not our pattern");
}

#[test]
fn a_wal_that_is_a_folder_is_named_and_not_called_damaged() {
    let _serial = serial();
    let (_dir, db) = closed_file();
    let wal = sibling(&db, "-wal");
    std::fs::create_dir(&wal).unwrap();
    let err = App::open(&db, clock()).err().expect("not opened");
    assert_eq!(err.code(), "store.sidecar");
    let text = err.to_string();
    assert!(text.contains("cw.db-wal"), "{text}");
    assert!(text.contains("文件夹"), "{text}");
    assert!(!text.contains("已损坏"), "{text}");
    assert!(wal.is_dir(), "left as it was");
}

/// A folder nobody may create files in, or `None` where permissions do not bind (as root).
#[cfg(unix)]
fn read_only_folder(dir: &Path) -> Option<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o555)).unwrap();
    let probe = dir.join("probe");
    if std::fs::write(&probe, b"x").is_ok() {
        let _ = std::fs::remove_file(&probe);
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o755)).unwrap();
        return None;
    }
    Some(())
}

#[cfg(unix)]
#[test]
fn a_file_in_a_read_only_folder_opens_for_reading_and_is_not_called_damaged() {
    use std::os::unix::fs::PermissionsExt;
    let _serial = serial();
    let (dir, db) = closed_file();
    if read_only_folder(dir.path()).is_none() {
        eprintln!(
            "note: permissions do not bind here (root); checked by hand on a read-only mount"
        );
        return;
    }
    let app = cli(&db);
    let zones = app.call_json("zones.list", json!({}), "cli");
    let status = app.call_json("backups.status", json!({}), "cli");
    let write = app.call("zones.create", zone("乙"), "cli").err();
    drop(app);
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(zones.unwrap().as_array().unwrap().len(), 1, "readable");
    let status = status.unwrap();
    assert!(status["damaged"].is_null(), "{status}");
    assert!(status["last_good_backup"].is_null(), "no restore offered");
    let err = write.expect("refused");
    assert_eq!(err.code(), "store.read_only");
    assert!(err.to_string().contains("只读"), "{err}");
}

fn household(t: &TestApp, name: &str) -> i64 {
    t.ok(
        "households.create",
        json!({ "kind": "住户", "name": name, "contact": "", "phone": "",
                "address": { "street": "黄山路", "number": "1", "building": "", "unit": "", "room": "" },
                "zone_id": null, "group_no": null, "fee_category": "", "tags": [], "note": "" }),
    )["id"]
        .as_i64()
        .unwrap()
}

/// Two households, the second with one byte of its name cut (invalid UTF-8), as a flip does.
fn damaged_household() -> (TestApp, i64, i64) {
    let t = TestApp::new();
    let sound = household(&t, "张三");
    let bad = household(&t, "李四");
    let conn = cw_store::rusqlite::Connection::open(t.db_path()).unwrap();
    // 李 is E6 9D 8E: keep its first byte only.
    conn.execute(
        "UPDATE parties SET name = CAST(X'E6E59B9B' AS TEXT) WHERE id = ?1",
        [bad],
    )
    .unwrap();
    (t, sound, bad)
}

#[test]
fn a_household_with_damaged_text_is_named_by_get_and_the_others_still_read() {
    let (t, sound, bad) = damaged_household();
    let err = t.fails("households.get", json!({ "id": bad }));
    assert_eq!(err.code, "store.damaged_text");
    assert!(err.message.contains("住户 H"), "{}", err.message);
    assert!(
        err.message.contains(&format!("编号 {bad}")),
        "{}",
        err.message
    );
    assert!(err.message.contains("「名称」"), "{}", err.message);
    assert!(!err.message.contains("utf-8 sequence"), "{}", err.message);
    assert_eq!(
        t.ok("households.get", json!({ "id": sound }))["name"],
        "张三"
    );
    let list = t.ok("households.list", json!({}));
    assert_eq!(list["total"], 2, "the list still reads");
}

#[test]
fn an_export_with_a_damaged_household_exports_every_row_and_names_the_damaged_one() {
    let (t, _sound, bad) = damaged_household();
    let out = t.file("export.households", json!({ "format": "csv" }));
    let text = String::from_utf8(out.bytes).unwrap();
    assert!(text.contains("张三"), "{text}");
    assert!(
        text.contains('\u{fffd}'),
        "the damaged name is marked: {text}"
    );
    assert_eq!(out.warnings.len(), 1, "{:?}", out.warnings);
    assert!(
        out.warnings[0].contains(&format!("编号 {bad}")),
        "{:?}",
        out.warnings
    );
}

#[test]
fn a_damaged_audit_row_is_named_by_the_check_and_the_history_still_reads() {
    let t = TestApp::new();
    let id = household(&t, "王五");
    t.ok(
        "households.update",
        json!({ "id": id, "input": { "kind": "住户", "name": "王六", "contact": "", "phone": "",
                "address": { "street": "黄山路", "number": "1", "building": "", "unit": "", "room": "" },
                "zone_id": null, "group_no": null, "fee_category": "", "tags": [], "note": "" } }),
    );
    let conn = cw_store::rusqlite::Connection::open(t.db_path()).unwrap();
    let row: i64 = conn
        .query_row(
            "SELECT max(id) FROM audit_log WHERE entity = 'parties'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    conn.execute_batch(&format!(
        "DROP TRIGGER audit_log_refuses_update;
         UPDATE audit_log SET actor = CAST(X'E6' AS TEXT) || actor WHERE id = {row};"
    ))
    .unwrap();
    drop(conn);
    let check = t.ok("check.run", json!({}));
    assert_eq!(check["ok"], false);
    assert_eq!(check["broken_link"], row);
    let problems = check["problems"].to_string();
    assert!(
        problems.contains(&format!("审计记录第 {row} 条")),
        "{problems}"
    );
    let history = t.ok("audit.history", json!({ "entity": "parties", "id": id }));
    let text = history.to_string();
    assert!(text.contains("文字已损坏"), "{text}");
    assert_eq!(
        history.as_array().unwrap().len(),
        2,
        "every change still listed"
    );
}

#[test]
fn a_cli_that_creates_the_file_lets_go_of_the_lock_once_it_is_made() {
    let _serial = serial();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cw.db");
    let first = cli(&db);
    assert!(db.exists());
    assert!(!first.holds_writer(), "made, and let go");
    let desktop = App::open(&db, clock()).unwrap();
    assert!(desktop.holds_writer());
}
