//! What a use-case runs with: the connection (inside a transaction for writes), the clock and the actor.

use crate::sessions::{Session, Sessions};
use crate::CoreError;
use cw_domain::enums::AccountRole;
use cw_domain::Clock;
use cw_store::audit::{self, AuditEntry};
use rusqlite::Connection;
use serde::Serialize;
use std::cell::{Cell, RefCell};
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
    /// On whose authority the command runs.
    pub access: Access,
    /// The database file, when there is one (backups live beside it).
    pub db_path: Option<&'a Path>,
    pub audits: Cell<usize>,
    /// False when the file is read-only and the command only records itself (signing in or
    /// out): its audit row is not written, since nothing else is.
    pub records: bool,
    /// The running app's sessions and the caller's token, for the sign-in commands.
    pub sessions: Option<&'a Sessions>,
    pub token: Option<&'a str>,
    /// The documents with personal data this call handed out, for the export log: a document
    /// runs read-only, so the host writes them once the file is made (see [`Ctx::record_export`]).
    pub exports: RefCell<Vec<ExportRecord>>,
}

/// One print or export of personal data, as the export log 数据导出记录 keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExportRecord {
    /// The document as the clerk knows it, e.g. 住户花名册.
    pub document: String,
    /// How many people (households, shops, staff) it names.
    pub people: i64,
    /// Whether their phones were masked (or not printed at all).
    pub masked: bool,
}

/// On whose authority a command runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Access {
    /// The machine's administrator: the CLI and tests, which run outside the UI's sign-in.
    System,
    /// A call from the UI before anyone has signed in (sign-in commands only).
    Anonymous,
    /// A signed-in account.
    Account(Session),
}

impl Access {
    /// Whether this authority may do the committee head's acts.
    pub fn may_act_as_head(&self) -> bool {
        match self {
            Access::System => true,
            Access::Account(s) => s.role == AccountRole::Head,
            Access::Anonymous => false,
        }
    }
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
            access: Access::System,
            db_path: None,
            audits: Cell::new(0),
            records: true,
            sessions: None,
            token: None,
            exports: RefCell::new(Vec::new()),
        }
    }

    /// The same context on behalf of a session (or nobody yet), as the UI's adapters call.
    pub fn with_access(
        mut self,
        access: Access,
        sessions: &'a Sessions,
        token: Option<&'a str>,
    ) -> Self {
        self.access = access;
        self.sessions = Some(sessions);
        self.token = token;
        self
    }

    /// Refuses unless the committee head (or the administrator's CLI) is acting; `what` names the
    /// act in the message, e.g. 重新开放已结账的月份.
    pub fn require_head(&self, what: &'static str) -> Result<(), CoreError> {
        if self.access.may_act_as_head() {
            Ok(())
        } else {
            Err(CoreError::Forbidden(what))
        }
    }

    /// Notes that this call hands out `document` naming `people` people, their phones masked
    /// or not: the host writes the row to the export log when the call succeeds, in its own
    /// transaction (a document's own connection is read-only). Every document with residents'
    /// or staff's names and phones or addresses calls it.
    pub fn record_export(&self, document: &str, people: usize, masked: bool) {
        self.exports.borrow_mut().push(ExportRecord {
            document: document.to_string(),
            people: i64::try_from(people).unwrap_or(i64::MAX),
            masked,
        });
    }

    /// Whether the acting account may see the sensitive tags (低保, 五保, 残疾, 独居老人): the
    /// head and the command line always, another account when its role is in `roles` (the
    /// head's setting), nobody before signing in.
    pub fn sees_tags(&self, roles: &[AccountRole]) -> bool {
        match &self.access {
            Access::System => true,
            Access::Anonymous => false,
            Access::Account(s) => s.role == AccountRole::Head || roles.contains(&s.role),
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
        self.audit_as(self.actor, entity, id, before, after)
    }

    /// Like [`Ctx::audit`] but naming the actor, for sign-in where nobody is signed in yet.
    pub fn audit_as<B: Serialize, A: Serialize>(
        &self,
        actor: &str,
        entity: &str,
        id: Option<i64>,
        before: Option<&B>,
        after: Option<&A>,
    ) -> Result<(), CoreError> {
        if !self.records {
            return Ok(());
        }
        let before = before.map(to_json).transpose()?;
        let after = after.map(to_json).transpose()?;
        let seal = match id {
            Some(id) => audit::seal_of(self.conn, entity, id)?,
            None => None,
        };
        let at = self.now_text();
        audit::record(
            self.conn,
            &AuditEntry {
                at: &at,
                actor,
                command: self.command,
                entity,
                entity_id: id,
                before: before.as_deref(),
                after: after.as_deref(),
                row_seal: seal.as_deref(),
            },
        )?;
        self.audits.set(self.audits.get() + 1);
        Ok(())
    }
}

fn to_json<T: Serialize>(value: &T) -> Result<String, CoreError> {
    serde_json::to_string(value).map_err(|e| CoreError::Internal(e.to_string()))
}
