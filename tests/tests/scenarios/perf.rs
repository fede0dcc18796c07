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

/// The SQL statements SQLite ran on the traced connection, parameters filled in.
static TRACED: std::sync::Mutex<Vec<String>> = std::sync::Mutex::new(Vec::new());

/// Held by each test that traces, so two of them running at once do not mix their statements.
static TRACING: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn trace(e: rusqlite::trace::TraceEvent<'_>) {
    if let rusqlite::trace::TraceEvent::Stmt(stmt, _) = e {
        let sql = stmt
            .expanded_sql()
            .unwrap_or_else(|| stmt.sql().to_string());
        TRACED.lock().unwrap().push(sql);
    }
}

/// The tables that grow with the community (DESIGN §6): a main screen must never read one whole.
const BIG: &[&str] = &[
    "parties",
    "receipts",
    "fines",
    "pledges",
    "audit_log",
    "inspections",
];

/// The names (table or alias) under which `sql` reads a big table.
fn big_names(sql: &str) -> Vec<String> {
    let words: Vec<&str> = sql
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
        .collect();
    let mut names = Vec::new();
    for (i, w) in words.iter().enumerate() {
        if BIG.contains(w) {
            names.push(w.to_string());
            let next = words.get(i + 1).copied().unwrap_or("");
            let alias = if next.eq_ignore_ascii_case("as") {
                words.get(i + 2).copied().unwrap_or("")
            } else {
                next
            };
            if !alias.is_empty() && alias.len() <= 3 {
                names.push(alias.to_string());
            }
        }
    }
    names
}

#[test]
fn no_main_list_screen_reads_a_whole_big_table() {
    let _one_at_a_time = TRACING.lock().unwrap_or_else(|p| p.into_inner());
    let t = TestApp::new();
    t.ok("demo.generate", json!({ "scale": "0.01" }));
    let zone = t.ok("zones.list", json!({}))[0]["id"].as_i64().unwrap();
    let mut conn = rusqlite::Connection::open(t.db_path()).unwrap();
    conn.trace_v2(
        rusqlite::trace::TraceEventCodes::SQLITE_TRACE_STMT,
        Some(trace),
    )
    .unwrap();
    let clock = crate::common::clock();
    // Each main screen with the filters the clerk uses; the same arguments as the UI sends.
    // A search of one or two characters has no trigram and still reads every party (BENCHMARKS.md).
    let screens = [
        ("households.list", json!({})),
        ("households.list", json!({ "page": 3 })),
        ("households.list", json!({ "zone_id": zone })),
        (
            "households.list",
            json!({ "group_no": 2, "kind": "门店", "sort": "name" }),
        ),
        ("households.list", json!({ "sort": "zone", "desc": true })),
        ("households.list", json!({ "q": "wangwei" })),
        ("households.list", json!({ "q": "王伟超" })),
        ("households.list", json!({ "q": "1381" })),
        ("households.list", json!({ "tag": "低保" })),
        ("fines.list", json!({ "month": "2026-10" })),
        ("fines.list", json!({ "zone_id": zone, "item_code": "B1" })),
        // Not `fines.list {}`: the screen opens on this month; with the month cleared its count
        // and total are of every fine of five years, which BENCHMARKS.md times and explains.
        ("fines.list", json!({ "staff_id": 20, "month": "2026-10" })),
        ("inspections.list", json!({ "month": "2026-10" })),
        ("fees.batches.list", json!({})),
        ("fees.batches.list", json!({ "open_only": true })),
        ("fees.receipts.list", json!({ "party_id": 12 })),
        ("fees.receipts.list", json!({ "batch_id": 3 })),
        ("fees.books.list", json!({})),
        ("fees.books.list", json!({ "status": "在用" })),
        (
            "fees.books.list",
            json!({ "holder_id": 5, "status": "已用完" }),
        ),
        // The shape of the issue path's search for the collector's book (holder, serials left).
        (
            "fees.books.list",
            json!({ "holder_id": 5, "status": "在用" }),
        ),
        // A report over every active party, but counted through an index (migration 0009).
        ("fees.rate", json!({ "by": "group" })),
        ("fees.rate", json!({ "by": "zone", "group_no": 1 })),
        ("fees.arrears", json!({ "group_no": 1 })),
        ("pledges.list", json!({})),
        ("pledges.list", json!({ "status": "已打印", "group_no": 3 })),
        ("pledges.list", json!({ "q": "wangwei" })),
        ("pledges.list", json!({ "q": "00012" })),
        // A rare status starts from its pledges; totals and rates come from the kept counts (0012).
        ("pledges.list", json!({ "status": "拒签" })),
        (
            "pledges.list",
            json!({ "status": "未打印", "zone_id": zone }),
        ),
        ("pledges.rates", json!({})),
        (
            "pledges.rates",
            json!({ "group_no": 2, "as_of": "2026-07-20" }),
        ),
        ("campaign.progress", json!({})),
        ("staff.list", json!({})),
        ("zones.list", json!({})),
    ];
    let mut scans = Vec::new();
    for (name, args) in screens {
        TRACED.lock().unwrap().clear();
        cw_core::query_plans::run_read(&conn, clock.as_ref(), name, args.clone()).unwrap();
        let statements: Vec<String> = TRACED.lock().unwrap().drain(..).collect();
        assert!(
            !statements.is_empty(),
            "{name} ran no SQL that the trace saw"
        );
        for sql in statements {
            let head = sql.trim_start().to_uppercase();
            if !(head.starts_with("SELECT") || head.starts_with("WITH")) {
                continue;
            }
            let names = big_names(&sql);
            let mut stmt = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
            let details: Vec<String> = stmt
                .query_map([], |r| r.get::<_, String>(3))
                .unwrap()
                .map(Result::unwrap)
                .collect();
            for d in details {
                let mut w = d.split_whitespace();
                if let (Some("SCAN"), Some(target)) = (w.next(), w.next()) {
                    // "SCAN p USING INDEX …" walks an index in order (a page of the walking
                    // order); a bare "SCAN p" reads every row of the table.
                    if names.iter().any(|n| n == target) && !d.contains("USING") {
                        scans.push(format!("{name} {args}: {d}\n    {sql}"));
                    }
                }
            }
        }
    }
    assert!(
        scans.is_empty(),
        "full scans of big tables:\n{}",
        scans.join("\n")
    );
}

/// The query plans of the SQL that `name` runs with `args` on a small community.
fn plans_of(name: &str, args: serde_json::Value) -> Vec<(String, Vec<String>)> {
    let _one_at_a_time = TRACING.lock().unwrap_or_else(|p| p.into_inner());
    let t = TestApp::new();
    t.ok("demo.generate", json!({ "scale": "0.01" }));
    let mut conn = rusqlite::Connection::open(t.db_path()).unwrap();
    conn.trace_v2(
        rusqlite::trace::TraceEventCodes::SQLITE_TRACE_STMT,
        Some(trace),
    )
    .unwrap();
    let clock = crate::common::clock();
    TRACED.lock().unwrap().clear();
    cw_core::query_plans::run_read(&conn, clock.as_ref(), name, args).unwrap();
    let statements: Vec<String> = TRACED.lock().unwrap().drain(..).collect();
    statements
        .into_iter()
        .filter(|sql| sql.trim_start().to_uppercase().starts_with("SELECT"))
        .map(|sql| {
            let mut stmt = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
            let details = stmt
                .query_map([], |r| r.get::<_, String>(3))
                .unwrap()
                .map(Result::unwrap)
                .collect();
            (sql, details)
        })
        .collect()
}

#[test]
fn a_page_of_a_common_pledge_status_walks_the_groups_index_in_walking_order_without_sorting() {
    let plans = plans_of("pledges.list", json!({ "status": "已打印", "group_no": 3 }));
    let page: Vec<&(String, Vec<String>)> = plans
        .iter()
        .filter(|(sql, _)| sql.contains("ORDER BY p.address_sort"))
        .collect();
    assert_eq!(page.len(), 1, "{plans:?}");
    let details = page[0].1.join("\n");
    assert!(details.contains("parties_by_group"), "{details}");
    assert!(!details.contains("TEMP B-TREE"), "{details}");
    // The total is read from the kept counts, not from the parties.
    assert!(
        plans.iter().any(|(sql, _)| sql.contains("pledge_counts")),
        "{plans:?}"
    );
    assert!(
        !plans
            .iter()
            .any(|(sql, _)| sql.contains("count(*)") && sql.contains("parties")),
        "{plans:?}"
    );
}

#[test]
fn a_search_of_the_pledge_list_starts_from_the_trigram_index() {
    let plans = plans_of("pledges.list", json!({ "q": "wangwei", "group_no": 2 }));
    assert!(!plans.is_empty());
    for (sql, details) in &plans {
        for d in details
            .iter()
            .filter(|d| d.starts_with("SEARCH p ") || d.starts_with("SCAN p ") || *d == "SCAN p")
        {
            assert!(
                d.contains("INTEGER PRIMARY KEY"),
                "the parties are reached by rowid from the search: {d}\n{sql}"
            );
        }
    }
}
