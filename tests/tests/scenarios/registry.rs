//! Scenarios of the registry: entering, finding, changing and deactivating records.

use crate::common::TestApp;
use serde_json::json;

fn shop(zone: i64, name: &str, number: &str) -> serde_json::Value {
    json!({ "kind": "门店", "name": name, "contact": "王伟", "phone": "13812345678",
            "address": { "street": "黄山路", "number": number, "building": "", "unit": "", "room": "" },
            "zone_id": zone, "group_no": 1, "fee_category": "", "tags": ["出租"], "note": "" })
}

#[test]
fn a_household_entered_in_a_zone_is_listed_with_its_code_and_address() {
    let t = TestApp::new();
    let zone = t.zone("黄山路东段");
    let h = t.ok("households.create", shop(zone, "王伟超市", "12"));
    assert_eq!(h["code"].as_str().unwrap().len(), 7);
    assert!(h["code"].as_str().unwrap().starts_with('S'));
    assert_eq!(h["address_text"], "黄山路12号");
    assert_eq!(
        h["fee_category"], "门店",
        "a shop's fee category defaults to 门店"
    );
    let list = t.ok("households.list", json!({ "zone_id": zone }));
    assert_eq!(list["total"], 1);
    assert_eq!(list["items"][0]["zone_name"], "黄山路东段");
}

#[test]
fn typing_pinyin_initials_finds_the_shop() {
    let t = TestApp::new();
    let zone = t.zone("黄山路东段");
    t.ok("households.create", shop(zone, "王伟超市", "12"));
    t.ok("households.create", shop(zone, "李明五金店", "14"));
    let found = t.ok("households.list", json!({ "q": "wwcs" }));
    assert_eq!(found["total"], 1);
    assert_eq!(found["items"][0]["name"], "王伟超市");
    let by_phone = t.ok("households.list", json!({ "q": "1381234" }));
    assert_eq!(by_phone["total"], 2);
    let by_words = t.ok("households.list", json!({ "q": "五金" }));
    assert_eq!(by_words["items"][0]["name"], "李明五金店");
}

#[test]
fn a_short_search_pages_and_counts_like_any_other_list() {
    let t = TestApp::new();
    t.ok("demo.generate", json!({}));
    // One or two characters (no trigram): one pass gives both the count and the page.
    for q in ["王", "黄山", "ww", "H0"] {
        let first = t.ok("households.list", json!({ "q": q, "page_size": 5 }));
        let all = t.ok("households.list", json!({ "q": q, "page_size": 500 }));
        let total = first["total"].as_i64().unwrap();
        assert!(total > 0, "{q}: no match on the demo");
        if q == "王" || q == "黄山" || q == "H0" {
            assert!(total > 5, "{q}: {total} matches");
        }
        assert_eq!(all["total"], total, "{q}");
        assert_eq!(
            all["items"].as_array().unwrap().len() as i64,
            total.min(500)
        );
        let second = t.ok(
            "households.list",
            json!({ "q": q, "page_size": 5, "page": 2 }),
        );
        let ids = |v: &serde_json::Value| -> Vec<i64> {
            v["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|h| h["id"].as_i64().unwrap())
                .collect()
        };
        let want: Vec<i64> = ids(&all).into_iter().skip(5).take(5).collect();
        assert_eq!(
            ids(&second),
            want,
            "{q}: page 2 is the next five in walking order"
        );
        let first_five: Vec<i64> = ids(&all).into_iter().take(5).collect();
        assert_eq!(ids(&first), first_five, "{q}");
        // Case does not matter, as before.
        if q == "ww" {
            assert_eq!(
                t.ok("households.list", json!({ "q": "WW" }))["total"],
                total
            );
        }
    }
    assert_eq!(t.ok("households.list", json!({ "q": "鑫" }))["total"], 0);
}

#[test]
fn the_same_shop_at_the_same_address_is_refused_and_nothing_changes() {
    let t = TestApp::new();
    let zone = t.zone("黄山路东段");
    t.ok("households.create", shop(zone, "王伟超市", "12"));
    let before = t.audit_rows();
    let err = t.fails("households.create", shop(zone, "王伟超市", "12"));
    assert_eq!(err.code, "conflict");
    assert!(err.message.contains("编号"), "{}", err.message);
    assert_eq!(t.household_count(), 1);
    assert_eq!(t.audit_rows(), before);
}

#[test]
fn a_bad_phone_names_the_field_in_chinese() {
    let t = TestApp::new();
    let zone = t.zone("黄山路东段");
    let mut input = shop(zone, "王伟超市", "12");
    input["phone"] = json!("1381234");
    let err = t.fails("households.create", input);
    assert_eq!(err.code, "validation.invalid");
    assert!(err.message.contains("电话"), "{}", err.message);
}

#[test]
fn every_change_leaves_one_audit_row_with_an_intact_chain() {
    let t = TestApp::new();
    let zone = t.zone("黄山路东段");
    let h = t.ok("households.create", shop(zone, "王伟超市", "12"));
    let mut changed = shop(zone, "王伟超市", "16");
    changed["note"] = json!("搬到对面");
    t.ok(
        "households.update",
        json!({ "id": h["id"], "input": changed }),
    );
    t.ok(
        "households.set_status",
        json!({ "id": h["id"], "status": "已关闭" }),
    );
    assert_eq!(t.audit_rows(), 4);
    let conn = cw_store::rusqlite::Connection::open(t.db_path()).unwrap();
    assert_eq!(cw_store::audit::first_broken_link(&conn).unwrap(), None);
    let (actor, command): (String, String) = conn
        .query_row(
            "SELECT actor, command FROM audit_log ORDER BY id DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(
        (actor.as_str(), command.as_str()),
        ("tester", "households.set_status")
    );
}

#[test]
fn a_zone_that_still_holds_households_cannot_be_deactivated() {
    let t = TestApp::new();
    let zone = t.zone("黄山路东段");
    let h = t.ok("households.create", shop(zone, "王伟超市", "12"));
    let err = t.fails("zones.deactivate", json!({ "id": zone }));
    assert!(err.message.contains("还有 1 户"), "{}", err.message);
    t.ok(
        "households.set_status",
        json!({ "id": h["id"], "status": "已关闭" }),
    );
    let z = t.ok("zones.deactivate", json!({ "id": zone }));
    assert_eq!(z["active"], false);
}

#[test]
fn a_household_is_moved_out_not_closed() {
    let t = TestApp::new();
    let zone = t.zone("黄山路东段");
    let mut input = shop(zone, "张三", "3");
    input["kind"] = json!("住户");
    let h = t.ok("households.create", input);
    assert_eq!(
        t.fails(
            "households.set_status",
            json!({ "id": h["id"], "status": "已关闭" })
        )
        .code,
        "validation.invalid"
    );
    let moved = t.ok(
        "households.set_status",
        json!({ "id": h["id"], "status": "已迁出" }),
    );
    assert_eq!(moved["status"], "已迁出");
    assert_eq!(
        t.ok("households.list", json!({ "status": "正常" }))["total"],
        0
    );
}

#[test]
fn staff_with_roles_zones_and_wage_round_trip() {
    let t = TestApp::new();
    let zone = t.zone("黄山路东段");
    let s = t.ok(
        "staff.create",
        json!({ "name": "李明", "roles": ["保洁员"], "group_no": null, "phone": "13912345678",
                "hire_date": "2026-08-16", "base_wage": "1,800", "zone_ids": [zone] }),
    );
    assert_eq!(s["base_wage"], "1800.00");
    assert_eq!(s["zone_names"][0], "黄山路东段");
    assert_eq!(s["status"], "在岗");
    let z = t.ok("zones.get", json!({ "id": zone }));
    assert_eq!(z["cleaner_names"][0], "李明");
    let left = t.ok(
        "staff.deactivate",
        json!({ "id": s["id"], "kind": "辞退", "leave_date": "2026-11-30" }),
    );
    assert_eq!(left["staff"]["status"], "离职");
    assert_eq!(t.ok("staff.list", json!({ "status": "在岗" }))["total"], 0);
}

#[test]
fn only_a_cleaner_gets_a_zone_and_only_a_supervisor_supervises() {
    let t = TestApp::new();
    let zone = t.zone("黄山路东段");
    let err = t.fails(
        "staff.create",
        json!({ "name": "王五", "roles": ["收费人员"], "zone_ids": [zone] }),
    );
    assert!(err.message.contains("只有保洁员"), "{}", err.message);
    let c = t.ok(
        "staff.create",
        json!({ "name": "赵六", "roles": ["收费人员"] }),
    );
    let err = t.fails("zones.update", json!({ "id": zone, "input": { "name": "黄山路东段", "kind": "街道", "supervisor_id": c["id"] } }));
    assert!(err.message.contains("不是监管人员"), "{}", err.message);
}

#[test]
fn a_group_leader_must_belong_to_the_group() {
    let t = TestApp::new();
    let s = t.ok(
        "staff.create",
        json!({ "name": "颜永华", "roles": ["社区干部"], "group_no": 2 }),
    );
    assert_eq!(
        t.fails(
            "groups.set_leader",
            json!({ "no": 1, "leader_id": s["id"] })
        )
        .code,
        "validation.invalid"
    );
    let g = t.ok(
        "groups.set_leader",
        json!({ "no": 2, "leader_id": s["id"] }),
    );
    assert_eq!(g["leader_name"], "颜永华");
    let listed = t.ok("staff.get", json!({ "id": s["id"] }));
    assert_eq!(listed["is_group_leader"], true);
}

#[test]
fn an_unknown_command_and_bad_arguments_get_chinese_errors() {
    let t = TestApp::new();
    let e = t.fails("households.explode", json!({}));
    assert_eq!(e.code, "unknown_command");
    assert!(e.message.contains("未知的操作"));
    let e = t.fails("households.get", json!({ "id": "abc" }));
    assert_eq!(e.code, "bad_args");
    let e = t.fails("households.get", json!({ "id": 999 }));
    assert_eq!(e.code, "not_found");
}

#[test]
fn settings_are_saved_and_shown_on_the_dashboard() {
    let t = TestApp::new();
    t.ok("settings.update", json!({ "community_name": "石马山镇黄山社区居委会", "street_office": "石马山镇人民政府", "seal_text": "黄山社区居民委员会", "campaign_year": 2026 }));
    let d = t.ok("dashboard.summary", json!({}));
    assert_eq!(d["settings"]["community_name"], "石马山镇黄山社区居委会");
    assert_eq!(d["today"], "2026-11-29");
    assert_eq!(d["groups"].as_array().unwrap().len(), 4);
    let e = t.fails("settings.update", json!({ "community_name": " ", "street_office": "", "seal_text": "", "campaign_year": 2026 }));
    assert!(e.message.contains("社区名称"));
}

#[test]
fn a_records_history_shows_who_changed_what_in_order() {
    let t = TestApp::new();
    let zone = t.zone("黄山路东段");
    t.ok(
        "zones.update",
        json!({ "id": zone, "input": { "name": "黄山路东段（含铁路桥）", "kind": "街道", "boundary": "建设路口至铁路桥" } }),
    );
    let h = t.ok("audit.history", json!({ "entity": "zones", "id": zone }));
    let h = h.as_array().unwrap();
    assert_eq!(h.len(), 2);
    assert_eq!(h[0]["action"], "新增责任区");
    assert_eq!(h[1]["action"], "修改责任区");
    assert_eq!(h[1]["actor"], "tester");
    assert_eq!(h[1]["before"]["name"], "黄山路东段");
    assert_eq!(h[1]["after"]["name"], "黄山路东段（含铁路桥）");
    assert!(h[0]["audit_id"].as_i64().unwrap() < h[1]["audit_id"].as_i64().unwrap());
    let other = t.ok(
        "audit.history",
        json!({ "entity": "zones", "id": zone + 99 }),
    );
    assert_eq!(other.as_array().unwrap().len(), 0);
}

#[test]
fn a_staff_status_the_app_does_not_know_is_an_error_naming_the_column_not_on_duty() {
    let t = TestApp::new();
    let s = t.ok(
        "staff.create",
        json!({ "name": "李明", "roles": ["保洁员"], "hire_date": "2026-08-16" }),
    );
    let conn = rusqlite::Connection::open(t.db_path()).unwrap();
    conn.execute_batch("PRAGMA ignore_check_constraints = ON; UPDATE staff SET status = '借调';")
        .unwrap();
    drop(conn);
    let err = t.fails("staff.get", json!({ "id": s["id"] }));
    assert!(
        err.message.contains("staff")
            && err.message.contains("status")
            && err.message.contains("借调"),
        "{}",
        err.message
    );
}
