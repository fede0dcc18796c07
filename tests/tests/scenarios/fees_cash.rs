//! Scenarios of cash and receipts as a clerk meets them on real days (issue 13): receipts dated by
//! their collection day, the blind count, remittance of genuine cash only, adjustments instead of
//! voids after closing, repayments and the collectors' ledger, the slip's serials, the fee form's
//! defaults, the payer order, future batches and 预收 apart in the rate report.

use crate::common::{pdf_text, TestApp};
use crate::fees::{id, Fees};
use chrono::NaiveDate;
use cw_core::domain::FixedClock;
use serde_json::{json, Value};
use std::sync::Arc;

/// An app whose clock stands at `y-m-d h:00`.
fn app_at(y: i32, m: u32, d: u32, h: u32) -> TestApp {
    let dir = tempfile::tempdir().unwrap();
    let at = NaiveDate::from_ymd_opt(y, m, d)
        .unwrap()
        .and_hms_opt(h, 0, 0)
        .unwrap();
    let app = cw_core::App::open(&dir.path().join("cw.db"), Arc::new(FixedClock(at))).unwrap();
    TestApp { app, dir }
}

fn batch_on(f: &Fees, day: &str) -> i64 {
    id(&f.t.ok(
        "fees.batches.open",
        json!({ "group_no": 1, "on_date": day, "collector_ids": [f.collector], "cadre_id": f.cadre }),
    ))
}

/// A closed batch of 25.00 (20.00 and 5.00) counted as `counted` with `counterfeit` found.
fn closed_batch(f: &Fees, counted: &str, counterfeit: &str) -> (i64, Value) {
    f.book("A01", 1, 50);
    let b = f.batch();
    f.issue(b, 0, json!({})).unwrap();
    f.issue(b, 1, json!({ "period_to": "2026-09" })).unwrap();
    let closed = f.t.ok(
        "fees.batches.close",
        json!({ "batch_id": b, "counted": counted, "counterfeit": counterfeit, "confirm_charge": true }),
    );
    (b, closed)
}

#[test]
fn a_receipt_keyed_in_later_carries_the_collection_day_of_its_batch() {
    // Keyed in on 2 January for a round made on 31 December: across a month and a year.
    let f = Fees::on(app_at(2027, 1, 2, 10));
    f.book("A01", 1, 50);
    let b = batch_on(&f, "2026-12-31");
    let r = f.issue(b, 0, json!({})).unwrap();
    assert_eq!(r["collected_on"], "2026-12-31", "the receipt's date");
    assert!(
        r["issued_at"].as_str().unwrap().starts_with("2027-01-02"),
        "the keying time is kept for the audit: {}",
        r["issued_at"]
    );
    let file = f.t.file("print.receipt", json!({ "id": id(&r) }));
    let Some(text) = pdf_text(&f.t, &file.bytes, "r.pdf", &["-layout"]) else {
        return;
    };
    assert!(text.contains("2026年12月31日"), "{text}");
    assert!(!text.contains("2027年1月2日"), "{text}");
}

#[test]
fn a_batch_cannot_be_dated_after_today_by_the_clock() {
    for (y, m, d, tomorrow) in [
        (2026, 11, 30, "2026-12-01"),
        (2026, 12, 31, "2027-01-01"),
        (2028, 2, 28, "2028-02-29"),
    ] {
        let f = Fees::on(app_at(y, m, d, 9));
        let err = f.t.fails(
            "fees.batches.open",
            json!({ "group_no": 1, "on_date": tomorrow, "collector_ids": [f.collector], "cadre_id": f.cadre }),
        );
        assert_eq!(
            err.code, "validation.invalid",
            "{tomorrow}: {}",
            err.message
        );
        assert!(err.message.contains("今天"), "{}", err.message);
        let today = format!("{y:04}-{m:02}-{d:02}");
        batch_on(&f, &today);
    }
}

#[test]
fn closing_without_a_count_is_refused_and_a_shortage_needs_confirmation() {
    let f = Fees::new();
    f.book("A01", 1, 50);
    let b = f.batch();
    f.issue(b, 0, json!({})).unwrap();
    let err = f.t.fails("fees.batches.close", json!({ "batch_id": b }));
    assert!(err.message.contains("清点现金"), "{}", err.message);
    let err = f.t.fails(
        "fees.batches.close",
        json!({ "batch_id": b, "counted": "15" }),
    );
    assert_eq!(err.code, "conflict", "{}", err.message);
    assert!(
        err.message.contains("短款") && err.message.contains("5.00"),
        "{}",
        err.message
    );
    let batch = f.t.ok("fees.batches.get", json!({ "id": b }));
    assert_eq!(batch["status"], "进行中", "nothing was written");
    assert_eq!(
        f.t.ok("fees.compensations.list", json!({}))
            .as_array()
            .unwrap()
            .len(),
        0
    );
    let closed = f.t.ok(
        "fees.batches.close",
        json!({ "batch_id": b, "counted": "15", "confirm_charge": true }),
    );
    assert_eq!(closed["closing"]["shortage"], "5.00");
    // A balanced count needs no confirmation.
    let b2 = f.batch();
    f.issue(b2, 1, json!({})).unwrap();
    f.t.ok(
        "fees.batches.close",
        json!({ "batch_id": b2, "counted": "20" }),
    );
}

#[test]
fn counterfeit_notes_are_charged_apart_and_never_remitted() {
    let f = Fees::new();
    let (b, closed) = closed_batch(&f, "5", "20");
    let c = &closed["closing"];
    assert_eq!(c["expected"], "25.00");
    assert_eq!(c["counted"], "5.00");
    assert_eq!(c["counterfeit"], "20.00");
    assert_eq!(c["shortage"], "0.00", "应收 = 实点 + 假币 + 短款");
    let owed = f.t.ok("fees.compensations.list", json!({}));
    let owed = owed.as_array().unwrap();
    assert_eq!(owed.len(), 1, "{owed:?}");
    assert_eq!(owed[0]["kind"], "假币");
    assert_eq!(owed[0]["amount"], "20.00");
    let err = f.t.fails(
        "fees.batches.remit",
        json!({ "batch_id": b, "amount": "25", "receiver": "经管站 刘会计" }),
    );
    assert_eq!(err.code, "validation.invalid", "{}", err.message);
    assert!(
        err.message.contains("5.00") && err.message.contains("假币"),
        "{}",
        err.message
    );
    let remitted = f.t.ok(
        "fees.batches.remit",
        json!({ "batch_id": b, "amount": "5.00", "receiver": "经管站 刘会计" }),
    );
    assert_eq!(remitted["remittance"]["amount"], "5.00");
    let slip = f.t.file("print.remittance", json!({ "batch_id": b }));
    let Some(text) = pdf_text(&f.t, &slip.bytes, "s.pdf", &["-layout"]) else {
        return;
    };
    assert!(
        text.contains("¥25.00 = 实点 ¥5.00 + 假币 ¥20.00 + 短款 ¥0.00"),
        "{text}"
    );
}

#[test]
fn a_shortage_and_counterfeit_together_reconcile_to_the_fen() {
    let f = Fees::new();
    let (_, closed) = closed_batch(&f, "3.50", "20");
    let c = &closed["closing"];
    assert_eq!(c["shortage"], "1.50");
    assert_eq!(c["counterfeit"], "20.00");
    let ledger = f.t.ok("fees.compensations.totals", json!({}));
    assert_eq!(ledger[0]["owed"], "21.50");
    assert_eq!(ledger[0]["shortage"], "1.50");
    assert_eq!(ledger[0]["counterfeit"], "20.00");
}

#[test]
fn a_receipt_of_a_closed_batch_is_refunded_by_an_adjustment_never_a_bare_void() {
    let f = Fees::new();
    let (b, _) = closed_batch(&f, "25", "");
    let receipts = f.t.ok("fees.receipts.list", json!({ "batch_id": b }));
    let second = receipts[1].clone();
    let err = f.t.fails(
        "fees.receipts.void",
        json!({ "id": id(&second), "reason": "已在单位缴过" }),
    );
    assert_eq!(err.code, "conflict");
    assert!(err.message.contains("调整"), "{}", err.message);
    // Not even at the database.
    let conn = cw_store::rusqlite::Connection::open(f.t.db_path()).unwrap();
    assert!(conn
        .execute(
            "INSERT INTO receipt_voids (receipt_id, reason, at, by) VALUES (?1, 'x', '2026-11-29 10:00:00', 'x')",
            [id(&second)],
        )
        .is_err());
    let adjusted = f.t.ok(
        "fees.batches.adjust",
        json!({ "batch_id": b, "kind": "退款", "receipt_id": id(&second), "reason": "已在单位缴过，退还现金" }),
    );
    assert_eq!(adjusted["total"], "20.00");
    let adj = &adjusted["adjustments"][0];
    assert_eq!(adj["kind"], "退款");
    assert_eq!(adj["amount"], "5.00");
    assert_eq!(adj["payee"], "李四");
    assert_eq!(
        f.t.ok("fees.receipts.get", json!({ "id": id(&second) }))["void_reason"],
        "结账后退款：已在单位缴过，退还现金"
    );
    // The household owes again, because its cash went back.
    let arrears = f.t.ok("fees.arrears", json!({ "group_no": 1 }));
    assert!(
        arrears["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["name"] == "李四"),
        "{arrears}"
    );
    // The refund was paid out of the batch's cash: 25 counted − 5 refunded.
    let err = f.t.fails(
        "fees.batches.remit",
        json!({ "batch_id": b, "amount": "25", "receiver": "经管站" }),
    );
    assert!(err.message.contains("20.00"), "{}", err.message);
    f.t.ok(
        "fees.batches.remit",
        json!({ "batch_id": b, "amount": "20", "receiver": "经管站" }),
    );
    // After remittance, a shortage found is charged to the collector and shown on the batch.
    let after = f.t.ok(
        "fees.batches.adjust",
        json!({ "batch_id": b, "kind": "短款", "staff_id": f.collector, "amount": "2", "reason": "经管站复点少2元" }),
    );
    assert_eq!(after["adjustments"][1]["after_remittance"], true);
    let owed = f.t.ok("fees.compensations.list", json!({}));
    assert_eq!(owed[0]["kind"], "短款");
    assert_eq!(owed[0]["amount"], "2.00");
    assert_eq!(owed[0]["batch_id"], b);
    let slip = f.t.file("print.remittance", json!({ "batch_id": b }));
    if let Some(text) = pdf_text(&f.t, &slip.bytes, "s.pdf", &["-layout"]) {
        assert!(text.contains("退款") && text.contains("李四"), "{text}");
        assert!(text.contains("经管站复点少2元"), "{text}");
    }
    // An open batch's receipt is still voided as before.
    let open = f.batch();
    let r = f.issue(open, 2, json!({ "amount": "5", "override_reason": "x" }));
    let r = r.unwrap_or_else(|_| f.issue(open, 3, json!({})).unwrap());
    f.t.ok(
        "fees.receipts.void",
        json!({ "id": id(&r), "reason": "写错" }),
    );
}

#[test]
fn a_collector_repays_what_they_owe_and_the_ledger_balances() {
    let f = Fees::new();
    // Short 1.50 and 20.00 counterfeit in one batch; a lost receipt charged 3.00.
    let (b, _) = closed_batch(&f, "3.50", "20");
    let book = f.t.ok("fees.books.list", json!({}))["items"][0].clone();
    f.t.ok(
        "fees.books.mark",
        json!({ "book_id": id(&book), "serial": 40, "kind": "遗失", "reason": "丢失", "compensation": "3" }),
    );
    let ledger = f.t.ok("fees.compensations.totals", json!({}));
    assert_eq!(ledger[0]["owed"], "24.50");
    assert_eq!(ledger[0]["lost"], "3.00");
    assert_eq!(ledger[0]["repaid"], "0.00");
    assert_eq!(ledger[0]["balance"], "24.50");
    // Repaid at once with the batch: its remittance takes the cash.
    let err = f.t.fails(
        "fees.repayments.create",
        json!({ "staff_id": f.collector, "amount": "30", "slip_no": "SK-001", "received_on": "2026-11-29", "receiver": "刘会计" }),
    );
    assert!(err.message.contains("24.50"), "{}", err.message);
    f.t.ok(
        "fees.repayments.create",
        json!({ "staff_id": f.collector, "amount": "21.50", "slip_no": "SK-001", "received_on": "2026-11-29",
                "receiver": "刘会计", "batch_id": b }),
    );
    let err = f.t.fails(
        "fees.batches.remit",
        json!({ "batch_id": b, "amount": "3.50", "receiver": "经管站" }),
    );
    assert!(err.message.contains("25.00"), "{}", err.message);
    let remitted = f.t.ok(
        "fees.batches.remit",
        json!({ "batch_id": b, "receiver": "经管站" }),
    );
    assert_eq!(
        remitted["remittance"]["amount"], "25.00",
        "3.50 counted + 21.50 repaid"
    );
    // A repayment cannot go with a batch already remitted; on its own slip it can.
    let err = f.t.fails(
        "fees.repayments.create",
        json!({ "staff_id": f.collector, "amount": "3", "slip_no": "SK-002", "received_on": "2026-11-29",
                "receiver": "刘会计", "batch_id": b }),
    );
    assert!(err.message.contains("已上解"), "{}", err.message);
    f.t.ok(
        "fees.repayments.create",
        json!({ "staff_id": f.collector, "amount": "3", "slip_no": "SK-002", "received_on": "2026-11-29", "receiver": "刘会计" }),
    );
    let ledger = f.t.ok("fees.compensations.totals", json!({}));
    assert_eq!(ledger[0]["repaid"], "24.50");
    assert_eq!(ledger[0]["balance"], "0.00");
    let repayments =
        f.t.ok("fees.repayments.list", json!({ "staff_id": f.collector }));
    assert_eq!(repayments.as_array().unwrap().len(), 2);
    assert_eq!(repayments[0]["slip_no"], "SK-001");
    let sheet = f.t.file("print.compensations", json!({ "format": "xlsx" }));
    assert!(sheet.file_name.ends_with(".xlsx"));
}

#[test]
fn the_slip_lists_every_voided_skipped_and_lost_serial_of_the_batch() {
    let f = Fees::new();
    f.book("A01", 1, 50);
    let b = f.batch();
    f.issue(b, 0, json!({})).unwrap();
    let second = f.issue(b, 1, json!({})).unwrap();
    f.t.ok(
        "fees.receipts.void",
        json!({ "id": id(&second), "reason": "写错" }),
    );
    // Skip 3–5 to write 6; lose 7; write 8.
    f.issue(b, 1, json!({ "serial": 6, "skip_reason": "污损" }))
        .unwrap();
    let book = f.t.ok("fees.books.list", json!({}))["items"][0].clone();
    f.t.ok(
        "fees.books.mark",
        json!({ "book_id": id(&book), "serial": 7, "kind": "遗失", "reason": "风吹走" }),
    );
    f.issue(b, 3, json!({})).unwrap();
    f.t.ok(
        "fees.batches.close",
        json!({ "batch_id": b, "counted": "80" }),
    );
    let slip = f.t.file("print.remittance", json!({ "batch_id": b }));
    let Some(text) = pdf_text(&f.t, &slip.bytes, "s.pdf", &["-layout"]) else {
        return;
    };
    let flat: String = text.split_whitespace().collect();
    for n in ["0000002", "0000003", "0000004", "0000005", "0000007"] {
        assert!(flat.contains(n), "{n} missing in\n{text}");
    }
    assert!(flat.contains("遗失"), "{text}");
}

#[test]
fn the_fee_form_defaults_to_the_first_unpaid_month_through_the_period_end() {
    let f = Fees::new();
    f.book("A01", 1, 50);
    let b = f.batch();
    let fresh = f.t.ok(
        "fees.receipts.suggest",
        json!({ "batch_id": b, "party_id": f.parties[0] }),
    );
    assert_eq!(fresh["period_from"], "2026-09");
    assert_eq!(fresh["period_to"], "2026-12");
    assert_eq!(fresh["amount"], "20.00");
    f.issue(b, 0, json!({ "period_to": "2026-10" })).unwrap();
    let s = f.t.ok(
        "fees.receipts.suggest",
        json!({ "batch_id": b, "party_id": f.parties[0] }),
    );
    assert_eq!(s["period_from"], "2026-11");
    assert_eq!(s["period_to"], "2026-12");
    assert_eq!(s["amount"], "10.00");
    // Paid through December: the next month, one month ahead.
    f.issue(
        b,
        0,
        json!({ "period_from": "2026-11", "period_to": "2026-12" }),
    )
    .unwrap();
    let s = f.t.ok(
        "fees.receipts.suggest",
        json!({ "batch_id": b, "party_id": f.parties[0] }),
    );
    assert_eq!(s["period_from"], "2027-01");
    assert_eq!(s["period_to"], "2027-01");
    // The suggestion issues without an error.
    let args = json!({ "period_from": s["period_from"], "period_to": s["period_to"] });
    f.issue(b, 0, args).unwrap();
}

#[test]
fn an_exact_code_comes_first_then_the_batch_group_and_other_groups_need_confirmation() {
    let f = Fees::new();
    f.book("A01", 1, 50);
    // The clerk types the number of 李四's code; another group's household, earlier in walking
    // order, has that number in its address (and, at scale, in its code).
    let target = f.t.ok("households.get", json!({ "id": f.parties[1] }));
    let code = target["code"].as_str().unwrap().to_string();
    let digits = code
        .trim_start_matches(|c: char| c.is_ascii_alphabetic())
        .trim_start_matches('0')
        .to_string();
    let other = id(&f.t.ok(
        "households.create",
        json!({ "kind": "住户", "name": "钱七", "group_no": 2,
                "address": { "street": "安康路", "number": digits, "building": "", "unit": "", "room": "" } }),
    ));
    let b = f.batch();
    let listed = f.t.ok("households.list", json!({ "q": digits }));
    assert!(listed["total"].as_i64().unwrap() >= 2, "{listed}");
    let found = f.t.ok("fees.payers", json!({ "batch_id": b, "q": digits }));
    assert_eq!(found[0]["id"], f.parties[1], "{found}");
    assert_eq!(found[0]["exact"], true);
    assert_eq!(found[0]["other_group"], false);
    let found = f.t.ok(
        "fees.payers",
        json!({ "batch_id": b, "q": code.to_lowercase() }),
    );
    assert_eq!(found[0]["id"], f.parties[1], "{found}");
    let found = f.t.ok("fees.payers", json!({ "batch_id": b, "q": "安康" }));
    assert_eq!(found[0]["id"], other);
    assert_eq!(found[0]["other_group"], true);
    assert_eq!(found[0]["group_name"], "第二小组");
    // By name: the batch's own group first.
    f.t.ok(
        "households.create",
        json!({ "kind": "住户", "name": "张三丰", "group_no": 3,
                "address": { "street": "安康路", "number": "1", "building": "", "unit": "", "room": "" } }),
    );
    let found = f.t.ok("fees.payers", json!({ "batch_id": b, "q": "张三" }));
    assert_eq!(found[0]["name"], "张三", "{found}");
    assert_eq!(found[1]["other_group"], true);
    let mut args = json!({ "batch_id": b, "party_id": other, "collector_id": f.collector,
                           "period_from": "2026-09", "period_to": "2026-09" });
    let err = f.t.fails("fees.receipts.issue", args.clone());
    assert_eq!(err.code, "conflict", "{}", err.message);
    assert!(err.message.contains("第二小组"), "{}", err.message);
    args["confirm_other_group"] = json!(true);
    f.t.ok("fees.receipts.issue", args);
}

#[test]
fn months_past_the_period_are_prepaid_and_the_figures_add_up() {
    let f = Fees::new();
    f.book("A01", 1, 50);
    let b = f.batch();
    // November to February: two months inside September–December, two past it.
    f.issue(
        b,
        0,
        json!({ "period_from": "2026-11", "period_to": "2027-02" }),
    )
    .unwrap();
    // A reduced receipt: 15.00 for four months of 5.00.
    f.issue(
        b,
        1,
        json!({ "amount": "15", "override_reason": "困难户协商" }),
    )
    .unwrap();
    let r = f.t.ok("fees.rate", json!({}));
    let t = &r["total"];
    let fen = |v: &Value| -> i64 {
        let s = v.as_str().unwrap();
        let (a, b) = s.split_once('.').unwrap();
        a.parse::<i64>().unwrap() * 100 + b.parse::<i64>().unwrap()
    };
    assert_eq!(
        t["collected"], "25.00",
        "10.00 of November–December + 15.00"
    );
    assert_eq!(t["prepaid"], "10.00", "January–February");
    assert_eq!(t["reduced"], "5.00");
    assert_eq!(
        fen(&t["expected"]),
        fen(&t["collected"]) + fen(&t["owed"]) + fen(&t["reduced"]),
        "{t}"
    );
    for row in r["rows"].as_array().unwrap() {
        assert_eq!(
            fen(&row["expected"]),
            fen(&row["collected"]) + fen(&row["owed"]) + fen(&row["reduced"]),
            "{row}"
        );
    }
    let sheet = f.t.file("print.collection_rate", json!({}));
    if let Some(text) = pdf_text(&f.t, &sheet.bytes, "rate.pdf", &["-layout"]) {
        assert!(text.contains("预收") && text.contains("减免"), "{text}");
    }
}
