//! Scenarios of the assessment: the schedule, fines and their rules, inspections, month close,
//! reversals, statements and the fine report, driven through the command table.

use crate::common::{pdf_text, TestApp};
use serde_json::{json, Value};

/// A small community: one zone with a supervisor and two cleaners on a wage, a cadre, another zone.
pub struct Fx {
    pub sup: i64,
    pub cadre: i64,
    pub a: i64,
    pub b: i64,
    pub zone: i64,
    pub other: i64,
}

fn staff(t: &TestApp, name: &str, roles: &[&str], wage: Option<&str>) -> i64 {
    t.ok(
        "staff.create",
        json!({ "name": name, "roles": roles, "base_wage": wage }),
    )["id"]
        .as_i64()
        .unwrap()
}

pub fn community(t: &TestApp) -> Fx {
    let sup = staff(t, "颜永华", &["监管人员", "社区干部"], None);
    let cadre = staff(t, "毛克昌", &["社区干部"], None);
    let a = staff(t, "王秀英", &["保洁员"], Some("1800"));
    let b = staff(t, "李建国", &["保洁员"], Some("1650"));
    let zone = t.ok(
        "zones.create",
        json!({ "name": "黄山路东段", "kind": "街道", "supervisor_id": sup, "cleaner_ids": [a, b] }),
    )["id"]
        .as_i64()
        .unwrap();
    let other = t.zone("建设路");
    Fx {
        sup,
        cadre,
        a,
        b,
        zone,
        other,
    }
}

fn fine(t: &TestApp, fx: &Fx, staff: i64, code: &str, date: &str, count: i64) -> Value {
    t.ok(
        "fines.create",
        json!({ "staff_id": staff, "item_code": code, "date": date, "time": "09:10",
                "count": count, "observed": "路面有烟头", "recorded_by": fx.sup }),
    )
}

#[test]
fn the_default_schedule_holds_the_committee_plan_amounts() {
    let t = TestApp::new();
    let v = t.ok("schedule.current", json!({ "date": "2026-11-01" }));
    let items = v["items"].as_array().unwrap();
    // The plan's 23 items and T1, a lost tool paid for at its price (plan 1 §5.3 ③).
    assert_eq!(items.len(), 24);
    let amount = |code: &str| items.iter().find(|i| i["code"] == code).unwrap()["amount"].clone();
    assert_eq!(amount("A1"), "5.00");
    assert_eq!(amount("A1x"), "30.00");
    assert_eq!(amount("B9"), "20.00");
    assert_eq!(amount("S2"), "50.00");
    assert_eq!(amount("R1"), "200.00");
    assert!(amount("A4").is_null(), "A4 is computed from the wage");
    assert!(amount("T1").is_null(), "T1 is the lost tool's price");
}

#[test]
fn a_fine_is_the_item_in_force_times_the_count_and_names_its_recorder() {
    let t = TestApp::new();
    let fx = community(&t);
    let f = fine(&t, &fx, fx.a, "B1", "2026-11-20", 3);
    assert_eq!(f["amount"], "15.00");
    assert_eq!(f["unit_amount"], "5.00");
    assert_eq!(f["unit"], "每处");
    assert_eq!(f["recorded_by_name"], "颜永华");
    assert_eq!(
        f["zone_id"], fx.zone,
        "a cleaner of one zone is fined in it"
    );
    assert_eq!(f["status"], "有效");
}

#[test]
fn only_a_supervisor_or_cadre_may_record_a_fine() {
    let t = TestApp::new();
    let fx = community(&t);
    let e = t.fails(
        "fines.create",
        json!({ "staff_id": fx.a, "item_code": "B1", "date": "2026-11-20", "recorded_by": fx.b }),
    );
    assert_eq!(e.code, "validation.invalid");
    assert!(e.message.contains("记录人"), "{}", e.message);
    assert!(t
        .fails(
            "fines.create",
            json!({ "staff_id": fx.a, "item_code": "B1", "date": "2026-11-20" })
        )
        .message
        .contains("记录人"));
    assert_eq!(t.ok("fines.list", json!({}))["page"]["total"], 0);
}

#[test]
fn twenty_nine_minutes_late_costs_5_yuan_and_thirty_counts_as_absence() {
    let t = TestApp::new();
    let fx = community(&t);
    let late = |m: i64, date: &str| {
        t.ok(
            "fines.create",
            json!({ "staff_id": fx.a, "minutes": m, "date": date, "recorded_by": fx.sup }),
        )
    };
    let f29 = late(29, "2026-11-19");
    assert_eq!(
        (f29["item_code"].as_str(), f29["amount"].as_str()),
        (Some("A1"), Some("5.00"))
    );
    // 「30分钟以上按旷工处理」, 以上含本数: exactly 30 is an absence.
    let f30 = late(30, "2026-11-20");
    assert_eq!(
        (f30["item_code"].as_str(), f30["amount"].as_str()),
        (Some("A1x"), Some("30.00"))
    );
    assert_eq!(f30["minutes"], 30);
    assert!(t
        .fails("fines.create", json!({ "staff_id": fx.a, "minutes": 20, "item_code": "B1", "date": "2026-11-20", "recorded_by": fx.sup }))
        .message
        .contains("分钟"));
}

#[test]
fn resigning_without_notice_withholds_wage_times_seven_over_the_days_of_the_month() {
    let t = TestApp::new();
    let fx = community(&t);
    // A4 is charged once per departure: each try is voided before the next.
    let a4 = |date: &str| {
        let f = t.ok(
            "fines.create",
            json!({ "staff_id": fx.a, "item_code": "A4", "date": date, "recorded_by": fx.cadre, "count": 5 }),
        );
        t.ok("fines.void", json!({ "id": f["id"], "reason": "试算" }));
        f
    };
    // 1800 × 7 ÷ 28 = 450.00; ÷ 30 = 420.00; ÷ 31 = 406.4516… → 406.45 (half-up to the 分).
    assert_eq!(a4("2026-02-10")["amount"], "450.00");
    let nov = a4("2026-11-10");
    assert_eq!(nov["amount"], "420.00");
    assert_eq!(nov["count"], 1, "once, whatever count was typed");
    assert_eq!(nov["kind"], "扣发");
    assert_eq!(a4("2026-10-10")["amount"], "406.45");
    // The formula is a setting: five days instead of seven.
    t.ok(
        "assessment.settings.update",
        json!({ "week_days": 5, "lateness_limit_min": 30, "min_patrols_per_day": 2 }),
    );
    assert_eq!(a4("2026-08-10")["amount"], "290.32"); // 1800 × 5 ÷ 31 = 290.3225…
    let e = t.fails(
        "fines.create",
        json!({ "staff_id": fx.sup, "item_code": "A4", "date": "2026-11-10", "recorded_by": fx.cadre }),
    );
    assert!(e.message.contains("工资"), "{}", e.message);
}

#[test]
fn a_substandard_higher_inspection_fines_the_supervisor_and_every_cleaner_in_one_act() {
    let t = TestApp::new();
    let fx = community(&t);
    let input = json!({ "kind": "上级督查", "date": "2026-11-15", "time": "10:30", "inspector": "镇督查组",
                         "zone_id": fx.zone, "result": "不达标", "findings": "绿化带垃圾成堆", "recorded_by": fx.cadre });
    let proposed = t.ok("inspections.propose", input.clone());
    let who: Vec<(i64, &str)> = proposed
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["staff_id"].as_i64().unwrap(),
                p["item_code"].as_str().unwrap(),
            )
        })
        .collect();
    let mut sorted = who.clone();
    sorted.sort();
    let mut want = vec![(fx.sup, "S1"), (fx.a, "S2"), (fx.b, "S2")];
    want.sort();
    assert_eq!(sorted, want);
    assert_eq!(who[0], (fx.sup, "S1"), "the supervisor first");
    let before = t.audit_rows();
    let insp = t.ok("inspections.create", input);
    assert_eq!(insp["fine_ids"].as_array().unwrap().len(), 3);
    assert!(
        t.audit_rows() >= before + 4,
        "the inspection and each fine are audited"
    );
    let linked = t.ok("fines.list", json!({ "inspection_id": insp["id"] }));
    assert_eq!(linked["page"]["total"], 3);
    assert_eq!(linked["total_amount"], "150.00");
    for f in linked["page"]["items"].as_array().unwrap() {
        assert_eq!(f["zone_id"], fx.zone);
        assert_eq!(f["date"], "2026-11-15");
    }
    // A passed one, or a committee check, fines nobody by rule.
    let pass = t.ok(
        "inspections.create",
        json!({ "kind": "上级督查", "date": "2026-11-16", "inspector": "镇督查组", "zone_id": fx.zone, "result": "达标" }),
    );
    assert!(pass["fine_ids"].as_array().unwrap().is_empty());
}

#[test]
fn an_inspection_proposes_only_the_cleaners_on_the_payroll_that_day() {
    let t = TestApp::new();
    let fx = community(&t);
    let hired_later = t.ok(
        "staff.create",
        json!({ "name": "周新来", "roles": ["保洁员"], "hire_date": "2026-11-20" }),
    )["id"]
        .as_i64()
        .unwrap();
    let gone = t.ok(
        "staff.create",
        json!({ "name": "钱已走", "roles": ["保洁员"], "hire_date": "2026-03-01" }),
    )["id"]
        .as_i64()
        .unwrap();
    t.ok(
        "zones.update",
        json!({ "id": fx.zone, "input": { "name": "黄山路东段", "kind": "街道", "supervisor_id": fx.sup,
                "cleaner_ids": [fx.a, fx.b, hired_later, gone] } }),
    );
    t.ok(
        "staff.deactivate",
        json!({ "id": gone, "kind": "辞退", "leave_date": "2026-11-10" }),
    );
    let proposed = t.ok(
        "inspections.propose",
        json!({ "kind": "上级督查", "date": "2026-11-15", "zone_id": fx.zone, "result": "不达标" }),
    );
    let mut who: Vec<i64> = proposed
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["staff_id"].as_i64().unwrap())
        .collect();
    who.sort();
    let mut want = vec![fx.sup, fx.a, fx.b];
    want.sort();
    assert_eq!(who, want, "neither the later hire nor the leaver");
    let later = t.ok(
        "inspections.propose",
        json!({ "kind": "上级督查", "date": "2026-11-25", "zone_id": fx.zone, "result": "不达标" }),
    );
    assert!(later
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p["staff_id"] == hired_later));
}

#[test]
fn the_clerk_confirms_only_some_proposed_fines() {
    let t = TestApp::new();
    let fx = community(&t);
    let insp = t.ok(
        "inspections.create",
        json!({ "kind": "巡查", "date": "2026-11-15", "inspector_id": fx.sup, "zone_id": fx.zone,
                "result": "不达标", "findings": "两处垃圾未清",
                "fines": [{ "staff_id": fx.b, "item_code": "B1", "count": 2, "observed": "两处垃圾未清" }] }),
    );
    assert_eq!(insp["fine_ids"].as_array().unwrap().len(), 1);
    let f = t.ok("fines.get", json!({ "id": insp["fine_ids"][0] }));
    assert_eq!(f["amount"], "10.00");
    assert_eq!(
        f["recorded_by"], fx.sup,
        "the patrolling supervisor records it"
    );
    let e = t.fails(
        "inspections.create",
        json!({ "kind": "巡查", "date": "2026-11-15", "inspector_id": fx.a, "zone_id": fx.zone, "result": "达标" }),
    );
    assert!(e.message.contains("监管人员"), "{}", e.message);
}

#[test]
fn supervisors_with_fewer_than_two_patrols_a_day_are_reported() {
    let t = TestApp::new();
    let fx = community(&t);
    for (date, n) in [("2026-11-26", 2), ("2026-11-27", 1), ("2026-11-28", 0)] {
        for _ in 0..n {
            t.ok(
                "inspections.create",
                json!({ "kind": "巡查", "date": date, "inspector_id": fx.sup, "zone_id": fx.zone, "result": "达标" }),
            );
        }
    }
    let gaps = t.ok(
        "inspections.patrol_report",
        json!({ "from": "2026-11-26", "to": "2026-11-28" }),
    );
    let got: Vec<(String, i64)> = gaps
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            (
                g["date"].as_str().unwrap().to_string(),
                g["patrols"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![("2026-11-27".to_string(), 1), ("2026-11-28".to_string(), 0)]
    );
}

#[test]
fn a_closed_month_refuses_new_fines_and_voids_until_reopened_with_a_reason() {
    let t = TestApp::new();
    let fx = community(&t);
    let f = fine(&t, &fx, fx.a, "B2", "2026-10-12", 1);
    assert_eq!(
        t.fails("months.close", json!({ "month": "2026-11" })).code,
        "validation.invalid",
        "November has not ended"
    );
    let closed = t.ok("months.close", json!({ "month": "2026-10" }));
    assert_eq!(closed["closed"], true);
    let e = t.fails(
        "fines.create",
        json!({ "staff_id": fx.a, "item_code": "B1", "date": "2026-10-20", "recorded_by": fx.sup }),
    );
    assert_eq!(e.code, "conflict");
    assert!(e.message.contains("已结账"), "{}", e.message);
    assert_eq!(
        t.fails("fines.void", json!({ "id": f["id"], "reason": "录错" }))
            .code,
        "conflict"
    );
    let batch = t.fails(
        "fines.create_batch",
        json!({ "items": [
            { "staff_id": fx.a, "item_code": "B1", "date": "2026-11-20", "recorded_by": fx.sup },
            { "staff_id": fx.b, "item_code": "B1", "date": "2026-10-20", "recorded_by": fx.sup }
        ] }),
    );
    assert!(batch.message.contains("第 2 行"), "{}", batch.message);
    assert_eq!(
        t.ok("fines.list", json!({}))["page"]["total"],
        1,
        "the batch wrote nothing"
    );
    assert_eq!(
        t.fails(
            "months.reopen",
            json!({ "month": "2026-10", "reason": " " })
        )
        .code,
        "validation.required"
    );
    let reopened = t.ok(
        "months.reopen",
        json!({ "month": "2026-10", "reason": "补录督查罚款" }),
    );
    assert_eq!(reopened["closed"], false);
    assert_eq!(reopened["history"].as_array().unwrap().len(), 2);
    assert_eq!(reopened["history"][1]["reason"], "补录督查罚款");
    fine(&t, &fx, fx.a, "B1", "2026-10-20", 1);
}

#[test]
fn a_fine_of_a_closed_month_is_reversed_in_an_open_month_citing_it() {
    let t = TestApp::new();
    let fx = community(&t);
    let f = fine(&t, &fx, fx.a, "B9", "2026-10-12", 1);
    let oct_before = t.statement("2026-10", fx.a);
    assert_eq!(oct_before["net_pay"], "1780.00");
    assert_eq!(
        t.fails(
            "fines.reverse",
            json!({ "id": f["id"], "reason": "投诉不实" })
        )
        .code,
        "conflict",
        "an open month's fine is voided, not reversed"
    );
    t.ok("months.close", json!({ "month": "2026-10" }));
    assert_eq!(
        t.fails(
            "fines.reverse",
            json!({ "id": f["id"], "reason": "x", "date": "2026-10-30" })
        )
        .code,
        "conflict"
    );
    let r = t.ok(
        "fines.reverse",
        json!({ "id": f["id"], "reason": "投诉不实", "date": "2026-11-03" }),
    );
    assert_eq!(r["status"], "已冲销");
    assert_eq!(r["correction"]["month"], "2026-11");
    assert_eq!(
        t.statement("2026-10", fx.a),
        oct_before,
        "the closed month's statement is unchanged"
    );
    let nov = t.statement("2026-11", fx.a);
    assert_eq!(nov["reversals_total"], "20.00");
    assert_eq!(nov["net_pay"], "1820.00");
    let line = &nov["lines"][0];
    assert_eq!(line["kind"], "冲销");
    assert_eq!(line["fine_id"], f["id"]);
    assert!(line["offence"].as_str().unwrap().contains("2026-10-12"));
    assert_eq!(
        t.fails("fines.reverse", json!({ "id": f["id"], "reason": "again" }))
            .code,
        "conflict"
    );
}

#[test]
fn a_voided_fine_stops_counting_and_keeps_its_reason() {
    let t = TestApp::new();
    let fx = community(&t);
    let f = fine(&t, &fx, fx.b, "C1", "2026-11-05", 1);
    assert_eq!(
        t.fails("fines.void", json!({ "id": f["id"], "reason": "" }))
            .code,
        "validation.required"
    );
    let v = t.ok("fines.void", json!({ "id": f["id"], "reason": "录错人员" }));
    assert_eq!(v["status"], "已作废");
    assert_eq!(v["correction"]["reason"], "录错人员");
    assert_eq!(t.statement("2026-11", fx.b)["fines_total"], "0.00");
    assert_eq!(
        t.ok("fines.list", json!({ "status": "已作废" }))["page"]["total"],
        1
    );
    assert_eq!(
        t.ok("fines.list", json!({ "status": "有效" }))["page"]["total"],
        0
    );
}

#[test]
fn the_fines_of_a_month_count_a_voided_fine_once_and_list_the_newest_first() {
    let t = TestApp::new();
    let fx = community(&t);
    let first = fine(&t, &fx, fx.a, "C1", "2026-11-02", 1);
    let voided = fine(&t, &fx, fx.b, "C1", "2026-11-09", 2);
    let last = fine(&t, &fx, fx.a, "C1", "2026-11-20", 1);
    t.ok(
        "fines.void",
        json!({ "id": voided["id"], "reason": "录错人员" }),
    );
    let all = t.ok("fines.list", json!({ "month": "2026-11" }));
    assert_eq!(all["page"]["total"], 3, "{all}");
    let ids: Vec<&Value> = all["page"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| &f["id"])
        .collect();
    assert_eq!(ids, [&last["id"], &voided["id"], &first["id"]]);
    // The footer's total is what the listed records charge: the voided one is left out.
    let sum: rust_decimal::Decimal = all["page"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["status"] != "已作废")
        .map(|f| {
            f["amount"]
                .as_str()
                .unwrap()
                .parse::<rust_decimal::Decimal>()
                .unwrap()
        })
        .sum();
    assert_eq!(all["total_amount"], sum.to_string());
    let valid = t.ok(
        "fines.list",
        json!({ "month": "2026-11", "status": "有效" }),
    );
    assert_eq!(valid["page"]["total"], 2, "{valid}");
}

#[test]
fn money_rows_cannot_be_changed_or_deleted_even_in_sql() {
    let t = TestApp::new();
    let fx = community(&t);
    let f = fine(&t, &fx, fx.a, "B1", "2026-11-05", 1);
    t.ok("fines.void", json!({ "id": f["id"], "reason": "录错" }));
    t.ok("months.close", json!({ "month": "2026-10" }));
    let conn = cw_store::rusqlite::Connection::open(t.db_path()).unwrap();
    for sql in [
        "UPDATE fines SET amount_fen = 1",
        "DELETE FROM fines",
        "UPDATE fine_corrections SET reason = 'x'",
        "DELETE FROM fine_corrections",
        "DELETE FROM month_closes",
        "UPDATE schedule_items SET amount_fen = 1",
    ] {
        let e = conn.execute(sql, []).unwrap_err().to_string();
        assert!(e.contains("append-only"), "{sql}: {e}");
    }
}

#[test]
fn a_new_schedule_version_prices_later_fines_and_old_fines_keep_theirs() {
    let t = TestApp::new();
    let fx = community(&t);
    let old = fine(&t, &fx, fx.a, "B1", "2026-11-10", 1);
    let mut items: Vec<Value> = t.ok("schedule.current", json!({}))["items"]
        .as_array()
        .unwrap()
        .clone();
    for i in items.iter_mut() {
        if i["code"] == "B1" {
            i["amount"] = json!("8");
        }
    }
    let v = t.ok(
        "schedule.create_version",
        json!({ "effective_date": "2026-11-15", "note": "调整", "items": items }),
    );
    assert_eq!(v["items"].as_array().unwrap().len(), 24);
    assert_eq!(
        t.ok("schedule.versions", json!({}))
            .as_array()
            .unwrap()
            .len(),
        2
    );
    let new = fine(&t, &fx, fx.a, "B1", "2026-11-16", 1);
    assert_eq!(new["amount"], "8.00");
    assert_eq!(
        t.ok("fines.get", json!({ "id": old["id"] }))["amount"],
        "5.00"
    );
    assert_eq!(
        fine(&t, &fx, fx.a, "B1", "2026-11-14", 1)["amount"],
        "5.00",
        "the day before, the old amount"
    );
    t.ok("months.close", json!({ "month": "2026-10" }));
    assert_eq!(
        t.fails(
            "schedule.create_version",
            json!({ "effective_date": "2026-10-01", "items": items })
        )
        .code,
        "conflict",
        "a version may not reach into a closed month"
    );
}

#[test]
fn the_year_end_award_adds_to_pay_once_and_the_ranking_puts_the_fewest_fines_first() {
    let t = TestApp::new();
    let fx = community(&t);
    fine(&t, &fx, fx.a, "B1", "2026-11-10", 1);
    fine(&t, &fx, fx.a, "B2", "2026-11-11", 1);
    let rank = t.ok("awards.ranking", json!({ "year": 2026 }));
    assert_eq!(rank[0]["staff_id"], fx.b);
    assert_eq!(rank[1]["fines"], 2);
    let award = t.ok(
        "awards.grant",
        json!({ "staff_id": fx.b, "year": 2026, "date": "2026-11-28" }),
    );
    assert_eq!(award["amount"], "200.00");
    assert_eq!(award["kind"], "奖励");
    assert_eq!(
        t.fails("awards.grant", json!({ "staff_id": fx.b, "year": 2026 }))
            .code,
        "conflict"
    );
    assert_eq!(
        t.ok("awards.ranking", json!({ "year": 2026 }))[0]["awarded"],
        true
    );
    let s = t.statement("2026-11", fx.b);
    assert_eq!(s["awards_total"], "200.00");
    assert_eq!(s["net_pay"], "1850.00");
    assert!(t
        .fails("fines.create", json!({ "staff_id": fx.a, "item_code": "R1", "date": "2026-11-20", "recorded_by": fx.sup }))
        .message
        .contains("奖励"));
}

#[test]
fn the_fine_report_totals_agree_with_the_statements_and_the_xlsx() {
    let t = TestApp::new();
    let fx = community(&t);
    fine(&t, &fx, fx.a, "B1", "2026-11-10", 3);
    fine(&t, &fx, fx.b, "C2", "2026-11-11", 1);
    // S1 only through a substandard 上级督查: of a zone whose supervisor has no cleaners there.
    t.ok(
        "zones.update",
        json!({ "id": fx.other, "input": { "name": "建设路", "kind": "街道", "supervisor_id": fx.sup } }),
    );
    t.ok(
        "inspections.create",
        json!({ "kind": "上级督查", "date": "2026-11-12", "inspector": "镇督查组", "zone_id": fx.other,
                "result": "不达标", "recorded_by": fx.cadre }),
    );
    let r = t.ok("statements.report", json!({ "month": "2026-11" }));
    assert_eq!(r["total"], "75.00");
    assert_eq!(r["total_count"], 3);
    let cats: Vec<(&str, &str)> = r["by_category"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["name"].as_str().unwrap(), c["amount"].as_str().unwrap()))
        .collect();
    assert_eq!(
        cats,
        vec![
            ("员工形象", "10.00"),
            ("工作质量", "15.00"),
            ("督查", "50.00")
        ]
    );
    let sts = t.ok("statements.month", json!({ "month": "2026-11" }));
    let fines: rust_decimal::Decimal = sts
        .as_array()
        .unwrap()
        .iter()
        .map(|s| cw_domain::parse_money("f", s["fines_total"].as_str().unwrap()).unwrap())
        .sum();
    assert_eq!(cw_domain::money::to_wire(fines), "75.00");
    let x = t.file(
        "print.fine_report",
        json!({ "month": "2026-11", "format": "xlsx" }),
    );
    let sheet = cw_tabular::read_table(&x.file_name, &x.bytes).unwrap();
    let total_row = sheet.rows.iter().find(|r| r.cells[0] == "合计").unwrap();
    assert_eq!(
        cw_domain::parse_money("f", &total_row.cells[3])
            .unwrap()
            .to_string(),
        "75"
    );
    let pdf = t.file("print.fine_report", json!({ "month": "2026-11" }));
    assert!(pdf.bytes.starts_with(b"%PDF"));
}

#[test]
fn a_statement_pdf_reads_back_with_the_name_the_fines_and_the_net_pay() {
    let t = TestApp::new();
    let fx = community(&t);
    fine(&t, &fx, fx.a, "B1", "2026-11-10", 3);
    t.ok(
        "fines.create",
        json!({ "staff_id": fx.a, "minutes": 45, "date": "2026-11-12", "recorded_by": fx.sup }),
    );
    let f = t.file(
        "print.statements",
        json!({ "month": "2026-11", "staff_id": fx.a }),
    );
    assert!(f.file_name.contains("王秀英"));
    let Some(text) = pdf_text(&t, &f.bytes, "st.pdf", &["-layout"]) else {
        return;
    };
    for want in [
        "2026年11月工资考核结算单",
        "王秀英",
        "黄山路东段",
        "颜永华",
        "B1",
        "A1x",
        "-¥15.00",
        "-¥30.00",
        "¥1,800.00",
        "实发金额 ¥1,755.00",
        "本人签字",
        "监管人员签字",
        "二〇二六年",
    ] {
        assert!(text.contains(want), "missing {want} in\n{text}");
    }
    let all = t.file("print.statements", json!({ "month": "2026-11" }));
    let Some(text) = pdf_text(&t, &all.bytes, "all.pdf", &["-layout"]) else {
        return;
    };
    assert!(text.contains("王秀英") && text.contains("李建国"));
    assert_eq!(
        text.matches("本人签字").count(),
        2,
        "one statement per worker on a wage"
    );
    let x = t.file(
        "print.statements",
        json!({ "month": "2026-11", "format": "xlsx" }),
    );
    let sheet = cw_tabular::read_table(&x.file_name, &x.bytes).unwrap();
    assert_eq!(sheet.rows.len(), 2);
}

#[test]
fn the_demo_has_months_of_fines_and_inspections_with_the_earlier_months_closed() {
    let t = TestApp::new();
    t.ok("demo.generate", json!({}));
    let months = t.ok("months.list", json!({}));
    let closed: Vec<&str> = months
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["closed"] == true)
        .map(|m| m["month"].as_str().unwrap())
        .collect();
    assert_eq!(closed, vec!["2026-10", "2026-09", "2026-08"]);
    for m in ["2026-08", "2026-09", "2026-10", "2026-11"] {
        let n = t.ok("fines.list", json!({ "month": m }))["page"]["total"]
            .as_i64()
            .unwrap();
        assert!(n >= 5, "{m}: {n} fines");
    }
    assert!(
        t.ok(
            "inspections.list",
            json!({ "kind": "上级督查", "result": "不达标" })
        )["total"]
            .as_i64()
            .unwrap()
            >= 1
    );
    assert_eq!(
        t.ok("fines.list", json!({ "status": "已冲销" }))["page"]["total"],
        1
    );
    assert_eq!(
        t.ok("fines.list", json!({ "status": "已作废" }))["page"]["total"],
        1
    );
    assert!(!t
        .ok("inspections.patrol_report", json!({ "month": "2026-10" }))
        .as_array()
        .unwrap()
        .is_empty());
    let r = t.ok("statements.report", json!({ "month": "2026-10" }));
    let sum: i64 = t
        .ok("statements.month", json!({ "month": "2026-10" }))
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let f = |k: &str| {
                cw_domain::money::decimal_to_fen(
                    "f",
                    cw_domain::parse_money("f", s[k].as_str().unwrap().trim_start_matches('-'))
                        .unwrap(),
                )
                .unwrap()
            };
            f("fines_total") + f("withholdings_total") + f("tools_total")
        })
        .sum();
    assert_eq!(
        cw_domain::money::to_wire(cw_domain::fen_to_decimal(sum)),
        r["total"].as_str().unwrap()
    );
}
