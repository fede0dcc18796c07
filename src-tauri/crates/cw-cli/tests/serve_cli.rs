//! `chuangwei serve`: a second server on a file another one holds stops at start, in Chinese
//! and with a non-zero exit code, instead of answering every sign-in with a refusal.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

fn serve(db: &Path) -> Child {
    Command::new(env!("CARGO_BIN_EXE_chuangwei"))
        .arg("--db")
        .arg(db)
        .args(["serve", "--port", "0", "--ui", "no-such-folder"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// Waits for the server's `listening on …` line.
fn wait_listening(child: &mut Child) -> String {
    let out = child.stdout.take().unwrap();
    let mut line = String::new();
    BufReader::new(out).read_line(&mut line).unwrap();
    assert!(line.starts_with("listening on http://127.0.0.1:"), "{line}");
    line
}

#[test]
fn a_second_serve_on_one_file_is_refused_at_start_with_a_chinese_message_and_a_failure_exit() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cw.db");
    let mut first = serve(&db);
    wait_listening(&mut first);

    let mut second = serve(&db);
    let deadline = Instant::now() + Duration::from_secs(20);
    let status = loop {
        if let Some(status) = second.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            second.kill().unwrap();
            let _ = second.wait();
            first.kill().unwrap();
            let _ = first.wait();
            panic!("the second server started on a file the first one holds");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let out = second.wait_with_output().unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!status.success(), "{text}");
    assert!(!text.contains("listening on"), "{text}");
    assert!(
        text.contains(&format!("已由chuangwei serve（进程 {}", first.id())),
        "{text}"
    );

    // Once the first has gone, a server starts on the file again.
    first.kill().unwrap();
    let _ = first.wait();
    let mut again = serve(&db);
    wait_listening(&mut again);
    again.kill().unwrap();
    let _ = again.wait();
}
