//! Rates and words (issue 13): the progress report on days after November, rates rounded half
//! up and never 100.0% short of the whole, 已签 + 拒签 + 未签 = 应签 everywhere, the quick
//! registration, the collecting cadre, the demo's summary, Chinese messages and actors, and a
//! readable history.

use crate::common::{pdf_text, TestApp};
use chrono::NaiveDate;
use cw_core::domain::FixedClock;
use cw_core::App;
use serde_json::{json, Value};
use std::sync::Arc;

/// An app on a fresh file with the clock at 09:00 on the given day.
fn app_on(y: i32, m: u32, d: u32) -> TestApp {
    let dir = tempfile::tempdir().unwrap();
    let at = NaiveDate::from_ymd_opt(y, m, d)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap();
    let app = App::open(&dir.path().join("cw.db"), Arc::new(FixedClock(at))).unwrap();
    TestApp { app, dir }
}

/// The demo community as built on a day.
fn demo_on(y: i32, m: u32, d: u32) -> TestApp {
    let t = app_on(y, m, d);
    t.ok("demo.generate", json!({}));
    t
}

fn n(v: &Value) -> i64 {
    v.as_i64().unwrap()
}

/// Parties in group 1 of one zone; returns their ids.
fn parties(t: &TestApp, names: &[&str]) -> Vec<i64> {
    t.ok(
        "settings.update",
        json!({ "community_name": "黄山社区居委会", "street_office": "石马山镇人民政府", "seal_text": "", "campaign_year": 2026 }),
    );
    let zone = t.zone("黄山路东段");
    names
        .iter()
        .enumerate()
        .map(|(i, name)| {
            n(&t.ok(
                "households.create",
                json!({
                    "kind": "住户", "name": name, "contact": name, "phone": "13812345678",
                    "address": { "street": "黄山路", "number": (i + 1).to_string(), "building": "", "unit": "", "room": "" },
                    "zone_id": zone, "group_no": 1,
                }),
            )["id"])
        })
        .collect()
}

fn sign(t: &TestApp, party: i64) {
    t.ok(
        "pledges.record",
        json!({ "party_id": party, "status": "已签订", "on_date": "2026-11-20" }),
    );
}

// ---- 1. the progress report on any day from 1 December ----

#[test]
fn the_progress_report_prints_a_month_whose_only_entry_is_a_reversal() {
    for (y, m, d) in [(2026, 12, 1), (2026, 12, 31), (2027, 1, 31)] {
        let t = demo_on(y, m, d);
        let p = t.ok("campaign.progress", json!({}));
        let negative: Vec<&Value> = p["fines_by_month"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["total"].as_str().unwrap().starts_with('-'))
            .collect();
        let pdf = t.file("print.progress", json!({}));
        assert!(pdf.bytes.starts_with(b"%PDF"), "{y}-{m}-{d}");
        let xlsx = t.file("print.progress", json!({ "format": "xlsx" }));
        assert!(xlsx.bytes.starts_with(b"PK"), "{y}-{m}-{d}");
        if (y, m, d) == (2026, 12, 1) {
            assert!(!negative.is_empty(), "December starts with a reversal only");
            if let Some(text) = pdf_text(
                &t,
                &pdf.bytes,
                "progress.pdf",
                &["-layout", "-enc", "UTF-8"],
            ) {
                let total = negative[0]["total"].as_str().unwrap();
                let shown = format!("-¥{}", total.trim_start_matches('-'));
                assert!(text.contains(&shown), "{shown} printed");
            }
        }
    }
}

// ---- 2. rates rounded half up, never 100.0% short of the whole ----

#[test]
fn a_signing_rate_rounds_half_up_to_a_tenth_of_a_percent() {
    let t = TestApp::new();
    let ids = parties(&t, &["王建国", "李秀英", "张志强"]);
    sign(&t, ids[0]);
    sign(&t, ids[1]);
    let r = t.ok("pledges.rates", json!({}));
    // 2/3 = 66.666…%: truncated it read 66.6%.
    assert_eq!(r["overall"]["rate_text"], "66.7%");
    assert_eq!(r["overall"]["rate_permille"], 667);
    assert_eq!(r["by_group"][0]["rate_text"], "66.7%");
    let p = t.ok("campaign.progress", json!({}));
    assert_eq!(p["signing"]["overall"]["rate_text"], "66.7%");
    assert_eq!(
        p["signing_trend"].as_array().unwrap().last().unwrap()["overall"],
        667
    );
}

// ---- 3. 已签 + 拒签 + 未签 = 应签 ----

fn adds_up(line: &Value) {
    assert_eq!(
        n(&line["signed"]) + n(&line["refused"]) + n(&line["outstanding"]),
        n(&line["due"]),
        "{line}"
    );
}

#[test]
fn signed_refused_and_unsigned_add_up_to_the_parties_due_on_every_line() {
    let t = TestApp::new();
    let ids = parties(&t, &["王建国", "李秀英", "张志强", "刘海燕"]);
    sign(&t, ids[0]);
    t.ok(
        "pledges.record",
        json!({ "party_id": ids[1], "status": "拒签", "reason": "对收费有意见" }),
    );
    let r = t.ok("pledges.rates", json!({}));
    assert_eq!(r["overall"]["due"], 4);
    assert_eq!(r["overall"]["refused"], 1);
    assert_eq!(
        r["overall"]["outstanding"], 2,
        "未签 leaves out the refusal"
    );
    adds_up(&r["overall"]);
    for key in ["by_group", "by_zone", "by_kind"] {
        for l in r[key].as_array().unwrap() {
            adds_up(l);
        }
    }
    // The outstanding list says the same three figures.
    let f = t.file("pledges.outstanding", json!({ "format": "pdf" }));
    if let Some(text) = pdf_text(
        &t,
        &f.bytes,
        "outstanding.pdf",
        &["-layout", "-enc", "UTF-8"],
    ) {
        assert!(text.contains("未签 2 户"), "{text}");
        assert!(text.contains("拒签 1 户"), "{text}");
    }
}

#[test]
fn the_demos_signing_figures_add_up_on_the_home_screen_and_in_the_report() {
    let t = demo_on(2026, 11, 29);
    let p = t.ok("campaign.progress", json!({}));
    let s = &p["signing"];
    assert!(n(&s["overall"]["refused"]) > 0, "the demo has refusals");
    adds_up(&s["overall"]);
    for key in ["by_group", "by_zone", "by_kind"] {
        for l in s[key].as_array().unwrap() {
            adds_up(l);
        }
    }
    let pdf = t.file("print.progress", json!({}));
    if let Some(text) = pdf_text(
        &t,
        &pdf.bytes,
        "progress.pdf",
        &["-layout", "-enc", "UTF-8"],
    ) {
        let o = &s["overall"];
        let want = format!(
            "应签 {} 户，已签 {} 户，拒签 {} 户，未签 {} 户",
            o["due"], o["signed"], o["refused"], o["outstanding"]
        );
        let squashed: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(squashed.contains(&want), "{want}");
    }
}

// ---- 4. quick registration takes the one match that still owes a pledge ----

#[test]
fn quick_registration_takes_the_only_match_still_owing_a_pledge() {
    let t = TestApp::new();
    let ids = parties(&t, &["王建国", "王建国", "李秀英"]);
    sign(&t, ids[0]);
    let found = t.ok("pledges.quick", json!({ "q": "王建国" }));
    assert_eq!(found["row"]["party_id"], ids[1], "{found}");
    assert_eq!((n(&found["matches"]), n(&found["owing"])), (2, 1));
    // Two that still owe one: the clerk chooses, told in Chinese.
    let found = t.ok("pledges.quick", json!({ "q": "黄山路" }));
    assert!(found["row"].is_null(), "{found}");
    assert_eq!(
        found["message"],
        "「黄山路」匹配 3 户，其中 2 户未签订，请在下表中选择"
    );
    let found = t.ok("pledges.quick", json!({ "q": "没有这个人" }));
    assert!(found["row"].is_null());
    assert_eq!(found["message"], "没有找到「没有这个人」");
    // A number is exact even when the party has signed.
    let number = t.ok("pledges.get", json!({ "party_id": ids[0] }))["row"]["number"].clone();
    let found = t.ok("pledges.quick", json!({ "q": number }));
    assert_eq!(found["row"]["party_id"], ids[0]);
}

// ---- 5. the collecting cadre is a cadre ----

#[test]
fn a_pledges_collecting_cadre_must_be_a_cadre_or_leader() {
    let t = TestApp::new();
    let ids = parties(&t, &["王建国", "李秀英"]);
    let cleaner = n(&t.ok(
        "staff.create",
        json!({ "name": "刘保洁", "roles": ["保洁员"], "phone": "13800000001", "hire_date": "2026-08-01", "base_wage": "1800" }),
    )["id"]);
    let cadre = n(&t.ok(
        "staff.create",
        json!({ "name": "李干部", "roles": ["社区干部"], "phone": "13800000002", "hire_date": "2026-07-01" }),
    )["id"]);
    let e = t.fails(
        "pledges.record",
        json!({ "party_id": ids[0], "status": "已签订", "on_date": "2026-11-20", "collector_id": cleaner }),
    );
    assert!(e.message.contains("收回干部"), "{}", e.message);
    assert!(e.message.contains("刘保洁"), "{}", e.message);
    assert_eq!(
        t.ok("pledges.get", json!({ "party_id": ids[0] }))["row"]["status"],
        "未打印",
        "nothing changed"
    );
    let ok = t.ok(
        "pledges.record",
        json!({ "party_id": ids[1], "status": "已签订", "on_date": "2026-11-20", "collector_id": cadre }),
    );
    assert_eq!(ok["collector_name"], "李干部");
}

// ---- 6. the demo's summary ----

#[test]
fn the_demos_summary_counts_what_it_created() {
    let t = app_on(2026, 11, 29);
    let out = t.ok("demo.generate", json!({}));
    let fines = t.ok("fines.list", json!({ "page_size": 1 }));
    let receipts = t.ok("fees.receipts.list", json!({}));
    assert!(n(&out["fines"]) > 0, "{out}");
    assert!(n(&out["inspections"]) > 0, "{out}");
    assert!(n(&out["receipts"]) > 0, "{out}");
    assert!(n(&out["pledges"]) > 0, "{out}");
    assert!(
        n(&out["fines"]) >= n(&fines["page"]["total"]),
        "{out} {fines}"
    );
    assert_eq!(
        n(&out["receipts"]),
        receipts.as_array().unwrap().len() as i64
    );
    let summary = out["summary"].as_str().unwrap();
    assert!(
        summary.contains(&format!("罚款 {} 笔", out["fines"])),
        "{summary}"
    );
}

// ---- 7. Chinese words for the clerk ----

fn no_english(message: &str) {
    assert!(
        !message.chars().any(|c| c.is_ascii_alphabetic()),
        "English reaches the clerk: {message}"
    );
}

#[test]
fn a_missing_or_bad_argument_is_named_in_chinese() {
    let t = TestApp::new();
    let e = t.fails("fines.void", json!({ "id": 1 }));
    assert_eq!(e.code, "bad_args");
    assert!(e.message.contains("原因"), "{}", e.message);
    no_english(&e.message);
    let ids = parties(&t, &["王建国"]);
    let e = t.fails(
        "pledges.record",
        json!({ "party_id": ids[0], "status": "已签订", "on_date": "2026-13-01" }),
    );
    assert!(e.message.contains("签订日期"), "{}", e.message);
    no_english(&e.message);
    let e = t.fails(
        "pledges.record",
        json!({ "party_id": ids[0], "status": "签了" }),
    );
    assert!(e.message.contains("状态"), "{}", e.message);
    assert!(e.message.contains("已签订"), "{}", e.message);
    let e = t.fails(
        "pledges.record",
        json!({ "party_id": "一号", "status": "拒签" }),
    );
    no_english(&e.message);
    assert!(e.message.contains("住户"), "{}", e.message);
}

#[test]
fn actors_show_by_their_display_name() {
    let t = demo_on(2026, 11, 29);
    let zones = t.ok("zones.list", json!({ "q": "" }));
    let zone = n(&zones
        .as_array()
        .unwrap()
        .iter()
        .find(|z| z["name"] == "黄山路东段")
        .unwrap()["id"]);
    // Through the CLI, then by an account.
    t.app
        .call(
            "zones.update",
            json!({ "id": zone, "input": { "name": "黄山路东段", "kind": "街道", "boundary": "改一" } }),
            "cli",
        )
        .unwrap();
    t.app
        .call(
            "zones.update",
            json!({ "id": zone, "input": { "name": "黄山路东段", "kind": "街道", "boundary": "改二" } }),
            "zhuren",
        )
        .unwrap();
    let h = t.ok("audit.history", json!({ "entity": "zones", "id": zone }));
    let actors: Vec<&str> = h
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["actor"].as_str().unwrap())
        .collect();
    assert!(actors.contains(&"命令行"), "{actors:?}");
    assert!(actors.contains(&"黄主任"), "{actors:?}");
    assert!(!actors.contains(&"cli"), "{actors:?}");
    // The schedule's first version was written by the system.
    let v = t.ok("schedule.versions", json!({}));
    let first = v.as_array().unwrap().last().unwrap().clone();
    assert_eq!(first["created_by"], "系统", "{first}");
    // The pledges' own history: a refusal recorded from the command line.
    let party = n(&t.ok(
        "pledges.list",
        json!({ "status": "已打印", "page_size": 1 }),
    )["items"][0]["party_id"]);
    t.app
        .call(
            "pledges.record",
            json!({ "party_id": party, "status": "拒签", "reason": "不愿签" }),
            "cli",
        )
        .unwrap();
    let d = t.ok("pledges.get", json!({ "party_id": party }));
    let last = d["history"].as_array().unwrap().last().unwrap().clone();
    let first = d["history"].as_array().unwrap().first().unwrap().clone();
    assert!(
        [&first, &last].iter().any(|e| e["actor"] == "命令行"),
        "{}",
        d["history"]
    );
}

// ---- 8. a readable history ----

fn changes(entry: &Value) -> Vec<(String, String, String)> {
    entry["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["label"].as_str().unwrap().to_string(),
                c["before"].as_str().unwrap_or("").to_string(),
                c["after"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

/// Every label is Chinese and no value is raw JSON.
fn readable(h: &Value) {
    for e in h.as_array().unwrap() {
        for (label, before, after) in changes(e) {
            no_english(&label);
            for v in [&before, &after] {
                assert!(!v.starts_with('{') && !v.starts_with('['), "{label}: {v}");
            }
        }
    }
}

#[test]
fn a_households_history_reads_in_chinese_with_formatted_values() {
    let t = TestApp::new();
    let ids = parties(&t, &["王建国"]);
    let zone2 = t.zone("建设路");
    t.ok(
        "households.update",
        json!({ "id": ids[0], "input": {
            "kind": "住户", "name": "王建国", "contact": "王建国", "phone": "13812345678",
            "address": { "street": "建设路", "number": "12", "building": "", "unit": "", "room": "" },
            "zone_id": zone2, "group_no": 2,
        } }),
    );
    let h = t.ok(
        "audit.history",
        json!({ "entity": "parties", "id": ids[0] }),
    );
    readable(&h);
    let last = changes(h.as_array().unwrap().last().unwrap());
    let find = |l: &str| last.iter().find(|c| c.0 == l).cloned();
    assert_eq!(
        find("地址"),
        Some(("地址".into(), "黄山路1号".into(), "建设路12号".into())),
        "{last:?}"
    );
    assert_eq!(find("收费小组").unwrap().2, "第二小组", "{last:?}");
    assert_eq!(find("责任区").unwrap().2, "建设路", "{last:?}");
    assert!(
        last.iter().all(|c| c.0 != "编号"),
        "the code did not change"
    );
    let first = changes(&h[0]);
    assert!(first.iter().any(|c| c.0 == "编号"), "{first:?}");
}

#[test]
fn the_history_of_every_kind_of_record_reads_in_chinese() {
    let t = demo_on(2026, 11, 29);
    let conn = cw_store::rusqlite::Connection::open(t.db_path()).unwrap();
    for entity in [
        "parties",
        "staff",
        "zones",
        "fines",
        "pledges",
        "receipts",
        "collection_batches",
        "inspections",
        "receipt_books",
        "rectification_notices",
        "tools",
        "fine_payments",
        "complaints",
        "meetings",
        "self_checks",
        "surveys",
        "publicity",
        "attachments",
    ] {
        // The record with the most changes of its kind.
        let id: i64 = conn
            .query_row(
                "SELECT entity_id FROM audit_log WHERE entity = ?1 AND entity_id IS NOT NULL
                 GROUP BY entity_id ORDER BY count(*) DESC, entity_id LIMIT 1",
                [entity],
                |r| r.get(0),
            )
            .unwrap();
        let h = t.ok("audit.history", json!({ "entity": entity, "id": id }));
        assert!(!h.as_array().unwrap().is_empty(), "{entity}");
        readable(&h);
    }
    // A fine's amount as money, its date as a Chinese date, its worker by name.
    let fine = n(&t.ok("fines.list", json!({ "page_size": 1 }))["page"]["items"][0]["id"]);
    let h = t.ok("audit.history", json!({ "entity": "fines", "id": fine }));
    let created = changes(&h[0]);
    let amount = created.iter().find(|c| c.0 == "金额").unwrap();
    assert!(amount.2.starts_with('¥'), "{amount:?}");
    let date = created.iter().find(|c| c.0 == "日期").unwrap();
    assert!(date.2.ends_with('日') && date.2.contains('年'), "{date:?}");
    assert!(created.iter().any(|c| c.0 == "人员"), "{created:?}");
}
