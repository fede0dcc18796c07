//! Crash trials: the writer child is killed (SIGKILL) at random points; afterwards every id it
//! printed as committed is present and whole, and the file passes integrity_check. The long run
//! (1,000 trials) is `cargo run -p cw-scenarios --bin crash_bench`.

use cw_scenarios::crash::{trial, Kind, Rng};
use std::path::Path;
use std::time::{Duration, Instant};

#[test]
fn killing_the_writer_at_random_points_loses_no_committed_record() {
    let writer = Path::new(env!("CARGO_BIN_EXE_crash_writer"));
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("crash.db");
    let mut rng = Rng(2026);
    let started = Instant::now();
    let (mut trials, mut committed) = (0, 0);
    // A few dozen trials, stopping early if the machine is slow, to stay within ~30 s.
    while trials < 30 && started.elapsed() < Duration::from_secs(25) {
        let after = Duration::from_millis(30 + rng.below(250));
        let t = trial(writer, &db, Kind::Households, after).unwrap();
        assert!(t.problems.is_empty(), "trial {trials}: {:?}", t.problems);
        committed += t.printed.len();
        trials += 1;
    }
    assert!(trials >= 10, "only {trials} trials ran");
    assert!(committed > 0, "the writer never committed anything");
    let conn = cw_store::rusqlite::Connection::open(&db).unwrap();
    let total: i64 = conn
        .query_row("SELECT count(*) FROM parties", [], |r| r.get(0))
        .unwrap();
    assert!(total as usize >= committed, "{total} < {committed}");
    eprintln!("{trials} crash trials, {committed} committed records, all present");
}

#[test]
fn killing_the_receipt_writer_at_random_points_loses_no_committed_receipt() {
    let writer = Path::new(env!("CARGO_BIN_EXE_crash_writer"));
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("receipts.db");
    let mut rng = Rng(1129);
    let started = Instant::now();
    let (mut trials, mut committed) = (0, 0);
    while trials < 20 && started.elapsed() < Duration::from_secs(25) {
        let after = Duration::from_millis(80 + rng.below(400));
        let t = trial(writer, &db, Kind::Receipts, after).unwrap();
        assert!(t.problems.is_empty(), "trial {trials}: {:?}", t.problems);
        committed += t.printed.len();
        trials += 1;
    }
    assert!(trials >= 8, "only {trials} trials ran");
    assert!(committed > 0, "the writer never committed a receipt");
    let conn = cw_store::rusqlite::Connection::open(&db).unwrap();
    let total: i64 = conn
        .query_row("SELECT count(*) FROM receipts", [], |r| r.get(0))
        .unwrap();
    assert!(total as usize >= committed, "{total} < {committed}");
    eprintln!("{trials} receipt crash trials, {committed} committed receipts, all present");
}
