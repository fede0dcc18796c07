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
    /// Households through `households.create` (receipts will join when they exist).
    Households,
}

impl Kind {
    /// The kind named on the writer's command line.
    pub fn parse(s: &str) -> Option<Kind> {
        match s {
            "households" => Some(Kind::Households),
            _ => None,
        }
    }
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
    let mut n = start;
    while limit.is_none_or(|l| n < start + l) {
        n += 1;
        let id = match kind {
            Kind::Households => app
                .call_json("households.create", household(n), "crash")
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
            "zone_id": null, "group_no": null, "fee_category": "", "tags": [], "note": format!("第{n}条") })
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
pub fn trial(writer: &Path, db: &Path, after: Duration) -> Result<Trial, String> {
    let mut child = Command::new(writer)
        .arg(db)
        .arg("households")
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
    let problems = inspect(db, &printed).map_err(|e| e.to_string())?;
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
