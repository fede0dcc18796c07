//! Scenarios of the tool register 保洁工具: issued with a price, returned or lost; a loss is
//! charged once at the price on that month's statement and payroll, linked both ways.

use crate::assessment::community;
use crate::common::{pdf_text, TestApp};
use serde_json::json;

fn issue(t: &TestApp, staff: i64, kind: &str, price: &str, on: &str) -> i64 {
    t.ok(
        "tools.issue",
        json!({ "staff_id": staff, "kind": kind, "price": price, "issued_on": on }),
    )["id"]
        .as_i64()
        .unwrap()
}

#[test]
fn a_lost_tool_is_charged_once_at_its_price_on_that_months_statement() {
    let t = TestApp::new();
    let fx = community(&t);
    let cart = issue(&t, fx.a, "板车", "380", "2026-10-08");
    issue(&t, fx.a, "扫把", "15", "2026-10-08");
    let lost = t.ok(
        "tools.lose",
        json!({ "id": cart, "date": "2026-11-12", "reason": "停放路边被盗", "recorded_by": fx.sup }),
    );
    assert_eq!(lost["status"], "遗失");
    assert_eq!(lost["charged"], true);
    let fine = t.ok("fines.get", json!({ "id": lost["fine_id"] }));
    assert_eq!(fine["item_code"], "T1");
    assert_eq!(fine["amount"], "380.00");
    assert!(fine["observed"].as_str().unwrap().contains("板车"));
    let s = t.statement("2026-11", fx.a);
    assert_eq!(s["tools_total"], "380.00");
    assert_eq!(s["withholdings_total"], "0.00");
    assert_eq!(s["net_pay"], "1420.00");
    // Once: a lost tool cannot be lost (or returned) again.
    let again = t.fails(
        "tools.lose",
        json!({ "id": cart, "date": "2026-11-13", "recorded_by": fx.sup }),
    );
    assert_eq!(again.code, "conflict");
    assert_eq!(
        t.fails("tools.return", json!({ "id": cart })).code,
        "conflict"
    );
    // October's statement is untouched; the broom is still in use.
    assert_eq!(t.statement("2026-10", fx.a)["tools_total"], "0.00");
    let held = t.ok("tools.list", json!({ "staff_id": fx.a, "in_use": true }));
    assert_eq!(held.as_array().unwrap().len(), 1);
    assert_eq!(held[0]["kind"], "扫把");
}

#[test]
fn t1_cannot_be_entered_by_hand_and_a_loss_in_a_closed_month_saves_nothing() {
    let t = TestApp::new();
    let fx = community(&t);
    let e = t.fails(
        "fines.create",
        json!({ "staff_id": fx.a, "item_code": "T1", "date": "2026-11-12", "recorded_by": fx.sup }),
    );
    assert!(e.message.contains("保洁工具"), "{}", e.message);
    let cart = issue(&t, fx.a, "板车", "380", "2026-10-08");
    t.ok("months.close", json!({ "month": "2026-10" }));
    let e = t.fails(
        "tools.lose",
        json!({ "id": cart, "date": "2026-10-20", "recorded_by": fx.sup }),
    );
    assert_eq!(e.code, "conflict", "{}", e.message);
    let tool = &t.ok("tools.list", json!({ "staff_id": fx.a }))[0];
    assert_eq!(tool["status"], "在用", "the register is unchanged");
}

#[test]
fn a_voided_charge_shows_on_the_register_and_leaves_the_statement() {
    let t = TestApp::new();
    let fx = community(&t);
    let cart = issue(&t, fx.a, "板车", "380", "2026-10-08");
    let lost = t.ok(
        "tools.lose",
        json!({ "id": cart, "date": "2026-11-12", "recorded_by": fx.sup }),
    );
    t.ok(
        "fines.void",
        json!({ "id": lost["fine_id"], "reason": "板车已找回" }),
    );
    let tool = &t.ok("tools.list", json!({ "staff_id": fx.a }))[0];
    assert_eq!(tool["status"], "遗失");
    assert_eq!(tool["charged"], false);
    assert_eq!(t.statement("2026-11", fx.a)["tools_total"], "0.00");
}

#[test]
fn a_tool_is_issued_only_to_someone_employed_that_day_and_at_a_price() {
    let t = TestApp::new();
    let a = t.ok(
        "staff.create",
        json!({ "name": "王秀英", "roles": ["保洁员"], "base_wage": "1800", "hire_date": "2026-11-16" }),
    )["id"]
        .as_i64()
        .unwrap();
    let e = t.fails(
        "tools.issue",
        json!({ "staff_id": a, "kind": "板车", "price": "380", "issued_on": "2026-11-10" }),
    );
    assert!(e.message.contains("不在岗"), "{}", e.message);
    let e = t.fails(
        "tools.issue",
        json!({ "staff_id": a, "kind": "板车", "price": "三百", "issued_on": "2026-11-16" }),
    );
    assert!(e.message.contains("价格"), "{}", e.message);
    assert!(t.ok("tools.list", json!({})).as_array().unwrap().is_empty());
}

#[test]
fn a_leaving_worker_is_told_of_the_tools_still_held_and_may_hand_them_back_after() {
    let t = TestApp::new();
    let fx = community(&t);
    let broom = issue(&t, fx.b, "扫把", "15", "2026-10-08");
    let left = t.ok(
        "staff.deactivate",
        json!({ "id": fx.b, "kind": "辞退", "leave_date": "2026-11-20" }),
    );
    assert!(
        left["note"]
            .as_str()
            .unwrap()
            .contains("1 件保洁工具未归还"),
        "{}",
        left["note"]
    );
    let back = t.ok("tools.return", json!({ "id": broom, "date": "2026-11-21" }));
    assert_eq!(back["status"], "已归还");
}

#[test]
fn the_register_prints_per_cleaner_with_a_signature_line() {
    let t = TestApp::new();
    let fx = community(&t);
    issue(&t, fx.a, "板车", "380", "2026-10-08");
    let cart = issue(&t, fx.b, "铲子", "25", "2026-10-08");
    t.ok(
        "tools.lose",
        json!({ "id": cart, "date": "2026-11-12", "recorded_by": fx.sup }),
    );
    let f = t.file("print.tools", json!({ "staff_id": fx.a }));
    let Some(text) = pdf_text(&t, &f.bytes, "tools.pdf", &["-layout"]) else {
        return;
    };
    assert!(text.contains("保洁工具领用登记表"), "{text}");
    assert!(text.contains("王秀英") && text.contains("板车") && text.contains("¥380.00"));
    assert!(!text.contains("铲子"), "one cleaner's register only");
    assert!(text.contains("领用人签字"), "{text}");
    let all = t.file("print.tools", json!({}));
    let text = pdf_text(&t, &all.bytes, "all.pdf", &["-layout"]).unwrap();
    assert!(text.contains("铲子") && text.contains("遗失"), "{text}");
}
