//! Scenarios of the home screen's and the pledge screens' fast paths (issue 8): the counts that
//! migration 0012 keeps per bucket equal a recount after every kind of change, and every figure
//! drawn from them equals the straightforward computation over every party, pledge and fine.

use crate::common::TestApp;
use cw_core::campaign::figures::months_between;
use cw_core::campaign::fine_chart::{fine_chart, fine_chart_by_report};
use cw_core::domain::FixedClock;
use cw_core::pledges::rates::{compute_many, compute_many_by_party};
use cw_core::pledges::records::{all_matching, PledgeQuery};
use cw_core::pledges::Scope;
use cw_core::Ctx;
use serde_json::{json, Value};

/// The demo community, then changes of every kind the counts must follow: a refusal, a void, a
/// refusal signed later, a party moved to another group and zone, one moved out, a new party.
fn changed_demo() -> TestApp {
    let t = TestApp::new();
    t.ok("demo.generate", json!({}));
    let printed = t.ok(
        "pledges.list",
        json!({ "status": "已打印", "page_size": 2 }),
    )["items"]
        .clone();
    let rows = t.ok(
        "pledges.list",
        json!({ "status": "已签订", "page_size": 10 }),
    )["items"]
        .clone();
    let party = |i: usize| rows[i]["party_id"].as_i64().unwrap();
    let waiting = |i: usize| printed[i]["party_id"].as_i64().unwrap();
    t.ok(
        "pledges.record",
        json!({ "party_id": waiting(0), "status": "拒签", "reason": "不同意" }),
    );
    t.ok(
        "pledges.record",
        json!({ "party_id": party(1), "status": "作废", "reason": "填错" }),
    );
    t.ok(
        "pledges.record",
        json!({ "party_id": waiting(1), "status": "拒签", "reason": "再说" }),
    );
    t.ok(
        "pledges.record",
        json!({ "party_id": waiting(1), "status": "已签订", "on_date": "2026-11-20" }),
    );
    // Moved to another group and zone, with its pledge.
    let zones = t.ok("zones.list", json!({}));
    let h = t.ok("households.get", json!({ "id": party(3) }));
    let other_zone = zones
        .as_array()
        .unwrap()
        .iter()
        .map(|z| z["id"].as_i64().unwrap())
        .find(|z| Some(*z) != h["zone_id"].as_i64())
        .unwrap();
    let group = if h["group_no"] == 4 { 1 } else { 4 };
    t.ok(
        "households.update",
        json!({ "id": party(3), "input": {
            "kind": h["kind"], "name": h["name"], "contact": h["contact"], "phone": h["phone"],
            "address": h["address"], "zone_id": other_zone, "group_no": group,
            "fee_category": h["fee_category"], "tags": h["tags"], "note": "搬家"
        } }),
    );
    let gone = if rows[4]["kind"] == "住户" {
        "已迁出"
    } else {
        "已关闭"
    };
    t.ok(
        "households.set_status",
        json!({ "id": party(4), "status": gone }),
    );
    t.ok(
        "households.create",
        json!({ "kind": "门店", "name": "新开小店", "contact": "张三", "phone": "13800000000",
                "address": { "street": "黄山路", "number": "999", "building": "", "unit": "", "room": "" }, "zone_id": other_zone,
                "group_no": 2, "fee_category": "门店", "tags": [], "note": "" }),
    );
    t
}

/// Each bucket table next to the same sums counted from the rows (both sorted, empty buckets
/// left out).
fn recounts(conn: &rusqlite::Connection) -> Vec<(Vec<String>, Vec<String>)> {
    let pairs = [
        (
            "SELECT status, group_no, zone_id, street, fee_category, kind, tags, n FROM party_counts WHERE n <> 0",
            "SELECT status, ifnull(group_no, 0), ifnull(zone_id, 0), street, fee_category, kind, tags, count(*)
             FROM parties GROUP BY 1, 2, 3, 4, 5, 6, 7",
        ),
        (
            "SELECT year, party_status, group_no, zone_id, street, kind, status, signed_on, n FROM pledge_counts WHERE n <> 0",
            "SELECT g.year, p.status, ifnull(p.group_no, 0), ifnull(p.zone_id, 0), p.street, p.kind, g.status,
               CASE WHEN g.status = '已签订' THEN ifnull(g.signed_on, '') ELSE '' END, count(*)
             FROM pledges g JOIN parties p ON p.id = g.party_id WHERE g.status <> '作废' GROUP BY 1, 2, 3, 4, 5, 6, 7, 8",
        ),
        (
            "SELECT month, category, zone_id, lines, amount_fen FROM fine_month_totals WHERE lines <> 0",
            "SELECT month, category, zone_id, sum(lines), sum(amount_fen) FROM (
               SELECT f.month, f.category, ifnull(f.zone_id, 0) AS zone_id, 1 AS lines, f.amount_fen FROM fines f
               WHERE f.kind <> '奖励'
                 AND NOT EXISTS (SELECT 1 FROM fine_corrections c WHERE c.fine_id = f.id AND c.kind = '作废')
               UNION ALL
               SELECT c.month, f.category, ifnull(f.zone_id, 0), 1, -c.amount_fen
               FROM fine_corrections c JOIN fines f ON f.id = c.fine_id WHERE c.kind = '冲销' AND f.kind <> '奖励'
             ) GROUP BY 1, 2, 3",
        ),
    ];
    let rows = |sql: &str| -> Vec<String> {
        let mut stmt = conn.prepare(sql).unwrap();
        let n = stmt.column_count();
        let mut out: Vec<String> = stmt
            .query_map([], |r| {
                Ok((0..n)
                    .map(|i| format!("{:?}", r.get::<_, rusqlite::types::Value>(i).unwrap()))
                    .collect::<Vec<_>>()
                    .join("|"))
            })
            .unwrap()
            .map(Result::unwrap)
            .collect();
        out.sort();
        out
    };
    pairs
        .iter()
        .map(|(kept, counted)| (rows(kept), rows(counted)))
        .collect()
}

/// A fine of this month voided, and one of October (closed) reversed in November.
fn void_and_reverse(t: &TestApp) {
    let fine_of = |month: &str| {
        t.ok("fines.list", json!({ "month": month, "page_size": 100 }))["page"]["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["kind"] == "罚款")
            .unwrap_or_else(|| panic!("the demo has a fine in {month}"))
            .clone()
    };
    let nov = fine_of("2026-11");
    t.ok("fines.void", json!({ "id": nov["id"], "reason": "录错" }));
    let oct = fine_of("2026-10");
    // October may be closed already; closing it again is refused, and either way it is closed.
    let _ = t
        .app
        .call("months.close", json!({ "month": "2026-10" }), "tester");
    t.ok(
        "fines.reverse",
        json!({ "id": oct["id"], "reason": "复核不属实", "date": "2026-11-03" }),
    );
}

#[test]
fn the_kept_counts_equal_a_recount_after_signing_voiding_moving_and_fining() {
    let t = changed_demo();
    void_and_reverse(&t);
    let conn = rusqlite::Connection::open(t.db_path()).unwrap();
    for (kept, counted) in recounts(&conn) {
        assert!(!kept.is_empty());
        assert_eq!(kept, counted);
    }
}

/// The signing rates for these days from the kept counts and from every party.
fn rates_both(t: &TestApp, days: &[Option<chrono::NaiveDate>], scope: &Scope) {
    let conn = rusqlite::Connection::open(t.db_path()).unwrap();
    let fast = compute_many(&conn, 2026, days, scope).unwrap();
    let slow = compute_many_by_party(&conn, 2026, days, scope).unwrap();
    assert_eq!(fast, slow, "{scope:?} {days:?}");
    assert!(fast.iter().all(|r| r.overall.due > 0), "{scope:?}");
}

#[test]
fn the_signing_rates_from_the_kept_counts_equal_reading_every_party() {
    let t = changed_demo();
    let zone = t.ok("zones.list", json!({}))[0]["id"].as_i64().unwrap();
    let d = |s: &str| Some(s.parse::<chrono::NaiveDate>().unwrap());
    let days = [
        None,
        d("2026-03-01"),
        d("2026-07-15"),
        d("2026-11-19"),
        d("2026-11-20"),
        d("2026-11-29"),
    ];
    let scopes = [
        Scope::default(),
        Scope {
            group_no: Some(2),
            ..Default::default()
        },
        Scope {
            zone_id: Some(zone),
            ..Default::default()
        },
        Scope {
            street: Some("黄山路".into()),
            ..Default::default()
        },
        Scope {
            group_no: Some(4),
            zone_id: Some(zone),
            street: None,
        },
    ];
    for scope in &scopes {
        rates_both(&t, &days, scope);
        for day in &days {
            rates_both(&t, &[*day], scope);
        }
    }
    // The command gives the same as the straightforward pass, refusals and voids included.
    let r = t.ok("pledges.rates", json!({}));
    assert!(r["overall"]["refused"].as_i64().unwrap() >= 1);
    assert!(r["voided"].as_i64().unwrap() >= 1);
    assert!(r["overall"]["inactive"].as_i64().unwrap() >= 1);
}

/// Every page of the list for `args`, concatenated.
fn every_page(t: &TestApp, args: &Value) -> (i64, Vec<Value>) {
    let mut rows = Vec::new();
    let mut total = 0;
    for page in 1.. {
        let mut a = args.clone();
        a["page"] = json!(page);
        a["page_size"] = json!(7);
        let p = t.ok("pledges.list", a);
        total = p["total"].as_i64().unwrap();
        let items = p["items"].as_array().unwrap().clone();
        if items.is_empty() {
            break;
        }
        rows.extend(items);
    }
    (total, rows)
}

#[test]
fn the_pledge_list_totals_and_pages_equal_every_matching_row() {
    let t = changed_demo();
    let zone = t.ok("zones.list", json!({}))[0]["id"].as_i64().unwrap();
    let conn = rusqlite::Connection::open(t.db_path()).unwrap();
    let mut seen = 0;
    for scope in [
        json!({}),
        json!({ "group_no": 3 }),
        json!({ "zone_id": zone }),
        json!({ "street": "黄山路" }),
        json!({ "kind": "门店" }),
        json!({ "include_inactive": true }),
        json!({ "group_no": 1, "kind": "住户", "include_inactive": true }),
    ] {
        for status in [
            None,
            Some("未打印"),
            Some("已打印"),
            Some("已签订"),
            Some("拒签"),
            Some("作废"),
        ] {
            for q in ["", "wang", "00", "黄"] {
                let mut args = scope.clone();
                if let Some(s) = status {
                    args["status"] = json!(s);
                }
                args["q"] = json!(q);
                let (total, rows) = every_page(&t, &args);
                let query: PledgeQuery = serde_json::from_value(args.clone()).unwrap();
                let all = all_matching(&conn, 2026, &query).unwrap();
                assert_eq!(total as usize, all.len(), "{args}");
                let all = serde_json::to_value(&all).unwrap();
                assert_eq!(&Value::from(rows), &all, "{args}");
                seen += total;
            }
        }
    }
    assert!(seen > 1000, "the cases found rows: {seen}");
}

#[test]
fn a_search_finds_a_party_by_pledge_number_name_initials_and_phone() {
    let t = changed_demo();
    let first = t.ok("pledges.list", json!({ "status": "已签订" }))["items"][0].clone();
    let number = first["number"].as_str().unwrap().to_string();
    let found = t.ok(
        "pledges.list",
        json!({ "q": number.to_lowercase(), "status": "已签订" }),
    );
    assert_eq!(found["total"], 1, "{number}");
    assert_eq!(found["items"][0]["party_id"], first["party_id"]);
    let phone = first["phone"].as_str().unwrap();
    let by_phone = t.ok("pledges.list", json!({ "q": phone }));
    assert!(by_phone["items"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["party_id"] == first["party_id"]));
    let shop = t.ok("pledges.list", json!({ "q": "xkxd" }));
    assert_eq!(shop["total"], 1);
    assert_eq!(shop["items"][0]["name"], "新开小店");
}

#[test]
fn the_fine_chart_from_the_kept_totals_equals_each_months_fine_report() {
    let t = changed_demo();
    void_and_reverse(&t);
    let conn = rusqlite::Connection::open(t.db_path()).unwrap();
    let clock = crate::common::clock();
    let ctx = Ctx::new(&conn, clock.as_ref() as &FixedClock, "tester", "test");
    let d = |s: &str| s.parse::<chrono::NaiveDate>().unwrap();
    let mut lines = 0;
    for (from, to) in [
        ("2026-03-01", "2026-11-29"),
        ("2026-11-01", "2026-11-29"),
        ("2025-12-01", "2026-02-01"),
        ("2020-01-01", "2020-03-01"),
    ] {
        let months = months_between(d(from), d(to));
        let fast = fine_chart(&conn, &months).unwrap();
        let slow = fine_chart_by_report(&ctx, &months).unwrap();
        assert_eq!(fast, slow, "{from}–{to}");
        lines += fast.months.iter().map(|m| m.count).sum::<i64>();
    }
    assert!(lines > 0, "the demo has fines in these months");
    // The dashboard shows the same chart.
    let p = t.ok("campaign.progress", json!({}));
    let months: Vec<String> = p["fines_by_month"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["month"].as_str().unwrap().to_string())
        .collect();
    let slow = fine_chart_by_report(&ctx, &months).unwrap();
    assert_eq!(
        p["fines_by_month"],
        serde_json::to_value(&slow.months).unwrap()
    );
    assert_eq!(p["fine_categories"], json!(slow.categories));
    assert_eq!(
        p["top_zones"],
        serde_json::to_value(&slow.top_zones).unwrap()
    );
}

#[test]
fn the_collection_trend_counted_once_equals_the_rate_as_of_each_day() {
    let t = changed_demo();
    let conn = rusqlite::Connection::open(t.db_path()).unwrap();
    let clock = crate::common::clock();
    let ctx = Ctx::new(&conn, clock.as_ref() as &FixedClock, "tester", "test");
    let days: Vec<chrono::NaiveDate> = ["2026-08-31", "2026-09-07", "2026-10-15", "2026-11-29"]
        .iter()
        .map(|d| d.parse().unwrap())
        .collect();
    for args in [
        json!({ "by": "group" }),
        json!({ "by": "zone", "group_no": 2 }),
        json!({ "by": "street", "period_from": "2026-01", "period_to": "2026-12" }),
    ] {
        let a: cw_core::fees::rates::RateArgs = serde_json::from_value(args.clone()).unwrap();
        let many = cw_core::fees::rates::rate_as_of_days(&ctx, a, &days).unwrap();
        assert_eq!(many.len(), days.len());
        let mut paid = 0;
        for (r, day) in many.iter().zip(&days) {
            let mut one = args.clone();
            one["as_of"] = json!(day);
            let a: cw_core::fees::rates::RateArgs = serde_json::from_value(one).unwrap();
            let single = cw_core::fees::rates::rate(&ctx, a.clone()).unwrap();
            assert_eq!(
                serde_json::to_value(r).unwrap(),
                serde_json::to_value(&single).unwrap(),
                "{args} {day}"
            );
            let slow = cw_core::fees::rates::rate_by_party(&conn, &a).unwrap();
            assert_eq!(
                serde_json::to_value(r).unwrap(),
                serde_json::to_value(&slow).unwrap(),
                "{args} {day}"
            );
            paid += r.total.paid;
        }
        assert!(paid > 0, "{args}: the demo season has payers");
    }
}
