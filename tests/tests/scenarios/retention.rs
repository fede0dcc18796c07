//! Scenarios of retention: a resident who moved out longer ago than the period is pseudonymised
//! in the registry and in the trail's copies, the check still passes, money totals stay, and an
//! edit slipped into a redacted row is still caught.

use crate::common::TestApp;
use chrono::NaiveDate;
use cw_core::domain::FixedClock;
use cw_core::App;
use serde_json::{json, Value};
use std::sync::Arc;

/// The same database opened again with the clock at `y-m-d 09:00`.
fn later(t: TestApp, y: i32, m: u32, d: u32) -> TestApp {
    let TestApp { app, dir } = t;
    drop(app);
    let at = NaiveDate::from_ymd_opt(y, m, d)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap();
    let app = App::open(&dir.path().join("cw.db"), Arc::new(FixedClock(at))).unwrap();
    TestApp { app, dir }
}

/// A household with a phone and a tag, moved out today; its id, name and phone.
fn moved_out(t: &TestApp) -> (i64, String, String) {
    let h = t.ok(
        "households.create",
        json!({ "kind": "住户", "name": "欧阳秀英", "contact": "欧阳秀英", "phone": "13912345678",
                "tags": ["低保"], "group_no": 1,
                "address": { "street": "黄山路", "number": "88", "building": "", "unit": "", "room": "" } }),
    );
    let id = h["id"].as_i64().unwrap();
    t.ok(
        "households.set_status",
        json!({ "id": id, "status": "已迁出" }),
    );
    (id, "欧阳秀英".into(), "13912345678".into())
}

fn money(t: &TestApp) -> (i64, i64) {
    let conn = cw_store::rusqlite::Connection::open(t.db_path()).unwrap();
    conn.query_row(
        "SELECT (SELECT coalesce(sum(amount_fen), 0) FROM receipts),
                (SELECT coalesce(sum(amount_fen), 0) FROM fines)",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .unwrap()
}

fn trail_mentions(t: &TestApp, text: &str) -> i64 {
    let conn = cw_store::rusqlite::Connection::open(t.db_path()).unwrap();
    conn.query_row(
        "SELECT count(*) FROM audit_log WHERE instr(coalesce(before_json, ''), ?1) > 0
           OR instr(coalesce(after_json, ''), ?1) > 0",
        [text],
        |r| r.get(0),
    )
    .unwrap()
}

#[test]
fn a_resident_who_left_more_than_three_years_ago_is_pseudonymised_and_the_check_still_passes() {
    let t = TestApp::new();
    t.ok("demo.generate", json!({}));
    let (id, name, phone) = moved_out(&t);
    let before = money(&t);
    assert!(trail_mentions(&t, &name) >= 2);
    let due = t.ok("retention.due", json!({}));
    let mine = due
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["id"] == id)
        .unwrap()
        .clone();
    assert_eq!(mine["left_on"], "2026-11-29");
    assert_eq!(mine["due_on"], "2029-11-29");

    let t = later(t, 2029, 11, 30);
    let out = t.ok("retention.pseudonymise", json!({}));
    assert!(out["parties"].as_i64().unwrap() >= 1, "{out}");
    let h = t.ok("households.get", json!({ "id": id }));
    assert!(h["name"].as_str().unwrap().starts_with("已匿名（H"), "{h}");
    assert_eq!(
        (h["phone"].as_str(), h["contact"].as_str()),
        (Some(""), Some(""))
    );
    assert_eq!(h["tags"], json!([]));
    assert!(
        h["address_text"].as_str().unwrap().contains("黄山路88"),
        "{h}"
    );
    // Nowhere in the trail any more, and the chain and seals still verify.
    assert_eq!(trail_mentions(&t, &name), 0);
    assert_eq!(trail_mentions(&t, &phone), 0);
    let check = t.ok("check.run", json!({}));
    assert_eq!(check["ok"], true, "{check}");
    assert_eq!(money(&t), before, "money records are kept as they were");
    // Done once: nothing is due again.
    let again = t.ok("retention.pseudonymise", json!({}));
    assert_eq!(again["parties"], 0);
    let found = t.ok("households.list", json!({ "q": "欧阳" }));
    assert_eq!(found["total"], 0, "the name is no longer searchable");
}

#[test]
fn a_resident_who_left_within_the_period_stays_as_recorded() {
    let t = TestApp::new();
    let (id, name, _) = moved_out(&t);
    t.ok("retention.set_settings", json!({ "years": 5 }));
    let t = later(t, 2030, 1, 1);
    let out = t.ok("retention.pseudonymise", json!({}));
    assert_eq!(out["parties"], 0);
    assert_eq!(
        t.ok("households.get", json!({ "id": id }))["name"],
        name.as_str()
    );
    let e = t.fails("retention.set_settings", json!({ "years": 0 }));
    assert!(e.message.contains("保留年限"), "{}", e.message);
}

#[test]
fn an_edit_slipped_into_a_redacted_row_of_the_trail_is_still_caught() {
    let t = TestApp::new();
    let (id, _, _) = moved_out(&t);
    let t = later(t, 2030, 1, 1);
    t.ok("retention.pseudonymise", json!({}));
    assert_eq!(t.ok("check.run", json!({}))["ok"], true);
    let conn = cw_store::rusqlite::Connection::open(t.db_path()).unwrap();
    let row: i64 = conn
        .query_row(
            "SELECT min(audit_id) FROM audit_redactions r JOIN audit_log a ON a.id = r.audit_id
             WHERE a.entity = 'parties' AND a.entity_id = ?1",
            [id],
            |r| r.get(0),
        )
        .unwrap();
    conn.execute(
        "UPDATE audit_log SET after_json = replace(after_json, '黄山路', '建设路') WHERE id = ?1",
        [row],
    )
    .unwrap();
    // An unredacted row still refuses any edit.
    let plain: Result<usize, _> = conn.execute(
        "UPDATE audit_log SET after_json = '{}'
         WHERE id = (SELECT min(id) FROM audit_log WHERE id NOT IN (SELECT audit_id FROM audit_redactions))",
        [],
    );
    assert!(plain.is_err());
    drop(conn);
    let check: Value = t.ok("check.run", json!({}));
    assert_eq!(check["ok"], false, "{check}");
}
