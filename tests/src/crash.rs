//! Crash trials: a child process writes records in a loop, printing each id once it is
//! committed; the parent kills it at a random point and then checks the file: every printed id
//! is there and whole (with its audit row), and `PRAGMA integrity_check` says ok.

use cw_core::domain::SystemClock;
use cw_core::App;
use cw_store::rusqlite::{self, Connection};
use serde_json::json;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// What the writer writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Households through `households.create`.
    Households,
    /// Receipts through `fees.receipts.issue` (each for a new household, in one open batch).
    Receipts,
}

impl Kind {
    /// The kind named on the writer's command line.
    pub fn parse(s: &str) -> Option<Kind> {
        match s {
            "households" => Some(Kind::Households),
            "receipts" => Some(Kind::Receipts),
            _ => None,
        }
    }

    /// Its name on the writer's command line.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Households => "households",
            Kind::Receipts => "receipts",
        }
    }
}

/// The collector, cadre, book and open batch the receipt writer uses, made on its first run.
/// Each is looked up before it is made: a trial may kill the writer half-way through this.
fn receipt_setup(app: &App, db: &Path) -> Result<(i64, i64), String> {
    let find = |sql: &str| -> Result<Option<i64>, String> {
        let conn = Connection::open(db).map_err(|e| e.to_string())?;
        match conn.query_row(sql, [], |r| r.get(0)) {
            Ok(id) => Ok(Some(id)),
            Err(rusqlite::Error::QueryReturnedNoRows) => Ok(None),
            Err(e) => Err(e.to_string()),
        }
    };
    let call = |name: &str, args: serde_json::Value| {
        app.call_json(name, args, "crash")
            .map_err(|e| e.to_string())
    };
    let staff = |name: &str, role: &str| -> Result<i64, String> {
        if let Some(id) = find(&format!(
            "SELECT id FROM staff WHERE name = '{name}' ORDER BY id LIMIT 1"
        ))? {
            return Ok(id);
        }
        Ok(call(
            "staff.create",
            json!({ "name": name, "roles": [role], "group_no": 1 }),
        )?["id"]
            .as_i64()
            .unwrap_or_default())
    };
    let collector = staff("压测收费员", "收费人员")?;
    let cadre = staff("压测干部", "社区干部")?;
    if find("SELECT id FROM receipt_books WHERE book_no = '压测-1'")?.is_none() {
        call(
            "fees.books.register",
            json!({ "book_no": "压测-1", "first_serial": 1, "last_serial": 1000,
                    "received_on": "2026-08-28", "collector_id": collector }),
        )?;
    }
    let batch = match find(
        "SELECT id FROM collection_batches WHERE note = '压测' ORDER BY id DESC LIMIT 1",
    )? {
        Some(id) => id,
        None => call(
            "fees.batches.open",
            json!({ "group_no": 1, "on_date": "2026-11-29", "collector_ids": [collector],
                    "cadre_id": cadre, "note": "压测" }),
        )?["id"]
            .as_i64()
            .unwrap_or_default(),
    };
    Ok((batch, collector))
}

/// Writes records of `kind` into the database at `db` until `limit` (or forever), printing one
/// line `<id>` per committed record to `out` (flushed, so a parent sees it as soon as it exists).
pub fn write_records(
    db: &Path,
    kind: Kind,
    limit: Option<u64>,
    out: &mut dyn Write,
) -> Result<(), String> {
    let app = App::open(db, Arc::new(SystemClock)).map_err(|e| e.to_string())?;
    let start: u64 = app
        .call_json("households.list", json!({}), "crash")
        .map_err(|e| e.to_string())?["total"]
        .as_u64()
        .unwrap_or(0);
    let setup = match kind {
        Kind::Receipts => Some(receipt_setup(&app, db)?),
        Kind::Households => None,
    };
    let mut n = start;
    while limit.is_none_or(|l| n < start + l) {
        n += 1;
        let household = app
            .call_json("households.create", household(n), "crash")
            .map_err(|e| e.to_string())?["id"]
            .as_i64()
            .unwrap_or_default();
        let id = match setup {
            None => household,
            Some((batch, collector)) => app
                .call_json(
                    "fees.receipts.issue",
                    json!({ "batch_id": batch, "party_id": household, "collector_id": collector,
                            "period_from": "2026-09", "period_to": "2026-12" }),
                    "crash",
                )
                .map_err(|e| e.to_string())?["id"]
                .as_i64()
                .unwrap_or_default(),
        };
        writeln!(out, "{id}").map_err(|e| e.to_string())?;
        out.flush().map_err(|e| e.to_string())?;
    }
    Ok(())
}

fn household(n: u64) -> serde_json::Value {
    json!({ "kind": "住户", "name": format!("试写住户{n}"), "contact": "", "phone": "",
            "address": { "street": "压力路", "number": n.to_string(), "building": "", "unit": "", "room": "" },
            "zone_id": null, "group_no": 1, "fee_category": "", "tags": [], "note": format!("第{n}条") })
}

/// The result of one trial.
#[derive(Debug, Clone)]
pub struct Trial {
    /// Ids the child printed as committed before it died.
    pub printed: Vec<i64>,
    /// Every problem found afterwards; empty means the trial passed.
    pub problems: Vec<String>,
}

/// Runs `writer` (a binary taking `<db> households`) on `db`, kills it after `after`, and checks.
pub fn trial(writer: &Path, db: &Path, kind: Kind, after: Duration) -> Result<Trial, String> {
    let mut child = Command::new(writer)
        .arg(db)
        .arg(kind.name())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| e.to_string())?;
    let stdout = child.stdout.take().ok_or("no stdout")?;
    let reader = std::thread::spawn(move || {
        BufReader::new(stdout)
            .lines()
            .map_while(Result::ok)
            .filter_map(|l| l.trim().parse::<i64>().ok())
            .collect::<Vec<i64>>()
    });
    let deadline = Instant::now() + after;
    while Instant::now() < deadline {
        if child.try_wait().map_err(|e| e.to_string())?.is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    // SIGKILL on Unix: no destructor, no rollback, no flush runs in the child.
    let _ = child.kill();
    let _ = child.wait();
    let printed = reader.join().map_err(|_| "reader panicked")?;
    let problems = match kind {
        Kind::Households => inspect(db, &printed),
        Kind::Receipts => inspect_receipts(db, &printed),
    }
    .map_err(|e| e.to_string())?;
    Ok(Trial { printed, problems })
}

/// Opens the file as the next start would (recovering the -wal) and checks it.
pub fn inspect(db: &Path, printed: &[i64]) -> Result<Vec<String>, rusqlite::Error> {
    let conn = Connection::open(db)?;
    let mut problems = Vec::new();
    let integrity: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
    if integrity != "ok" {
        problems.push(format!("integrity_check: {integrity}"));
    }
    // Killed during its very first start, before the schema was committed: an empty file is
    // right, as long as nothing was reported committed.
    let has_schema: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE name = 'parties')",
        [],
        |r| r.get(0),
    )?;
    if !has_schema {
        if !printed.is_empty() {
            problems.push(format!("{} committed records but no schema", printed.len()));
        }
        return Ok(problems);
    }
    for id in printed {
        let row: Option<(String, String)> = conn
            .query_row("SELECT name, note FROM parties WHERE id = ?1", [id], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .ok();
        match row {
            None => problems.push(format!("committed household {id} is missing")),
            Some((name, note)) => {
                let n = name.trim_start_matches("试写住户");
                if note != format!("第{n}条") {
                    problems.push(format!("household {id} is half written: {name} / {note}"));
                }
            }
        }
    }
    // Whole records only: every household has its audit row and no audit row lacks its record.
    let orphans: i64 = conn.query_row(
        "SELECT (SELECT count(*) FROM parties h WHERE NOT EXISTS
                   (SELECT 1 FROM audit_log a WHERE a.entity = 'parties' AND a.entity_id = h.id))
              + (SELECT count(*) FROM audit_log a WHERE a.entity = 'parties'
                   AND NOT EXISTS (SELECT 1 FROM parties h WHERE h.id = a.entity_id))",
        [],
        |r| r.get(0),
    )?;
    if orphans > 0 {
        problems.push(format!(
            "{orphans} records without their audit row or the reverse"
        ));
    }
    if let Ok(Some(id)) = cw_store::audit::first_broken_link(&conn) {
        problems.push(format!("audit chain broken at {id}"));
    }
    Ok(problems)
}

/// Like [`inspect`] for receipts: each printed receipt is there with its audit row, every
/// receipt still matches the seal in the audit chain, and the file is sound.
pub fn inspect_receipts(db: &Path, printed: &[i64]) -> Result<Vec<String>, rusqlite::Error> {
    let conn = Connection::open(db)?;
    let mut problems = Vec::new();
    let integrity: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
    if integrity != "ok" {
        problems.push(format!("integrity_check: {integrity}"));
    }
    // Killed during its very first start, before the schema was committed: right, as long as
    // nothing was reported committed.
    let has_schema: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE name = 'receipts')",
        [],
        |r| r.get(0),
    )?;
    if !has_schema {
        if !printed.is_empty() {
            problems.push(format!(
                "{} committed receipts but no schema",
                printed.len()
            ));
        }
        return Ok(problems);
    }
    for id in printed {
        let whole: bool = conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM receipts r JOIN audit_log a
                ON a.entity = 'receipts' AND a.entity_id = r.id WHERE r.id = ?1)",
            [id],
            |r| r.get(0),
        )?;
        if !whole {
            problems.push(format!(
                "committed receipt {id} is missing or has no audit row"
            ));
        }
    }
    let unaudited: i64 = conn.query_row(
        "SELECT count(*) FROM receipts r WHERE NOT EXISTS
           (SELECT 1 FROM audit_log a WHERE a.entity = 'receipts' AND a.entity_id = r.id)",
        [],
        |r| r.get(0),
    )?;
    if unaudited > 0 {
        problems.push(format!("{unaudited} receipts without their audit row"));
    }
    if let Ok(Some(id)) = cw_store::audit::first_broken_link(&conn) {
        problems.push(format!("audit chain broken at {id}"));
    }
    if let Ok(faults) = cw_store::seals::check(&conn) {
        problems.extend(faults.iter().map(cw_store::seals::SealProblem::describe));
    }
    Ok(problems)
}

/// A small deterministic generator (SplitMix64) for kill times.
pub struct Rng(pub u64);

impl Rng {
    /// The next number in `0..n`.
    pub fn below(&mut self, n: u64) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        (z ^ (z >> 31)) % n.max(1)
    }
}
