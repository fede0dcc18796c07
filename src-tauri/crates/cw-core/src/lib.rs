//! Use-cases of 创卫办公台 and the one command table every adapter (Tauri, HTTP, CLI) shares.
// Tests play the other programs that touch the files, with the plain calls.
#![cfg_attr(test, allow(clippy::disallowed_methods))]

mod app;
pub mod assessment;
pub mod auth;
pub mod backups;
pub mod campaign;
pub mod commands;
mod ctx;
pub mod demo;
mod error;
pub mod event_log;
pub mod exports;
pub mod fees;
pub mod file_names;
pub mod history;
pub mod import;
pub mod list_document;
pub mod paths;
pub mod pledges;
pub mod print;
pub mod query_plans;
pub mod registry;
pub mod risky_place;
pub mod scale;
pub mod words;

pub use app::{App, FileOut, Output};
pub use commands::{CommandInfo, CommandKind};
pub use ctx::{Access, Ctx};
pub use cw_domain as domain;
/// Renames, deletes, writes and flushes the Windows way (see `cw_store::file_ops`).
pub use cw_store::file_ops;
/// File errors in the clerk's words.
pub use cw_store::io_words;
/// Which kind of program opens the file (see [`App::open_as`]).
pub use cw_store::lock::ProcessKind;
pub use error::{CoreError, ErrorDto, RowError};
