//! Scenarios of the demo community and the roster document.

use crate::common::{has_tool, TestApp};
use serde_json::json;

#[test]
fn the_demo_community_has_the_promised_shape() {
    let t = TestApp::new();
    let out = t.ok("demo.generate", json!({}));
    let d = t.ok("dashboard.summary", json!({}));
    assert_eq!(d["settings"]["community_name"], "石马山镇黄山社区居委会");
    assert_eq!(d["zones"], 8);
    let parties = d["households"].as_i64().unwrap()
        + d["shops"].as_i64().unwrap()
        + d["units"].as_i64().unwrap();
    assert_eq!(parties, out["parties"].as_i64().unwrap());
    assert!((1_300..=1_700).contains(&parties), "{parties}");
    assert!((18..=25).contains(&d["staff_active"].as_i64().unwrap()));
    for g in d["groups"].as_array().unwrap() {
        assert!(g["leader_name"].is_string(), "{g}");
        assert!(g["party_count"].as_i64().unwrap() > 100);
    }
    assert_eq!(
        t.fails("demo.generate", json!({})).code,
        "conflict",
        "a second demo is refused"
    );
}

#[test]
fn the_demo_is_the_same_every_time() {
    let a = TestApp::new();
    let b = TestApp::new();
    a.ok("demo.generate", json!({}));
    b.ok("demo.generate", json!({}));
    let page = |t: &TestApp| t.ok("households.list", json!({ "page": 7, "page_size": 50 }));
    assert_eq!(page(&a)["items"], page(&b)["items"]);
}

#[test]
fn a_zone_roster_prints_every_household_and_reads_back_as_chinese() {
    let t = TestApp::new();
    t.ok("demo.generate", json!({}));
    let zone = &t.ok("zones.list", json!({}))[0];
    let zone_id = zone["id"].as_i64().unwrap();
    let f = t.file(
        "print.roster",
        json!({ "target": "households", "zone_id": zone_id }),
    );
    assert!(f.file_name.ends_with(".pdf"));
    assert!(f.bytes.starts_with(b"%PDF"));
    if !has_tool("pdftotext") {
        eprintln!("pdftotext not installed: text check skipped");
        return;
    }
    let path = t.dir.path().join("roster.pdf");
    std::fs::write(&path, &f.bytes).unwrap();
    let out = std::process::Command::new("pdftotext")
        .args(["-layout"])
        .arg(&path)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("住户花名册"));
    assert!(text.contains("石马山镇黄山社区居委会"));
    // In content order a wrapped cell's lines follow each other, so joined text holds every name.
    let raw = std::process::Command::new("pdftotext")
        .arg("-raw")
        .arg(&path)
        .arg("-")
        .output()
        .unwrap();
    let joined: String = String::from_utf8(raw.stdout)
        .unwrap()
        .split_whitespace()
        .collect();
    let members = t.ok(
        "households.list",
        json!({ "zone_id": zone_id, "status": "正常", "page_size": 500 }),
    );
    for h in members["items"].as_array().unwrap() {
        assert!(
            joined.contains(h["name"].as_str().unwrap()),
            "{} missing",
            h["name"]
        );
    }
    let pages = text.matches('\u{c}').count();
    assert!(pages >= 2, "a zone of ~190 parties takes several pages");
    assert_eq!(
        text.matches("户主/店名").count(),
        pages,
        "the header row repeats on every page"
    );
}

#[test]
fn a_staff_roster_can_also_be_an_xlsx() {
    let t = TestApp::new();
    t.ok("demo.generate", json!({}));
    let f = t.file(
        "print.roster",
        json!({ "target": "staff", "role": "保洁员", "format": "xlsx" }),
    );
    let sheet = cw_tabular::read_table(&f.file_name, &f.bytes).unwrap();
    // The demo's ten cleaners less the one who resigned on 28 November.
    assert_eq!(sheet.rows.len(), 9);
}

#[test]
fn a_document_named_after_a_zone_gets_a_file_name_windows_accepts() {
    let t = TestApp::new();
    let zone = t.zone("黄山路/东段:北侧*");
    let f = t.file(
        "print.roster",
        json!({ "target": "households", "zone_id": zone }),
    );
    assert!(f.file_name.contains("黄山路_东段_北侧_"), "{}", f.file_name);
    assert!(
        !f.file_name
            .contains(['\\', '/', ':', '*', '?', '"', '<', '>', '|']),
        "{}",
        f.file_name
    );
    assert!(f.file_name.ends_with(".pdf"), "{}", f.file_name);
}
