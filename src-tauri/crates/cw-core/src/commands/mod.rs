//! The command table: every use-case by name, with JSON arguments, shared by all adapters.

#[macro_use]
mod macros;
mod arg_limits;
mod assessment_table;
mod auth_table;
mod backups_table;
mod bad_args;
mod campaign_table;
mod fees_table;
mod pledges_table;
mod registry_table;

pub use arg_limits::{max_args_bytes, MAX_ARGS_BYTES, MAX_SEARCH_CHARS};

use crate::{CoreError, Ctx, FileOut, Output};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

/// Every command table of 创卫办公台, one per area; an area adds its table here.
pub static TABLES: &[&[CommandInfo]] = &[
    registry_table::TABLE,
    auth_table::TABLE,
    assessment_table::TABLE,
    pledges_table::TABLE,
    fees_table::TABLE,
    backups_table::TABLE,
    campaign_table::TABLE,
];

/// How a command touches the data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum CommandKind {
    /// Reads only.
    Read,
    /// Changes data: one IMMEDIATE transaction with audit rows.
    Write,
    /// Reads and produces a file (PDF, .xlsx).
    Document,
}

/// One entry of the table.
pub struct CommandInfo {
    pub name: &'static str,
    pub kind: CommandKind,
    /// What it does, in Chinese, for `chuangwei call --help`-style listings.
    pub summary: &'static str,
    pub(crate) run: fn(&Ctx<'_>, Value) -> Result<Output, CoreError>,
}

/// Finds a command by name.
pub fn find(name: &str) -> Option<&'static CommandInfo> {
    all().find(|c| c.name == name)
}

/// Every command, in table order.
pub fn all() -> impl Iterator<Item = &'static CommandInfo> {
    TABLES.iter().flat_map(|t| t.iter())
}

/// Reads the arguments of a command; `null` counts as `{}`.
pub(crate) fn args<A: DeserializeOwned>(args: Value) -> Result<A, CoreError> {
    args_for("", args)
}

/// Reads the arguments of `command`; a bad one is named in Chinese by its label.
pub(crate) fn args_for<A: DeserializeOwned>(command: &str, args: Value) -> Result<A, CoreError> {
    let args = if args.is_null() {
        Value::Object(Default::default())
    } else {
        args
    };
    arg_limits::check_search(&args)?;
    // From a reference, so that a failure can be explained by trying the arguments again.
    A::deserialize(&args)
        .map_err(|e| CoreError::BadArgs(bad_args::explain::<A>(command, &args, &e)))
}

/// Wraps a typed use-case returning data.
pub(crate) fn json<A: DeserializeOwned, R: Serialize>(
    ctx: &Ctx<'_>,
    raw: Value,
    f: fn(&Ctx<'_>, A) -> Result<R, CoreError>,
) -> Result<Output, CoreError> {
    let out = f(ctx, args_for(ctx.command, raw)?)?;
    Ok(Output::Json(
        serde_json::to_value(out).map_err(|e| CoreError::Internal(e.to_string()))?,
    ))
}

/// Wraps a typed use-case returning a file.
pub(crate) fn file<A: DeserializeOwned>(
    ctx: &Ctx<'_>,
    raw: Value,
    f: fn(&Ctx<'_>, A) -> Result<FileOut, CoreError>,
) -> Result<Output, CoreError> {
    Ok(Output::File(f(ctx, args_for(ctx.command, raw)?)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn command_names_are_unique() {
        let mut names: Vec<&str> = all().map(|c| c.name).collect();
        names.sort();
        let before = names.len();
        names.dedup();
        assert_eq!(before, names.len());
    }

    #[test]
    fn every_command_has_a_chinese_summary() {
        for c in all() {
            assert!(c.summary.chars().any(|ch| ch > '\u{2e80}'), "{}", c.name);
        }
    }
}
