//! Scenarios of the self-check against the 卫生社区 standard: the plan's 8 areas and 100 points,
//! every item scored once within its points, the areas' totals and trend, the weakest on 首页,
//! and a new version of the standard that leaves earlier checks as they were.

use crate::common::TestApp;
use serde_json::{json, Value};

/// Scores for every item of the standard in force: full marks except `lost` (code, points lost).
fn scores(standard: &Value, lost: &[(&str, i64)]) -> Vec<Value> {
    standard["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            let minus = lost
                .iter()
                .find(|(c, _)| i["code"] == *c)
                .map_or(0, |(_, n)| *n);
            json!({ "item_id": i["id"], "score": i["points"].as_i64().unwrap() - minus,
                    "note": if minus > 0 { "有问题" } else { "" } })
        })
        .collect()
}

#[test]
fn the_default_standard_has_the_plans_eight_areas_and_a_hundred_points() {
    let t = TestApp::new();
    let s = t.ok("standard.current", json!({}));
    let items = s["items"].as_array().unwrap();
    let total: i64 = items.iter().map(|i| i["points"].as_i64().unwrap()).sum();
    assert_eq!(total, 100);
    let mut areas: Vec<&str> = items.iter().map(|i| i["area"].as_str().unwrap()).collect();
    areas.dedup();
    assert_eq!(
        areas,
        [
            "市容环境卫生",
            "环境保护",
            "健康教育",
            "食品安全与公共场所卫生",
            "传染病防治",
            "病媒生物防制",
            "市民满意度",
            "组织管理"
        ]
    );
}

#[test]
fn a_self_check_scores_every_item_and_totals_each_area() {
    let t = TestApp::new();
    let s = t.ok("standard.current", json!({}));
    let c = t.ok(
        "selfchecks.create",
        json!({ "checked_on": "2026-11-20", "checked_by": "社区创卫办",
                "scores": scores(&s, &[("S05", 3), ("M01", 4)]) }),
    );
    assert_eq!(
        (c["points"].as_i64(), c["score"].as_i64()),
        (Some(100), Some(93))
    );
    let streets = &c["areas"][0];
    assert_eq!(streets["area"], "市容环境卫生");
    assert_eq!(
        (streets["points"].as_i64(), streets["score"].as_i64()),
        (Some(25), Some(22))
    );
    let today = t.ok("campaign.today", json!(null));
    let weak = today["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["key"] == "selfcheck_weak")
        .cloned()
        .unwrap();
    assert_eq!(weak["count"], 2);
    // S05 lost 3 of 5 (60%), M01 4 of 10 (40%): S05 is the weakest.
    assert!(
        weak["note"].as_str().unwrap().starts_with("最弱：S05 2/5"),
        "{}",
        weak["note"]
    );
}

#[test]
fn a_missing_repeated_or_too_high_score_is_refused_naming_the_item() {
    let t = TestApp::new();
    let s = t.ok("standard.current", json!({}));
    let mut all = scores(&s, &[]);
    let last = all.pop().unwrap();
    let e = t.fails(
        "selfchecks.create",
        json!({ "checked_by": "创卫办", "scores": all.clone() }),
    );
    assert!(
        e.message.contains("O03") && e.message.contains("还没有打分"),
        "{}",
        e.message
    );
    let mut twice = all.clone();
    twice.push(last.clone());
    twice.push(last.clone());
    let e = t.fails(
        "selfchecks.create",
        json!({ "checked_by": "创卫办", "scores": twice }),
    );
    assert!(e.message.contains("两次"), "{}", e.message);
    let mut high = all.clone();
    high.push(json!({ "item_id": last["item_id"], "score": 99 }));
    let e = t.fails(
        "selfchecks.create",
        json!({ "checked_by": "创卫办", "scores": high }),
    );
    assert!(
        e.message.contains("O03") && e.message.contains("0 到 3"),
        "{}",
        e.message
    );
    assert!(t
        .ok("selfchecks.list", json!({}))
        .as_array()
        .unwrap()
        .is_empty());
}

#[test]
fn a_new_version_of_the_standard_leaves_the_earlier_checks_and_cannot_reach_back() {
    let t = TestApp::new();
    let s = t.ok("standard.current", json!({}));
    t.ok(
        "selfchecks.create",
        json!({ "checked_on": "2026-10-10", "checked_by": "创卫办", "scores": scores(&s, &[("S01", 1)]) }),
    );
    let items = json!([
        { "area": "市容环境卫生", "code": "N01", "text": "垃圾分类投放点设置规范", "points": 60 },
        { "area": "组织管理", "code": "N02", "text": "资料齐全", "points": 40 },
    ]);
    let early = t.fails(
        "standard.create_version",
        json!({ "effective_date": "2026-10-01", "items": items }),
    );
    assert_eq!(early.code, "conflict", "{}", early.message);
    let v = t.ok(
        "standard.create_version",
        json!({ "effective_date": "2026-11-01", "note": "市里新标准", "items": items }),
    );
    assert_eq!(v["items"].as_array().unwrap().len(), 2);
    let old = &t.ok("selfchecks.list", json!({}))[0];
    assert_eq!(
        old["items"].as_array().unwrap().len(),
        22,
        "the October check keeps its items"
    );
    let new = t.ok("standard.current", json!({ "date": "2026-11-15" }));
    t.ok(
        "selfchecks.create",
        json!({ "checked_on": "2026-11-15", "checked_by": "创卫办", "scores": scores(&new, &[]) }),
    );
    let list = t.ok("selfchecks.list", json!({ "year": 2026 }));
    assert_eq!(list.as_array().unwrap().len(), 2);
    assert_eq!(list[1]["score"], 100);
}
