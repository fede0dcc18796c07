//! The SQLite store: opening with safe pragmas, numbered migrations, transactions and the audit trail.
// Tests play the other programs that touch the files, with the plain calls.
#![cfg_attr(test, allow(clippy::disallowed_methods))]

pub mod attachment_files;
pub mod audit;
pub mod backup;
pub mod check;
pub mod crypt;
pub mod derived;
pub mod error;
pub mod file_ops;
pub mod io_words;
pub mod lock;
pub mod migrations;
mod open;
mod query_only;
pub mod seals;
pub mod sql;
pub mod tail;
pub mod text;

pub use error::StoreError;
pub use open::{Opened, Refusal, Store};
pub use rusqlite;
