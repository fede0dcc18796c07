//! Scenarios of receipt books: a lost serial charged to the collector who holds the book.

use crate::fees::{id, Fees};
use serde_json::json;

#[test]
fn a_lost_serial_is_charged_to_the_collector_who_holds_the_book() {
    let f = Fees::new();
    let book = id(&f.book("A01", 1001, 1050));
    f.t.ok(
        "fees.books.mark",
        json!({ "book_id": book, "serial": 1001, "kind": "遗失", "reason": "入户途中遗失",
                "compensation": "2.50" }),
    );
    let owed = f.t.ok(
        "fees.compensations.list",
        json!({ "staff_id": f.collector }),
    );
    let owed = owed.as_array().unwrap();
    assert_eq!(owed.len(), 1);
    assert_eq!(owed[0]["amount"], "2.50");
    assert_eq!(owed[0]["batch_id"], serde_json::Value::Null);
    assert!(
        owed[0]["reason"].as_str().unwrap().contains("A01")
            && owed[0]["reason"].as_str().unwrap().contains("1001"),
        "{}",
        owed[0]["reason"]
    );
    let serials = f.t.ok("fees.books.serials", json!({ "id": book }));
    assert_eq!(serials[0]["state"], "遗失");
    f.t.ok(
        "fees.books.mark",
        json!({ "book_id": book, "serial": 1002, "kind": "遗失", "reason": "雨天浸湿丢失",
                "compensation": "1.25" }),
    );
    let totals = f.t.ok("fees.compensations.totals", json!({}));
    assert_eq!(totals[0]["staff_name"], "王收费");
    assert_eq!(totals[0]["count"], 2);
    assert_eq!(totals[0]["total"], "3.75");
}

#[test]
fn a_compensation_on_a_spoilt_blank_or_an_unissued_book_is_refused_and_changes_nothing() {
    let f = Fees::new();
    let held = id(&f.book("A01", 1001, 1050));
    let err = f.t.fails(
        "fees.books.mark",
        json!({ "book_id": held, "serial": 1001, "kind": "作废", "reason": "污损", "compensation": "2" }),
    );
    assert!(err.message.contains("赔偿金额"), "{}", err.message);
    let err = f.t.fails(
        "fees.books.mark",
        json!({ "book_id": held, "serial": 1001, "kind": "遗失", "reason": "遗失", "compensation": "-1" }),
    );
    assert!(err.message.contains("赔偿金额"), "{}", err.message);
    let unissued = id(&f.t.ok(
        "fees.books.register",
        json!({ "book_no": "B01", "first_serial": 2001, "last_serial": 2050, "received_on": "2026-08-28" }),
    ));
    let err = f.t.fails(
        "fees.books.mark",
        json!({ "book_id": unissued, "serial": 2001, "kind": "遗失", "reason": "柜中遗失", "compensation": "2" }),
    );
    assert!(err.message.contains("无人赔偿"), "{}", err.message);
    let serials = f.t.ok("fees.books.serials", json!({ "id": unissued }));
    assert_eq!(
        serials[0]["state"], "未用",
        "the refused act marked nothing"
    );
    let serials = f.t.ok("fees.books.serials", json!({ "id": held }));
    assert_eq!(serials[0]["state"], "未用");
    assert!(f
        .t
        .ok("fees.compensations.list", json!({}))
        .as_array()
        .unwrap()
        .is_empty());
}
