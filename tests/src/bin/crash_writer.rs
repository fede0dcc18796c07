//! The child of the crash trials: `crash_writer <db> households|receipts [limit]` writes records
//! until killed, printing each id once it is committed.

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let (Some(db), Some(kind)) = (args.next(), args.next()) else {
        eprintln!("usage: crash_writer <db> households|receipts [limit]");
        return ExitCode::from(2);
    };
    let Some(kind) = cw_scenarios::crash::Kind::parse(&kind) else {
        eprintln!("unknown kind {kind}");
        return ExitCode::from(2);
    };
    let limit = args.next().and_then(|l| l.parse().ok());
    let mut out = std::io::stdout().lock();
    match cw_scenarios::crash::write_records(&PathBuf::from(db), kind, limit, &mut out) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}
