//! Scenarios of household surveys: a sample drawn from the registry (a group, a zone, or a random
//! number, the same draw for the same survey), answers keyed per household (the latest counting),
//! and the rate against the target in all and by group, zone and question.

use crate::common::TestApp;
use serde_json::{json, Value};

fn households(t: &TestApp, n: usize) {
    let zone = t.zone("黄山路东段");
    for i in 0..n {
        t.ok(
            "households.create",
            json!({ "kind": "住户", "name": format!("住户{i}"), "group_no": 1 + (i % 2) as i32, "zone_id": zone,
                    "address": { "street": "黄山路", "number": (i + 1).to_string(), "building": "", "unit": "", "room": "" } }),
        );
    }
}

fn key(t: &TestApp, s: &Value, k: usize, answers: &str) -> Value {
    t.ok(
        "surveys.answer",
        json!({ "id": s["id"], "party_id": s["households"][k]["party_id"], "answers": answers }),
    )
}

#[test]
fn a_random_sample_has_the_size_asked_and_is_the_same_for_the_same_survey() {
    let t = TestApp::new();
    households(&t, 30);
    let s = t.ok(
        "surveys.create",
        json!({ "title": "满意度调查", "kind": "满意度", "size": 10 }),
    );
    assert_eq!(s["households"].as_array().unwrap().len(), 10);
    assert_eq!(
        s["questions"].as_array().unwrap().len(),
        4,
        "the plan's four questions"
    );
    assert_eq!(s["target"], "90.0%");
    assert!(s["sample_rule"]
        .as_str()
        .unwrap()
        .contains("随机抽取 10 户（共 30 户）"));
    let again = t.ok("surveys.get", json!({ "id": s["id"] }));
    assert_eq!(again["households"], s["households"]);
    let group = t.ok(
        "surveys.create",
        json!({ "title": "一组健康知识", "kind": "健康知识", "group_no": 1 }),
    );
    assert_eq!(group["households"].as_array().unwrap().len(), 15);
    assert_eq!(group["target"], "80.0%");
}

#[test]
fn the_rate_counts_the_latest_answers_and_never_shows_the_target_met_before_it_is() {
    let t = TestApp::new();
    households(&t, 4);
    let s = t.ok(
        "surveys.create",
        json!({ "title": "满意度调查", "kind": "满意度" }),
    );
    assert_eq!(s["overall"]["rate"], "—");
    assert_eq!(s["overall"]["met"], false);
    key(&t, &s, 0, "1111");
    key(&t, &s, 1, "1110");
    let after = key(&t, &s, 2, "11-1");
    // 10 yes of 11 answers: 90.9%.
    assert_eq!(after["overall"]["yes"], 10);
    assert_eq!(after["overall"]["answered"], 11);
    assert_eq!(after["overall"]["rate"], "90.9%");
    assert_eq!(after["overall"]["met"], true);
    assert_eq!(after["respondents"], 3);
    // Keyed again: the latest counts.
    let fixed = key(&t, &s, 1, "1100");
    assert_eq!(fixed["overall"]["rate"], "81.8%");
    assert_eq!(fixed["overall"]["met"], false);
    assert_eq!(fixed["by_question"][3]["answered"], 3);
    let groups: Vec<&str> = fixed["by_group"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["label"].as_str().unwrap())
        .collect();
    assert_eq!(groups, ["第一小组", "第二小组"]);
    assert_eq!(fixed["by_zone"][0]["label"], "黄山路东段");
}

#[test]
fn an_answer_of_the_wrong_length_or_for_a_household_not_drawn_is_refused() {
    let t = TestApp::new();
    households(&t, 6);
    let s = t.ok(
        "surveys.create",
        json!({ "title": "满意度调查", "kind": "满意度", "size": 2 }),
    );
    let e = t.fails(
        "surveys.answer",
        json!({ "id": s["id"], "party_id": s["households"][0]["party_id"], "answers": "111" }),
    );
    assert!(e.message.contains("应为 4 位"), "{}", e.message);
    let e = t.fails(
        "surveys.answer",
        json!({ "id": s["id"], "party_id": s["households"][0]["party_id"], "answers": "----" }),
    );
    assert!(e.message.contains("至少答了一题"), "{}", e.message);
    let drawn: Vec<i64> = s["households"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["party_id"].as_i64().unwrap())
        .collect();
    let other = (1..=6).find(|p| !drawn.contains(p)).unwrap();
    let e = t.fails(
        "surveys.answer",
        json!({ "id": s["id"], "party_id": other, "answers": "1111" }),
    );
    assert!(e.message.contains("不在本次调查"), "{}", e.message);
    assert_eq!(
        t.ok("surveys.get", json!({ "id": s["id"] }))["respondents"],
        0
    );
}

#[test]
fn a_survey_asks_the_plans_questions_or_those_the_clerk_writes() {
    let t = TestApp::new();
    households(&t, 3);
    let defaults = t.ok("surveys.default_questions", json!({ "kind": "健康知识" }));
    assert_eq!(defaults.as_array().unwrap().len(), 5);
    let s = t.ok(
        "surveys.create",
        json!({ "title": "垃圾分类知晓", "kind": "健康知识",
                "questions": ["是否知道厨余垃圾投哪个桶", "  ", "是否知道有害垃圾有哪些"] }),
    );
    assert_eq!(
        s["questions"],
        json!(["是否知道厨余垃圾投哪个桶", "是否知道有害垃圾有哪些"]),
        "blank lines dropped"
    );
    let e = t.fails(
        "surveys.answer",
        json!({ "id": s["id"], "party_id": s["households"][0]["party_id"], "answers": "111" }),
    );
    assert!(e.message.contains("应为 2 位"), "{}", e.message);
}
