//! Scenarios of enforcing pledges: inspections, 限期整改通知书, re-inspections, deadlines.

use crate::common::{has_tool, TestApp};
use serde_json::{json, Value};

fn shop(t: &TestApp) -> i64 {
    let zone = t.zone("木材市场");
    t.ok(
        "households.create",
        json!({ "kind": "门店", "name": "李明木材行", "contact": "李明", "phone": "13812345678",
            "address": { "street": "木材市场路", "number": "8", "building": "", "unit": "", "room": "" }, "zone_id": zone, "group_no": 2 }),
    )["id"]
        .as_i64()
        .unwrap()
}

fn notice(t: &TestApp, party: i64, on: &str, deadline: &str) -> Value {
    t.ok(
        "rectify.inspect",
        json!({ "party_id": party, "inspected_on": on, "findings": "木材占道堆放", "outcome": "限期整改", "deadline": deadline }),
    )["notice"]
        .clone()
}

fn overdue_numbers(t: &TestApp) -> Vec<String> {
    t.ok("rectify.notices", json!({ "filter": "overdue_or_failed" }))
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["number"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_notice_is_overdue_only_after_its_deadline_and_closes_when_reinspection_passes() {
    // The test clock stands at 2026-11-29.
    let t = TestApp::new();
    let s = shop(&t);
    let due_today = notice(&t, s, "2026-11-22", "2026-11-29");
    let past = notice(&t, s, "2026-11-20", "2026-11-28");
    assert_eq!(due_today["number"], "ZG-2026-0001");
    assert_eq!(past["number"], "ZG-2026-0002");
    assert_eq!(due_today["status"], "整改中");
    assert_eq!(past["status"], "逾期未复查");
    assert_eq!(past["days_past_deadline"], 1);
    assert_eq!(overdue_numbers(&t), ["ZG-2026-0002"]);

    let failed = t.ok(
        "rectify.reinspect",
        json!({ "notice_id": due_today["id"], "inspected_on": "2026-11-29", "passed": false, "findings": "仍有堆放" }),
    );
    assert_eq!(failed["status"], "复查不合格");
    assert_eq!(overdue_numbers(&t), ["ZG-2026-0002", "ZG-2026-0001"]);
    let passed = t.ok(
        "rectify.reinspect",
        json!({ "notice_id": past["id"], "inspected_on": "2026-11-29", "passed": true }),
    );
    assert_eq!(passed["status"], "已整改");
    assert_eq!(overdue_numbers(&t), ["ZG-2026-0001"]);
    assert_eq!(
        t.fails(
            "rectify.reinspect",
            json!({ "notice_id": past["id"], "inspected_on": "2026-11-29", "passed": true })
        )
        .code,
        "conflict"
    );
    let h = t.ok("rectify.history", json!({ "party_id": s }));
    assert_eq!(h["inspections"].as_array().unwrap().len(), 2);
    // Most urgent deadline first: 0002 (28th, rectified), then 0001 (29th, failed).
    assert_eq!(h["notices"][0]["reinspections"][0]["passed"], true);
    assert_eq!(h["notices"][1]["reinspections"][0]["passed"], false);
}

#[test]
fn bad_inspections_are_refused_and_change_nothing() {
    let t = TestApp::new();
    let s = shop(&t);
    let before = t.audit_rows();
    let e = t.fails(
        "rectify.inspect",
        json!({ "party_id": s, "inspected_on": "2026-11-20", "outcome": "警告" }),
    );
    assert!(e.message.contains("检查情况"), "{}", e.message);
    let e = t.fails(
        "rectify.inspect",
        json!({ "party_id": s, "inspected_on": "2026-11-20", "findings": "x", "outcome": "限期整改", "deadline": "2026-11-19" }),
    );
    assert!(e.message.contains("整改期限"), "{}", e.message);
    let e = t.fails(
        "rectify.inspect",
        json!({ "party_id": s, "inspected_on": "2026-11-30", "findings": "x", "outcome": "警告" }),
    );
    assert!(e.message.contains("检查日期"), "{}", e.message);
    assert_eq!(t.audit_rows(), before);
    let ok = t.ok(
        "rectify.inspect",
        json!({ "party_id": s, "inspected_on": "2026-11-20", "findings": "x", "outcome": "限期整改" }),
    );
    assert_eq!(
        ok["notice"]["deadline"], "2026-11-27",
        "seven days by default"
    );
}

#[test]
fn the_notice_prints_with_its_deadline_and_reinspection_date() {
    let t = TestApp::new();
    let s = shop(&t);
    let n = notice(&t, s, "2026-11-20", "2026-11-27");
    let f = t.file("rectify.notice_pdf", json!({ "notice_id": n["id"] }));
    assert!(f.bytes.starts_with(b"%PDF"));
    if !has_tool("pdftotext") || !has_tool("qpdf") {
        return;
    }
    let path = t.dir.path().join("notice.pdf");
    if let Some(dir) = std::env::var_os("CW_KEEP_PDF") {
        std::fs::write(std::path::Path::new(&dir).join("notice.pdf"), &f.bytes).unwrap();
    }
    std::fs::write(&path, &f.bytes).unwrap();
    assert!(std::process::Command::new("qpdf")
        .arg("--check")
        .arg(&path)
        .status()
        .unwrap()
        .success());
    let out = std::process::Command::new("pdftotext")
        .arg("-raw")
        .arg(&path)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.matches("限期整改通知书").count(), 2, "two copies");
    assert!(text.contains("李明木材行"));
    assert!(text.contains("2026年11月27日前整改完毕"), "{text}");
    assert!(text.contains("2026年11月28日进行复查"));
    assert!(text.contains("二〇二六年十一月二十日"));
}

#[test]
fn the_demo_community_has_plausible_pledge_progress_and_one_overdue_notice() {
    let t = TestApp::new();
    t.ok("demo.generate", json!({}));
    let r = t.ok("pledges.rates", json!({}));
    let all = &r["overall"];
    let permille = all["rate_permille"].as_i64().unwrap();
    assert!((820..=970).contains(&permille), "{all}");
    assert!(all["refused"].as_i64().unwrap() > 10);
    assert_eq!(
        all["inactive"], 0,
        "the demo's registry keeps every party present"
    );
    assert_eq!(r["voided"], 3);
    assert_eq!(r["by_group"].as_array().unwrap().len(), 4);
    let overdue = t.ok("rectify.notices", json!({ "filter": "overdue_or_failed" }));
    let statuses: Vec<&str> = overdue
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["status"].as_str().unwrap())
        .collect();
    assert_eq!(
        statuses.iter().filter(|s| **s == "逾期未复查").count(),
        1,
        "{statuses:?}"
    );
    assert_eq!(statuses.iter().filter(|s| **s == "复查不合格").count(), 1);
    // Group 3's outstanding list prints; the batch of its unsigned pledges too.
    let f = t.file("pledges.outstanding", json!({ "group_no": 3 }));
    assert!(f.bytes.starts_with(b"%PDF"));
    let job = t.ok("pledges.batch_start", json!({ "group_no": 3 }));
    assert!(job["total"].as_i64().unwrap() > 5, "{job}");
}
