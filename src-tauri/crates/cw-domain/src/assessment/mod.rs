//! Assessment 考核: the fine schedule's vocabularies and records, and the rules that turn minutes,
//! wages and inspections into amounts — pure functions, no I/O.

pub mod notices;
pub mod pay;
pub mod rules;
pub mod tools;
pub mod types;

pub use notices::*;
pub use pay::*;
pub use rules::*;
pub use tools::*;
pub use types::*;
