//! The kernel of 创卫办公台: what every domain crate builds on — the context of a call ([`Ctx`]),
//! the errors ([`CoreError`]), what a command returns ([`Output`]), the command declaration
//! ([`commands`], `cmd!`), the sessions a call runs in, paging and search SQL, and the clerk's
//! words for fields and actors. It knows no domain.
// Tests play the other programs that touch the files, with the plain calls.
#![cfg_attr(test, allow(clippy::disallowed_methods))]

mod args;
pub mod commands;
mod ctx;
mod error;
pub mod money;
mod output;
pub mod rng;
pub mod sessions;
pub mod sql;
pub mod words;

pub use args::{IdArgs, UpdateArgs};
pub use ctx::{Access, Ctx, ExportRecord};
pub use error::{CoreError, ErrorDto, RowError};
pub use output::{FileOut, Output};
