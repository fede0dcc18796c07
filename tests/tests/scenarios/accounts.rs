//! Scenarios of local accounts: the first run, sign-in, roles, the idle lock, the audit trail.

use chrono::{Duration, NaiveDate, NaiveDateTime};
use cw_core::domain::Clock;
use cw_core::{App, Output};
use serde_json::{json, Value};
use std::sync::{Arc, Mutex};

/// A clock the test moves forward by hand.
struct HandClock(Mutex<NaiveDateTime>);

impl Clock for HandClock {
    fn now(&self) -> NaiveDateTime {
        *self.0.lock().unwrap()
    }
}

struct Ui {
    app: App,
    clock: Arc<HandClock>,
    _dir: tempfile::TempDir,
}

impl Ui {
    fn new() -> Ui {
        let dir = tempfile::tempdir().unwrap();
        let start = NaiveDate::from_ymd_opt(2026, 11, 29)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap();
        let clock = Arc::new(HandClock(Mutex::new(start)));
        let app = App::open(&dir.path().join("cw.db"), clock.clone()).unwrap();
        Ui {
            app,
            clock,
            _dir: dir,
        }
    }

    fn wait_minutes(&self, m: i64) {
        *self.clock.0.lock().unwrap() += Duration::minutes(m);
    }

    fn call(
        &self,
        token: Option<&str>,
        name: &str,
        args: Value,
    ) -> Result<Value, (String, String)> {
        match self.app.call_in_session(token, name, args) {
            Ok(Output::Json(v)) => Ok(v),
            Ok(Output::File(f)) => Ok(json!({ "file": f.file_name })),
            Err(e) => Err((e.code().to_string(), e.to_string())),
        }
    }

    fn ok(&self, token: Option<&str>, name: &str, args: Value) -> Value {
        self.call(token, name, args)
            .unwrap_or_else(|(c, m)| panic!("{name}: {c} {m}"))
    }

    fn code(&self, token: Option<&str>, name: &str, args: Value) -> String {
        match self.call(token, name, args) {
            Ok(v) => panic!("{name} should have failed, got {v}"),
            Err((code, _)) => code,
        }
    }

    /// Sets up the head `zhuren` and returns the head's token.
    fn head(&self) -> String {
        let s = self.ok(
            None,
            "auth.setup",
            json!({ "username": "zhuren", "display_name": "黄主任", "password": "hs-head-2026" }),
        );
        s["token"].as_str().unwrap().to_string()
    }

    /// Adds the clerk `wenyuan` and signs it in; returns its token.
    fn clerk(&self, head: &str) -> String {
        self.ok(
            Some(head),
            "accounts.create",
            json!({ "username": "wenyuan", "display_name": "李文员", "role": "文员", "password": "clerk-pw-1" }),
        );
        let s = self.ok(
            None,
            "auth.login",
            json!({ "username": "wenyuan", "password": "clerk-pw-1" }),
        );
        s["token"].as_str().unwrap().to_string()
    }
}

#[test]
fn the_first_run_creates_the_heads_account_and_nothing_works_before_it() {
    let ui = Ui::new();
    assert_eq!(ui.ok(None, "auth.status", json!({}))["needs_setup"], true);
    assert_eq!(ui.code(None, "meta.options", json!({})), "auth.required");
    assert_eq!(
        ui.code(Some("made-up"), "households.list", json!({})),
        "auth.required"
    );
    let head = ui.head();
    let status = ui.ok(Some(&head), "auth.status", json!({}));
    assert_eq!(status["needs_setup"], false);
    assert_eq!(status["session"]["role"], "主任");
    assert!(ui.ok(Some(&head), "meta.options", json!({}))["roles"].is_array());
    // A second setup would let anyone make themselves head.
    let again = ui.code(
        None,
        "auth.setup",
        json!({ "username": "other", "display_name": "某人", "password": "another-pw-1" }),
    );
    assert_eq!(again, "conflict");
}

#[test]
fn a_weak_first_password_is_refused_naming_the_field() {
    let ui = Ui::new();
    let err = ui
        .call(
            None,
            "auth.setup",
            json!({ "username": "zhuren", "display_name": "黄主任", "password": "123" }),
        )
        .unwrap_err();
    assert_eq!(err.0, "validation.invalid");
    assert!(err.1.contains("密码") && err.1.contains("8"), "{}", err.1);
    assert_eq!(ui.ok(None, "auth.status", json!({}))["needs_setup"], true);
}

#[test]
fn a_clerk_works_the_registry_but_may_not_do_the_heads_acts() {
    let ui = Ui::new();
    let head = ui.head();
    let clerk = ui.clerk(&head);
    ui.ok(
        Some(&clerk),
        "zones.create",
        json!({ "name": "黄山路东段", "kind": "街道", "boundary": "" }),
    );
    assert_eq!(
        ui.code(Some(&clerk), "accounts.list", json!({})),
        "auth.forbidden"
    );
    assert_eq!(
        ui.code(
            Some(&clerk),
            "security.update",
            json!({ "idle_lock_minutes": 0 })
        ),
        "auth.forbidden"
    );
    let list = ui.ok(Some(&head), "accounts.list", json!({}));
    assert_eq!(list.as_array().unwrap().len(), 2);
}

#[test]
fn the_audit_trail_names_who_acted_and_never_holds_a_password() {
    let ui = Ui::new();
    let head = ui.head();
    let clerk = ui.clerk(&head);
    ui.ok(
        Some(&clerk),
        "zones.create",
        json!({ "name": "黄山路东段", "kind": "街道", "boundary": "" }),
    );
    let path = ui.app.db_path().unwrap().to_path_buf();
    let conn = cw_store::rusqlite::Connection::open(path).unwrap();
    let zone_actor: String = conn
        .query_row(
            "SELECT actor FROM audit_log WHERE entity = 'zone' OR entity = 'zones' ORDER BY id DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(zone_actor, "wenyuan");
    let all: Vec<String> = conn
        .prepare("SELECT coalesce(before_json, '') || coalesce(after_json, '') FROM audit_log")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    assert!(all.iter().any(|t| t.contains("登录")));
    for text in &all {
        assert!(!text.contains("hs-head-2026") && !text.contains("clerk-pw-1"));
        assert!(!text.contains("argon2"), "{text}");
    }
}

#[test]
fn five_wrong_passwords_pause_sign_in_even_for_the_right_one() {
    let ui = Ui::new();
    ui.head();
    for _ in 0..5 {
        let code = ui.code(
            None,
            "auth.login",
            json!({ "username": "zhuren", "password": "wrong-guess" }),
        );
        assert_eq!(code, "auth.bad_credentials");
    }
    let paused = ui.code(
        None,
        "auth.login",
        json!({ "username": "zhuren", "password": "hs-head-2026" }),
    );
    assert_eq!(paused, "auth.throttled");
    ui.wait_minutes(2);
    ui.ok(
        None,
        "auth.login",
        json!({ "username": "zhuren", "password": "hs-head-2026" }),
    );
}

#[test]
fn an_idle_session_locks_and_only_its_own_password_unlocks_it() {
    let ui = Ui::new();
    let head = ui.head();
    let clerk = ui.clerk(&head);
    ui.wait_minutes(9);
    ui.ok(Some(&clerk), "households.list", json!({}));
    ui.wait_minutes(10);
    assert_eq!(
        ui.code(Some(&clerk), "households.list", json!({})),
        "auth.locked"
    );
    assert_eq!(
        ui.code(
            Some(&clerk),
            "auth.unlock",
            json!({ "password": "hs-head-2026" })
        ),
        "auth.bad_credentials"
    );
    let s = ui.ok(
        Some(&clerk),
        "auth.unlock",
        json!({ "password": "clerk-pw-1" }),
    );
    assert_eq!(s["locked"], false);
    ui.ok(Some(&clerk), "households.list", json!({}));
    // 锁屏 by hand.
    ui.ok(Some(&clerk), "auth.lock", json!({}));
    assert_eq!(
        ui.code(Some(&clerk), "households.list", json!({})),
        "auth.locked"
    );
    ui.ok(Some(&clerk), "auth.logout", json!({}));
    assert_eq!(
        ui.code(Some(&clerk), "households.list", json!({})),
        "auth.required"
    );
}

#[test]
fn the_last_head_cannot_be_demoted_and_a_deactivated_clerk_is_signed_out() {
    let ui = Ui::new();
    let head = ui.head();
    let clerk = ui.clerk(&head);
    let list = ui.ok(Some(&head), "accounts.list", json!({}));
    let id_of = |name: &str| {
        list.as_array()
            .unwrap()
            .iter()
            .find(|a| a["username"] == name)
            .unwrap()["id"]
            .as_i64()
            .unwrap()
    };
    let demote = ui.code(
        Some(&head),
        "accounts.update",
        json!({ "id": id_of("zhuren"), "display_name": "黄主任", "role": "文员", "active": true }),
    );
    assert_eq!(demote, "conflict");
    ui.ok(
        Some(&head),
        "accounts.update",
        json!({ "id": id_of("wenyuan"), "display_name": "李文员", "role": "文员", "active": false }),
    );
    assert_eq!(
        ui.code(Some(&clerk), "households.list", json!({})),
        "auth.required"
    );
    assert_eq!(
        ui.code(
            None,
            "auth.login",
            json!({ "username": "wenyuan", "password": "clerk-pw-1" })
        ),
        "auth.bad_credentials"
    );
}

#[test]
fn the_demo_community_signs_in_with_its_documented_password_until_it_is_changed() {
    let ui = Ui::new();
    ui.app.call("demo.generate", json!({}), "cli").unwrap();
    let status = ui.ok(None, "auth.status", json!({}));
    assert_eq!(status["needs_setup"], false);
    let hint = status["demo_hint"].as_str().unwrap();
    assert!(hint.contains("zhuren") && hint.contains(cw_core::auth::accounts::DEMO_PASSWORD));
    let s = ui.ok(
        None,
        "auth.login",
        json!({ "username": "ZhuRen", "password": cw_core::auth::accounts::DEMO_PASSWORD }),
    );
    let token = s["token"].as_str().unwrap();
    ui.ok(
        Some(token),
        "auth.change_password",
        json!({ "old_password": cw_core::auth::accounts::DEMO_PASSWORD, "new_password": "our-own-pw-9" }),
    );
    assert!(ui.ok(None, "auth.status", json!({}))["demo_hint"].is_null());
}

#[test]
fn only_the_head_reopens_a_month_changes_the_schedules_and_voids_a_closed_batchs_receipt() {
    use cw_core::auth::accounts::DEMO_PASSWORD;
    let ui = Ui::new();
    ui.app.call("demo.generate", json!({}), "cli").unwrap();
    let login = |name: &str| {
        ui.ok(
            None,
            "auth.login",
            json!({ "username": name, "password": DEMO_PASSWORD }),
        )["token"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let clerk = login("wenyuan");
    let head = login("zhuren");
    let batches = ui.ok(
        Some(&clerk),
        "fees.batches.list",
        json!({ "group_no": null, "open_only": false }),
    );
    let closed = batches
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["status"] != "进行中")
        .expect("the demo has closed batches")["id"]
        .clone();
    let receipts = ui.ok(
        Some(&clerk),
        "fees.receipts.list",
        json!({ "batch_id": closed }),
    );
    let receipt = receipts
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["void_reason"].is_null())
        .expect("a valid receipt")["id"]
        .clone();
    let acts = [
        (
            "months.reopen",
            json!({ "month": "2026-08", "reason": "补录督查罚款" }),
        ),
        (
            "schedule.create_version",
            json!({ "effective_date": "2027-01-01", "note": "", "items": [] }),
        ),
        (
            "assessment.settings.update",
            json!({ "week_days": 7, "lateness_limit_min": 30, "min_patrols_per_day": 2 }),
        ),
        (
            "fees.standards.create",
            json!({ "category": "居民", "monthly": "6", "effective_from": "2027-01", "basis": "新文件" }),
        ),
        (
            "fees.batches.adjust",
            json!({ "batch_id": closed, "kind": "退款", "receipt_id": receipt, "reason": "重复收取" }),
        ),
    ];
    for (name, args) in &acts {
        let (code, message) = ui.call(Some(&clerk), name, args.clone()).unwrap_err();
        assert_eq!(code, "auth.forbidden", "{name}: {message}");
        assert!(message.contains("只有主任"), "{message}");
    }
    let month = ui.ok(Some(&head), "months.reopen", acts[0].1.clone());
    assert_eq!(month["closed"], false);
    let adjusted = ui.ok(Some(&head), "fees.batches.adjust", acts[4].1.clone());
    assert_eq!(adjusted["adjustments"][0]["reason"], "重复收取");
}

#[test]
fn a_read_only_file_can_be_signed_into_and_read_but_not_written() {
    let ui = Ui::new();
    let head = ui.head();
    ui.ok(
        Some(&head),
        "zones.create",
        json!({ "name": "黄山路东段", "kind": "街道", "boundary": "" }),
    );
    let Ui { app, clock, _dir } = ui;
    app.wait_for_backups();
    drop(app);
    let db = _dir.path().join("cw.db");
    let mut perms = std::fs::metadata(&db).unwrap().permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&db, perms).unwrap();
    let app = App::open(&db, clock).unwrap();
    let signed = match app.call_in_session(
        None,
        "auth.login",
        json!({ "username": "zhuren", "password": "hs-head-2026" }),
    ) {
        Ok(Output::Json(v)) => v,
        other => panic!("sign-in on a read-only file: {:?}", other.err()),
    };
    let token = signed["token"].as_str().unwrap();
    let zones = match app.call_in_session(Some(token), "zones.list", json!({})) {
        Ok(Output::Json(v)) => v,
        other => panic!("{:?}", other.err()),
    };
    assert_eq!(zones[0]["name"], "黄山路东段");
    let err = app
        .call_in_session(
            Some(token),
            "zones.create",
            json!({ "name": "建设路", "kind": "街道", "boundary": "" }),
        )
        .err()
        .unwrap();
    assert_eq!(err.code(), "store.read_only", "{err}");
    assert!(err.to_string().contains("只读"), "{err}");
    app.wait_for_backups();
}
