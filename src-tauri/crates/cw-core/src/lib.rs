//! Use-cases of 创卫办公台 and the one command table every adapter (Tauri, HTTP, CLI) shares.

mod app;
pub mod assessment;
pub mod auth;
pub mod backups;
pub mod campaign;
pub mod commands;
mod ctx;
pub mod demo;
mod error;
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
pub mod scale;
pub mod words;

pub use app::{App, FileOut, Output};
pub use commands::{CommandInfo, CommandKind};
pub use ctx::{Access, Ctx};
pub use cw_domain as domain;
/// Which kind of program opens the file (see [`App::open_as`]).
pub use cw_store::lock::ProcessKind;
pub use error::{CoreError, ErrorDto, RowError};
