//! Data kept for speed, compared with what it derives from: the kept counts (each receipt book's
//! state, the home screen's buckets, the unremitted batches) recounted from their rows, and the
//! households' full-text index checked against the households. A difference means the file was
//! changed outside the app (or damaged) where no seal or hash would show it.

use crate::check::has_table;
use crate::StoreError;
use rusqlite::Connection;

/// One kept table and the recount it must equal (rows whose counts are all zero are empty
/// buckets a trigger left behind and count as absent).
struct Kept {
    table: &'static str,
    label: &'static str,
    kept: &'static str,
    recount: &'static str,
}

const KEPT: &[Kept] = &[
    Kept {
        table: "receipt_book_state",
        label: "收据本的用量与金额",
        kept: "SELECT book_id, holder_id, returned_on, receipt_count, voided, void_marks, lost_marks,
                      total_fen, first_used, last_used FROM receipt_book_state",
        recount: "SELECT b.id,
          (SELECT CASE e.kind WHEN '发放' THEN e.staff_id END FROM receipt_book_events e
             WHERE e.book_id = b.id ORDER BY e.id DESC LIMIT 1),
          (SELECT CASE e.kind WHEN '交回' THEN e.on_date END FROM receipt_book_events e
             WHERE e.book_id = b.id ORDER BY e.id DESC LIMIT 1),
          (SELECT count(*) FROM receipts r WHERE r.book_id = b.id),
          (SELECT count(*) FROM receipts r JOIN receipt_voids v ON v.receipt_id = r.id WHERE r.book_id = b.id),
          (SELECT count(*) FROM receipt_serial_marks m WHERE m.book_id = b.id AND m.kind = '作废'),
          (SELECT count(*) FROM receipt_serial_marks m WHERE m.book_id = b.id AND m.kind = '遗失'),
          (SELECT coalesce(sum(r.amount_fen), 0) FROM receipts r WHERE r.book_id = b.id
             AND NOT EXISTS (SELECT 1 FROM receipt_voids v WHERE v.receipt_id = r.id)),
          (SELECT min(r.serial) FROM receipts r WHERE r.book_id = b.id),
          (SELECT max(r.serial) FROM receipts r WHERE r.book_id = b.id)
        FROM receipt_books b",
    },
    Kept {
        table: "party_counts",
        label: "首页的住户/门店计数",
        kept: "SELECT status, group_no, zone_id, street, fee_category, kind, tags, n
               FROM party_counts WHERE n <> 0",
        recount: "SELECT status, ifnull(group_no, 0), ifnull(zone_id, 0), street, fee_category, kind, tags,
                         count(*)
                  FROM parties GROUP BY 1, 2, 3, 4, 5, 6, 7",
    },
    Kept {
        table: "pledge_counts",
        label: "首页的承诺书签订计数",
        kept: "SELECT year, party_status, group_no, zone_id, street, kind, status, signed_on, n
               FROM pledge_counts WHERE n <> 0",
        recount: "SELECT g.year, p.status, ifnull(p.group_no, 0), ifnull(p.zone_id, 0), p.street, p.kind,
                         g.status, CASE WHEN g.status = '已签订' THEN ifnull(g.signed_on, '') ELSE '' END,
                         count(*)
                  FROM pledges g JOIN parties p ON p.id = g.party_id
                  WHERE g.status <> '作废'
                  GROUP BY 1, 2, 3, 4, 5, 6, 7, 8",
    },
    Kept {
        table: "fine_month_totals",
        label: "每月罚款合计",
        kept: "SELECT month, category, zone_id, lines, amount_fen FROM fine_month_totals
               WHERE lines <> 0 OR amount_fen <> 0",
        recount: "SELECT month, category, zone_id, sum(lines), sum(amount_fen) FROM (
            SELECT f.month, f.category, ifnull(f.zone_id, 0) AS zone_id, 1 AS lines, f.amount_fen
            FROM fines f
            WHERE f.kind <> '奖励'
              AND NOT EXISTS (SELECT 1 FROM fine_corrections c WHERE c.fine_id = f.id AND c.kind = '作废')
            UNION ALL
            SELECT c.month, f.category, ifnull(f.zone_id, 0), 1, -c.amount_fen
            FROM fine_corrections c JOIN fines f ON f.id = c.fine_id
            WHERE c.kind = '冲销' AND f.kind <> '奖励'
          ) GROUP BY month, category, zone_id
          HAVING sum(lines) <> 0 OR sum(amount_fen) <> 0",
    },
    Kept {
        table: "batches_unremitted",
        label: "未上解的收费批次",
        kept: "SELECT batch_id FROM batches_unremitted",
        recount: "SELECT b.id FROM collection_batches b
                  WHERE NOT EXISTS (SELECT 1 FROM remittances r WHERE r.batch_id = b.id)",
    },
];

fn count(conn: &Connection, sql: &str) -> Result<i64, StoreError> {
    Ok(conn.query_row(&format!("SELECT count(*) FROM ({sql})"), [], |r| r.get(0))?)
}

/// Every kept table that differs from its recount, and a full-text index that differs from the
/// households, each as one Chinese line.
pub fn check(conn: &Connection) -> Result<Vec<String>, StoreError> {
    let mut out = Vec::new();
    for k in KEPT {
        if !has_table(conn, k.table)? {
            continue;
        }
        let extra = count(conn, &format!("{} EXCEPT {}", k.kept, k.recount))?;
        let lacking = count(conn, &format!("{} EXCEPT {}", k.recount, k.kept))?;
        if extra + lacking > 0 {
            out.push(format!(
                "保存的「{}」（{}）与按原始记录重新计算的结果不符（{} 处不同）：它在程序之外被改动过，或文件已损坏",
                k.label,
                k.table,
                extra.max(lacking)
            ));
        }
    }
    if has_table(conn, "parties_fts")? {
        if let Some(problem) = fts_problem(conn)? {
            out.push(problem);
        }
    }
    Ok(out)
}

/// FTS5's own check of the households' index against the households. It is run as an INSERT,
/// which a read-only connection refuses; there the integrity check (which covers FTS5 tables
/// in the bundled SQLite) has already looked at it. In a read (see `Store::read`) writes are
/// allowed for it alone: the INSERT is a command to FTS5 and changes nothing.
fn fts_problem(conn: &Connection) -> Result<Option<String>, StoreError> {
    if conn.is_readonly(rusqlite::MAIN_DB)? {
        return Ok(None);
    }
    crate::query_only::lifted(conn, || {
        match conn.execute(
            "INSERT INTO parties_fts (parties_fts, rank) VALUES ('integrity-check', 1)",
            [],
        ) {
            Ok(_) => Ok(None),
            Err(rusqlite::Error::SqliteFailure(f, msg))
                if f.code == rusqlite::ErrorCode::DatabaseCorrupt =>
            {
                Ok(Some(format!(
                    "住户/门店的搜索索引（parties_fts）与住户记录不符{}：请从备份恢复，或联系维护人员重建索引",
                    msg.map(|m| format!("（{m}）")).unwrap_or_default()
                )))
            }
            Err(e) => Err(e),
        }
    })
}

/// The schema as the migrations make it, compared with the file's: a guard trigger dropped (the
/// append-only money tables refuse UPDATE and DELETE through them), a table, index or trigger
/// added or changed outside the app, each as one Chinese line.
pub fn schema(conn: &Connection) -> Result<Vec<String>, StoreError> {
    if crate::migrations::current(conn)? != crate::migrations::latest() {
        return Ok(Vec::new());
    }
    let expected = expected_objects();
    let found = objects(conn)?;
    let kind = |t: &str| match t {
        "table" => "表",
        "index" => "索引",
        "trigger" => "触发器",
        "view" => "视图",
        _ => "对象",
    };
    let mut missing: std::collections::BTreeMap<&str, Vec<&str>> = Default::default();
    let mut changed: std::collections::BTreeMap<&str, Vec<&str>> = Default::default();
    let mut guards = 0;
    for (name, (t, sql)) in expected {
        match found.get(name) {
            None => {
                missing.entry(kind(t)).or_default().push(name);
                guards += usize::from(t == "trigger" && sql.contains("RAISE(ABORT"));
            }
            Some((_, s)) if s != sql => changed.entry(kind(t)).or_default().push(name),
            Some(_) => {}
        }
    }
    for (name, (t, _)) in &found {
        if !expected.contains_key(name) {
            changed.entry(kind(t)).or_default().push(name);
        }
    }
    let list = |names: &[&str]| {
        let shown: Vec<&str> = names.iter().take(6).copied().collect();
        let more = if names.len() > 6 { "等" } else { "" };
        format!("「{}」{more}", shown.join("」「"))
    };
    let mut out = Vec::new();
    for (k, names) in &missing {
        let why = if *k == "触发器" && guards > 0 {
            format!("（其中 {guards} 个防止钱款记录被修改或删除）")
        } else {
            String::new()
        };
        out.push(format!(
            "数据结构在程序之外被改动过：{} 个{k}不见了{why}：{}",
            names.len(),
            list(names)
        ));
    }
    for (k, names) in &changed {
        out.push(format!(
            "数据结构在程序之外被改动过：{} 个{k}是程序之外加上或改过的：{}",
            names.len(),
            list(names)
        ));
    }
    Ok(out)
}

/// Schema objects by name: their type and SQL.
type Objects = std::collections::BTreeMap<String, (String, String)>;

/// The schema this binary's migrations make, computed once: it is the same for every check.
fn expected_objects() -> &'static Objects {
    static EXPECTED: std::sync::OnceLock<Objects> = std::sync::OnceLock::new();
    EXPECTED.get_or_init(|| {
        let made = || -> Result<Objects, StoreError> {
            let mut fresh = Connection::open_in_memory()?;
            crate::migrations::migrate(&mut fresh)?;
            objects(&fresh)
        };
        made().unwrap_or_default()
    })
}

fn objects(conn: &Connection) -> Result<Objects, StoreError> {
    let mut stmt = conn.prepare(
        "SELECT name, type, ifnull(sql, '') FROM main.sqlite_master
         WHERE name NOT LIKE 'sqlite_%'",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((r.get::<_, String>(0)?, (r.get::<_, String>(1)?, r.get(2)?)))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Store;

    #[test]
    fn the_search_index_is_still_checked_inside_a_read() {
        let store = Store::open_in_memory().unwrap();
        assert_eq!(store.read(check).unwrap(), Vec::<String>::new());
        // An index entry for a party that does not exist: the index no longer matches parties.
        store
            .outside(|c| {
                c.execute_batch(
                    "INSERT INTO parties_fts (rowid, search_key, phone, code) VALUES (999, 'abcdef', '', '')",
                )
            })
            .unwrap();
        let found = store.read(check).unwrap();
        assert!(found.iter().any(|p| p.contains("parties_fts")), "{found:?}");
    }
}
