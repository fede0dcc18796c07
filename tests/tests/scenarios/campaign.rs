//! The campaign: phases and checklists, and the dashboard's figures checked against the lists and
//! reports they summarise (rates, today's work, fines, inspections), and the progress report.

use crate::common::{has_tool, TestApp};
use serde_json::{json, Value};
use std::sync::OnceLock;

/// One demo community shared by the read-only tests (generating it takes a few seconds).
fn demo() -> &'static TestApp {
    static DEMO: OnceLock<TestApp> = OnceLock::new();
    DEMO.get_or_init(|| {
        let t = TestApp::new();
        t.ok("demo.generate", json!({}));
        t
    })
}

fn n(v: &Value) -> i64 {
    v.as_i64().unwrap()
}

#[test]
fn the_phases_start_from_the_plan_and_every_edit_is_audited() {
    let t = TestApp::new();
    // An empty community's home screen has figures too (nothing due, nothing open).
    let p = t.ok("campaign.progress", json!({}));
    assert_eq!(p["signing"]["overall"]["due"], 0);
    // 7/11, 7/18 … 11/28 (21 weeks) and today.
    assert_eq!(p["signing_trend"].as_array().unwrap().len(), 22);
    let today = t.ok("campaign.today", json!({}));
    assert!(today["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|i| i["count"] == 0));
    let plan = t.ok("campaign.plan", json!({}));
    assert_eq!(plan["stored"], false);
    let phases = plan["phases"].as_array().unwrap();
    assert_eq!(phases.len(), 4);
    assert_eq!(phases[0]["starts_on"], "2026-07-05");
    assert_eq!(phases[0]["ends_on"], "2026-08-15");
    assert_eq!(phases[0]["target_kind"], "签订率");
    assert_eq!(phases[0]["target_permille"], 1000);
    assert_eq!(phases[2]["target_kind"], "收缴率");
    assert_eq!(
        phases[3]["ends_on"], "2027-02-05",
        "the eve of the 2027 Spring Festival"
    );
    // The clock stands at 2026-11-29: the fee-collection phase is in progress.
    assert_eq!(plan["current_seq"], 3);
    assert_eq!(plan["current_text"], "第三阶段　上门收费阶段");

    let before = t.audit_rows();
    let plan = t.ok("campaign.setup", json!({}));
    assert_eq!(plan["stored"], true);
    assert_eq!(t.audit_rows(), before + 4, "one audit row per phase set up");
    assert_eq!(t.fails("campaign.setup", json!({})).code, "conflict");

    let p3 = plan["phases"][2].clone();
    let p2 = plan["phases"][1].clone();
    // Overlapping the previous phase is refused, naming the field, and changes nothing.
    let e = t.fails(
        "campaign.phases.update",
        json!({ "id": p3["id"], "name": "上门收费阶段", "starts_on": "2026-08-20", "ends_on": "2026-12-31", "target_permille": 1000 }),
    );
    assert!(
        e.message.contains("起止日期") && e.message.contains("重叠"),
        "{}",
        e.message
    );
    assert_eq!(
        t.ok("campaign.plan", json!({}))["phases"][2]["starts_on"],
        "2026-09-01"
    );
    let before = t.audit_rows();
    let p = t.ok(
        "campaign.phases.update",
        json!({ "id": p3["id"], "name": "上门收费阶段", "starts_on": "2026-08-31", "ends_on": "2026-12-30", "target_permille": 950, "goal": "收费率达95%以上" }),
    );
    assert_eq!(p["target_text"], "95.0%");
    assert_eq!(p["ends_on"], "2026-12-30");
    assert_eq!(t.audit_rows(), before + 1);
    // A phase without a numeric target keeps none, whatever is sent.
    let p = t.ok(
        "campaign.phases.update",
        json!({ "id": p2["id"], "name": "组织实施阶段", "starts_on": "2026-08-16", "ends_on": "2026-08-30", "target_permille": 500 }),
    );
    assert_eq!(p["target_permille"], Value::Null);

    let task = p3["tasks"][0].clone();
    let e = t.fails(
        "campaign.tasks.update",
        json!({ "id": task["id"], "title": task["title"], "done_on": "2026-11-30", "evidence": "" }),
    );
    assert!(e.message.contains("完成日期"), "{}", e.message);
    let done = t.ok(
        "campaign.tasks.update",
        json!({ "id": task["id"], "title": task["title"], "done_on": "2026-09-02", "evidence": "镇政府文件存档" }),
    );
    assert_eq!(done["done_on"], "2026-09-02");
    let added = t.ok(
        "campaign.tasks.create",
        json!({ "phase_id": p3["id"], "title": "催缴欠费户" }),
    );
    let plan = t.ok("campaign.plan", json!({}));
    assert_eq!(plan["phases"][2]["tasks_done"], 1);
    assert_eq!(plan["phases"][2]["tasks"].as_array().unwrap().len(), 5);
    t.ok("campaign.tasks.remove", json!({ "id": added["id"] }));
    let plan = t.ok("campaign.plan", json!({}));
    assert_eq!(plan["phases"][2]["tasks"].as_array().unwrap().len(), 4);
    assert_eq!(
        t.fails("campaign.tasks.remove", json!({ "id": added["id"] }))
            .code,
        "not_found"
    );
    assert!(t
        .fails(
            "campaign.tasks.create",
            json!({ "phase_id": p3["id"], "title": "  " })
        )
        .message
        .contains("工作内容"));
}

#[test]
fn the_dashboard_rates_are_the_rates_reports_own() {
    let t = demo();
    let p = t.ok("campaign.progress", json!({}));
    assert_eq!(p["signing"], t.ok("pledges.rates", json!({})));
    assert_eq!(
        p["collection_by_group"],
        t.ok("fees.rate", json!({ "by": "group" }))
    );
    assert_eq!(
        p["collection_by_zone"],
        t.ok("fees.rate", json!({ "by": "zone" }))
    );

    // Each point over time is the report's rate as of that day.
    for key in ["signing_trend", "collection_trend"] {
        let points = p[key].as_array().unwrap();
        assert!(points.len() >= 10, "{key}: {}", points.len());
        assert_eq!(points.last().unwrap()["date"], "2026-11-29");
        for point in [
            &points[2],
            &points[points.len() / 2],
            points.last().unwrap(),
        ] {
            let day = point["date"].clone();
            if key == "signing_trend" {
                let r = t.ok("pledges.rates", json!({ "as_of": day }));
                assert_eq!(point["overall"], r["overall"]["rate_permille"], "{day}");
                assert_eq!(
                    point["groups"][2], r["by_group"][2]["rate_permille"],
                    "{day}"
                );
            } else {
                let r = t.ok("fees.rate", json!({ "by": "group", "as_of": day }));
                assert_eq!(point["overall"], r["total"]["rate_permille"], "{day}");
                assert_eq!(point["groups"][0], r["rows"][0]["rate_permille"], "{day}");
            }
        }
    }
    // The signing trend is read in one pass: every point, every group, equals the report.
    for point in p["signing_trend"].as_array().unwrap() {
        let r = t.ok("pledges.rates", json!({ "as_of": point["date"] }));
        assert_eq!(point["overall"], r["overall"]["rate_permille"]);
        for (i, g) in r["by_group"].as_array().unwrap().iter().enumerate() {
            assert_eq!(point["groups"][i], g["rate_permille"], "{}", point["date"]);
        }
    }
    // The rates rise over the campaign: the first week counts fewer than today.
    let first = n(&p["collection_trend"][0]["overall"]);
    let last = n(&p["collection_trend"].as_array().unwrap().last().unwrap()["overall"]);
    assert!(first < last, "collection {first} → {last}");
    assert_eq!(last, n(&p["collection_by_group"]["total"]["rate_permille"]));
    let first = n(&p["signing_trend"][0]["overall"]);
    assert!(first < n(&p["signing"]["overall"]["rate_permille"]));
}

#[test]
fn a_collection_rate_as_of_a_day_counts_only_what_was_collected_by_then() {
    let t = demo();
    let before = t.ok("fees.rate", json!({ "as_of": "2026-08-31" }));
    assert_eq!(before["total"]["paid"], 0);
    assert_eq!(before["total"]["collected"], "0.00");
    let now = t.ok("fees.rate", json!({}));
    assert_eq!(
        t.ok("fees.rate", json!({ "as_of": "2026-11-29" }))["total"],
        now["total"]
    );
    assert!(n(&now["total"]["paid"]) > 0);
}

fn today_count(today: &Value, key: &str) -> i64 {
    n(&today["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["key"] == key)
        .unwrap_or_else(|| panic!("no {key}"))["count"])
}

#[test]
fn todays_counts_equal_the_lists_they_link_to() {
    let t = demo();
    let today = t.ok("campaign.today", json!({}));
    let open = t.ok("fees.batches.list", json!({ "open_only": true }));
    let open = open.as_array().unwrap();
    assert_eq!(
        today_count(&today, "batches_open"),
        open.iter().filter(|b| b["closing"].is_null()).count() as i64
    );
    let overdue = open.iter().filter(|b| b["overdue"] == true).count() as i64;
    assert!(overdue > 0, "the demo has cash not remitted");
    assert_eq!(today_count(&today, "cash_unremitted"), overdue);

    let gaps = t.ok("inspections.patrol_report", json!({ "month": "2026-11" }));
    assert_eq!(
        today_count(&today, "patrols_missing"),
        gaps.as_array().unwrap().len() as i64
    );

    let notices = t.ok("rectify.notices", json!({ "filter": "overdue_or_failed" }));
    assert!(!notices.as_array().unwrap().is_empty());
    assert_eq!(
        today_count(&today, "rectify_due"),
        notices.as_array().unwrap().len() as i64
    );

    let refused = t.ok("pledges.list", json!({ "status": "拒签" }));
    assert!(n(&refused["total"]) > 0);
    assert_eq!(today_count(&today, "pledges_refused"), n(&refused["total"]));
    assert_eq!(
        n(&refused["total"]),
        n(&t.ok("pledges.rates", json!({}))["overall"]["refused"])
    );
    assert_eq!(today_count(&today, "months_to_close"), 0);
}

#[test]
fn a_reopened_month_waits_to_be_closed_on_the_home_screen() {
    let t = TestApp::new();
    t.ok("demo.generate", json!({}));
    t.ok(
        "months.reopen",
        json!({ "month": "2026-09", "reason": "补录罚款" }),
    );
    let today = t.ok("campaign.today", json!({}));
    let item = today["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["key"] == "months_to_close")
        .unwrap()
        .clone();
    assert_eq!(item["count"], 1);
    assert_eq!(item["month"], "2026-09");
    let months = t.ok("months.list", json!({}));
    let open: Vec<&Value> = months
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["closed"] == false && m["month"].as_str().unwrap() < "2026-11")
        .collect();
    assert_eq!(open.len(), 1);
}

#[test]
fn fines_and_inspections_per_month_equal_the_fine_report_and_the_list() {
    let t = demo();
    let p = t.ok("campaign.progress", json!({}));
    let months = p["fines_by_month"].as_array().unwrap();
    assert_eq!(months.first().unwrap()["month"], "2026-07");
    assert_eq!(months.last().unwrap()["month"], "2026-11");
    let mut zone_total: std::collections::BTreeMap<String, i64> = Default::default();
    for m in months {
        let r = t.ok("statements.report", json!({ "month": m["month"] }));
        assert_eq!(m["by_category"], r["by_category"], "{}", m["month"]);
        assert_eq!(m["total"], r["total"]);
        assert_eq!(m["count"], r["total_count"]);
        for z in r["by_zone"].as_array().unwrap() {
            let fen = cents(z["amount"].as_str().unwrap());
            *zone_total
                .entry(z["name"].as_str().unwrap().to_string())
                .or_default() += fen;
        }
    }
    let top = p["top_zones"].as_array().unwrap();
    assert!(!top.is_empty());
    let best = zone_total
        .iter()
        .filter(|(k, _)| k.as_str() != "（未指定）")
        .map(|(_, v)| *v)
        .max()
        .unwrap();
    assert_eq!(cents(top[0]["amount"].as_str().unwrap()), best);
    for z in top {
        assert_eq!(
            cents(z["amount"].as_str().unwrap()),
            zone_total[z["name"].as_str().unwrap()]
        );
    }
    for m in p["inspections"].as_array().unwrap() {
        for (key, result) in [("passed", "达标"), ("failed", "不达标")] {
            let list = t.ok(
                "inspections.list",
                json!({ "month": m["month"], "result": result }),
            );
            assert_eq!(m[key], list["total"], "{} {result}", m["month"]);
        }
    }
    assert!(p["inspections"]
        .as_array()
        .unwrap()
        .iter()
        .any(|m| n(&m["failed"]) > 0));
}

/// "12.50" → 1250 (test-side reading of the wire's money strings).
fn cents(s: &str) -> i64 {
    let (a, b) = s.split_once('.').unwrap_or((s, "0"));
    a.parse::<i64>().unwrap() * 100 + format!("{b:0<2}")[..2].parse::<i64>().unwrap()
}

#[test]
fn the_progress_report_prints_the_dashboards_figures_with_its_charts() {
    let t = demo();
    let p = t.ok("campaign.progress", json!({}));
    let f = t.file("print.progress", json!({}));
    assert!(f.file_name.ends_with(".pdf"), "{}", f.file_name);
    assert!(f.bytes.starts_with(b"%PDF"));
    let path = t.dir.path().join("progress.pdf");
    std::fs::write(&path, &f.bytes).unwrap();
    if has_tool("qpdf") {
        let out = std::process::Command::new("qpdf")
            .arg("--check")
            .arg(&path)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stdout)
        );
    }
    if has_tool("pdftotext") {
        let out = std::process::Command::new("pdftotext")
            .args(["-layout", "-enc", "UTF-8"])
            .arg(&path)
            .arg("-")
            .output()
            .unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        let mut want: Vec<String> = vec![
            "2026年创卫工作进度报告".into(),
            "目标与实际（按收费小组）".into(),
            "目标与实际（按责任区）".into(),
            "门前三包签订率（每周）".into(),
            "每月罚款金额（按类别）".into(),
            "检查达标与不达标（每月）".into(),
            "阶段工作清单".into(),
            "上门收费阶段".into(),
            "目标 100%".into(),
            p["signing"]["overall"]["rate_text"]
                .as_str()
                .unwrap()
                .into(),
            p["collection_by_group"]["total"]["rate"]
                .as_str()
                .unwrap()
                .into(),
        ];
        for g in p["signing"]["by_group"].as_array().unwrap() {
            want.push(g["rate_text"].as_str().unwrap().into());
        }
        for z in p["signing"]["by_zone"].as_array().unwrap() {
            want.push(z["label"].as_str().unwrap().into());
        }
        for w in &want {
            assert!(text.contains(w.as_str()), "missing {w}");
        }
        // One report, numbered through: page N of the whole, charts included.
        let pages: Vec<&str> = text
            .split('\u{c}')
            .filter(|p| !p.trim().is_empty())
            .collect();
        let total = pages.len();
        assert!(total >= 5, "{total} pages");
        for (i, page) in pages.iter().enumerate() {
            let squashed: String = page.chars().filter(|c| !c.is_whitespace()).collect();
            let want = format!("第{}页/共{total}页", i + 1);
            assert!(squashed.contains(&want), "page {} lacks {want}", i + 1);
        }
    }
    let x = t.file("print.progress", json!({ "format": "xlsx" }));
    assert!(x.file_name.ends_with(".xlsx"));
    assert!(x.bytes.starts_with(b"PK"));
}
