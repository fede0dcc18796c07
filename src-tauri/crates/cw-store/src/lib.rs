//! The SQLite store: opening with safe pragmas, numbered migrations, transactions and the audit trail.

pub mod audit;
pub mod backup;
pub mod check;
pub mod derived;
pub mod error;
pub mod io_words;
pub mod lock;
pub mod migrations;
mod open;
pub mod seals;
pub mod tail;
pub mod text;

pub use error::StoreError;
pub use open::{Opened, Refusal, Store};
pub use rusqlite;
