//! Scenarios of data safety: backups (at start, every 15 minutes of activity, before an import,
//! on demand, to a chosen folder), restore and its undo, the writer lock, and the tamper check.

use crate::common::{import_args, TestApp};
use chrono::{NaiveDate, NaiveDateTime};
use cw_core::domain::Clock;
use cw_core::App;
use serde_json::{json, Value};
use std::path::Path;
use std::sync::{Arc, Mutex};

/// A clock the test moves by hand.
pub struct StepClock(pub Mutex<NaiveDateTime>);

impl StepClock {
    pub fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> Arc<StepClock> {
        let t = NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(h, min, 0)
            .unwrap();
        Arc::new(StepClock(Mutex::new(t)))
    }
    pub fn advance(&self, minutes: i64) {
        let mut t = self.0.lock().unwrap();
        *t += chrono::Duration::minutes(minutes);
    }
}

impl Clock for StepClock {
    fn now(&self) -> NaiveDateTime {
        *self.0.lock().unwrap()
    }
}

/// Overwrites the first 16 bytes of the (closed) database with garbage, so it no longer reads as
/// SQLite; returns the file's bytes as they now are.
pub(crate) fn spoil_header(db: &Path) -> Vec<u8> {
    let mut bytes = std::fs::read(db).unwrap();
    bytes[0..16].copy_from_slice(b"garbage garbage!");
    std::fs::write(db, &bytes).unwrap();
    bytes
}

fn ok(app: &App, name: &str, args: Value) -> Value {
    app.call_json(name, args, "tester")
        .unwrap_or_else(|e| panic!("{name}: {} {e}", e.code()))
}

fn reasons(app: &App) -> Vec<String> {
    // Automatic backups run on their own thread.
    app.wait_for_backups();
    let list = ok(app, "backups.list", json!({}));
    list.as_array()
        .unwrap()
        .iter()
        .map(|b| b["reason"].as_str().unwrap().to_string())
        .collect()
}

pub(crate) fn zone_names(app: &App) -> Vec<String> {
    let zones = ok(app, "zones.list", json!({ "include_inactive": true }));
    let mut names: Vec<String> = zones
        .as_array()
        .unwrap()
        .iter()
        .map(|z| z["name"].as_str().unwrap().to_string())
        .collect();
    names.sort();
    names
}

pub(crate) fn add_zone(app: &App, name: &str) {
    ok(
        app,
        "zones.create",
        json!({ "name": name, "kind": "街道", "boundary": "" }),
    );
}

#[test]
fn backups_come_after_fifteen_minutes_of_activity_and_at_the_next_start() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cw.db");
    let clock = StepClock::at(2026, 11, 29, 9, 0);
    let app = App::open(&db, clock.clone()).unwrap();
    assert!(
        reasons(&app).is_empty(),
        "an empty file is not backed up at start"
    );
    add_zone(&app, "甲");
    assert_eq!(reasons(&app), ["auto"], "the first write of a session");
    clock.advance(10);
    add_zone(&app, "乙");
    assert_eq!(reasons(&app).len(), 1, "ten minutes later: not yet");
    clock.advance(6);
    add_zone(&app, "丙");
    assert_eq!(
        reasons(&app),
        ["auto", "auto"],
        "sixteen minutes after the first"
    );
    clock.advance(60);
    assert_eq!(reasons(&app).len(), 2, "an idle app makes none");
    drop(app);
    let app = App::open(&db, clock.clone()).unwrap();
    assert_eq!(reasons(&app), ["start", "auto", "auto"]);
    let newest = &ok(&app, "backups.list", json!({}))[0];
    assert_eq!(newest["at"], "2026-11-29 10:16:00");
    let zones = newest["counts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["table"] == "zones")
        .unwrap()["count"]
        .clone();
    assert_eq!(zones, 3);
}

#[test]
fn an_automatic_backup_that_fails_on_its_thread_is_reported_and_the_write_stands() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cw.db");
    let clock = StepClock::at(2026, 11, 29, 9, 0);
    let app = App::open(&db, clock.clone()).unwrap();
    // A file where the backup folder should be: every automatic backup must fail.
    std::fs::write(dir.path().join("backups"), b"not a folder").unwrap();
    add_zone(&app, "甲");
    app.wait_for_backups();
    let status = ok(&app, "backups.status", json!({}));
    assert!(
        status["backup_error"]
            .as_str()
            .is_some_and(|e| !e.is_empty()),
        "{status}"
    );
    assert_eq!(zone_names(&app), ["甲"], "the write is kept");
    // A half-written copy left by a stopped process goes at the next start, once it is stale.
    std::fs::remove_file(dir.path().join("backups")).unwrap();
    std::fs::create_dir(dir.path().join("backups")).unwrap();
    let stale = dir.path().join("backups").join(".tmp-999-1.db");
    std::fs::write(&stale, b"half").unwrap();
    let old = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    std::fs::File::options()
        .write(true)
        .open(&stale)
        .unwrap()
        .set_modified(old)
        .unwrap();
    drop(app);
    let app = App::open(&db, clock).unwrap();
    app.wait_for_backups();
    assert!(!stale.exists(), "the stale temporary is removed");
    assert_eq!(reasons(&app), ["start"]);
    assert!(ok(&app, "backups.status", json!({}))["backup_error"].is_null());
}

#[test]
fn an_import_is_preceded_by_a_backup_of_the_file_as_it_was() {
    let t = TestApp::new();
    t.zone("黄山路东段");
    let csv = "类型,名称,联系人,电话,街道,门牌号,楼栋,单元,房号,责任区,收费小组\n\
               住户,张三,张三,13800000001,黄山路,1,,,,黄山路东段,1\n";
    t.ok(
        "import.commit",
        import_args("households", "住户.csv", csv.as_bytes()),
    );
    assert_eq!(t.household_count(), 1);
    let list = t.ok("backups.list", json!({}));
    let before_import = list
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["reason"] == "import")
        .expect("an import backup");
    assert_eq!(before_import["reason_label"], "导入前");
    let preview = t.ok("backups.preview", json!({ "name": before_import["name"] }));
    let households = preview["info"]["counts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["table"] == "parties")
        .unwrap()["count"]
        .clone();
    assert_eq!(households, 0, "the backup holds the file before the import");
    assert_eq!(preview["check"]["ok"], true);
}

#[test]
fn a_backup_on_demand_is_listed_verified_and_previewed() {
    let t = TestApp::new();
    t.zone("黄山路东段");
    let made = t.ok("backups.create", json!({}));
    assert_eq!(made["reason"], "manual");
    assert!(made["size_bytes"].as_u64().unwrap() > 4096);
    assert!(Path::new(made["path"].as_str().unwrap()).starts_with(t.dir.path().join("backups")));
    let verdict = t.ok("backups.verify", json!({ "name": made["name"] }));
    assert_eq!(verdict["ok"], true, "{verdict}");
    assert_eq!(verdict["latest_hash"].as_str().unwrap().len(), 64);
    let preview = t.ok("backups.preview", json!({ "name": made["name"] }));
    assert_eq!(preview["audit_rows"], 1);
    assert_eq!(preview["latest_audit_at"], "2026-11-29 09:00:00");
    let err = t.fails("backups.verify", json!({ "name": "../cw.db" }));
    assert_eq!(err.code, "bad_args");
}

#[test]
fn a_backup_to_a_picked_folder_lands_there_and_a_folder_gone_since_is_named() {
    let t = TestApp::new();
    t.zone("黄山路东段");
    t.ok(
        "backups.passphrase.set",
        json!({ "passphrase": "pass-phrase-1", "confirm": "pass-phrase-1" }),
    );
    let usb = tempfile::tempdir().unwrap();
    let token = t.app.register_picked_folder(usb.path()).unwrap().token;
    let made = t.ok(
        "backups.create_to",
        json!({ "token": token, "passphrase": "pass-phrase-1" }),
    );
    let path = Path::new(made["path"].as_str().unwrap());
    assert_eq!(path.parent().unwrap(), usb.path());
    assert!(cw_store::crypt::looks_encrypted(path));
    // The stick pulled out after the pick.
    let gone = t
        .app
        .register_picked_folder(Path::new("/没有这个/文件夹"))
        .unwrap()
        .token;
    let err = t.fails(
        "backups.create_to",
        json!({ "token": gone, "passphrase": "pass-phrase-1" }),
    );
    assert!(err.message.contains("不存在"), "{}", err.message);
}

#[test]
fn a_restore_brings_back_the_backup_and_can_itself_be_undone() {
    let t = TestApp::new();
    add_zone(&t.app, "甲");
    let made = t.ok("backups.create", json!({}));
    add_zone(&t.app, "乙");
    assert_eq!(zone_names(&t.app), ["乙", "甲"]);
    let out = t.ok("backups.restore", json!({ "name": made["name"] }));
    assert_eq!(zone_names(&t.app), ["甲"], "the backup's state");
    let kept = out["previous_kept_as"].as_str().unwrap().to_string();
    assert!(kept.contains("before-restore"), "{kept}");
    // The restore is in the restored file's audit trail, and its chain still holds.
    let check = t.ok("check.run", json!({}));
    assert_eq!(check["ok"], true, "{check}");
    let conn = cw_store::rusqlite::Connection::open(t.db_path()).unwrap();
    let restores: i64 = conn
        .query_row(
            "SELECT count(*) FROM audit_log WHERE command = 'backups.restore'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(restores, 1);
    drop(conn);
    // Undo: restore the file kept before the restore.
    t.ok("backups.restore", json!({ "name": kept }));
    assert_eq!(zone_names(&t.app), ["乙", "甲"]);
    add_zone(&t.app, "丙");
    assert_eq!(zone_names(&t.app).len(), 3, "writes work after a restore");
}

#[test]
fn the_command_line_cannot_write_while_the_app_holds_the_file_but_can_read() {
    let t = TestApp::new();
    t.zone("黄山路东段");
    let second = App::open(&t.db_path(), Arc::new(cw_core::domain::SystemClock)).unwrap();
    assert_eq!(zone_names(&second), ["黄山路东段"], "reads proceed");
    let err = second
        .call(
            "zones.create",
            json!({ "name": "乙", "kind": "街道", "boundary": "" }),
            "cli",
        )
        .err()
        .unwrap();
    assert_eq!(err.code(), "store.held");
    assert!(err.to_string().contains("正在使用"), "{err}");
    drop(t.app);
    add_zone(&second, "乙");
    assert_eq!(zone_names(&second).len(), 2, "free once the app is gone");
}

#[test]
fn a_byte_altered_in_an_old_audit_row_is_found_and_named() {
    let t = TestApp::new();
    for name in ["甲", "乙", "丙", "丁"] {
        add_zone(&t.app, name);
    }
    assert_eq!(t.ok("check.run", json!({}))["ok"], true);
    {
        // Outside the app: drop the trigger and change one byte of row 2.
        let conn = cw_store::rusqlite::Connection::open(t.db_path()).unwrap();
        conn.execute_batch(
            "DROP TRIGGER audit_log_refuses_update;
             UPDATE audit_log SET after_json = replace(after_json, '乙', '己') WHERE id = 2;",
        )
        .unwrap();
    }
    let check = t.ok("check.run", json!({}));
    assert_eq!(check["ok"], false);
    assert_eq!(check["broken_link"], 2);
    let text = check["problems"].to_string();
    assert!(text.contains("审计记录第 2 条"), "{text}");
    assert!(text.contains("zones.create"), "{text}");
}

#[test]
fn a_damaged_file_opens_read_only_offers_the_last_good_backup_and_is_restored() {
    let t = TestApp::new();
    add_zone(&t.app, "甲");
    let good = t.ok("backups.create", json!({}));
    let db = t.db_path();
    drop(t.app);
    let bytes = spoil_header(&db);
    let app = App::open(&db, crate::common::clock()).unwrap();
    let status = ok(&app, "backups.status", json!({}));
    assert!(
        status["damaged"].as_str().unwrap().contains("不是 SQLite"),
        "{status}"
    );
    assert_eq!(status["read_only"], true);
    assert_eq!(status["last_good_backup"]["name"], good["name"]);
    let err = app
        .call(
            "zones.create",
            json!({ "name": "乙", "kind": "街道", "boundary": "" }),
            "tester",
        )
        .err()
        .unwrap();
    assert_eq!(err.code(), "store.damaged");
    assert!(err.to_string().contains("备份"), "{err}");
    assert_eq!(std::fs::read(&db).unwrap(), bytes, "nothing written to it");
    let out = ok(&app, "backups.restore", json!({ "name": good["name"] }));
    assert!(out["previous_kept_as"]
        .as_str()
        .unwrap()
        .contains("damaged"));
    assert_eq!(zone_names(&app), ["甲"]);
    assert!(ok(&app, "backups.status", json!({}))["damaged"].is_null());
    add_zone(&app, "乙");
}

#[test]
fn a_receipt_or_fine_altered_outside_the_app_is_found_by_its_seal() {
    let t = TestApp::new();
    t.ok("demo.generate", json!({}));
    let clean = t.ok("check.run", json!({}));
    assert_eq!(clean["ok"], true, "{clean}");
    let (receipt, fine): (i64, i64) = {
        let conn = cw_store::rusqlite::Connection::open(t.db_path()).unwrap();
        let receipt = conn
            .query_row("SELECT min(id) FROM receipts", [], |r| r.get(0))
            .unwrap();
        let fine = conn
            .query_row("SELECT max(id) FROM fines", [], |r| r.get(0))
            .unwrap();
        // One yuan off an old receipt, as someone with a database tool might.
        conn.execute_batch(&format!(
            "DROP TRIGGER receipts_no_update;
             UPDATE receipts SET amount_fen = amount_fen - 100, override_reason = '改' WHERE id = {receipt};"
        ))
        .unwrap();
        (receipt, fine)
    };
    let check = t.ok("check.run", json!({}));
    assert_eq!(check["ok"], false);
    let text = check["problems"].to_string();
    assert!(text.contains(&format!("receipts #{receipt}")), "{text}");
    assert!(text.contains("收据"), "{text}");

    // A fine (recorded before the demo's receipts) altered too: the earlier record is named.
    {
        let conn = cw_store::rusqlite::Connection::open(t.db_path()).unwrap();
        conn.execute_batch(&format!(
            "DROP TRIGGER fines_refuse_update;
             UPDATE fines SET observed = observed || '。' WHERE id = {fine};"
        ))
        .unwrap();
    }
    let check = t.ok("check.run", json!({}));
    let text = check["problems"].to_string();
    assert!(text.contains(&format!("fines #{fine}")), "{text}");
}
