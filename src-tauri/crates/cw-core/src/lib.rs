//! The application of 创卫办公台: the App (store, clock, sessions, backups) and the one command
//! table every adapter (Tauri, HTTP, CLI) shares, assembled from the domain crates' tables. The
//! domain crates are re-exported under their old module names.
// Tests play the other programs that touch the files, with the plain calls.
#![cfg_attr(test, allow(clippy::disallowed_methods))]

mod app;
pub mod backups;
pub mod commands;
pub mod demo;
pub mod event_log;
pub mod file_names;
pub mod history;
pub mod paths;
#[cfg(test)]
mod proptests;
pub mod query_plans;
pub mod risky_place;
pub mod scale;

pub use app::App;
pub use commands::{CommandInfo, CommandKind};
pub use cw_assessment as assessment;
pub use cw_auth as auth;
pub use cw_campaign as campaign;
pub use cw_domain as domain;
pub use cw_fees as fees;
pub use cw_kernel::words;
pub use cw_kernel::{Access, CoreError, Ctx, ErrorDto, FileOut, Output, RowError};
pub use cw_pledges as pledges;
pub use cw_registry as registry;
pub use cw_registry::{exports, import, list_document, print};
/// Renames, deletes, writes and flushes the Windows way (see `cw_store::file_ops`).
pub use cw_store::file_ops;
/// File errors in the clerk's words.
pub use cw_store::io_words;
/// Which kind of program opens the file (see [`App::open_as`]).
pub use cw_store::lock::ProcessKind;
