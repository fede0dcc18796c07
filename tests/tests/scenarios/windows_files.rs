//! Scenarios of the clerk's Windows PC that Linux can play: a restore whose copy fails leaves
//! the live file open and untouched, the log file records what support needs and no personal
//! data, and the state shown to the page carries the place warning and the log's path.

use crate::common::TestApp;
use crate::safety::{add_zone, spoil_header, zone_names};
use cw_core::App;
use serde_json::json;
use std::path::{Path, PathBuf};

/// Where a restore puts its copy before renaming it over the database: a folder there makes the
/// copy fail the way a full disk or a scanner holding the file would.
fn block_the_copy(db: &Path) -> PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push(".restore-tmp");
    let blocker = PathBuf::from(name);
    std::fs::create_dir(&blocker).unwrap();
    blocker
}

fn log_text(db: &Path) -> String {
    std::fs::read_to_string(db.parent().unwrap().join("logs/chuangwei.log")).unwrap_or_default()
}

#[test]
fn a_restore_whose_copy_fails_leaves_the_live_file_open_and_a_second_try_keeps_it_as_it_was() {
    let t = TestApp::new();
    add_zone(&t.app, "甲");
    let made = t.ok("backups.create", json!({}));
    add_zone(&t.app, "乙");
    let blocker = block_the_copy(&t.db_path());

    let err = t.fails("backups.restore", json!({ "name": made["name"] }));
    assert_eq!(err.code, "store.backup", "{}", err.message);
    assert!(err.message.contains("复制备份"), "{}", err.message);
    // The live file is where it was, open, and takes writes.
    assert_eq!(zone_names(&t.app), ["乙", "甲"]);
    add_zone(&t.app, "丙");
    let status = t.ok("backups.status", json!({}));
    assert!(status["damaged"].is_null(), "{status}");
    assert_eq!(status["read_only"], false);

    std::fs::remove_dir(&blocker).unwrap();
    let out = t.ok("backups.restore", json!({ "name": made["name"] }));
    let kept = out["previous_kept_as"].as_str().unwrap();
    assert!(
        kept.contains("before-restore"),
        "the second try keeps the good file as a backup, not as damaged: {kept}"
    );
    assert_eq!(zone_names(&t.app), ["甲"]);
    let log = log_text(&t.db_path());
    assert!(log.contains("恢复失败"), "{log}");
    assert!(log.contains("已从备份"), "{log}");
}

#[test]
fn a_damaged_file_whose_restore_fails_stays_in_place_read_only() {
    let t = TestApp::new();
    add_zone(&t.app, "甲");
    let good = t.ok("backups.create", json!({}));
    let db = t.db_path();
    drop(t.app);
    let bytes = spoil_header(&db);
    let app = App::open(&db, crate::common::clock()).unwrap();
    let blocker = block_the_copy(&db);

    assert!(app
        .call("backups.restore", json!({ "name": good["name"] }), "tester")
        .is_err());
    assert_eq!(
        std::fs::read(&db).unwrap(),
        bytes,
        "the damaged file was not moved or changed"
    );
    let status = app
        .call_json("backups.status", json!({}), "tester")
        .unwrap();
    assert!(status["damaged"].is_string(), "{status}");
    assert_eq!(status["last_good_backup"]["name"], good["name"]);

    std::fs::remove_dir(&blocker).unwrap();
    let out = app
        .call_json("backups.restore", json!({ "name": good["name"] }), "tester")
        .unwrap();
    assert!(out["previous_kept_as"]
        .as_str()
        .unwrap()
        .contains("damaged"));
    assert_eq!(zone_names(&app), ["甲"]);
}

#[test]
fn the_log_records_opening_and_failures_but_no_names_or_what_was_typed() {
    let t = TestApp::new();
    t.ok(
        "households.create",
        json!({ "kind": "住户", "name": "欧阳秀英", "group_no": 1, "phone": "13912345678",
                "address": { "street": "黄山路", "number": "8", "building": "", "unit": "", "room": "" } }),
    );
    // A refusal of what the clerk typed names the field and the value: it is not logged.
    let refused = t.fails(
        "households.create",
        json!({ "kind": "住户", "name": "欧阳秀英", "group_no": 9,
                "address": { "street": "黄山路", "number": "8", "building": "", "unit": "", "room": "" } }),
    );
    assert!(!refused.message.is_empty());
    let log = log_text(&t.db_path());
    assert!(log.contains("[信息] 桌面程序打开数据文件"), "{log}");
    for private in ["欧阳秀英", "13912345678", "黄山路"] {
        assert!(!log.contains(private), "the log names {private}: {log}");
    }
    let status = t.ok("backups.status", json!({}));
    let log_path = status["log_path"].as_str().unwrap();
    assert!(log_path.ends_with("chuangwei.log"), "{log_path}");
    assert!(
        status["place_warning"].is_null(),
        "a temporary folder is a safe place"
    );
}

#[test]
fn a_database_in_a_sync_clients_folder_is_warned_about_at_open() {
    let dir = tempfile::tempdir().unwrap();
    let synced = dir.path().join("OneDrive").join("创卫");
    std::fs::create_dir_all(&synced).unwrap();
    let db = synced.join("chuangwei.db");
    let app = App::open(&db, crate::common::clock()).unwrap();
    let status = app
        .call_json("backups.status", json!({}), "tester")
        .unwrap();
    let warning = status["place_warning"].as_str().unwrap();
    assert!(warning.contains("「OneDrive」同步文件夹"), "{warning}");
    assert!(
        log_text(&db).contains("[警告] 数据文件在「OneDrive」"),
        "the warning is logged"
    );
}
