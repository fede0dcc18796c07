//! Scenarios of unwaged staff's fines: a notice to pay 罚款缴纳通知单, never a pay statement;
//! payments up to what is owed, voids with a reason, and 今日待办 counting the unpaid.

use crate::assessment::community;
use crate::common::{pdf_text, TestApp};
use serde_json::{json, Value};

fn notice(t: &TestApp, month: &str, staff: i64) -> Value {
    t.ok("fine_notices.list", json!({ "month": month }))
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["staff_id"] == staff)
        .cloned()
        .unwrap_or(Value::Null)
}

/// The supervisor 颜永华 (no wage) fined twice in October.
fn fined_supervisor(t: &TestApp) -> (i64, i64) {
    let fx = community(t);
    for (code, date) in [("B1", "2026-10-12"), ("B2", "2026-10-20")] {
        t.ok(
            "fines.create",
            json!({ "staff_id": fx.sup, "item_code": code, "date": date, "time": "09:10",
                    "count": 1, "observed": "责任区内有垃圾", "recorded_by": fx.cadre }),
        );
    }
    (fx.sup, fx.cadre)
}

#[test]
fn an_unwaged_supervisor_gets_a_notice_to_pay_and_no_pay_statement() {
    let t = TestApp::new();
    let (sup, _) = fined_supervisor(&t);
    let n = notice(&t, "2026-10", sup);
    assert_eq!(n["name"], "颜永华");
    assert_eq!(n["lines"].as_array().unwrap().len(), 2);
    let payable = n["payable"].as_str().unwrap().to_string();
    assert_eq!(n["outstanding"], payable.as_str());
    assert_eq!(n["paid"], "0.00");
    let f = t.file("print.fine_notices", json!({ "month": "2026-10" }));
    if let Some(text) = pdf_text(&t, &f.bytes, "n.pdf", &["-layout"]) {
        assert!(
            text.contains("罚款缴纳通知单") && text.contains("颜永华"),
            "{text}"
        );
        assert!(text.contains("被通知人签收"), "{text}");
        assert!(!text.contains("实发金额"), "not a pay statement: {text}");
    }
    // The pay statements and the payroll leave the supervisor out.
    let st = t.file("print.statements", json!({ "month": "2026-10" }));
    if let Some(text) = pdf_text(&t, &st.bytes, "s.pdf", &["-layout"]) {
        assert!(!text.contains("姓名：颜永华"), "{text}");
        assert!(text.contains("姓名：王秀英"), "{text}");
    }
}

#[test]
fn payments_settle_a_notice_and_never_exceed_what_is_owed() {
    let t = TestApp::new();
    let (sup, _) = fined_supervisor(&t);
    let owed = notice(&t, "2026-10", sup)["payable"]
        .as_str()
        .unwrap()
        .to_string();
    let too_much = t.fails(
        "fine_notices.pay",
        json!({ "staff_id": sup, "month": "2026-10", "amount": "1000", "receiver": "刘会计" }),
    );
    assert!(too_much.message.contains("尚欠"), "{}", too_much.message);
    let first = t.ok(
        "fine_notices.pay",
        json!({ "staff_id": sup, "month": "2026-10", "amount": "5", "receiver": "刘会计",
                "paid_on": "2026-11-03", "slip_no": "SK-101" }),
    );
    assert_eq!(notice(&t, "2026-10", sup)["paid"], "5.00");
    // A payment in error is voided, not deleted, and no longer counts.
    t.ok(
        "fine_notices.void_payment",
        json!({ "id": first["id"], "reason": "录重了" }),
    );
    let n = notice(&t, "2026-10", sup);
    assert_eq!(n["paid"], "0.00");
    assert_eq!(n["payments"][0]["void_reason"], "录重了");
    t.ok(
        "fine_notices.pay",
        json!({ "staff_id": sup, "month": "2026-10", "amount": owed, "receiver": "刘会计" }),
    );
    assert_eq!(notice(&t, "2026-10", sup)["outstanding"], "0.00");
    assert!(t
        .ok("fine_notices.list", json!({}))
        .as_array()
        .unwrap()
        .is_empty());
}

#[test]
fn a_waged_worker_pays_through_the_wage_not_a_notice() {
    let t = TestApp::new();
    let fx = community(&t);
    t.ok(
        "fines.create",
        json!({ "staff_id": fx.a, "item_code": "B1", "date": "2026-10-12", "time": "09:10",
                "count": 1, "observed": "路面有烟头", "recorded_by": fx.sup }),
    );
    let e = t.fails(
        "fine_notices.pay",
        json!({ "staff_id": fx.a, "month": "2026-10", "amount": "5", "receiver": "刘会计" }),
    );
    assert!(e.message.contains("领工资"), "{}", e.message);
    assert!(notice(&t, "2026-10", fx.a).is_null());
}

#[test]
fn unpaid_notices_of_ended_months_show_on_todays_work() {
    let t = TestApp::new();
    let (sup, _) = fined_supervisor(&t);
    let today = t.ok("campaign.today", json!(null));
    let item = today["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["key"] == "fines_unpaid")
        .cloned()
        .unwrap();
    assert_eq!(item["count"], 1);
    assert_eq!(item["month"], "2026-10");
    let owed = notice(&t, "2026-10", sup)["payable"]
        .as_str()
        .unwrap()
        .to_string();
    t.ok(
        "fine_notices.pay",
        json!({ "staff_id": sup, "month": "2026-10", "amount": owed, "receiver": "刘会计" }),
    );
    let today = t.ok("campaign.today", json!(null));
    let item = today["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["key"] == "fines_unpaid")
        .cloned()
        .unwrap();
    assert_eq!(item["count"], 0);
}
