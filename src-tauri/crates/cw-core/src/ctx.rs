//! What a use-case runs with: the connection (inside a transaction for writes), the clock and the actor.

use crate::CoreError;
use cw_domain::Clock;
use cw_store::audit::{self, AuditEntry};
use rusqlite::Connection;
use serde::Serialize;
use std::cell::Cell;
use std::path::Path;

/// The context of one command call.
pub struct Ctx<'a> {
    /// The connection; for a write command it is inside an IMMEDIATE transaction.
    pub conn: &'a Connection,
    pub clock: &'a dyn Clock,
    /// Who is acting (account name, or `cli`).
    pub actor: &'a str,
    /// The command being run, recorded in the audit trail.
    pub command: &'a str,
    /// The database file, when there is one (backups live beside it).
    pub db_path: Option<&'a Path>,
    pub(crate) audits: Cell<usize>,
}

impl<'a> Ctx<'a> {
    /// A context for one call.
    pub fn new(
        conn: &'a Connection,
        clock: &'a dyn Clock,
        actor: &'a str,
        command: &'a str,
    ) -> Self {
        Ctx {
            conn,
            clock,
            actor,
            command,
            db_path: None,
            audits: Cell::new(0),
        }
    }

    /// The same context, knowing the database file.
    pub fn with_db_path(mut self, path: Option<&'a Path>) -> Self {
        self.db_path = path;
        self
    }

    /// Now, as stored: `YYYY-MM-DD HH:MM:SS`.
    pub fn now_text(&self) -> String {
        self.clock.now().format("%Y-%m-%d %H:%M:%S").to_string()
    }

    /// Records a change to `entity` #`id` in the audit trail, in the caller's transaction.
    pub fn audit<B: Serialize, A: Serialize>(
        &self,
        entity: &str,
        id: Option<i64>,
        before: Option<&B>,
        after: Option<&A>,
    ) -> Result<(), CoreError> {
        let before = before.map(to_json).transpose()?;
        let after = after.map(to_json).transpose()?;
        let at = self.now_text();
        audit::record(
            self.conn,
            &AuditEntry {
                at: &at,
                actor: self.actor,
                command: self.command,
                entity,
                entity_id: id,
                before: before.as_deref(),
                after: after.as_deref(),
            },
        )?;
        self.audits.set(self.audits.get() + 1);
        Ok(())
    }
}

fn to_json<T: Serialize>(value: &T) -> Result<String, CoreError> {
    serde_json::to_string(value).map_err(|e| CoreError::Internal(e.to_string()))
}
