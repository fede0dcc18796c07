//! Scenarios of the meeting records: who attended (from the registry or by name), the proceedings
//! corrected with the history kept, and the sign-in sheet and record printed.

use crate::assessment::community;
use crate::common::{pdf_text, TestApp};
use serde_json::json;

#[test]
fn a_meeting_is_recorded_with_its_attendees_and_corrected_with_its_history() {
    let t = TestApp::new();
    let fx = community(&t);
    let m = t.ok(
        "meetings.create",
        json!({ "held_on": "2026-11-10", "kind": "领导小组会议", "topic": "迎检准备", "chair": "黄主任",
                "staff_ids": [fx.sup, fx.cadre], "names": ["镇创卫办 刘科长", "  "] }),
    );
    let names: Vec<&str> = m["attendees"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["颜永华", "毛克昌", "镇创卫办 刘科长"]);
    assert_eq!(m["attendees"][2]["staff_id"], json!(null));
    let fixed = t.ok(
        "meetings.update",
        json!({ "id": m["id"], "input": { "held_on": "2026-11-10", "kind": "领导小组会议", "topic": "迎检准备",
                "chair": "黄主任", "proceedings": "明确迎检资料分工", "staff_ids": [fx.sup], "names": [] } }),
    );
    assert_eq!(fixed["attendees"].as_array().unwrap().len(), 1);
    assert_eq!(fixed["proceedings"], "明确迎检资料分工");
    let h = t.ok(
        "audit.history",
        json!({ "entity": "meetings", "id": m["id"] }),
    );
    assert_eq!(h.as_array().unwrap().len(), 2, "created, then corrected");
    let listed = t.ok(
        "meetings.list",
        json!({ "year": 2026, "kind": "领导小组会议" }),
    );
    assert_eq!(listed.as_array().unwrap().len(), 1);
    assert!(t
        .ok("meetings.list", json!({ "kind": "爱卫会会议" }))
        .as_array()
        .unwrap()
        .is_empty());
}

#[test]
fn a_meeting_needs_a_date_not_to_come_a_topic_and_someone_there() {
    let t = TestApp::new();
    let fx = community(&t);
    let e = t.fails(
        "meetings.create",
        json!({ "held_on": "2026-12-10", "kind": "工作例会", "topic": "x", "staff_ids": [fx.sup] }),
    );
    assert!(e.message.contains("会议日期"), "{}", e.message);
    let e = t.fails(
        "meetings.create",
        json!({ "held_on": "2026-11-10", "kind": "工作例会", "topic": "例会", "names": ["  "] }),
    );
    assert!(e.message.contains("参会人员"), "{}", e.message);
    let e = t.fails(
        "meetings.create",
        json!({ "held_on": "2026-11-10", "kind": "工作例会", "topic": "例会", "staff_ids": [fx.sup, fx.sup] }),
    );
    assert!(e.message.contains("重复"), "{}", e.message);
    assert!(t
        .ok("meetings.list", json!({}))
        .as_array()
        .unwrap()
        .is_empty());
}

#[test]
fn the_sign_in_sheet_lists_who_is_expected_and_lines_to_spare() {
    let t = TestApp::new();
    let fx = community(&t);
    let m = t.ok(
        "meetings.create",
        json!({ "held_on": "2026-11-10", "kind": "党员组长居民代表会议", "topic": "门前三包签订",
                "place": "居委会会议室", "staff_ids": [fx.sup], "names": ["居民代表 王建国"],
                "proceedings": "讲解责任范围" }),
    );
    let f = t.file("print.meeting_signin", json!({ "id": m["id"] }));
    if let Some(text) = pdf_text(&t, &f.bytes, "s.pdf", &["-layout"]) {
        assert!(text.contains("党员组长居民代表会议签到表"), "{text}");
        assert!(
            text.contains("颜永华") && text.contains("居民代表 王建国"),
            "{text}"
        );
        assert!(
            text.contains("本人签到") && text.contains("应到 2 人"),
            "{text}"
        );
        // Two expected and six spare lines: 1 … 8.
        assert!(
            text.lines().any(|l| l.trim_start().starts_with('8')),
            "{text}"
        );
    }
    let r = t.file("print.meeting_record", json!({ "id": m["id"] }));
    if let Some(text) = pdf_text(&t, &r.bytes, "r.pdf", &["-layout"]) {
        assert!(
            text.contains("会议记录") && text.contains("讲解责任范围"),
            "{text}"
        );
        assert!(
            text.contains("参会人员（2 人）") || text.contains("参会人员（2"),
            "{text}"
        );
    }
}
