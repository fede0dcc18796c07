//! The writer lock between processes: command-line readers and writers at once all succeed, and
//! a write beside `chuangwei serve` is refused naming it, its process and since when.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};

fn chuangwei() -> Command {
    Command::new(env!("CARGO_BIN_EXE_chuangwei"))
}

fn zone(name: &str) -> String {
    format!(r#"{{"name":"{name}","kind":"街道","boundary":""}}"#)
}

fn zone_count(db: &Path) -> usize {
    let o = chuangwei()
        .arg("--db")
        .arg(db)
        .args(["call", "zones.list"])
        .output()
        .unwrap();
    assert!(o.status.success());
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    v.as_array().unwrap().len()
}

#[test]
fn command_line_writers_and_readers_at_once_all_succeed() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cw.db");
    let o = chuangwei()
        .arg("--db")
        .arg(&db)
        .args(["call", "zones.create", &zone("甲")])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let children: Vec<_> = (0..8)
        .map(|i| {
            let mut c = chuangwei();
            c.arg("--db").arg(&db).arg("call");
            if i % 2 == 0 {
                c.args(["zones.create", &zone(&format!("区{i}"))]);
            } else {
                c.arg("zones.list");
            }
            c.stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert_eq!(zone_count(&db), 5, "甲 and four more");
}

/// Stops the server when the test ends, however it ends.
struct Server(std::process::Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn a_command_line_write_beside_serve_is_refused_naming_serve_and_its_process() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cw.db");
    let mut server = Server(
        chuangwei()
            .arg("--db")
            .arg(&db)
            .args(["serve", "--port", "0", "--ui", "no-such-folder"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    // Up once it says so: the file is made and the lock held for the run.
    let mut line = String::new();
    BufReader::new(server.0.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    assert!(line.starts_with("listening on"), "{line}");
    let o = chuangwei()
        .arg("--db")
        .arg(&db)
        .args(["call", "zones.create", &zone("乙")])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr).to_string();
    assert!(!o.status.success());
    assert!(err.contains("chuangwei serve"), "{err}");
    assert!(err.contains(&format!("进程 {}", server.0.id())), "{err}");
    assert!(!err.contains("程序或"), "{err}");
    // Reads go on beside it.
    assert_eq!(zone_count(&db), 0);
}
