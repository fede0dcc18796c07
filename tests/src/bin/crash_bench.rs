//! The long run of the crash trials: `crash_bench [trials=1000] [seed]` kills the writer at
//! random points on one database file and checks it after every kill; exits 1 on any problem.

use cw_scenarios::crash::{trial, Kind, Rng};
use std::process::ExitCode;
use std::time::{Duration, Instant};

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let trials: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(1000);
    let mut rng = Rng(args.next().and_then(|a| a.parse().ok()).unwrap_or(7));
    let Some(writer) = std::env::current_exe()
        .ok()
        .and_then(|p| p.parent().map(|d| d.join("crash_writer")))
    else {
        eprintln!("cannot find crash_writer");
        return ExitCode::FAILURE;
    };
    let dir = std::env::temp_dir().join(format!("cw-crash-bench-{}", std::process::id()));
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!("{e}");
        return ExitCode::FAILURE;
    }
    let started = Instant::now();
    let (mut committed, mut failed) = (0usize, 0u64);
    for i in 0..trials {
        let after = Duration::from_millis(20 + rng.below(300));
        // A fresh file every 25 trials, so one receipt book (1,000 serials) never runs out.
        let db = dir.join(format!("crash-{}.db", i / 25));
        match trial(&writer, &db, Kind::Receipts, after) {
            Ok(t) => {
                committed += t.printed.len();
                if !t.problems.is_empty() {
                    failed += 1;
                    eprintln!("trial {i}: {:?}", t.problems);
                }
            }
            Err(e) => {
                failed += 1;
                eprintln!("trial {i}: {e}");
            }
        }
    }
    println!(
        "{trials} trials in {:.1} s: {committed} committed records checked, {failed} trials with problems",
        started.elapsed().as_secs_f64()
    );
    let _ = std::fs::remove_dir_all(&dir);
    if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
