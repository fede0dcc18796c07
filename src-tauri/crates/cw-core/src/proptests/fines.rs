//! Property test: the fine report's totals (overall, per worker, zone, item, category) and the
//! statements equal the sum of the records, whatever fines and voids are entered.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::App;
use chrono::NaiveDate;
use cw_domain::FixedClock;
use cw_kernel::Output;
use proptest::prelude::*;
use serde_json::{json, Value};
use std::sync::Arc;

/// Items and their amounts in 分 in the default schedule.
const ITEMS: &[(&str, i64)] = &[
    ("A1", 500),
    ("A3", 500),
    ("B1", 500),
    ("B5", 1000),
    ("B9", 2000),
    ("C3", 2000),
    // S1/S2 come only from a higher inspection, never by hand.
    ("C2", 1000),
];

fn call(app: &App, name: &str, args: Value) -> Value {
    match app.call(name, args, "prop").unwrap() {
        Output::Json(v) => v,
        Output::File(_) => panic!("file"),
    }
}

fn fen(v: &Value) -> i64 {
    let s = v.as_str().unwrap();
    let neg = s.starts_with('-');
    let d = cw_domain::parse_money("f", s.trim_start_matches('-')).unwrap();
    let f = cw_domain::decimal_to_fen("f", d).unwrap();
    if neg {
        -f
    } else {
        f
    }
}

fn sum(list: &Value) -> i64 {
    list.as_array()
        .unwrap()
        .iter()
        .map(|t| fen(&t["amount"]))
        .sum()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn report_totals_equal_the_sum_of_the_records(
        entries in prop::collection::vec((0usize..3, 0usize..ITEMS.len(), 1i64..6, 1u32..29, any::<bool>()), 1..25)
    ) {
        let at = NaiveDate::from_ymd_opt(2026, 11, 29).unwrap().and_hms_opt(9, 0, 0).unwrap();
        let app = App::open_in_memory(Arc::new(FixedClock(at))).unwrap();
        let sup = call(&app, "staff.create", json!({ "name": "颜永华", "roles": ["监管人员"] }))["id"].clone();
        let mut staff = Vec::new();
        for (n, w) in [("王秀英", "1800"), ("李建国", "1650"), ("张伟", "2000")] {
            staff.push(call(&app, "staff.create", json!({ "name": n, "roles": ["保洁员"], "base_wage": w }))["id"].clone());
        }
        let z1 = call(&app, "zones.create", json!({ "name": "甲", "kind": "街道", "supervisor_id": sup, "cleaner_ids": [staff[0]] }))["id"].clone();
        let z2 = call(&app, "zones.create", json!({ "name": "乙", "kind": "街道", "cleaner_ids": [staff[1], staff[2]] }))["id"].clone();
        let mut expected = 0i64;
        for (who, item, count, day, void) in &entries {
            let (code, unit) = ITEMS[*item];
            let f = call(&app, "fines.create", json!({
                "staff_id": staff[*who], "item_code": code, "count": count,
                "date": format!("2026-11-{day:02}"), "zone_id": if *who == 0 { z1.clone() } else { z2.clone() },
                "recorded_by": sup }));
            if *void {
                call(&app, "fines.void", json!({ "id": f["id"], "reason": "测试作废" }));
            } else {
                expected += unit * count;
            }
        }
        let r = call(&app, "statements.report", json!({ "month": "2026-11" }));
        prop_assert_eq!(fen(&r["total"]), expected);
        for key in ["by_worker", "by_zone", "by_item", "by_category"] {
            prop_assert_eq!(sum(&r[key]), expected, "{}", key);
        }
        let statements = call(&app, "statements.month", json!({ "month": "2026-11" }));
        let deducted: i64 = statements.as_array().unwrap().iter().map(|s| fen(&s["fines_total"])).sum();
        prop_assert_eq!(deducted, expected);
        let nets: i64 = statements.as_array().unwrap().iter().map(|s| fen(&s["net_pay"])).sum();
        prop_assert_eq!(nets, 180_000 + 165_000 + 200_000 - expected);
        let listed = call(&app, "fines.list", json!({ "month": "2026-11", "status": "有效", "page_size": 500 }));
        prop_assert_eq!(fen(&listed["total_amount"]), expected);
        // Unfiltered, the footer still leaves the voided ones out.
        let all = call(&app, "fines.list", json!({ "month": "2026-11", "page_size": 500 }));
        prop_assert_eq!(fen(&all["total_amount"]), expected);
    }
}
