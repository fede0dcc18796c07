//! Scenarios of issue 18's QR codes and scanning: each pledge, rectification notice and
//! receipt prints a QR code that reads back as exactly its number (the first page is
//! rasterised with pdftoppm and decoded), and a scanned pledge number marks it signed.

use crate::common::{has_tool, TestApp};
use crate::fees::{id, Fees};
use serde_json::{json, Value};

/// The texts of the QR codes on the first page of a PDF, rasterised at 150 dpi (a scanner's
/// view of a laser print); `None` (and a note) when pdftoppm is not installed.
fn codes_on_first_page(t: &TestApp, bytes: &[u8], name: &str) -> Option<Vec<String>> {
    if !has_tool("pdftoppm") {
        eprintln!("pdftoppm not installed: QR check skipped");
        return None;
    }
    let pdf = t.dir.path().join(format!("{name}.pdf"));
    std::fs::write(&pdf, bytes).unwrap();
    let stem = t.dir.path().join(name);
    let ok = std::process::Command::new("pdftoppm")
        .args(["-r", "150", "-png", "-f", "1", "-l", "1", "-singlefile"])
        .arg(&pdf)
        .arg(&stem)
        .status()
        .unwrap()
        .success();
    assert!(ok, "pdftoppm rasterises {name}");
    let img = image::open(stem.with_extension("png")).unwrap().to_luma8();
    let mut prepared = rqrr::PreparedImage::prepare(img);
    Some(
        prepared
            .detect_grids()
            .iter()
            .map(|g| g.decode().unwrap().1)
            .collect(),
    )
}

/// A shop with a contact in a zone of its own.
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

/// Prints the party's pledge (numbering it) and confirms it printed; returns its number.
fn printed_pledge(t: &TestApp, party: i64) -> (String, Vec<u8>) {
    let job = t.ok("pledges.batch_start", json!({ "party_ids": [party] }))["job_id"].clone();
    t.ok(
        "pledges.batch_layout",
        json!({ "job_id": job, "offset": 0, "limit": 10 }),
    );
    let f = t.file("pledges.batch_pdf", json!({ "job_id": job }));
    t.ok("pledges.batch_confirm", json!({ "job_id": job }));
    let row = t.ok("pledges.get", json!({ "party_id": party }))["row"].clone();
    assert_eq!(row["status"], "已打印");
    (row["number"].as_str().unwrap().to_string(), f.bytes)
}

#[test]
fn a_printed_pledge_carries_a_qr_code_of_exactly_its_number() {
    let t = TestApp::new();
    let party = shop(&t);
    let (number, pdf) = printed_pledge(&t, party);
    assert!(number.starts_with("MQ-2026-"), "{number}");
    let Some(codes) = codes_on_first_page(&t, &pdf, "pledge") else {
        return;
    };
    assert_eq!(codes, vec![number]);
}

#[test]
fn a_rectification_notice_carries_a_qr_code_of_exactly_its_number() {
    let t = TestApp::new();
    let party = shop(&t);
    let n = t.ok(
        "rectify.inspect",
        json!({ "party_id": party, "inspected_on": "2026-11-20", "findings": "木材占道堆放", "outcome": "限期整改", "deadline": "2026-11-27" }),
    )["notice"]
        .clone();
    let f = t.file("rectify.notice_pdf", json!({ "notice_id": n["id"] }));
    let Some(codes) = codes_on_first_page(&t, &f.bytes, "notice") else {
        return;
    };
    assert_eq!(codes, vec![n["number"].as_str().unwrap().to_string()]);
}

#[test]
fn each_part_of_a_receipt_carries_a_qr_code_of_its_book_and_serial() {
    let f = Fees::new();
    f.book("A01", 2026001, 2026050);
    let b = f.batch();
    f.issue(b, 0, json!({})).unwrap();
    let r = f.issue(b, 1, json!({})).unwrap();
    let file = f.t.file("print.receipt", json!({ "id": id(&r) }));
    let Some(codes) = codes_on_first_page(&f.t, &file.bytes, "receipt") else {
        return;
    };
    assert_eq!(codes, vec!["A01-2026002"; 3], "存根联, 收据联 and 记账联");
}

#[test]
fn a_receipt_number_finds_its_receipt_and_a_wrong_one_is_refused_naming_it() {
    let f = Fees::new();
    f.book("A01", 2026001, 2026050);
    let b = f.batch();
    let r = f.issue(b, 2, json!({})).unwrap();
    let found =
        f.t.ok("fees.receipts.find", json!({ "number": " A01-2026001 " }));
    assert_eq!(
        (found["id"].clone(), found["batch_id"].clone()),
        (r["id"].clone(), json!(b))
    );
    let unknown =
        f.t.fails("fees.receipts.find", json!({ "number": "A01-2026009" }));
    assert!(
        unknown.message.contains("A01-2026009"),
        "{}",
        unknown.message
    );
    let bad = f.t.fails("fees.receipts.find", json!({ "number": "A01" }));
    assert!(bad.message.contains("收据号"), "{}", bad.message);
}

fn scan(t: &TestApp, number: &str) -> Result<Value, cw_core::ErrorDto> {
    match t
        .app
        .call("pledges.scan_signed", json!({ "number": number }), "tester")
    {
        Ok(cw_core::Output::Json(v)) => Ok(v),
        Ok(_) => panic!("a file"),
        Err(e) => Err(e.to_dto()),
    }
}

#[test]
fn scanning_a_printed_pledge_marks_it_signed_today_with_its_history_and_audit_rows() {
    let t = TestApp::new();
    let party = shop(&t);
    let (number, _) = printed_pledge(&t, party);
    let audit = t.audit_rows();
    let row = scan(&t, &number.to_lowercase()).unwrap();
    assert_eq!(row["status"], "已签订");
    assert_eq!(row["signed_on"], "2026-11-29", "today by the clock");
    assert_eq!(row["signer"], "李明", "the contact signs");
    assert_eq!(
        t.audit_rows(),
        audit + 1,
        "one audit row, as the dialog writes"
    );
    let detail = t.ok("pledges.get", json!({ "party_id": party }));
    let last = detail["history"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["status"] == "已签订")
        .cloned()
        .unwrap();
    assert_eq!(
        (last["number"].as_str(), last["on_date"].as_str()),
        (Some(number.as_str()), Some("2026-11-29"))
    );
    let rates = t.ok("pledges.rates", json!({}));
    assert_eq!(rates["overall"]["signed"], 1, "{rates}");
}

#[test]
fn scanning_a_signed_pledge_again_says_so_and_changes_nothing() {
    let t = TestApp::new();
    let party = shop(&t);
    let (number, _) = printed_pledge(&t, party);
    scan(&t, &number).unwrap();
    let audit = t.audit_rows();
    let before = t.ok("pledges.get", json!({ "party_id": party }));
    let e = scan(&t, &number).unwrap_err();
    assert_eq!(e.code, "conflict");
    assert!(
        e.message.contains(&number) && e.message.contains("2026年11月29日签订"),
        "{}",
        e.message
    );
    assert_eq!(t.audit_rows(), audit);
    assert_eq!(t.ok("pledges.get", json!({ "party_id": party })), before);
}

#[test]
fn scanning_an_unknown_or_void_number_is_refused_naming_it_and_changes_nothing() {
    let t = TestApp::new();
    let party = shop(&t);
    let (number, _) = printed_pledge(&t, party);
    let audit = t.audit_rows();
    let e = scan(&t, "MQ-2026-99999").unwrap_err();
    assert!(e.message.contains("MQ-2026-99999"), "{}", e.message);
    assert!(scan(&t, "  ").is_err(), "an empty scan is refused");
    assert_eq!(t.audit_rows(), audit);
    t.ok(
        "pledges.record",
        json!({ "party_id": party, "status": "作废", "reason": "污损重印" }),
    );
    let audit = t.audit_rows();
    let e = scan(&t, &number).unwrap_err();
    assert!(
        e.message.contains("已作废") && e.message.contains(&number),
        "{}",
        e.message
    );
    assert_eq!(t.audit_rows(), audit);
    assert_eq!(
        t.ok("pledges.get", json!({ "party_id": party }))["row"]["status"],
        "未打印",
        "the party still owes a pledge"
    );
}
