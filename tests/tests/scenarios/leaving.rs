//! Scenarios of leaving: short notice of a resignation withholds a week's wage (A4) once, in
//! the same step; enough notice, or a dismissal, withholds nothing; the zone then lacks its cleaner.

use crate::assessment::community;
use crate::common::TestApp;
use serde_json::json;

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
    let s = t.statement("2026-11", fx.a);
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
        assert_eq!(t.statement("2026-11", s)["withholdings_total"], "0.00");
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

#[test]
fn a_worker_taken_back_on_keeps_the_old_term_and_is_paid_for_each() {
    let t = TestApp::new();
    let fx = community(&t);
    t.ok(
        "staff.update",
        json!({ "id": fx.a, "input": { "name": "王秀英", "roles": ["保洁员"], "base_wage": "1800",
                "hire_date": "2025-03-01", "zone_ids": [fx.zone] } }),
    );
    t.ok(
        "staff.deactivate",
        json!({ "id": fx.a, "kind": "辞退", "leave_date": "2026-10-10" }),
    );
    let early = t.fails(
        "staff.reactivate",
        json!({ "id": fx.a, "hire_date": "2026-10-10" }),
    );
    assert!(
        early.message.contains("晚于上次离职日期"),
        "{}",
        early.message
    );
    let back = t.ok(
        "staff.reactivate",
        json!({ "id": fx.a, "hire_date": "2026-11-16" }),
    );
    assert_eq!(back["hire_date"], "2026-11-16");
    assert_eq!(back["past_terms"][0]["hire_date"], "2025-03-01");
    assert_eq!(back["past_terms"][0]["leave_date"], "2026-10-10");
    assert_eq!(back["past_terms"][0]["leave_kind"], "辞退");
    // October keeps the old term: 1800 × 10 ÷ 31 = 580.645… → 580.65.
    let oct = t.statement("2026-10", fx.a);
    assert_eq!(oct["wage_due"], "580.65");
    assert!(oct["wage_note"].as_str().unwrap().contains("10月10日离职"));
    // November is the new term: 1800 × 15 ÷ 30.
    let nov = t.statement("2026-11", fx.a);
    assert_eq!(nov["wage_due"], "900.00");
    assert!(nov["wage_note"].as_str().unwrap().contains("11月16日入职"));
    let sheet = t.ok("attendance.sheet", json!({ "month": "2026-10" }));
    let row = sheet["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["staff_id"] == fx.a)
        .unwrap()
        .clone();
    let employed: Vec<bool> = row["employed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e.as_bool().unwrap())
        .collect();
    assert_eq!(employed.iter().filter(|e| **e).count(), 10);
    assert!(employed[9] && !employed[10]);
    // A fine between the two terms is refused; one in the old term still goes in.
    let gap = t.fails(
        "fines.create",
        json!({ "staff_id": fx.a, "item_code": "B1", "date": "2026-10-20", "time": "09:10",
                "count": 1, "observed": "路面有烟头", "recorded_by": fx.sup }),
    );
    assert!(gap.message.contains("复职前"), "{}", gap.message);
    t.ok(
        "fines.create",
        json!({ "staff_id": fx.a, "item_code": "B1", "date": "2026-10-05", "time": "09:10",
                "count": 1, "observed": "路面有烟头", "recorded_by": fx.sup }),
    );
    // The history of both periods reads in Chinese: labels and values, no raw JSON.
    let history = t.ok("audit.history", json!({ "entity": "staff", "id": fx.a }));
    for entry in history.as_array().unwrap() {
        for c in entry["changes"].as_array().unwrap() {
            let label = c["label"].as_str().unwrap();
            assert!(!label.chars().any(|ch| ch.is_ascii_alphabetic()), "{label}");
            for v in [&c["before"], &c["after"]] {
                let v = v.as_str().unwrap_or("");
                assert!(!v.starts_with('[') && !v.starts_with('{'), "{label}: {v}");
            }
        }
    }
    let texts: Vec<String> = history
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|e| e["changes"].as_array().unwrap().iter())
        .map(|c| format!("{} {} {}", c["label"], c["before"], c["after"]))
        .collect();
    assert!(
        texts
            .iter()
            .any(|t| t.contains("离职方式") && t.contains("辞退")),
        "{texts:?}"
    );
    // Editing the returned worker does not trip over the old term's records.
    t.ok(
        "staff.update",
        json!({ "id": fx.a, "input": { "name": "王秀英", "roles": ["保洁员"], "base_wage": "1800",
                "hire_date": "2026-11-16", "phone": "13800000000", "zone_ids": [fx.zone] } }),
    );
}

#[test]
fn leaving_again_after_a_return_is_another_departure_for_a4() {
    let t = TestApp::new();
    let fx = community(&t);
    let first = t.ok(
        "staff.deactivate",
        json!({ "id": fx.a, "kind": "辞工", "leave_date": "2026-10-10", "recorded_by": fx.sup }),
    );
    assert!(first["withheld"].is_object());
    t.ok(
        "staff.reactivate",
        json!({ "id": fx.a, "hire_date": "2026-11-02" }),
    );
    let again = t.ok(
        "staff.deactivate",
        json!({ "id": fx.a, "kind": "辞工", "leave_date": "2026-11-28", "recorded_by": fx.sup }),
    );
    assert!(again["withheld"].is_object(), "{}", again["note"]);
    assert_eq!(t.statement("2026-11", fx.a)["withholdings_total"], "420.00");
}
