//! Scenarios of fees: books, batches, receipts, closing, remittance, rates and the append-only money tables.

use crate::common::{pdf_text, TestApp};
use serde_json::{json, Value};

/// A small community: a collector and a cadre in group 1, three households and a shop.
pub(crate) struct Fees {
    pub(crate) t: TestApp,
    pub(crate) collector: i64,
    pub(crate) cadre: i64,
    pub(crate) parties: Vec<i64>,
}

pub(crate) fn id(v: &Value) -> i64 {
    v["id"].as_i64().unwrap()
}

impl Fees {
    pub(crate) fn new() -> Fees {
        Fees::on(TestApp::new())
    }

    /// The same community on an app of the caller's (another day's clock).
    pub(crate) fn on(t: TestApp) -> Fees {
        let collector = id(&t.ok(
            "staff.create",
            json!({ "name": "王收费", "roles": ["收费人员"], "group_no": 1 }),
        ));
        let cadre = id(&t.ok(
            "staff.create",
            json!({ "name": "李干部", "roles": ["社区干部"], "group_no": 1 }),
        ));
        let mut parties = Vec::new();
        for (kind, name, no, tags) in [
            ("住户", "张三", "1", json!([])),
            ("住户", "李四", "3", json!([])),
            ("住户", "王五", "5", json!(["低保"])),
            ("门店", "赵六超市", "7", json!([])),
        ] {
            parties.push(id(&t.ok(
                "households.create",
                json!({ "kind": kind, "name": name, "group_no": 1, "tags": tags,
                        "address": { "street": "黄山路", "number": no, "building": "", "unit": "", "room": "" } }),
            )));
        }
        Fees {
            t,
            collector,
            cadre,
            parties,
        }
    }

    pub(crate) fn book(&self, no: &str, first: i64, last: i64) -> Value {
        self.t.ok(
            "fees.books.register",
            json!({ "book_no": no, "first_serial": first, "last_serial": last,
                    "received_on": "2026-08-28", "collector_id": self.collector }),
        )
    }

    pub(crate) fn batch(&self) -> i64 {
        id(&self.t.ok(
            "fees.batches.open",
            json!({ "group_no": 1, "on_date": "2026-11-29", "collector_ids": [self.collector], "cadre_id": self.cadre }),
        ))
    }

    pub(crate) fn issue(
        &self,
        batch: i64,
        party: usize,
        extra: Value,
    ) -> Result<Value, cw_core::ErrorDto> {
        let mut args = json!({ "batch_id": batch, "party_id": self.parties[party], "collector_id": self.collector,
                               "period_from": "2026-09", "period_to": "2026-12" });
        for (k, v) in extra.as_object().unwrap() {
            args[k] = v.clone();
        }
        match self.t.app.call("fees.receipts.issue", args, "tester") {
            Ok(cw_core::Output::Json(v)) => Ok(v),
            Ok(_) => panic!("a file"),
            Err(e) => Err(e.to_dto()),
        }
    }
}

#[test]
fn a_receipt_takes_the_next_serial_and_is_priced_by_the_standard() {
    let f = Fees::new();
    f.book("A01", 1001, 1050);
    let b = f.batch();
    let r = f.issue(b, 0, json!({})).unwrap();
    assert_eq!(r["serial"], 1001);
    assert_eq!(r["amount"], "20.00", "4 months × 5 元");
    assert_eq!(r["amount_words"], "人民币贰拾元整");
    assert_eq!(r["cadre_name"], "李干部");
    let shop = f.issue(b, 3, json!({ "period_to": "2026-09" })).unwrap();
    assert_eq!(shop["serial"], 1002);
    assert_eq!(shop["amount"], "10.00", "a shop pays 10 元 a month");
    let book = &f.t.ok("fees.books.list", json!({}))["items"][0];
    assert_eq!(book["issued"], 2);
    assert_eq!(book["unused"], 48);
    assert_eq!(book["total"], "30.00");
    assert_eq!(book["next_serial"], 1003);
}

#[test]
fn a_batch_without_a_cadre_present_is_refused() {
    let f = Fees::new();
    let err = f.t.fails(
        "fees.batches.open",
        json!({ "group_no": 1, "collector_ids": [f.collector] }),
    );
    assert!(err.message.contains("在场社区干部"), "{}", err.message);
    let err = f.t.fails(
        "fees.batches.open",
        json!({ "group_no": 1, "collector_ids": [f.collector], "cadre_id": f.collector }),
    );
    assert!(err.message.contains("不是社区干部"), "{}", err.message);
    assert!(f
        .t
        .ok("fees.batches.list", json!({}))
        .as_array()
        .unwrap()
        .is_empty());
}

#[test]
fn skipping_serials_is_refused_unless_they_are_voided_with_a_reason() {
    let f = Fees::new();
    let book = id(&f.book("A01", 1001, 1050));
    let b = f.batch();
    let err = f.issue(b, 0, json!({ "serial": 1003 })).unwrap_err();
    assert!(err.message.contains("1001–1002"), "{}", err.message);
    let r = f
        .issue(b, 0, json!({ "serial": 1003, "skip_reason": "填写污损" }))
        .unwrap();
    assert_eq!(r["serial"], 1003);
    let serials = f.t.ok("fees.books.serials", json!({ "id": book }));
    assert_eq!(serials[0]["state"], "作废");
    assert!(serials[1]["reason"].as_str().unwrap().contains("填写污损"));
    assert_eq!(serials[2]["state"], "已开");
    assert_eq!(serials[3]["state"], "未用");
    let err = f.issue(b, 1, json!({ "serial": 1001 })).unwrap_err();
    assert!(err.message.contains("下一张应为 1004"), "{}", err.message);
}

#[test]
fn an_amount_off_the_standard_needs_a_reason() {
    let f = Fees::new();
    f.book("A01", 1, 50);
    let b = f.batch();
    let err = f.issue(b, 0, json!({ "amount": "15" })).unwrap_err();
    assert_eq!(err.code, "validation.invalid");
    assert!(err.message.contains("改价原因"));
    let r = f
        .issue(
            b,
            0,
            json!({ "amount": "15", "override_reason": "9月中旬迁入，按三个月收" }),
        )
        .unwrap();
    assert_eq!(r["amount"], "15.00");
    assert_eq!(r["standard"], "20.00");
    assert_eq!(r["amount_words"], "人民币壹拾伍元整");
}

#[test]
fn paid_months_are_refused_until_the_receipt_is_voided() {
    let f = Fees::new();
    f.book("A01", 1, 50);
    let b = f.batch();
    let r = f.issue(b, 0, json!({})).unwrap();
    let err = f
        .issue(b, 0, json!({ "period_from": "2026-12" }))
        .unwrap_err();
    assert_eq!(err.code, "conflict");
    assert!(err.message.contains("2026-12"), "{}", err.message);
    let err = f.t.fails("fees.receipts.void", json!({ "id": id(&r) }));
    assert!(err.message.contains("作废原因"));
    let v = f.t.ok(
        "fees.receipts.void",
        json!({ "id": id(&r), "reason": "金额填错" }),
    );
    assert_eq!(v["void_reason"], "金额填错");
    let again = f.issue(b, 0, json!({})).unwrap();
    assert_eq!(again["serial"], 2, "a voided receipt keeps its serial");
    let rp = f.t.ok(
        "fees.receipts.reprint",
        json!({ "id": id(&again), "reason": "缴费人遗失" }),
    );
    assert_eq!(rp["reprints"], 1);
    assert_eq!(rp["serial"], 2, "a reprint keeps the serial");
}

#[test]
fn a_shortage_at_closing_is_owed_by_the_collector_and_reconciles_to_the_fen() {
    let f = Fees::new();
    f.book("A01", 1, 50);
    let b = f.batch();
    f.issue(b, 0, json!({})).unwrap();
    f.issue(
        b,
        1,
        json!({ "amount": "17.35", "override_reason": "协商" }),
    )
    .unwrap();
    f.issue(b, 3, json!({ "period_to": "2026-10" })).unwrap();
    let voided = f
        .issue(
            b,
            3,
            json!({ "period_from": "2026-11", "period_to": "2026-11" }),
        )
        .unwrap();
    f.t.ok(
        "fees.receipts.void",
        json!({ "id": id(&voided), "reason": "重复" }),
    );
    let batch = f.t.ok("fees.batches.get", json!({ "id": b }));
    assert_eq!(
        batch["total"], "57.35",
        "20 + 17.35 + 20, the void left out"
    );
    let err = f.t.fails(
        "fees.batches.close",
        json!({ "batch_id": b, "counted": "50", "denominations": [{ "face": "20", "count": 2 }] }),
    );
    assert!(err.message.contains("不符"), "{}", err.message);
    let closed = f.t.ok(
        "fees.batches.close",
        json!({ "batch_id": b, "denominations": [{ "face": "20", "count": 2 },
               { "face": "5", "count": 1 }, { "face": "1", "count": 2 }, { "face": "0.1", "count": 3 }],
               "counterfeit": "10", "counterfeit_note": "10元假币1张", "confirm_charge": true }),
    );
    let c = &closed["closing"];
    assert_eq!(c["expected"], "57.35");
    assert_eq!(c["counted"], "47.30");
    assert_eq!(
        c["shortage"], "0.05",
        "57.35 = 47.30 + 10 counterfeit + 0.05"
    );
    assert_eq!(closed["status"], "已结账");
    let owed = f.t.ok("fees.compensations.list", json!({}));
    assert_eq!(owed[0]["amount"], "0.05");
    assert_eq!(owed[0]["staff_name"], "王收费");
    assert_eq!(owed[1]["kind"], "假币");
    assert_eq!(owed[1]["amount"], "10.00");
    assert_eq!(
        f.issue(b, 2, json!({ "amount": "5", "override_reason": "x" }))
            .unwrap_err()
            .code,
        "conflict"
    );
    let remitted = f.t.ok(
        "fees.batches.remit",
        json!({ "batch_id": b, "receiver": "经管站 刘会计" }),
    );
    assert_eq!(remitted["remittance"]["amount"], "47.30");
    assert_eq!(remitted["status"], "已上解");
}

#[test]
fn cash_not_remitted_by_the_next_day_is_flagged() {
    let f = Fees::new();
    f.book("A01", 1, 50);
    let b = id(&f.t.ok(
        "fees.batches.open",
        json!({ "group_no": 1, "on_date": "2026-11-27", "collector_ids": [f.collector], "cadre_id": f.cadre }),
    ));
    f.issue(b, 0, json!({})).unwrap();
    assert_eq!(
        f.t.ok("fees.batches.get", json!({ "id": b }))["overdue"],
        true,
        "clock is 11-29"
    );
    let today = f.batch();
    f.issue(today, 1, json!({})).unwrap();
    assert_eq!(
        f.t.ok("fees.batches.get", json!({ "id": today }))["overdue"],
        false
    );
}

#[test]
fn money_tables_refuse_update_and_delete_at_the_database() {
    let f = Fees::new();
    f.book("A01", 1, 50);
    let b = f.batch();
    f.issue(b, 0, json!({})).unwrap();
    let conn = cw_store::rusqlite::Connection::open(f.t.db_path()).unwrap();
    for sql in [
        "UPDATE receipts SET amount_fen = 1",
        "DELETE FROM receipts",
        "UPDATE receipt_books SET last_serial = 10",
        "DELETE FROM fee_standards",
        "UPDATE fee_standards SET monthly_fen = 0",
        "DELETE FROM collection_batches",
    ] {
        let err = conn.execute(sql, []).unwrap_err().to_string();
        assert!(err.contains("append-only"), "{sql}: {err}");
    }
    let err = conn
        .execute(
            "INSERT INTO receipt_serial_marks (book_id, serial, kind, reason, at, by) VALUES (1, 1, '遗失', 'x', '', '')",
            [],
        )
        .unwrap_err()
        .to_string();
    assert!(err.contains("already a receipt"), "{err}");
    let amount: i64 = conn
        .query_row("SELECT amount_fen FROM receipts", [], |r| r.get(0))
        .unwrap();
    assert_eq!(amount, 2000);
}

#[test]
fn exempt_households_drop_out_of_what_is_expected_and_are_listed() {
    let f = Fees::new();
    let before = f.t.ok("fees.rate", json!({}));
    assert_eq!(before["total"]["expected_parties"], 4);
    assert_eq!(
        before["total"]["expected"], "100.00",
        "3 × 20 + 40 for the shop"
    );
    f.t.ok(
        "fees.exemptions.create",
        json!({ "year": 2026, "tag": "低保", "approval": "镇民政办 石民〔2026〕12号", "approved_on": "2026-08-25" }),
    );
    let after = f.t.ok("fees.rate", json!({}));
    assert_eq!(after["total"]["expected_parties"], 3);
    assert_eq!(after["total"]["exempt_parties"], 1);
    assert_eq!(after["total"]["expected"], "80.00");
    let listed = f.t.ok("fees.exemptions.parties", json!({ "year": 2026 }));
    assert_eq!(listed[0]["name"], "王五");
    f.book("A01", 1, 50);
    let b = f.batch();
    let err = f.issue(b, 2, json!({})).unwrap_err();
    assert!(err.message.contains("免收"), "{}", err.message);
    f.issue(b, 0, json!({})).unwrap();
    let rate = f.t.ok("fees.rate", json!({}));
    assert_eq!(rate["total"]["paid"], 1);
    assert_eq!(rate["total"]["collected"], "20.00");
    assert_eq!(rate["total"]["rate"], "33.3%");
    let arrears = f.t.ok("fees.arrears", json!({}));
    assert_eq!(arrears["total"], 2);
    assert_eq!(arrears["items"].as_array().unwrap().len(), 2);
    assert_eq!(arrears["items"][1]["months_text"], "2026年9月–12月");
}

#[test]
fn a_new_standard_applies_from_its_month() {
    let f = Fees::new();
    f.t.ok(
        "fees.standards.create",
        json!({ "category": "居民", "monthly": "6", "effective_from": "2026-11", "basis": "市物价局调整" }),
    );
    let q = f.t.ok(
        "fees.receipts.quote",
        json!({ "party_id": f.parties[0], "period_from": "2026-09", "period_to": "2026-12" }),
    );
    assert_eq!(q["amount"], "22.00", "5 + 5 + 6 + 6");
    assert_eq!(q["amount_words"], "人民币贰拾贰元整");
}

#[test]
fn a_receipt_prints_three_parts_that_read_back_with_the_capitals() {
    let f = Fees::new();
    f.t.ok(
        "settings.update",
        json!({ "community_name": "黄山社区居委会", "street_office": "石马山镇人民政府",
                                      "seal_text": "黄山社区居民委员会", "campaign_year": 2026 }),
    );
    f.book("A01", 2026001, 2026050);
    let b = f.batch();
    let r = f.issue(b, 0, json!({})).unwrap();
    let file = f.t.file("print.receipt", json!({ "id": id(&r) }));
    assert!(file.file_name.contains("2026001"));
    let Some(text) = pdf_text(&f.t, &file.bytes, "r.pdf", &[]) else {
        return;
    };
    for needle in [
        "存根联",
        "收据联",
        "记账联",
        "人民币贰拾元整",
        "¥20.00",
        "张三",
        "2026年9月–12月",
        "李干部",
        "收款单位（盖章）",
    ] {
        assert!(text.contains(needle), "{needle} missing in\n{text}");
    }
    assert_eq!(text.matches("人民币贰拾元整").count(), 3);
    assert!(!text.contains("补打"));
    f.t.ok(
        "fees.receipts.void",
        json!({ "id": id(&r), "reason": "写错" }),
    );
    let voided = f.t.file("print.receipts", json!({ "batch_id": b }));
    let text = pdf_text(&f.t, &voided.bytes, "v.pdf", &[]).unwrap();
    assert!(
        text.contains("作") && text.contains("废") && text.contains("作废原因：写错"),
        "{text}"
    );
    let again = f.issue(b, 0, json!({})).unwrap();
    f.t.ok("fees.receipts.reprint", json!({ "id": id(&again) }));
    let rp = f.t.file("print.receipt", json!({ "id": id(&again) }));
    assert!(pdf_text(&f.t, &rp.bytes, "rp.pdf", &[])
        .unwrap()
        .contains("补打"));
}

#[test]
fn the_remittance_slip_carries_signatures_the_capitals_and_the_audit_hash() {
    let f = Fees::new();
    f.book("A01", 1, 50);
    let b = f.batch();
    f.issue(b, 0, json!({})).unwrap();
    f.issue(b, 3, json!({})).unwrap();
    assert_eq!(
        f.t.fails("print.remittance", json!({ "batch_id": b })).code,
        "conflict"
    );
    f.t.ok(
        "fees.batches.close",
        json!({ "batch_id": b, "counted": "60" }),
    );
    let slip = f.t.file("print.remittance", json!({ "batch_id": b }));
    let Some(text) = pdf_text(&f.t, &slip.bytes, "s.pdf", &[]) else {
        return;
    };
    for needle in [
        "上解单",
        "收费人员（签字）",
        "在场社区干部（签字）",
        "收款人（签字）",
        "人民币陆拾元整",
        "审计链校验码",
    ] {
        assert!(text.contains(needle), "{needle} missing in\n{text}");
    }
    let conn = cw_store::rusqlite::Connection::open(f.t.db_path()).unwrap();
    let hash = cw_store::audit::latest_hash(&conn).unwrap();
    assert!(
        text.contains(&hash),
        "the slip prints the latest audit hash"
    );
}

#[test]
fn the_demo_season_has_books_batches_voids_and_one_shortage() {
    let t = TestApp::new();
    t.ok("demo.generate", json!({}));
    let batches = t.ok("fees.batches.list", json!({}));
    let batches = batches.as_array().unwrap();
    assert_eq!(batches.len(), 12);
    assert!(batches.iter().all(|b| b["closing"].is_object()));
    let voids: i64 = batches
        .iter()
        .map(|b| b["void_count"].as_i64().unwrap())
        .sum();
    assert_eq!(voids, 2);
    let owed = t.ok("fees.compensations.list", json!({}));
    assert_eq!(owed.as_array().unwrap().len(), 1);
    assert_eq!(owed[0]["amount"], "10.00");
    assert_eq!(batches.iter().filter(|b| b["overdue"] == true).count(), 1);
    let receipts: i64 = batches
        .iter()
        .map(|b| b["receipt_count"].as_i64().unwrap())
        .sum();
    assert!((250..=500).contains(&receipts), "{receipts}");
    // Every closed batch reconciles to the 分: counted + counterfeit + shortage − overage = its
    // receipts.
    for b in batches {
        let c = &b["closing"];
        let fen = |v: &Value| -> i64 { v.as_str().unwrap().replace('.', "").parse().unwrap() };
        assert_eq!(
            fen(&c["counted"]) + fen(&c["counterfeit"]) + fen(&c["shortage"]) - fen(&c["overage"]),
            fen(&b["total"]),
            "{b}"
        );
    }
    let rate = t.ok("fees.rate", json!({ "by": "group" }));
    assert_eq!(rate["rows"].as_array().unwrap().len(), 4);
    assert!(rate["total"]["exempt_parties"].as_i64().unwrap() > 0);
    // The documents of the season print.
    let first = batches.last().unwrap()["id"].as_i64().unwrap();
    for (name, args) in [
        ("print.receipts", json!({ "batch_id": first })),
        ("print.remittance", json!({ "batch_id": first })),
        ("print.arrears", json!({ "group_no": 1 })),
        ("print.arrears", json!({ "group_no": 1, "format": "xlsx" })),
        ("print.gaps", json!({})),
        ("print.collection_rate", json!({ "by": "zone" })),
        ("print.daily", json!({})),
        ("print.batches", json!({})),
        ("print.notices", json!({ "group_no": 2 })),
        ("print.receipt_calibration", json!({})),
    ] {
        let f = t.file(name, args);
        assert!(f.bytes.len() > 1000, "{name}");
    }
    let gaps = t.file("print.gaps", json!({}));
    if let Some(text) = pdf_text(&t, &gaps.bytes, "g.pdf", &[]) {
        assert!(
            text.contains("收据缺号报告") && text.contains("HS01"),
            "{text}"
        );
    }
}

#[test]
fn the_words_command_writes_capitals() {
    let t = TestApp::new();
    let w = t.ok("fees.words", json!({ "amount": "16409.02" }));
    assert_eq!(w["words"], "人民币壹万陆仟肆佰零玖元零贰分");
    assert_eq!(w["figures"], "¥16,409.02");
    assert_eq!(
        t.fails("fees.words", json!({ "amount": "1.234" })).code,
        "validation.invalid"
    );
}
