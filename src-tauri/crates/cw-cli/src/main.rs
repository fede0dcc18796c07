//! The chuangwei command-line tool: demo data, import, export, printing, the loopback server and
//! `call` for any command, all over the same command table as the desktop app.

mod cli;
mod policy_words;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    match cli::run(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("错误：{}", e.message);
            for r in &e.rows {
                eprintln!("  第 {} 行「{}」：{}", r.row, r.column, r.message);
            }
            ExitCode::FAILURE
        }
    }
}
