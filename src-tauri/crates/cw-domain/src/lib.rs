//! Domain types and rules of 创卫办公台: money, names, enumerations, registry records; no I/O.

pub mod accounts;
pub mod address;
pub mod assessment;
pub mod clock;
pub mod enums;
pub mod error;
pub mod ids;
pub mod money;
pub mod money_words;
pub mod pinyin_key;
pub mod rate;
pub mod registry;
pub mod review;
#[cfg(feature = "sql")]
pub mod sql;
pub mod text;

pub use clock::{Clock, FixedClock, SystemClock};
pub use error::DomainError;
pub use money::{decimal_to_fen, fen_to_decimal, parse_money};
