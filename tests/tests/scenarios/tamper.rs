//! The damage-and-tamper corpus (issue 14): a community with every kind of money record, then
//! each change made to its file outside the app — rows altered, put in or deleted in every sealed
//! table, kept counts and the search index changed, the trail's end cut off, an old `-wal` put
//! back, pages flipped — must be found by `check`, named in Chinese.

use crate::common::{clock, TestApp};
use crate::fees::{id, Fees};
use cw_core::App;
use cw_store::rusqlite::Connection;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

/// A closed community file with a row in every sealed table: fines (one in a closed month, one
/// voided), an inspection and its correction, receipts (one voided), a lost serial, a closed batch
/// with a shortage, an adjustment and its remittance, a repayment, an exemption and its
/// revocation, a month close.
fn community() -> (tempfile::TempDir, PathBuf) {
    let f = Fees::new();
    let fx = crate::assessment::community(&f.t);
    let mut fines = Vec::new();
    for (date, code) in [
        ("2026-10-12", "B1"),
        ("2026-11-20", "B2"),
        ("2026-11-21", "B1"),
    ] {
        fines.push(id(&f.t.ok(
            "fines.create",
            json!({ "staff_id": fx.a, "item_code": code, "date": date, "time": "09:10",
                    "count": 1, "observed": "路面有烟头", "recorded_by": fx.sup }),
        )));
    }
    f.t.ok(
        "fines.void",
        json!({ "id": fines[2], "reason": "录错人员" }),
    );
    let insp = f.t.ok(
        "inspections.create",
        json!({ "kind": "上级督查", "date": "2026-11-16", "inspector": "镇督查组", "zone_id": fx.zone,
                "result": "不达标", "recorded_by": fx.cadre }),
    );
    f.t.ok(
        "inspections.correct",
        json!({ "id": insp["id"], "result": "达标", "reason": "督查组更正" }),
    );
    f.t.ok(
        "attendance.set",
        json!({ "month": "2026-11", "entries": [
            { "staff_id": fx.a, "day": 2, "mark": "出勤" },
            { "staff_id": fx.a, "day": 3, "mark": "请假" },
        ] }),
    );
    f.t.ok(
        "pay_rules.add",
        json!({ "from_month": "2026-11", "wage_basis": "26天", "leave_paid": false, "notice_days": 3 }),
    );
    let cart = f.t.ok(
        "tools.issue",
        json!({ "staff_id": fx.a, "kind": "板车", "price": "380", "issued_on": "2026-10-08" }),
    );
    f.t.ok(
        "tools.lose",
        json!({ "id": cart["id"], "date": "2026-11-12", "recorded_by": fx.sup }),
    );
    f.t.ok(
        "fines.create",
        json!({ "staff_id": fx.sup, "item_code": "B1", "date": "2026-11-14", "time": "09:10",
                "count": 1, "observed": "责任区内有垃圾", "recorded_by": fx.cadre }),
    );
    let paid = f.t.ok(
        "fine_notices.pay",
        json!({ "staff_id": fx.sup, "month": "2026-11", "amount": "5", "receiver": "刘会计" }),
    );
    f.t.ok(
        "fine_notices.void_payment",
        json!({ "id": paid["id"], "reason": "录重了" }),
    );
    let back = f.t.ok(
        "staff.create",
        json!({ "name": "赵六", "roles": ["保洁员"], "base_wage": "1600", "hire_date": "2026-08-01" }),
    );
    f.t.ok(
        "staff.deactivate",
        json!({ "id": back["id"], "kind": "辞退", "leave_date": "2026-09-30" }),
    );
    f.t.ok(
        "staff.reactivate",
        json!({ "id": back["id"], "hire_date": "2026-10-08" }),
    );
    f.t.ok("months.close", json!({ "month": "2026-10" }));
    let exemption = f.t.ok(
        "fees.exemptions.create",
        json!({ "year": 2026, "tag": "低保", "approval": "镇民政办 石民〔2026〕12号", "approved_on": "2026-08-25" }),
    );
    f.t.ok(
        "fees.exemptions.revoke",
        json!({ "id": id(&exemption), "reason": "已不再享受低保" }),
    );
    let book = id(&f.book("A01", 1, 50));
    let b = f.batch();
    let first = f.issue(b, 0, json!({})).unwrap();
    f.issue(b, 1, json!({})).unwrap();
    let voided = f.issue(b, 3, json!({ "period_to": "2026-09" })).unwrap();
    f.t.ok(
        "fees.receipts.void",
        json!({ "id": id(&voided), "reason": "写错了户名" }),
    );
    f.t.ok(
        "fees.books.mark",
        json!({ "book_id": book, "serial": 10, "kind": "遗失", "reason": "入户途中遗失", "compensation": "2.50" }),
    );
    f.t.ok(
        "fees.batches.close",
        json!({ "batch_id": b, "counted": "35", "confirm_charge": true }),
    );
    f.t.ok(
        "fees.batches.adjust",
        json!({ "batch_id": b, "kind": "退款", "receipt_id": id(&first), "reason": "重复收取" }),
    );
    f.t.ok(
        "fees.repayments.create",
        json!({ "staff_id": f.collector, "amount": "2.50", "slip_no": "SK-001", "received_on": "2026-11-29",
                "receiver": "刘会计" }),
    );
    f.t.ok(
        "fees.batches.remit",
        json!({ "batch_id": b, "receiver": "经管站 刘会计" }),
    );
    let db = f.t.db_path();
    let TestApp { app, dir } = f.t;
    drop(app);
    (dir, db)
}

/// The live file's full check, as `chuangwei check` and the 备份 page run it.
fn check(db: &Path) -> Value {
    let app = App::open(db, clock()).unwrap();
    let out = app.call_json("check.run", Value::Null, "tester").unwrap();
    app.wait_for_backups();
    out
}

fn problems(result: &Value) -> String {
    result["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap().to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Opens the file as a tool outside the app would, with the append-only guards dropped first
/// (as anyone able to edit the file can).
fn outside(db: &Path) -> Connection {
    let conn = Connection::open(db).unwrap();
    conn.execute_batch("PRAGMA foreign_keys = OFF").unwrap();
    let guards: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND sql LIKE '%RAISE(ABORT%'",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    for g in guards {
        conn.execute_batch(&format!("DROP TRIGGER \"{g}\""))
            .unwrap();
    }
    conn
}

fn tampered(kind: &str, tamper: impl FnOnce(&Path), expect: &[&str]) {
    let (_dir, db) = community();
    assert!(check(&db)["ok"].as_bool().unwrap(), "{kind}: sound before");
    tamper(&db);
    let result = check(&db);
    let text = problems(&result);
    assert_eq!(result["ok"], false, "{kind}: passed the check");
    for e in expect {
        assert!(text.contains(e), "{kind}: expected 「{e}」 in\n{text}");
    }
}

fn sql(db: &Path, sql: &str) {
    let conn = outside(db);
    conn.execute_batch(sql).unwrap();
}

#[test]
fn money_rows_changed_outside_the_app_are_each_found_and_named() {
    let cases: &[(&str, &str, &[&str])] = &[
        (
            "a fine put in with no audit row, into the closed month",
            "CREATE TEMP TABLE x AS SELECT * FROM fines WHERE month = '2026-10';
             UPDATE x SET id = (SELECT max(id) + 1 FROM fines);
             INSERT INTO fines SELECT * FROM x;",
            &["罚款记录", "没有对应的审计记录"],
        ),
        (
            "a receipt put in with no audit row",
            "CREATE TEMP TABLE x AS SELECT * FROM receipts WHERE id = (SELECT min(id) FROM receipts);
             UPDATE x SET id = (SELECT max(id) + 1 FROM receipts), serial = 40;
             INSERT INTO receipts SELECT * FROM x;",
            &["收据第", "没有对应的审计记录"],
        ),
        (
            "a receipt voided by a void row put in",
            "INSERT INTO receipt_voids (receipt_id, reason, at, by)
             SELECT min(id), '作废', '2026-11-29 10:00:00', 'x' FROM receipts
             WHERE id NOT IN (SELECT receipt_id FROM receipt_voids);",
            &["收据作废记录", "没有对应的审计记录"],
        ),
        (
            "a remittance cut by 10 元",
            "UPDATE remittances SET amount_fen = amount_fen - 1000;",
            &["上解记录", "被改动过"],
        ),
        (
            "a closing's counted cash and shortage changed",
            "UPDATE batch_closings SET counted_fen = expected_fen, shortage_fen = 0;",
            &["批次结账", "被改动过"],
        ),
        (
            "every compensation deleted",
            "DELETE FROM collector_compensations;",
            &["收费员赔补", "被删除了"],
        ),
        (
            "a fee standard set to 1 分",
            "UPDATE fee_standards SET monthly_fen = 1;",
            &["收费标准", "被改动过"],
        ),
        (
            "a month close deleted",
            "DELETE FROM month_closes;",
            &["月份结账", "被删除了"],
        ),
        (
            "a wage changed",
            "UPDATE staff SET base_wage_fen = base_wage_fen + 10000 WHERE base_wage_fen IS NOT NULL;",
            &["人员（含工资）", "被改动过"],
        ),
        (
            "a household's fee category changed",
            "UPDATE parties SET fee_category = '门店' WHERE kind = '住户';",
            &["住户/门店（含收费类别）", "被改动过"],
        ),
        (
            "the book-state totals changed",
            "UPDATE receipt_book_state SET total_fen = total_fen + 10000;",
            &["收据本的用量与金额", "重新计算"],
        ),
        (
            "the home screen's household counts changed",
            "UPDATE party_counts SET n = n + 5;",
            &["首页的住户/门店计数"],
        ),
        (
            "the monthly fine totals changed",
            "UPDATE fine_month_totals SET amount_fen = 0;",
            &["每月罚款合计"],
        ),
        (
            "the last audit row deleted",
            "DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log);",
            &["比本程序上次保存时旧", "只到第"],
        ),
        (
            "the last fine deleted with its audit rows",
            "DELETE FROM audit_log WHERE id >= (SELECT min(id) FROM audit_log
                 WHERE entity = 'fines' AND entity_id = (SELECT max(id) FROM fines));
             DELETE FROM fines WHERE id = (SELECT max(id) FROM fines);",
            &["比本程序上次保存时旧"],
        ),
    ];
    for (kind, statements, expect) in cases {
        tampered(kind, |db| sql(db, statements), expect);
    }
}

/// The columns of `table` that can be changed without breaking its own constraints.
fn mutations(conn: &Connection, table: &str) -> Vec<String> {
    let cols: Vec<(String, String, bool)> = conn
        .prepare(&format!(
            "SELECT name, type, pk FROM pragma_table_info('{table}')"
        ))
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get::<_, i64>(2)? > 0)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    cols.into_iter()
        .filter(|(_, _, pk)| !pk)
        .map(|(name, ty, _)| {
            if ty.eq_ignore_ascii_case("INTEGER") {
                format!("{name} = {name} + 1")
            } else {
                format!("{name} = {name} || ' '")
            }
        })
        .collect()
}

#[test]
fn every_sealed_table_altered_added_to_or_deleted_from_outside_the_app_is_found() {
    let (_dir, db) = community();
    let template = std::fs::read(&db).unwrap();
    let tail = std::fs::read(cw_store::tail::path(&db)).unwrap();
    let mut covered = 0;
    for s in cw_store::seals::SEALED {
        let reset = || {
            std::fs::write(&db, &template).unwrap();
            std::fs::write(cw_store::tail::path(&db), &tail).unwrap();
        };
        reset();
        let conn = outside(&db);
        let rows: i64 = conn
            .query_row(&format!("SELECT count(*) FROM {}", s.table), [], |r| {
                r.get(0)
            })
            .unwrap();
        assert!(
            rows > 0,
            "the community has no {} row to tamper with",
            s.table
        );
        // Altered: the first change the table's own constraints let through.
        let mut sets = mutations(&conn, s.table);
        // A table of keys only (a batch's collectors, a zone's cleaners): change the other key.
        sets.push(format!("{} = {} + 1000", s.order, s.order));
        let (k, t) = (s.key, s.table);
        let altered = sets.into_iter().any(|set| {
            conn.execute_batch(&format!(
                "UPDATE {t} SET {set} WHERE {k} = (SELECT min({k}) FROM {t})"
            ))
            .is_ok()
        });
        drop(conn);
        assert!(altered, "no column of {} could be changed", s.table);
        let text = problems(&check(&db));
        assert!(
            text.contains(s.label) && text.contains("被改动过"),
            "{} altered: {text}",
            s.table
        );
        // Deleted.
        reset();
        sql(
            &db,
            &format!(
                "PRAGMA foreign_keys = OFF; DELETE FROM {t} WHERE {k} = (SELECT max({k}) FROM {t});"
            ),
        );
        let text = problems(&check(&db));
        assert!(
            text.contains(s.label) && (text.contains("被删除了") || text.contains("被改动过")),
            "{} deleted: {text}",
            s.table
        );
        covered += 1;
    }
    assert_eq!(covered, cw_store::seals::SEALED.len());
}

fn wal(db: &Path) -> PathBuf {
    PathBuf::from(format!("{}-wal", db.display()))
}

/// `before` fines recorded on an open app, the -wal copied out as it stood then, and `after`
/// more fines recorded.
fn with_old_wal(before: usize, after: usize) -> (tempfile::TempDir, PathBuf, Vec<u8>) {
    let (dir, db) = community();
    let app = App::open(&db, clock()).unwrap();
    let staff = app.call_json("staff.list", json!({}), "tester").unwrap();
    let cleaner = staff["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == "王秀英")
        .map(|s| s["id"].as_i64().unwrap())
        .unwrap();
    let sup = staff["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == "颜永华")
        .map(|s| s["id"].as_i64().unwrap())
        .unwrap();
    let fine = |date: &str| {
        app.call_json(
            "fines.create",
            json!({ "staff_id": cleaner, "item_code": "B1", "date": date, "time": "10:00",
                    "count": 1, "observed": "路面有纸屑", "recorded_by": sup }),
            "tester",
        )
        .unwrap()
    };
    for day in 0..before {
        fine(&format!("2026-11-{:02}", 2 + day));
    }
    app.wait_for_backups();
    let old = std::fs::read(wal(&db)).unwrap();
    for day in 0..after {
        fine(&format!("2026-11-{:02}", 12 + day));
    }
    app.wait_for_backups();
    drop(app);
    (dir, db, old)
}

#[test]
fn an_old_wal_put_back_beside_a_newer_file_is_refused_for_writing_and_found_by_the_check() {
    // Ten trials, as the outside test ran it (5 of its 10 lost fines with 检查通过).
    for (before, after) in [
        (1, 1),
        (1, 2),
        (1, 5),
        (2, 1),
        (2, 3),
        (3, 2),
        (1, 8),
        (4, 4),
        (2, 6),
        (5, 1),
    ] {
        old_wal_trial(before, after);
    }
}

fn old_wal_trial(before: usize, after: usize) {
    let (_dir, db, old) = with_old_wal(before, after);
    assert!(!wal(&db).exists() || std::fs::metadata(wal(&db)).unwrap().len() == 0);
    std::fs::write(wal(&db), &old).unwrap();
    let app = App::open(&db, clock()).unwrap();
    let status = app
        .call_json("backups.status", Value::Null, "tester")
        .unwrap();
    assert!(
        status["damaged"].as_str().is_some(),
        "the file that went back is opened read-only: {status}"
    );
    let err = app
        .call(
            "zones.create",
            json!({ "name": "新区", "kind": "街道" }),
            "tester",
        )
        .unwrap_err();
    assert_eq!(err.code(), "store.damaged", "{err}");
    let result = app.call_json("check.run", Value::Null, "tester").unwrap();
    assert_eq!(result["ok"], false);
    let text = problems(&result);
    assert!(
        text.contains("比本程序上次保存时旧") || text.contains("损坏"),
        "{text}"
    );
    assert!(
        status["last_good_backup"].is_object(),
        "a backup is offered: {status}"
    );
}

#[test]
fn a_newer_wal_beside_an_older_copy_of_the_file_is_found() {
    for extra in [1, 3, 8, 40] {
        let (_dir, db) = community();
        let older = std::fs::read(&db).unwrap();
        let app = App::open(&db, clock()).unwrap();
        let household = |name: String, no: i64| {
            app.call_json(
                "households.create",
                json!({ "kind": "住户", "name": name, "group_no": 1,
                        "address": { "street": "黄山路", "number": no.to_string(), "building": "", "unit": "", "room": "" } }),
                "tester",
            )
            .unwrap();
        };
        for i in 0..extra {
            household(format!("先来{i}"), 100 + i);
        }
        // Checkpoint what was written into the file (the -wal starts again), then write more
        // into the -wal only.
        let side = Connection::open(&db).unwrap();
        side.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
            .unwrap();
        drop(side);
        for i in 0..extra {
            household(format!("后来{i}"), 200 + i);
        }
        app.wait_for_backups();
        let newer_wal = std::fs::read(wal(&db)).unwrap();
        drop(app);
        std::fs::write(&db, &older).unwrap();
        std::fs::write(wal(&db), &newer_wal).unwrap();
        let result = check(&db);
        if result["ok"] == true {
            // The -wal's pages may hold every change (a small write shares its pages with the
            // one before): then nothing was lost, and every household must be there.
            let app = App::open(&db, clock()).unwrap();
            let list = app
                .call_json("households.list", json!({ "page_size": 500 }), "tester")
                .unwrap();
            let names = list.to_string();
            for i in 0..extra {
                assert!(
                    names.contains(&format!("先来{i}")) && names.contains(&format!("后来{i}")),
                    "{extra}: the check passed but household {i} was lost"
                );
            }
            app.wait_for_backups();
        }
    }
}

/// The page `name` (a table or index) starts at, and the page size.
fn root_page(db: &Path, name: &str) -> (u64, u64) {
    let conn = Connection::open(db).unwrap();
    let root: i64 = conn
        .query_row(
            "SELECT rootpage FROM sqlite_master WHERE name = ?1",
            [name],
            |r| r.get(0),
        )
        .unwrap();
    let size: i64 = conn
        .query_row("PRAGMA page_size", [], |r| r.get(0))
        .unwrap();
    (root as u64, size as u64)
}

#[test]
fn flipped_bytes_in_an_index_page_are_found() {
    let (_dir, db) = community();
    let (root, size) = root_page(&db, "parties_for_fees");
    let mut bytes = std::fs::read(&db).unwrap();
    let at = ((root - 1) * size + size - 40) as usize;
    for b in &mut bytes[at..at + 8] {
        *b ^= 0x5A;
    }
    std::fs::write(&db, &bytes).unwrap();
    let result = check(&db);
    assert_eq!(result["ok"], false, "{result}");
}

#[test]
fn a_damaged_search_index_is_found() {
    tampered(
        "fts pages",
        |db| {
            sql(
                db,
                "UPDATE parties_fts_data SET block = zeroblob(length(block))
                 WHERE id = (SELECT max(id) FROM parties_fts_data);",
            )
        },
        &["搜索索引", "parties_fts"],
    );
}

#[test]
fn a_search_key_changed_outside_the_app_is_found() {
    tampered(
        "search key",
        |db| {
            sql(
                db,
                "UPDATE parties SET search_key = 'zzz' WHERE id = (SELECT min(id) FROM parties);",
            )
        },
        &["住户/门店（含收费类别）"],
    );
}

#[test]
fn the_app_own_changes_pass_the_check_and_leave_no_seal_row_in_the_history() {
    let (_dir, db) = community();
    let app = App::open(&db, clock()).unwrap();
    let result = app.call_json("check.run", Value::Null, "tester").unwrap();
    assert_eq!(result["ok"], true, "{}", problems(&result));
    let staff = app.call_json("staff.list", json!({}), "tester").unwrap();
    let first = staff["items"][0]["id"].as_i64().unwrap();
    app.call_json(
        "staff.update",
        json!({ "id": first, "input": staff["items"][0].clone() }),
        "tester",
    )
    .ok();
    let history = app
        .call_json(
            "audit.history",
            json!({ "entity": "staff", "id": first }),
            "tester",
        )
        .unwrap();
    assert!(!history.as_array().unwrap().is_empty());
    for entry in history.as_array().unwrap() {
        assert!(
            !(entry["before"].is_null() && entry["after"].is_null()),
            "a seal row shows in the history as a change of nothing: {entry}"
        );
    }
    app.wait_for_backups();
}
