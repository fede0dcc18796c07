//! Scenarios of the fees fast paths (issue 8): the collection rate counted in SQL equals pricing
//! every party, each book's maintained state equals a recount of its serials, and the books
//! screen pages and filters.

use crate::common::TestApp;
use crate::fees::{id, Fees};
use cw_core::fees::rates::{arrears_rows, rate_by_party, RateArgs};
use serde_json::{json, Value};

/// `fees.rate` through the command table and the per-party computation, for the same arguments.
fn both(t: &TestApp, args: Value) -> (Value, Value) {
    let fast = t.ok("fees.rate", args.clone());
    let conn = rusqlite::Connection::open(t.db_path()).unwrap();
    let a: RateArgs = serde_json::from_value(args).unwrap();
    let slow = serde_json::to_value(rate_by_party(&conn, &a).unwrap()).unwrap();
    (fast, slow)
}

#[test]
fn the_collection_rate_counted_in_sql_equals_pricing_every_party_on_the_demo_community() {
    let t = TestApp::new();
    t.ok("demo.generate", json!({}));
    let zone = t.ok("zones.list", json!({}))[0]["id"].as_i64().unwrap();
    // Refund one receipt of the season (its batch is closed: the refund voids it) so the as-of
    // days see a receipt before and after its void.
    let batch = t.ok("fees.batches.list", json!({}))[0]["id"]
        .as_i64()
        .unwrap();
    let r = t.ok("fees.receipts.list", json!({ "batch_id": batch }))[0].clone();
    t.ok(
        "fees.batches.adjust",
        json!({ "batch_id": batch, "kind": "退款", "receipt_id": r["id"], "reason": "测试退款" }),
    );
    let cases = [
        json!({}),
        json!({ "by": "group" }),
        json!({ "by": "zone" }),
        json!({ "by": "street" }),
        json!({ "by": "zone", "group_no": 2 }),
        json!({ "by": "street", "zone_id": zone }),
        json!({ "as_of": "2026-09-30" }),
        json!({ "by": "zone", "as_of": "2026-10-15" }),
        json!({ "period_from": "2026-01", "period_to": "2026-12" }),
        json!({ "period_from": "2026-11", "period_to": "2027-03", "by": "street" }),
    ];
    let mut paid_somewhere = false;
    for args in cases {
        let (fast, slow) = both(&t, args.clone());
        assert_eq!(fast, slow, "{args}");
        paid_somewhere |= fast["total"]["paid"].as_i64().unwrap() > 0;
        assert!(fast["total"]["expected_parties"].as_i64().unwrap() > 0);
    }
    assert!(paid_somewhere, "the demo season has paid households");
    let (fast, _) = both(&t, json!({}));
    assert!(fast["total"]["exempt_parties"].as_i64().unwrap() > 0);
    assert!(fast["total"]["partial"].as_i64().unwrap() >= 0);
}

#[test]
fn a_party_that_moved_out_after_paying_leaves_the_rate_on_both_paths() {
    let f = Fees::new();
    f.book("A01", 1, 50);
    let b = f.batch();
    f.issue(b, 0, json!({})).unwrap();
    f.issue(b, 3, json!({ "period_to": "2026-10" })).unwrap();
    let (fast, slow) = both(&f.t, json!({}));
    assert_eq!(fast, slow);
    assert_eq!(fast["total"]["paid"], 1);
    assert_eq!(fast["total"]["partial"], 1);
    assert_eq!(fast["total"]["collected"], "40.00");
    f.t.ok(
        "households.set_status",
        json!({ "id": f.parties[0], "status": "已迁出" }),
    );
    let (fast, slow) = both(&f.t, json!({}));
    assert_eq!(fast, slow);
    assert_eq!(fast["total"]["paid"], 0);
    assert_eq!(fast["total"]["collected"], "20.00");
}

/// Each state of a book recounted from its serials and receipts.
fn recount(t: &TestApp, book: &Value) -> Value {
    let serials = t.ok("fees.books.serials", json!({ "id": book["id"] }));
    let serials = serials.as_array().unwrap();
    let n = |st: &str| serials.iter().filter(|s| s["state"] == st).count();
    let receipts = t.ok("fees.receipts.list", json!({ "book_id": book["id"] }));
    let total: i64 = receipts
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["void_reason"].is_null())
        .map(|r| {
            r["amount"]
                .as_str()
                .unwrap()
                .replace('.', "")
                .parse::<i64>()
                .unwrap()
        })
        .sum();
    let used: Vec<i64> = serials
        .iter()
        .filter(|s| !s["receipt_id"].is_null())
        .map(|s| s["serial"].as_i64().unwrap())
        .collect();
    json!({
        "issued": n("已开"), "void": n("作废"), "lost": n("遗失"), "unused": n("未用"),
        "next_serial": serials.iter().find(|s| s["state"] == "未用").map(|s| s["serial"].clone()),
        "total_fen": total, "first_used": used.first(), "last_used": used.last(),
    })
}

fn stated(book: &Value) -> Value {
    json!({
        "issued": book["issued"], "void": book["void"], "lost": book["lost"], "unused": book["unused"],
        "next_serial": book["next_serial"],
        "total_fen": book["total"].as_str().unwrap().replace('.', "").parse::<i64>().unwrap(),
        "first_used": book["first_used"], "last_used": book["last_used"],
    })
}

#[test]
fn every_books_kept_counts_equal_a_recount_of_its_serials() {
    let t = TestApp::new();
    t.ok("demo.generate", json!({}));
    let books = t.ok("fees.books.list", json!({ "page_size": 500 }));
    assert!(books["total"].as_i64().unwrap() >= 2);
    for b in books["items"].as_array().unwrap() {
        assert_eq!(stated(b), recount(&t, b), "{}", b["book_no"]);
    }
    // A hole below the next serial (a blank spoilt ahead), voids, a loss and a skip.
    let f = Fees::new();
    let book = f.book("A01", 101, 120);
    let b = f.batch();
    f.t.ok(
        "fees.books.mark",
        json!({ "book_id": id(&book), "serial": 104, "kind": "作废", "reason": "污损" }),
    );
    let r1 = f.issue(b, 0, json!({})).unwrap();
    f.issue(b, 1, json!({})).unwrap();
    f.issue(b, 3, json!({})).unwrap();
    let after_hole = f.t.ok("fees.books.get", json!({ "id": id(&book) }));
    assert_eq!(
        after_hole["next_serial"], 105,
        "101–103 receipts, 104 spoilt"
    );
    f.t.ok(
        "fees.receipts.void",
        json!({ "id": r1["id"], "reason": "写错金额" }),
    );
    f.t.ok(
        "fees.books.mark",
        json!({ "book_id": id(&book), "serial": 110, "kind": "遗失", "reason": "遗失" }),
    );
    f.issue(b, 0, json!({ "serial": 107, "skip_reason": "两张粘连" }))
        .unwrap();
    let got = f.t.ok("fees.books.get", json!({ "id": id(&book) }));
    assert_eq!(stated(&got), recount(&f.t, &got));
    assert_eq!(got["next_serial"], 108);
    assert_eq!(
        got["void"], 4,
        "a voided receipt, a spoilt blank, two skipped"
    );
    assert_eq!(got["lost"], 1);
    assert_eq!(got["issued"], 3);
}

#[test]
fn the_books_screen_pages_and_filters_by_holder_and_state() {
    let f = Fees::new();
    let other = id(&f.t.ok(
        "staff.create",
        json!({ "name": "赵收费", "roles": ["收费人员"], "group_no": 2 }),
    ));
    for i in 0..25 {
        let first = 1000 + i * 10;
        f.book(&format!("B{i:02}"), first, first + 9);
    }
    let spare = id(&f.t.ok(
        "fees.books.register",
        json!({ "book_no": "C01", "first_serial": 5001, "last_serial": 5002, "received_on": "2026-08-28" }),
    ));
    f.t.ok(
        "fees.books.issue",
        json!({ "book_id": spare, "collector_id": other, "on_date": "2026-09-01" }),
    );
    f.t.ok(
        "fees.books.return",
        json!({ "book_id": spare, "on_date": "2026-09-02" }),
    );
    let first = f.t.ok("fees.books.list", json!({}));
    assert_eq!(first["total"], 26);
    assert_eq!(first["items"].as_array().unwrap().len(), 20);
    assert_eq!(first["items"][0]["book_no"], "B00");
    let second = f.t.ok("fees.books.list", json!({ "page": 2 }));
    assert_eq!(second["items"].as_array().unwrap().len(), 6);
    assert_eq!(second["items"][5]["book_no"], "C01");
    let held = f.t.ok(
        "fees.books.list",
        json!({ "holder_id": f.collector, "page_size": 100 }),
    );
    assert_eq!(held["total"], 25);
    let returned = f.t.ok("fees.books.list", json!({ "status": "已交回" }));
    assert_eq!(returned["total"], 1);
    assert_eq!(returned["items"][0]["returned_on"], "2026-09-02");
    let spare_list = f.t.ok("fees.books.list", json!({ "status": "可发放" }));
    assert_eq!(spare_list["items"][0]["book_no"], "C01");
    // Use up B00 (ten serials) and it moves from 在用 to 已用完; the next receipt takes B01.
    let b = f.batch();
    f.issue(b, 0, json!({ "serial": 1009, "skip_reason": "测试用完" }))
        .unwrap();
    let done = f.t.ok("fees.books.list", json!({ "status": "已用完" }));
    assert_eq!(done["total"], 1);
    assert_eq!(done["items"][0]["book_no"], "B00");
    assert_eq!(
        f.t.ok("fees.books.list", json!({ "status": "在用" }))["total"],
        24
    );
    let next = f.issue(b, 1, json!({})).unwrap();
    assert_eq!(next["serial"], 1010);
    let found = f.t.ok("fees.books.list", json!({ "q": "b0" }));
    assert_eq!(found["total"], 10);
    let e = f.t.fails("fees.books.list", json!({ "status": "坏了" }));
    assert!(e.message.contains("状态"), "{}", e.message);
    // Asking for a book the collector does not hold is refused; a used-up one says so.
    let used_up = id(&done["items"][0]);
    let e = f.issue(b, 2, json!({ "book_id": used_up })).unwrap_err();
    assert!(e.message.contains("已用完"), "{}", e.message);
    let e = f.issue(b, 2, json!({ "book_id": spare })).unwrap_err();
    assert!(e.message.contains("没有可用的收据本"), "{}", e.message);
}

#[test]
fn the_arrears_screen_pages_through_exactly_the_printed_list() {
    let t = TestApp::new();
    t.ok("demo.generate", json!({}));
    let conn = rusqlite::Connection::open(t.db_path()).unwrap();
    for scope in [
        json!({}),
        json!({ "group_no": 1 }),
        json!({ "group_no": 3, "as_of": "2026-10-15" }),
    ] {
        let printed = arrears_rows(
            &conn,
            &serde_json::from_value::<RateArgs>(scope.clone()).unwrap(),
        )
        .unwrap();
        let printed = serde_json::to_value(printed).unwrap();
        let printed = printed.as_array().unwrap();
        assert!(printed.len() > 30, "{scope}: the demo owes in every group");
        let mut paged = Vec::new();
        for page in 1.. {
            let mut args = scope.clone();
            args["page"] = json!(page);
            args["page_size"] = json!(30);
            let p = t.ok("fees.arrears", args);
            assert_eq!(
                p["total"].as_i64().unwrap(),
                printed.len() as i64,
                "{scope}"
            );
            let items = p["items"].as_array().unwrap().clone();
            if items.is_empty() {
                break;
            }
            paged.extend(items);
        }
        assert_eq!(&paged, printed, "{scope}");
    }
}
