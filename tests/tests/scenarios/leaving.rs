//! Scenarios of leaving: short notice of a resignation withholds a week's wage (A4) once, in
//! the same step; enough notice, or a dismissal, withholds nothing; the zone then lacks its cleaner.

use crate::assessment::community;
use crate::common::TestApp;
use serde_json::{json, Value};

fn statement(t: &TestApp, month: &str, staff: i64) -> Value {
    t.ok(
        "statements.month",
        json!({ "month": month, "staff_id": staff }),
    )[0]
    .clone()
}

#[test]
fn two_days_notice_withholds_a_weeks_wage_once_on_the_last_day() {
    let t = TestApp::new();
    let fx = community(&t);
    let left = t.ok(
        "staff.deactivate",
        json!({ "id": fx.a, "kind": "辞工", "notice_date": "2026-11-26", "leave_date": "2026-11-28",
                "recorded_by": fx.cadre }),
    );
    assert_eq!(left["notice_days"], 2);
    assert_eq!(left["required_days"], 3);
    assert_eq!(left["withheld"]["item_code"], "A4");
    // 1800 × 7 ÷ 30.
    assert_eq!(left["withheld"]["amount"], "420.00");
    assert_eq!(left["withheld"]["date"], "2026-11-28");
    assert!(
        left["note"].as_str().unwrap().contains("提前 2 天"),
        "{}",
        left["note"]
    );
    assert_eq!(left["staff"]["leave_kind"], "辞工");
    assert_eq!(left["staff"]["notice_date"], "2026-11-26");
    let s = statement(&t, "2026-11", fx.a);
    assert_eq!(s["withholdings_total"], "420.00");
    // Once: a hand-entered A4 for the same departure is refused.
    let again = t.fails(
        "fines.create",
        json!({ "staff_id": fx.a, "item_code": "A4", "date": "2026-11-28", "recorded_by": fx.cadre }),
    );
    assert_eq!(again.code, "conflict");
}

#[test]
fn three_days_notice_or_a_dismissal_withholds_nothing() {
    let t = TestApp::new();
    let fx = community(&t);
    let left = t.ok(
        "staff.deactivate",
        json!({ "id": fx.a, "kind": "辞工", "notice_date": "2026-11-25", "leave_date": "2026-11-28" }),
    );
    assert!(left["withheld"].is_null());
    assert!(
        left["note"].as_str().unwrap().contains("不扣发"),
        "{}",
        left["note"]
    );
    let let_go = t.ok(
        "staff.deactivate",
        json!({ "id": fx.b, "kind": "辞退", "leave_date": "2026-11-28" }),
    );
    assert!(let_go["withheld"].is_null());
    for s in [fx.a, fx.b] {
        assert_eq!(statement(&t, "2026-11", s)["withholdings_total"], "0.00");
    }
}

#[test]
fn no_notice_without_a_recorder_is_refused_and_the_worker_stays_employed() {
    let t = TestApp::new();
    let fx = community(&t);
    let e = t.fails(
        "staff.deactivate",
        json!({ "id": fx.a, "kind": "辞工", "leave_date": "2026-11-28" }),
    );
    assert!(e.message.contains("记录人"), "{}", e.message);
    let s = t.ok("staff.get", json!({ "id": fx.a }));
    assert_eq!(s["status"], "在岗");
    assert!(s["leave_date"].is_null());
    let left = t.ok(
        "staff.deactivate",
        json!({ "id": fx.a, "kind": "辞工", "leave_date": "2026-11-28", "recorded_by": fx.sup }),
    );
    assert!(left["notice_days"].is_null());
    assert!(
        left["note"].as_str().unwrap().contains("未提前"),
        "{}",
        left["note"]
    );
    assert_eq!(left["withheld"]["amount"], "420.00");
}

#[test]
fn a_last_day_still_to_come_charges_today_and_keeps_the_worker_in_the_zone_until_then() {
    let t = TestApp::new();
    let fx = community(&t);
    let left = t.ok(
        "staff.deactivate",
        json!({ "id": fx.b, "kind": "辞工", "notice_date": "2026-11-29", "leave_date": "2026-12-01",
                "recorded_by": fx.cadre }),
    );
    // 1650 × 7 ÷ 30, dated today (29 November): the month of the statement that can still carry it.
    assert_eq!(left["withheld"]["date"], "2026-11-29");
    assert_eq!(left["withheld"]["amount"], "385.00");
    let zone = t.ok("zones.get", json!({ "id": fx.zone }));
    assert_eq!(
        zone["cleaner_names"],
        json!(["李建国", "王秀英"]),
        "still on the payroll today"
    );
}

#[test]
fn a_notice_date_after_the_last_day_is_refused_naming_the_field() {
    let t = TestApp::new();
    let fx = community(&t);
    let e = t.fails(
        "staff.deactivate",
        json!({ "id": fx.a, "kind": "辞工", "notice_date": "2026-11-20", "leave_date": "2026-11-18" }),
    );
    assert!(e.message.contains("提出辞工日期"), "{}", e.message);
    assert_eq!(t.ok("staff.get", json!({ "id": fx.a }))["status"], "在岗");
}

#[test]
fn an_unwaged_supervisor_resigning_without_notice_is_charged_nothing() {
    let t = TestApp::new();
    let fx = community(&t);
    let left = t.ok(
        "staff.deactivate",
        json!({ "id": fx.cadre, "kind": "辞工", "leave_date": "2026-11-28" }),
    );
    assert!(left["withheld"].is_null());
    assert!(
        left["note"].as_str().unwrap().contains("不领工资"),
        "{}",
        left["note"]
    );
}
