//! Scenarios of the complaint register: registered as received, handled in order (核实 → 处理 →
//! 答复 → 办结), each step kept; figures and 今日待办 from the same list; no reporter on paper.

use crate::assessment::community;
use crate::common::{pdf_text, TestApp};
use serde_json::{json, Value};

fn register(t: &TestApp, zone: i64, on: &str) -> i64 {
    t.ok(
        "complaints.create",
        json!({ "received_on": on, "channel": "群众举报", "content": "门前垃圾堆放三天无人清理",
                "place": "黄山路23号", "zone_id": zone, "reporter": "张先生", "reporter_phone": "13812345678" }),
    )["id"]
        .as_i64()
        .unwrap()
}

fn step(t: &TestApp, args: Value) -> Value {
    t.ok("complaints.step", args)
}

#[test]
fn a_complaint_is_handled_in_order_and_each_step_is_kept() {
    let t = TestApp::new();
    let fx = community(&t);
    let id = register(&t, fx.zone, "2026-11-20");
    let c = t.ok("complaints.get", json!({ "id": id }));
    assert_eq!(c["status"], "待核实");
    assert_eq!(c["next"], json!(["核实"]));
    // Out of order: an answer, an action or a close before the check.
    for kind in ["处理", "答复", "办结"] {
        let e = t.fails(
            "complaints.step",
            json!({ "id": id, "kind": kind, "action": "其他", "text": "x" }),
        );
        assert_eq!(e.code, "conflict", "{kind}: {}", e.message);
    }
    step(
        &t,
        json!({ "id": id, "kind": "核实", "date": "2026-11-20", "verified": true, "text": "现场属实" }),
    );
    assert_eq!(
        t.ok("complaints.get", json!({ "id": id }))["next"],
        json!(["处理", "答复"])
    );
    let fine = t.ok(
        "fines.create",
        json!({ "staff_id": fx.a, "item_code": "B1", "date": "2026-11-20", "time": "10:00",
                "count": 1, "observed": "群众举报：门前垃圾", "recorded_by": fx.sup }),
    );
    step(
        &t,
        json!({ "id": id, "kind": "处理", "date": "2026-11-20", "action": "罚款", "fine_id": fine["id"] }),
    );
    let e = t.fails(
        "complaints.step",
        json!({ "id": id, "kind": "办结", "date": "2026-11-21" }),
    );
    assert!(e.message.contains("答复"), "{}", e.message);
    step(
        &t,
        json!({ "id": id, "kind": "答复", "date": "2026-11-21", "text": "已清理并处罚，感谢监督" }),
    );
    assert_eq!(
        t.ok("complaints.get", json!({ "id": id }))["next"],
        json!(["办结"])
    );
    let closed = step(
        &t,
        json!({ "id": id, "kind": "办结", "date": "2026-11-22" }),
    );
    assert_eq!(closed["next"], json!([]));
    assert_eq!(closed["status"], "已办结");
    assert_eq!(closed["days"], 2);
    assert_eq!(closed["closed_on"], "2026-11-22");
    assert_eq!(closed["steps"].as_array().unwrap().len(), 4);
    assert_eq!(closed["steps"][1]["fine_id"], fine["id"]);
    let again = t.fails(
        "complaints.step",
        json!({ "id": id, "kind": "答复", "text": "再次答复" }),
    );
    assert!(again.message.contains("已办结"), "{}", again.message);
}

#[test]
fn an_untrue_complaint_needs_no_action_and_a_step_names_what_it_lacks() {
    let t = TestApp::new();
    let fx = community(&t);
    let id = register(&t, fx.zone, "2026-11-25");
    let e = t.fails("complaints.step", json!({ "id": id, "kind": "核实" }));
    assert!(e.message.contains("核实结果"), "{}", e.message);
    step(
        &t,
        json!({ "id": id, "kind": "核实", "verified": false, "text": "系雨后积水" }),
    );
    let e = t.fails(
        "complaints.step",
        json!({ "id": id, "kind": "处理", "action": "其他", "text": "x" }),
    );
    assert!(e.message.contains("不属实"), "{}", e.message);
    let e = t.fails("complaints.step", json!({ "id": id, "kind": "答复" }));
    assert!(e.message.contains("答复内容"), "{}", e.message);
    let e = t.fails(
        "complaints.step",
        json!({ "id": id, "kind": "答复", "date": "2026-11-24", "text": "已处理" }),
    );
    assert!(e.message.contains("不能早于"), "{}", e.message);
    assert_eq!(
        t.ok("complaints.get", json!({ "id": id }))["steps"]
            .as_array()
            .unwrap()
            .len(),
        1,
        "nothing of the refused steps was saved"
    );
}

#[test]
fn figures_and_todays_work_count_the_registers_open_and_overdue_complaints() {
    let t = TestApp::new();
    let fx = community(&t);
    let old = register(&t, fx.zone, "2026-11-10");
    register(&t, fx.zone, "2026-11-27");
    let done = register(&t, fx.zone, "2026-11-01");
    step(
        &t,
        json!({ "id": done, "kind": "核实", "date": "2026-11-01", "verified": true }),
    );
    step(
        &t,
        json!({ "id": done, "kind": "处理", "date": "2026-11-02", "action": "转办", "text": "转城管" }),
    );
    step(
        &t,
        json!({ "id": done, "kind": "答复", "date": "2026-11-03", "text": "已转办" }),
    );
    step(
        &t,
        json!({ "id": done, "kind": "办结", "date": "2026-11-04" }),
    );
    let f = t.ok("complaints.figures", json!({ "year": 2026 }));
    assert_eq!(
        (
            f["received"].as_i64(),
            f["closed"].as_i64(),
            f["open"].as_i64()
        ),
        (Some(3), Some(1), Some(2))
    );
    assert_eq!(f["overdue"], 1, "received on the 10th, open on the 29th");
    assert_eq!(f["mean_days_to_close"], "3.0");
    assert_eq!(f["by_channel"][0], json!(["群众举报", 3]));
    let today = t.ok("campaign.today", json!(null));
    let item = today["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["key"] == "complaints_open")
        .cloned()
        .unwrap();
    assert_eq!(item["count"], 2);
    assert!(
        item["note"].as_str().unwrap().contains("1 件"),
        "{}",
        item["note"]
    );
    let open = t.ok("complaints.list", json!({ "open_only": true }));
    assert_eq!(open.as_array().unwrap().len(), 2);
    assert!(open
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["id"] == old && c["overdue"] == true));
}

#[test]
fn the_printed_ledger_has_the_handling_but_never_the_reporter() {
    let t = TestApp::new();
    let fx = community(&t);
    let id = register(&t, fx.zone, "2026-11-20");
    step(
        &t,
        json!({ "id": id, "kind": "核实", "verified": true, "text": "现场属实" }),
    );
    let f = t.file("print.complaints", json!({ "year": 2026 }));
    let Some(text) = pdf_text(&t, &f.bytes, "c.pdf", &["-layout"]) else {
        return;
    };
    assert!(text.contains("2026年投诉举报处理台账"), "{text}");
    assert!(
        text.contains("门前垃圾堆放") && text.contains("属实"),
        "{text}"
    );
    assert!(
        !text.contains("张先生") && !text.contains("13812345678"),
        "{text}"
    );
}

#[test]
fn a_complaint_as_received_is_never_changed_in_the_file() {
    let t = TestApp::new();
    let fx = community(&t);
    let id = register(&t, fx.zone, "2026-11-20");
    step(&t, json!({ "id": id, "kind": "核实", "verified": true }));
    let conn = cw_store::rusqlite::Connection::open(t.db_path()).unwrap();
    for sql in [
        "UPDATE complaints SET content = 'x'",
        "UPDATE complaint_steps SET verified = 0",
        "DELETE FROM complaint_steps",
        "DELETE FROM complaints",
    ] {
        assert!(conn.execute(sql, []).is_err(), "{sql}");
    }
}
