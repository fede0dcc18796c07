//! The application object: a store, a clock, and `call`, the single entry to every use-case.

use crate::auth::{self, sessions::Sessions};
use crate::commands::{self, CommandInfo, CommandKind};
use crate::ctx::Access;
use crate::{CoreError, Ctx};
use cw_domain::Clock;
use cw_store::Store;
use serde_json::Value;
use std::path::Path;
use std::sync::Arc;

/// A file a document command produced; the adapter decides where it goes (save dialog, download, path).
#[derive(Debug, Clone)]
pub struct FileOut {
    /// A suggested file name, e.g. `住户花名册-黄山路东段.pdf`.
    pub file_name: String,
    /// e.g. `application/pdf`.
    pub mime: String,
    pub bytes: Vec<u8>,
}

/// What a command returns.
#[derive(Debug, Clone)]
pub enum Output {
    /// Data for the UI.
    Json(Value),
    /// A document or export.
    File(FileOut),
}

/// 创卫办公台's core: open one, then `call` commands on it from any adapter.
pub struct App {
    store: Store,
    clock: Arc<dyn Clock>,
    sessions: Sessions,
}

impl App {
    /// Opens (creating if needed) the database at `path`.
    pub fn open(path: &Path, clock: Arc<dyn Clock>) -> Result<App, CoreError> {
        Ok(App {
            store: Store::open(path)?,
            clock,
            sessions: Sessions::default(),
        })
    }

    /// A fresh in-memory community, for tests.
    pub fn open_in_memory(clock: Arc<dyn Clock>) -> Result<App, CoreError> {
        Ok(App {
            store: Store::open_in_memory()?,
            clock,
            sessions: Sessions::default(),
        })
    }

    /// The database file, if any.
    pub fn db_path(&self) -> Option<&Path> {
        self.store.path()
    }

    /// Runs the command `name` with JSON `args` with the administrator's authority, recording
    /// `actor` (the CLI records `cli`). The UI's adapters use [`App::call_in_session`] instead.
    /// A write runs in one IMMEDIATE transaction and must leave an audit row for every change.
    pub fn call(&self, name: &str, args: Value, actor: &str) -> Result<Output, CoreError> {
        let cmd = find(name)?;
        self.run(cmd, args, actor, Access::System, None)
    }

    /// Runs a command for the UI on behalf of the session `token`: refused without a signed-in,
    /// unlocked session except for the sign-in commands; the session's account is the actor.
    pub fn call_in_session(
        &self,
        token: Option<&str>,
        name: &str,
        args: Value,
    ) -> Result<Output, CoreError> {
        let cmd = find(name)?;
        if auth::is_public(cmd.name) {
            return self.run(cmd, args, "", Access::Anonymous, token);
        }
        let session =
            self.sessions
                .touch(token, self.clock.now(), auth::works_when_locked(cmd.name))?;
        let actor = session.username.clone();
        self.run(cmd, args, &actor, Access::Account(session), token)
    }

    fn run(
        &self,
        cmd: &'static CommandInfo,
        args: Value,
        actor: &str,
        access: Access,
        token: Option<&str>,
    ) -> Result<Output, CoreError> {
        match cmd.kind {
            CommandKind::Read | CommandKind::Document => self.store.read(|conn| {
                let ctx = self.ctx(conn, cmd, actor, access, token);
                (cmd.run)(&ctx, args)
            }),
            CommandKind::Write => self.store.write(|tx| {
                let before = tx.total_changes();
                let ctx = self.ctx(tx, cmd, actor, access, token);
                let out = (cmd.run)(&ctx, args)?;
                if tx.total_changes() > before && ctx.audits.get() == 0 {
                    return Err(CoreError::Internal(format!(
                        "「{}」修改了数据却没有留下审计记录",
                        cmd.name
                    )));
                }
                Ok(out)
            }),
        }
    }

    /// The running app's sessions.
    pub fn sessions(&self) -> &Sessions {
        &self.sessions
    }

    /// Like [`App::call`] for commands that return JSON.
    pub fn call_json(&self, name: &str, args: Value, actor: &str) -> Result<Value, CoreError> {
        match self.call(name, args, actor)? {
            Output::Json(v) => Ok(v),
            Output::File(f) => Err(CoreError::BadArgs(format!(
                "「{name}」生成的是文件 {}",
                f.file_name
            ))),
        }
    }
}

impl App {
    fn ctx<'a>(
        &'a self,
        conn: &'a rusqlite::Connection,
        cmd: &'static CommandInfo,
        actor: &'a str,
        access: Access,
        token: Option<&'a str>,
    ) -> Ctx<'a> {
        Ctx::new(conn, self.clock.as_ref(), actor, cmd.name).with_access(
            access,
            &self.sessions,
            token,
        )
    }
}

fn find(name: &str) -> Result<&'static CommandInfo, CoreError> {
    commands::find(name).ok_or_else(|| CoreError::UnknownCommand(name.to_string()))
}
