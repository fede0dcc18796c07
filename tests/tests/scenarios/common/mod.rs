//! Helpers shared by the scenario tests: an app on a temporary file with a fixed clock.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use base64::Engine;
use chrono::NaiveDate;
use cw_core::domain::FixedClock;
use cw_core::{App, Output};
use serde_json::{json, Value};
use std::sync::Arc;

/// An app on a fresh database file in a temporary folder, with the clock at 2026-11-29 09:00.
pub struct TestApp {
    pub app: App,
    pub dir: tempfile::TempDir,
}

impl TestApp {
    /// One worker's statement of a month, as 月度结算 shows it.
    pub fn statement(&self, month: &str, staff: i64) -> Value {
        self.ok(
            "statements.month",
            json!({ "month": month, "staff_id": staff }),
        )[0]
        .clone()
    }

    pub fn new() -> TestApp {
        let dir = tempfile::tempdir().unwrap();
        let at = NaiveDate::from_ymd_opt(2026, 11, 29)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap();
        let app = App::open(&dir.path().join("cw.db"), Arc::new(FixedClock(at))).unwrap();
        TestApp { app, dir }
    }

    /// An app like [`TestApp::new`] whose clock stands at `at` (the date sweep's days).
    pub fn at(at: chrono::NaiveDateTime) -> TestApp {
        let dir = tempfile::tempdir().unwrap();
        let app = App::open(&dir.path().join("cw.db"), Arc::new(FixedClock(at))).unwrap();
        TestApp { app, dir }
    }

    pub fn db_path(&self) -> std::path::PathBuf {
        self.dir.path().join("cw.db")
    }

    /// Calls a command that must succeed and return JSON.
    pub fn ok(&self, name: &str, args: Value) -> Value {
        match self.app.call(name, args, "tester") {
            Ok(Output::Json(v)) => v,
            Ok(Output::File(f)) => panic!("{name} returned a file {}", f.file_name),
            Err(e) => panic!("{name} failed: {} {}", e.code(), e),
        }
    }

    /// Calls a command that must fail; returns its error.
    pub fn fails(&self, name: &str, args: Value) -> cw_core::ErrorDto {
        match self.app.call(name, args, "tester") {
            Ok(_) => panic!("{name} should have failed"),
            Err(e) => e.to_dto(),
        }
    }

    /// Calls a document command and returns the file.
    pub fn file(&self, name: &str, args: Value) -> cw_core::FileOut {
        match self.app.call(name, args, "tester") {
            Ok(Output::File(f)) => f,
            Ok(Output::Json(v)) => panic!("{name} returned JSON {v}"),
            Err(e) => panic!("{name} failed: {} {}", e.code(), e),
        }
    }

    pub fn zone(&self, name: &str) -> i64 {
        self.ok(
            "zones.create",
            json!({ "name": name, "kind": "街道", "boundary": "" }),
        )["id"]
            .as_i64()
            .unwrap()
    }

    pub fn household_count(&self) -> i64 {
        self.ok("households.list", json!({}))["total"]
            .as_i64()
            .unwrap()
    }

    pub fn audit_rows(&self) -> i64 {
        let conn = cw_store::rusqlite::Connection::open(self.db_path()).unwrap();
        conn.query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0))
            .unwrap()
    }
}

/// Import arguments for a file's bytes.
pub fn import_args(target: &str, file_name: &str, bytes: &[u8]) -> Value {
    json!({
        "target": target,
        "file_name": file_name,
        "data_base64": base64::engine::general_purpose::STANDARD.encode(bytes),
    })
}

/// Whether a command-line tool is installed.
pub fn has_tool(name: &str) -> bool {
    std::process::Command::new("which")
        .arg(name)
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false)
}

/// The text of a PDF by `pdftotext` with `flags` (e.g. `-layout`, `-raw`), written into the
/// test's folder as `name`; `None` (and a note) when poppler is not installed.
pub fn pdf_text(t: &TestApp, bytes: &[u8], name: &str, flags: &[&str]) -> Option<String> {
    if !has_tool("pdftotext") {
        eprintln!("pdftotext not installed: text check skipped");
        return None;
    }
    let path = t.dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    let out = std::process::Command::new("pdftotext")
        .args(flags)
        .arg(&path)
        .arg("-")
        .output()
        .unwrap();
    Some(String::from_utf8(out.stdout).unwrap())
}

/// The scenario clock (2026-11-29 09:00) for tests that open their own App.
pub fn clock() -> Arc<FixedClock> {
    let at = NaiveDate::from_ymd_opt(2026, 11, 29)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap();
    Arc::new(FixedClock(at))
}

/// A file's bytes (None when missing), to show that a file was left exactly as it was.
pub fn file_bytes(path: &std::path::Path) -> Option<Vec<u8>> {
    std::fs::read(path).ok()
}
