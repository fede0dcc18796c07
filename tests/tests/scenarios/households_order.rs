//! The households list sorted by zone (issue 8): read zone by zone for one page, it gives exactly
//! the pages of the plain "sort everything" query, both directions, with filters, and with
//! parties that have no zone.

use crate::common::TestApp;
use cw_core::registry::households::all_matching;
use cw_domain::registry::HouseholdQuery;
use serde_json::{json, Value};

/// The ids of every page of `args`, page after page, and the total the first page gave.
fn paged_ids(t: &TestApp, args: &Value) -> (Vec<i64>, i64) {
    let mut ids = Vec::new();
    let mut page = 1;
    let total = loop {
        let mut a = args.clone();
        a["page"] = json!(page);
        a["page_size"] = json!(37);
        let p = t.ok("households.list", a);
        let items = p["items"].as_array().unwrap();
        ids.extend(items.iter().map(|h| h["id"].as_i64().unwrap()));
        if items.is_empty() || ids.len() as i64 >= p["total"].as_i64().unwrap() {
            break p["total"].as_i64().unwrap();
        }
        page += 1;
    };
    (ids, total)
}

#[test]
fn households_sorted_by_zone_page_by_page_equal_the_plain_sorted_list() {
    let t = TestApp::new();
    t.ok("demo.generate", json!({}));
    // A few parties without a zone: they come last in either direction.
    for i in 0..5 {
        t.ok(
            "households.create",
            json!({ "kind": "住户", "name": format!("无片区{i}"), "contact": "", "phone": "",
                    "address": { "street": "黄山路", "number": (900 + i).to_string(), "building": "", "unit": "", "room": "" },
                    "zone_id": null, "group_no": 2, "fee_category": "", "tags": [], "note": "" }),
        );
    }
    let conn = rusqlite::Connection::open(t.db_path()).unwrap();
    let cases = [
        json!({ "sort": "zone" }),
        json!({ "sort": "zone", "desc": true }),
        json!({ "sort": "zone", "kind": "门店" }),
        json!({ "sort": "zone", "group_no": 2, "desc": true }),
        json!({ "sort": "zone", "q": "黄山路" }),
    ];
    for args in cases {
        let (paged, total) = paged_ids(&t, &args);
        let q: HouseholdQuery = serde_json::from_value(args.clone()).unwrap();
        let plain: Vec<i64> = all_matching(&conn, &q)
            .unwrap()
            .into_iter()
            .map(|h| h.id)
            .collect();
        assert!(plain.len() > 37, "{args}: more than one page to compare");
        assert_eq!(total, plain.len() as i64, "{args}");
        assert_eq!(paged, plain, "{args}");
    }
}
