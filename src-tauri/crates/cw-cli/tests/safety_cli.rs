//! `chuangwei backup` and `chuangwei check`: exit codes and Chinese messages, including a
//! tampered audit row named by `check`.
#![allow(clippy::disallowed_methods)] // a test plays the other programs that touch the files
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

use std::path::Path;
use std::process::{Command, Output};

fn cw(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_chuangwei"))
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .unwrap()
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

#[test]
fn backup_and_check_succeed_on_a_sound_file_and_check_fails_on_a_tampered_one() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cw.db");
    for name in ["甲", "乙", "丙"] {
        let args = format!(r#"{{"name":"{name}","kind":"街道","boundary":""}}"#);
        let o = cw(&db, &["call", "zones.create", &args]);
        assert!(o.status.success(), "{}", text(&o));
    }
    let usb = tempfile::tempdir().unwrap();
    let o = cw(&db, &["backup", "--to", usb.path().to_str().unwrap()]);
    assert!(o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("已备份到"), "{}", text(&o));
    assert_eq!(std::fs::read_dir(usb.path()).unwrap().count(), 1);

    let o = cw(&db, &["check"]);
    assert!(o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("检查通过"));

    let conn = cw_store::rusqlite::Connection::open(&db).unwrap();
    conn.execute_batch(
        "DROP TRIGGER audit_log_refuses_update;
         UPDATE audit_log SET actor = 'cLi' WHERE id = 2;",
    )
    .unwrap();
    drop(conn);
    let o = cw(&db, &["check"]);
    assert!(!o.status.success(), "a tampered file must fail the check");
    assert!(text(&o).contains("审计记录第 2 条"), "{}", text(&o));
}

#[test]
fn check_reports_a_damaged_file_with_a_non_zero_exit_code() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cw.db");
    let o = cw(
        &db,
        &[
            "call",
            "zones.create",
            r#"{"name":"甲","kind":"街道","boundary":""}"#,
        ],
    );
    assert!(o.status.success(), "{}", text(&o));
    let o = cw(&db, &["backup"]);
    assert!(o.status.success(), "{}", text(&o));
    let mut bytes = std::fs::read(&db).unwrap();
    bytes[0..6].copy_from_slice(b"BROKEN");
    std::fs::write(&db, &bytes).unwrap();
    let o = cw(&db, &["check"]);
    assert!(!o.status.success());
    assert!(text(&o).contains("损坏"), "{}", text(&o));
    assert!(text(&o).contains("最近的完好备份"), "{}", text(&o));
    assert_eq!(std::fs::read(&db).unwrap(), bytes, "check changed nothing");
}

#[test]
fn a_write_whose_backup_fails_is_kept_but_the_run_says_so_and_exits_non_zero() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cw.db");
    // A file where the backup folder should be: the backup after the first write must fail.
    std::fs::write(dir.path().join("backups"), b"not a folder").unwrap();
    let o = cw(
        &db,
        &[
            "call",
            "zones.create",
            r#"{"name":"甲","kind":"街道","boundary":""}"#,
        ],
    );
    assert!(!o.status.success(), "a failed backup must not exit 0");
    let said = text(&o);
    assert!(said.contains("自动备份没有成功"), "{said}");
    assert!(said.contains("数据已保存"), "{said}");
    let o = cw(&db, &["call", "zones.list", "{}"]);
    assert!(text(&o).contains("甲"), "the write stands: {}", text(&o));
}

#[test]
fn a_file_whose_last_audit_row_was_deleted_is_refused_for_writing_and_fails_the_check() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cw.db");
    for name in ["甲", "乙"] {
        let args = format!(r#"{{"name":"{name}","kind":"街道","boundary":""}}"#);
        let o = cw(&db, &["call", "zones.create", &args]);
        assert!(o.status.success(), "{}", text(&o));
    }
    let conn = cw_store::rusqlite::Connection::open(&db).unwrap();
    conn.execute_batch(
        "DROP TRIGGER audit_log_refuses_delete;
         DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log);",
    )
    .unwrap();
    drop(conn);
    let o = cw(&db, &["check"]);
    assert!(!o.status.success());
    assert!(text(&o).contains("比本程序上次保存时旧"), "{}", text(&o));
    let o = cw(
        &db,
        &[
            "call",
            "zones.create",
            r#"{"name":"丙","kind":"街道","boundary":""}"#,
        ],
    );
    assert!(
        !o.status.success(),
        "no write goes onto a file that went back"
    );
    assert!(text(&o).contains("备份"), "{}", text(&o));
}

#[test]
fn a_first_run_into_a_data_folder_that_does_not_exist_yet_creates_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("new").join("chuangwei").join("cw.db");
    let o = cw(
        &db,
        &[
            "call",
            "zones.create",
            r#"{"name":"甲","kind":"街道","boundary":""}"#,
        ],
    );
    assert!(o.status.success(), "{}", text(&o));
    assert!(db.exists());
}

#[test]
fn backup_to_a_folder_is_plain_with_a_warning_until_a_passphrase_is_set_then_encrypted() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cw.db");
    let usb = tempfile::tempdir().unwrap();
    let to = usb.path().to_str().unwrap();
    let o = cw(&db, &["backup", "--to", to]);
    assert!(o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("没有加密"), "{}", text(&o));
    let set = r#"{"passphrase":"长江黄河-2026","confirm":"长江黄河-2026"}"#;
    let o = cw(&db, &["call", "backups.passphrase.set", set]);
    assert!(o.status.success(), "{}", text(&o));
    let o = cw(&db, &["backup", "--to", to]);
    assert!(!o.status.success(), "a passphrase is set: no plain copy");
    assert!(text(&o).contains("--passphrase-file"), "{}", text(&o));
    let file = dir.path().join("pass.txt");
    std::fs::write(&file, "长江黄河-2025\n").unwrap();
    let args = [
        "backup",
        "--to",
        to,
        "--passphrase-file",
        file.to_str().unwrap(),
    ];
    let o = cw(&db, &args);
    assert!(!o.status.success(), "a wrong passphrase makes no copy");
    assert!(text(&o).contains("备份密码"), "{}", text(&o));
    std::fs::write(&file, "长江黄河-2026\r\n").unwrap();
    let o = cw(&db, &args);
    assert!(o.status.success(), "{}", text(&o));
    let encrypted: Vec<_> = std::fs::read_dir(usb.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".db.age"))
        .collect();
    assert_eq!(encrypted.len(), 1);
    assert!(std::fs::read(&encrypted[0])
        .unwrap()
        .starts_with(b"age-encryption.org/v1"));
}
