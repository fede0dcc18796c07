//! Scenarios of the backups that leave the PC (issue 19): written only to a folder picked in
//! this run, encrypted with the passphrase the head set, restored with it only; and a sign-in
//! under an unknown name doing the same work as a wrong password.

use crate::common::{file_bytes, TestApp};
use cw_core::Output;
use serde_json::{json, Value};
use std::path::Path;

const PASS: &str = "长江黄河-2026";

fn set_passphrase(t: &TestApp) {
    t.ok(
        "backups.passphrase.set",
        json!({ "passphrase": PASS, "confirm": PASS }),
    );
}

fn zone_names(t: &TestApp) -> Vec<String> {
    let mut names: Vec<String> = t
        .ok("zones.list", json!({ "include_inactive": true }))
        .as_array()
        .unwrap()
        .iter()
        .map(|z| z["name"].as_str().unwrap().to_string())
        .collect();
    names.sort();
    names
}

/// A USB stick picked in the dialog: the folder and the token the page gets for it.
fn picked(t: &TestApp) -> (tempfile::TempDir, String) {
    let usb = tempfile::tempdir().unwrap();
    let token = t.app.register_picked_folder(usb.path()).unwrap().token;
    (usb, token)
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    names.sort();
    names
}

#[test]
fn a_backup_to_a_picked_folder_is_encrypted_and_cannot_be_read_as_sqlite() {
    let t = TestApp::new();
    t.zone("黄山路东段");
    set_passphrase(&t);
    let (usb, token) = picked(&t);
    let made = t.ok(
        "backups.create_to",
        json!({ "token": token, "passphrase": PASS }),
    );
    let path = Path::new(made["path"].as_str().unwrap());
    assert_eq!(path.parent().unwrap(), usb.path());
    assert!(
        made["name"].as_str().unwrap().ends_with(".db.age"),
        "{made}"
    );
    let bytes = std::fs::read(path).unwrap();
    assert!(
        bytes.starts_with(b"age-encryption.org/v1\n-> scrypt "),
        "the age header"
    );
    let name = "黄山路东段".as_bytes();
    assert!(
        !bytes.windows(name.len()).any(|w| w == name),
        "no record in plain text"
    );
    let opened = cw_store::rusqlite::Connection::open(path)
        .and_then(|c| c.query_row("SELECT count(*) FROM zones", [], |r| r.get::<_, i64>(0)));
    assert!(opened.is_err(), "SQLite cannot read it");
    assert!(!cw_core::backups::check_path(path).ok);
    // The copy kept in the data folder beside the database stays plain and readable.
    let local = t.ok("backups.list", json!({}));
    assert!(local[0]["readable"].as_bool().unwrap(), "{local}");
    // Nothing half-written is left on the stick; the photos folder goes beside the backup.
    assert!(names_in(usb.path()).iter().all(|n| !n.starts_with(".tmp")));
    let listed = t.ok("backups.list_in", json!({ "token": token }));
    assert_eq!(listed[0]["name"], made["name"]);
    assert_eq!(listed[0]["reason_label"], "手动");
}

#[test]
fn an_encrypted_backup_restores_with_its_passphrase_and_the_restore_can_be_undone() {
    let t = TestApp::new();
    t.zone("甲");
    set_passphrase(&t);
    let (_usb, token) = picked(&t);
    let made = t.ok(
        "backups.create_to",
        json!({ "token": token, "passphrase": PASS }),
    );
    t.zone("乙");
    assert_eq!(zone_names(&t), ["乙", "甲"]);
    let out = t.ok(
        "backups.restore_from",
        json!({ "token": token, "name": made["name"], "passphrase": PASS }),
    );
    assert_eq!(zone_names(&t), ["甲"], "the backup's state");
    assert!(out["previous_kept_as"]
        .as_str()
        .unwrap()
        .contains("before-restore"));
    let check = t.ok("check.run", json!({}));
    assert_eq!(check["ok"], true, "{check}");
    assert!(!t.dir.path().join("cw.db.restore-tmp").exists());
}

#[test]
fn a_wrong_passphrase_is_refused_in_chinese_and_leaves_the_live_file_byte_for_byte() {
    let t = TestApp::new();
    t.zone("甲");
    set_passphrase(&t);
    let (_usb, token) = picked(&t);
    let made = t.ok(
        "backups.create_to",
        json!({ "token": token, "passphrase": PASS }),
    );
    t.zone("乙");
    t.app.wait_for_backups();
    let db = t.db_path();
    let wal = t.dir.path().join("cw.db-wal");
    let (before, wal_before) = (file_bytes(&db), file_bytes(&wal));
    let backups_before = names_in(&t.dir.path().join("backups"));
    let err = t.fails(
        "backups.restore_from",
        json!({ "token": token, "name": made["name"], "passphrase": "长江黄河-2025" }),
    );
    assert_eq!(err.code, "store.wrong_passphrase");
    assert!(err.message.contains("备份密码不正确"), "{}", err.message);
    assert!(err.message.contains("没有任何改动"), "{}", err.message);
    assert_eq!(file_bytes(&db), before, "the live file is untouched");
    assert_eq!(file_bytes(&wal), wal_before);
    assert_eq!(names_in(&t.dir.path().join("backups")), backups_before);
    assert!(!t.dir.path().join("cw.db.restore-tmp").exists());
    assert_eq!(zone_names(&t), ["乙", "甲"]);
}

#[test]
fn create_to_refuses_a_folder_not_picked_and_a_backup_before_a_passphrase_is_set() {
    let t = TestApp::new();
    t.zone("甲");
    let (usb, token) = picked(&t);
    let none = t.fails(
        "backups.create_to",
        json!({ "token": token, "passphrase": PASS }),
    );
    assert_eq!(none.code, "conflict");
    assert!(
        none.message.contains("还没有设置备份密码"),
        "{}",
        none.message
    );
    set_passphrase(&t);
    // A path the page sends is no folder: only a token from this run's pick is.
    let path = t.fails(
        "backups.create_to",
        json!({ "dir": usb.path(), "passphrase": PASS }),
    );
    assert_eq!(path.code, "bad_args", "{}", path.message);
    let made_up = t.fails(
        "backups.create_to",
        json!({ "token": "0123abcd", "passphrase": PASS }),
    );
    assert!(
        made_up.message.contains("选择文件夹"),
        "{}",
        made_up.message
    );
    let typo = t.fails(
        "backups.create_to",
        json!({ "token": token, "passphrase": "长江黄河-2O26" }),
    );
    assert!(typo.message.contains("备份密码"), "{}", typo.message);
    assert!(names_in(usb.path()).is_empty(), "nothing was written");
    // Another App (the next run) does not know this run's tokens.
    drop(t);
}

#[test]
fn the_page_can_ask_for_a_pick_only_where_the_adapter_offers_a_folder() {
    let t = TestApp::new();
    let refused = t.fails("backups.pick_folder", json!({}));
    assert!(refused.message.contains("桌面程序"), "{}", refused.message);
    let usb = tempfile::tempdir().unwrap();
    t.app.offer_folder_to_pick(usb.path().to_path_buf());
    let picked = t.ok("backups.pick_folder", json!({}));
    assert_eq!(picked["path"], usb.path().display().to_string());
    set_passphrase(&t);
    let made = t.ok(
        "backups.create_to",
        json!({ "token": picked["token"], "passphrase": PASS }),
    );
    assert!(Path::new(made["path"].as_str().unwrap()).starts_with(usb.path()));
}

fn session(t: &TestApp, token: Option<&str>, name: &str, args: Value) -> Result<Value, String> {
    match t.app.call_in_session(token, name, args) {
        Ok(Output::Json(v)) => Ok(v),
        Ok(Output::File(_)) => Err("a file".into()),
        Err(e) => Err(format!("{} {}", e.code(), e)),
    }
}

#[test]
fn only_the_head_sets_the_passphrase_and_a_short_or_mistyped_one_is_named() {
    let t = TestApp::new();
    let head = session(
        &t,
        None,
        "auth.setup",
        json!({ "username": "zhuren", "display_name": "黄主任", "password": "hs-head-2026" }),
    )
    .unwrap()["token"]
        .as_str()
        .unwrap()
        .to_string();
    session(
        &t,
        Some(&head),
        "accounts.create",
        json!({ "username": "wenyuan", "display_name": "李文员", "role": "文员", "password": "clerk-pw-1" }),
    )
    .unwrap();
    let clerk = session(
        &t,
        None,
        "auth.login",
        json!({ "username": "wenyuan", "password": "clerk-pw-1" }),
    )
    .unwrap()["token"]
        .as_str()
        .unwrap()
        .to_string();
    let args = json!({ "passphrase": PASS, "confirm": PASS });
    let refused = session(&t, Some(&clerk), "backups.passphrase.set", args.clone()).unwrap_err();
    assert!(refused.starts_with("auth.forbidden"), "{refused}");
    let status = session(&t, Some(&clerk), "backups.passphrase.status", json!({})).unwrap();
    assert_eq!(status["set"], false);
    let short = session(
        &t,
        Some(&head),
        "backups.passphrase.set",
        json!({ "passphrase": "1234567", "confirm": "1234567" }),
    )
    .unwrap_err();
    assert!(
        short.contains("备份密码") && short.contains("至少要 8 个字符"),
        "{short}"
    );
    let mistyped = session(
        &t,
        Some(&head),
        "backups.passphrase.set",
        json!({ "passphrase": PASS, "confirm": "长江黄河-2027" }),
    )
    .unwrap_err();
    assert!(mistyped.contains("确认备份密码"), "{mistyped}");
    session(&t, Some(&head), "backups.passphrase.set", args).unwrap();
    let status = session(&t, Some(&clerk), "backups.passphrase.status", json!({})).unwrap();
    assert_eq!(status["set"], true);
    assert_eq!(status["set_by"], "zhuren");
    // Neither the passphrase nor its verifier is in the file as text anyone could read back.
    let conn = cw_store::rusqlite::Connection::open(t.db_path()).unwrap();
    let verifier: String = conn
        .query_row("SELECT verifier FROM backup_passphrase", [], |r| r.get(0))
        .unwrap();
    assert!(verifier.starts_with("$argon2id$") && !verifier.contains(PASS));
    let trail: String = conn
        .query_row(
            "SELECT group_concat(coalesce(after_json, ''), ' ') FROM audit_log WHERE entity = 'backup_passphrase'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(
        trail.contains("设置备份密码") && !trail.contains("argon2") && !trail.contains(PASS),
        "{trail}"
    );
}

#[test]
fn a_sign_in_under_an_unknown_name_runs_the_same_password_check_as_a_wrong_password() {
    use cw_core::auth::passwords::verifications_on_this_thread as runs;
    let t = TestApp::new();
    session(
        &t,
        None,
        "auth.setup",
        json!({ "username": "zhuren", "display_name": "黄主任", "password": "hs-head-2026" }),
    )
    .unwrap();
    let attempt = |username: &str| {
        let before = runs();
        let said = session(
            &t,
            None,
            "auth.login",
            json!({ "username": username, "password": "wrong-pw-1" }),
        )
        .unwrap_err();
        (runs() - before, said)
    };
    let (known, known_said) = attempt("zhuren");
    let (unknown, unknown_said) = attempt("nobody");
    assert_eq!(known, 1, "a wrong password is checked once");
    assert_eq!(
        unknown, 1,
        "an unknown name is checked once too, against the dummy hash"
    );
    assert_eq!(
        known_said, unknown_said,
        "and both are refused in the same words"
    );
}
