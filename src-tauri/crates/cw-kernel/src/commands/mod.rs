//! The command declaration: a command's name, kind, policy and use-case, and the wrappers that
//! read its JSON arguments; each domain crate declares its table with it (`cmd!`).

mod arg_limits;
mod bad_args;
mod macros;

pub use arg_limits::{args_bytes_for_file, MAX_ARGS_BYTES, MAX_SEARCH_CHARS};

mod wire;

pub use wire::{wire_of_file, wire_of_host, wire_of_json, Wire};

use crate::{Access, CoreError, Ctx, FileOut, Output};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;
use std::any::Any;
use ts_rs::TS;

/// How a command touches the data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub enum CommandKind {
    /// Reads only.
    Read,
    /// Changes data: one IMMEDIATE transaction with audit rows.
    Write,
    /// Reads and produces a file (PDF, .xlsx).
    Document,
}

/// Who may run a command through the UI (the command line runs everything with the
/// administrator's authority).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub enum Allowed {
    /// Before anyone has signed in (sign-in, and the state of the file).
    Public,
    /// Any signed-in account.
    Account,
    /// The committee head only.
    Head,
    /// Only from the command line (`chuangwei call`), never from the UI.
    CommandLine,
}

/// What a command may do, declared once on its line of the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Policy {
    /// Who may run it.
    pub allowed: Allowed,
    /// The act named when someone other than the head is refused, e.g. 管理账号.
    pub act: &'static str,
    /// Whether a locked session may still run it (to unlock, or to sign out).
    pub when_locked: bool,
    /// Whether it is part of recovering a damaged file: it then runs without signing in,
    /// because the accounts live in the damaged file and cannot be trusted.
    pub in_recovery: bool,
    /// Whether it needs the database open; the backup readers work on the folder alone.
    pub needs_database: bool,
    /// The reason tag of the backup made before it runs; the command is refused if that
    /// backup fails.
    pub backup_first: Option<&'static str>,
    /// Whether it writes nothing but its own audit row (signing in and out), so that it can
    /// run on a read-only file without it.
    pub only_records_itself: bool,
    /// Whether it makes a backup by hand (its outcome shows as the backup state).
    pub makes_backup: bool,
    /// The largest JSON arguments it takes, in bytes: an adapter receiving them over a wire
    /// refuses a larger body before reading it.
    pub max_args_bytes: usize,
}

/// A use-case run on a connection, with JSON arguments.
pub type ConnFn = fn(&Ctx<'_>, Value) -> Result<Output, CoreError>;

/// A command the host (the App) runs itself, because it needs more than one connection: the
/// state of the file as opened, and restore (which replaces the file). The host is passed as
/// `Any` so that the table does not depend on the App; the runner downcasts it.
pub type HostFn = fn(&dyn Any, &HostCall<'_>, Value) -> Result<Output, CoreError>;

/// Who asked for a host-run command.
pub struct HostCall<'a> {
    /// Who is acting.
    pub actor: &'a str,
    /// On whose authority.
    pub access: &'a Access,
}

/// How a command is run.
#[derive(Clone, Copy)]
pub enum Run {
    /// On a connection, in a read or write transaction as its kind says.
    Conn(ConnFn),
    /// By the host itself.
    Host(HostFn),
}

/// One entry of the table.
pub struct CommandInfo {
    pub name: &'static str,
    pub kind: CommandKind,
    /// What it does, in Chinese, for `chuangwei commands`-style listings.
    pub summary: &'static str,
    /// Who may run it and how.
    pub policy: Policy,
    /// How it runs.
    pub run: Run,
    /// Its argument and result types, for the TypeScript map of the UI.
    pub wire: fn(&ts_rs::Config) -> Wire,
}

impl CommandInfo {
    /// A command of `kind` any signed-in account may run, with no other duty.
    pub const fn new(
        name: &'static str,
        kind: CommandKind,
        summary: &'static str,
        run: Run,
        wire: fn(&ts_rs::Config) -> Wire,
    ) -> Self {
        CommandInfo {
            name,
            kind,
            summary,
            policy: Policy {
                allowed: Allowed::Account,
                act: summary,
                when_locked: false,
                in_recovery: false,
                needs_database: true,
                backup_first: None,
                only_records_itself: false,
                makes_backup: false,
                max_args_bytes: MAX_ARGS_BYTES,
            },
            run,
            wire,
        }
    }

    /// Callable before anyone has signed in.
    pub const fn public(mut self) -> Self {
        self.policy.allowed = Allowed::Public;
        self
    }

    /// The committee head's act `act` (named when someone else is refused).
    pub const fn head(mut self, act: &'static str) -> Self {
        self.policy.allowed = Allowed::Head;
        self.policy.act = act;
        self
    }

    /// Only from the command line.
    pub const fn command_line(mut self) -> Self {
        self.policy.allowed = Allowed::CommandLine;
        self
    }

    /// Still callable by a locked session.
    pub const fn when_locked(mut self) -> Self {
        self.policy.when_locked = true;
        self
    }

    /// Part of recovering a damaged file.
    pub const fn in_recovery(mut self) -> Self {
        self.policy.in_recovery = true;
        self
    }

    /// Works on the backup folder alone, even when the database could not be opened (and so
    /// is part of recovery).
    pub const fn without_database(mut self) -> Self {
        self.policy.in_recovery = true;
        self.policy.needs_database = false;
        self
    }

    /// Backs up first (reason tag e.g. `import`), refused if that backup fails.
    pub const fn backs_up(mut self, reason: &'static str) -> Self {
        self.policy.backup_first = Some(reason);
        self
    }

    /// Writes nothing but its own audit row.
    pub const fn only_records_itself(mut self) -> Self {
        self.policy.only_records_itself = true;
        self
    }

    /// Makes a backup by hand.
    pub const fn makes_backup(mut self) -> Self {
        self.policy.makes_backup = true;
        self
    }

    /// Carries a file of up to `bytes` bytes (as base64) in its arguments.
    pub const fn carries_file(mut self, bytes: usize) -> Self {
        self.policy.max_args_bytes = arg_limits::args_bytes_for_file(bytes);
        self
    }
}

/// Reads the arguments of a command; `null` counts as `{}`.
pub fn args<A: DeserializeOwned>(args: Value) -> Result<A, CoreError> {
    args_for("", args)
}

/// Reads the arguments of `command`; a bad one is named in Chinese by its label.
pub fn args_for<A: DeserializeOwned>(command: &str, args: Value) -> Result<A, CoreError> {
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
pub fn json<A: DeserializeOwned, R: Serialize>(
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
pub fn file<A: DeserializeOwned>(
    ctx: &Ctx<'_>,
    raw: Value,
    f: fn(&Ctx<'_>, A) -> Result<FileOut, CoreError>,
) -> Result<Output, CoreError> {
    Ok(Output::File(f(ctx, args_for(ctx.command, raw)?)?))
}
