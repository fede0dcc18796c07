//! Scenarios of the publicity record: actions with their counts, the year's totals per kind, and a
//! mistaken one withdrawn with a reason — kept, out of the totals, never deleted.

use crate::common::TestApp;
use serde_json::json;

#[test]
fn the_years_totals_count_each_kind_and_leave_a_withdrawn_action_out() {
    let t = TestApp::new();
    let leaflets = t.ok(
        "publicity.create",
        json!({ "done_on": "2026-07-10", "kind": "发放资料", "place": "全社区", "count": 1200,
                "content": "创建卫生社区倡议书" }),
    );
    assert_eq!(leaflets["count_unit"], "份");
    t.ok(
        "publicity.create",
        json!({ "done_on": "2026-08-10", "kind": "发放资料", "count": 300, "content": "垃圾分类手册" }),
    );
    let wrong = t.ok(
        "publicity.create",
        json!({ "done_on": "2026-08-11", "kind": "张贴标语", "count": 20, "content": "横幅" }),
    );
    t.ok(
        "publicity.withdraw",
        json!({ "id": wrong["id"], "reason": "录重了" }),
    );
    let totals = t.ok("publicity.totals", json!({ "year": 2026 }));
    assert_eq!(totals[0]["kind"], "发放资料");
    assert_eq!(
        (totals[0]["actions"].as_i64(), totals[0]["count"].as_i64()),
        (Some(2), Some(1500))
    );
    assert_eq!(totals[1]["count"], 0, "the withdrawn slogans do not count");
    let list = t.ok("publicity.list", json!({ "year": 2026 }));
    assert_eq!(
        list.as_array().unwrap().len(),
        3,
        "the withdrawn one stays on the record"
    );
    assert_eq!(list[0]["withdrawn"], "录重了");
    let again = t.fails(
        "publicity.withdraw",
        json!({ "id": wrong["id"], "reason": "再撤" }),
    );
    assert_eq!(again.code, "conflict");
    let conn = cw_store::rusqlite::Connection::open(t.db_path()).unwrap();
    assert!(conn.execute("DELETE FROM publicity", []).is_err());
    assert!(conn.execute("UPDATE publicity SET count = 1", []).is_err());
}

#[test]
fn an_action_needs_what_it_was_about_and_a_day_that_has_come() {
    let t = TestApp::new();
    let e = t.fails(
        "publicity.create",
        json!({ "done_on": "2026-12-01", "kind": "广播宣传", "count": 1, "content": "x" }),
    );
    assert!(e.message.contains("日期"), "{}", e.message);
    let e = t.fails(
        "publicity.create",
        json!({ "kind": "广播宣传", "count": 1, "content": "  " }),
    );
    assert!(e.message.contains("宣传内容"), "{}", e.message);
}
