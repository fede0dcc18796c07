//! Names the main font lacks: a rare ideograph of CJK Extension B prints with the fallback font
//! in every batch document; a character no font has prints as □ and is reported, per document,
//! while the rest of the batch prints.

use crate::common::{has_tool, pdf_text, TestApp};
use serde_json::{json, Value};

/// 王𪚥: U+2A6A5 (CJK Extension B), not in Noto Serif SC.
const RARE: &str = "王\u{2A6A5}";

fn staff(t: &TestApp, name: &str, roles: &[&str], wage: Option<&str>) -> i64 {
    t.ok(
        "staff.create",
        json!({ "name": name, "roles": roles, "base_wage": wage }),
    )["id"]
        .as_i64()
        .unwrap()
}

/// A zone with a supervisor and two cleaners, one of them `name`, each fined once in November.
fn cleaners_with(t: &TestApp, name: &str) -> (i64, i64) {
    let sup = staff(t, "颜永华", &["监管人员", "社区干部"], None);
    let rare = staff(t, name, &["保洁员"], Some("1800"));
    let plain = staff(t, "李建国", &["保洁员"], Some("1650"));
    t.ok(
        "zones.create",
        json!({ "name": "黄山路东段", "kind": "街道", "supervisor_id": sup, "cleaner_ids": [rare, plain] }),
    );
    for who in [rare, plain] {
        t.ok(
            "fines.create",
            json!({ "staff_id": who, "item_code": "B1", "date": "2026-11-10", "time": "09:10",
                    "count": 1, "observed": "路面有烟头", "recorded_by": sup }),
        );
    }
    (rare, plain)
}

/// `pdffonts` of a PDF, or `None` when poppler is not installed.
fn pdffonts(t: &TestApp, name: &str, bytes: &[u8]) -> Option<String> {
    if !has_tool("pdffonts") {
        return None;
    }
    let path = t.dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    let out = std::process::Command::new("pdffonts")
        .arg(&path)
        .output()
        .unwrap();
    Some(String::from_utf8(out.stdout).unwrap())
}

fn print(t: &TestApp, name: &str, args: Value) -> cw_core::FileOut {
    t.file(name, args)
}

#[test]
fn a_worker_named_in_extension_b_is_in_the_months_statements_and_the_fine_report() {
    let t = TestApp::new();
    cleaners_with(&t, RARE);
    for (command, args) in [
        ("print.statements", json!({ "month": "2026-11" })),
        ("print.fine_report", json!({ "month": "2026-11" })),
        ("print.roster", json!({ "target": "staff" })),
    ] {
        let f = print(&t, command, args);
        assert!(f.bytes.starts_with(b"%PDF"), "{command}");
        if let Some(text) = pdf_text(&t, &f.bytes, "doc.pdf", &["-layout"]) {
            assert!(
                text.contains(RARE),
                "{command}: {RARE} not read back:\n{text}"
            );
            assert!(text.contains("李建国"), "{command}");
        }
        if let Some(fonts) = pdffonts(&t, "doc.pdf", &f.bytes) {
            assert!(fonts.contains("+NotoSerifSC-Regular"), "{command}: {fonts}");
            assert!(
                fonts.contains("+ChuangweiExtB-Regular"),
                "{command}: {fonts}"
            );
        }
    }
}

/// 𰻞 (U+30EDE, CJK Extension G): in no embedded font.
const NOWHERE: char = '\u{30EDE}';

#[test]
fn a_character_no_font_has_prints_as_a_box_and_is_reported_per_document_while_the_rest_prints() {
    let t = TestApp::new();
    let name = format!("张{NOWHERE}");
    let (_, plain_id) = cleaners_with(&t, &name);
    for (command, args, title) in [
        (
            "print.statements",
            json!({ "month": "2026-11" }),
            "2026年11月工资考核结算单",
        ),
        (
            "print.fine_report",
            json!({ "month": "2026-11" }),
            "2026年11月罚款月报",
        ),
        ("print.roster", json!({ "target": "staff" }), "人员花名册"),
    ] {
        let f = print(&t, command, args);
        assert_eq!(f.warnings.len(), 1, "{command}: {:?}", f.warnings);
        let w = &f.warnings[0];
        assert!(w.starts_with(&format!("「{title}」")), "{command}: {w}");
        assert!(
            w.contains(NOWHERE) && w.contains("已印作□"),
            "{command}: {w}"
        );
        if let Some(text) = pdf_text(&t, &f.bytes, "doc.pdf", &["-layout"]) {
            assert!(text.contains("张□"), "{command}:\n{text}");
            assert!(text.contains("李建国"), "{command}: the rest prints");
        }
    }
    // A document with every character printable carries no warning.
    let plain = print(
        &t,
        "print.statements",
        json!({ "month": "2026-11", "staff_id": plain_id }),
    );
    assert!(plain.warnings.is_empty(), "{:?}", plain.warnings);
}

#[test]
fn a_batch_of_receipts_prints_with_a_rare_payer_and_reports_what_no_font_has() {
    let mut f = crate::fees::Fees::new();
    for (name, no) in [(RARE.to_string(), "9"), (format!("赵{NOWHERE}"), "11")] {
        let party = f.t.ok(
            "households.create",
            json!({ "kind": "住户", "name": name, "group_no": 1, "tags": [],
                    "address": { "street": "黄山路", "number": no, "building": "", "unit": "", "room": "" } }),
        );
        f.parties.push(crate::fees::id(&party));
    }
    f.book("A01", 1001, 1050);
    let b = f.batch();
    // 王𪚥 first, then 赵𰻞 on the second page, then 张三.
    for party in [4, 5, 0] {
        f.issue(b, party, json!({})).unwrap();
    }
    let file = f.t.file("print.receipts", json!({ "batch_id": b }));
    assert_eq!(file.warnings.len(), 1, "{:?}", file.warnings);
    assert!(file.warnings[0].contains(NOWHERE));
    assert!(file.warnings[0].contains("第 2 页"), "{:?}", file.warnings);
    if let Some(text) = pdf_text(&f.t, &file.bytes, "receipts.pdf", &["-layout"]) {
        assert!(text.contains(RARE), "{text}");
        assert!(text.contains("赵□"), "{text}");
        assert!(text.contains("张三"), "{text}");
    }
}

#[test]
fn a_pledge_batch_prints_every_party_and_reports_a_name_no_font_has() {
    let t = TestApp::new();
    for (name, no) in [
        (RARE.to_string(), "2"),
        (format!("钱{NOWHERE}"), "4"),
        ("孙水生".to_string(), "6"),
    ] {
        t.ok(
            "households.create",
            json!({ "kind": "住户", "name": name, "group_no": 1,
                    "address": { "street": "黄山路", "number": no, "building": "", "unit": "", "room": "" } }),
        );
    }
    let job = t.ok("pledges.batch_start", json!({ "group_no": 1 }))["job_id"]
        .as_i64()
        .unwrap();
    t.ok(
        "pledges.batch_layout",
        json!({ "job_id": job, "offset": 0, "limit": 10 }),
    );
    let f = t.file("pledges.batch_pdf", json!({ "job_id": job }));
    assert_eq!(f.warnings.len(), 1, "{:?}", f.warnings);
    assert!(f.warnings[0].contains(NOWHERE), "{:?}", f.warnings);
    // Two pages a party: 钱𰻞 is the second party, on pages 3 and 4.
    assert!(f.warnings[0].contains("第 3、4 页"), "{:?}", f.warnings);
    if let Some(text) = pdf_text(&t, &f.bytes, "pledges.pdf", &["-layout"]) {
        assert!(text.contains(RARE), "{text}");
        assert!(text.contains("钱□"), "{text}");
        assert!(text.contains("孙水生"), "{text}");
    }
}
