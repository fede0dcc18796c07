//! The path of every command: find its line in the table, admit the caller by its policy, run it in a read or a write.

use super::*;

impl App {
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
        match self.admit(cmd, token)? {
            Admission::Recovery => self.run(cmd, args, RECOVERY_ACTOR, Access::System, token),
            Admission::Public => self.run(cmd, args, "", Access::Anonymous, token),
            Admission::Account(session) => {
                let actor = session.username.clone();
                self.run(cmd, args, &actor, Access::Account(session), token)
            }
        }
    }

    /// Whether [`App::call_in_session`] would let the session `token` call `name`, asked before
    /// the arguments arrive: the loopback server refuses an unknown command or a missing,
    /// expired or locked session without reading a body it would only throw away. The call
    /// itself asks again.
    pub fn admits(&self, token: Option<&str>, name: &str) -> Result<(), CoreError> {
        self.admit(find(name)?, token).map(|_| ())
    }

    fn admit(
        &self,
        cmd: &'static CommandInfo,
        token: Option<&str>,
    ) -> Result<Admission, CoreError> {
        let policy = &cmd.policy;
        if policy.in_recovery && locked(&self.damage).is_some() {
            return Ok(Admission::Recovery);
        }
        match policy.allowed {
            Allowed::Public => return Ok(Admission::Public),
            Allowed::CommandLine => return Err(CoreError::CommandLineOnly(cmd.summary)),
            Allowed::Account | Allowed::Head => {}
        }
        let session = self
            .sessions
            .touch(token, self.clock.now(), policy.when_locked)?;
        if policy.allowed == Allowed::Head && session.role != AccountRole::Head {
            return Err(CoreError::Forbidden(policy.act));
        }
        Ok(Admission::Account(session))
    }

    /// Takes the writer lock now, refusing with `store.held` when another process holds it:
    /// `chuangwei serve` calls it at start, so that a second server on one file stops with a
    /// message instead of answering every write (and sign-in) with that refusal.
    pub fn hold_writer(&self) -> Result<(), CoreError> {
        self.ensure_writer()
    }

    /// The running app's sessions.
    pub fn sessions(&self) -> &Sessions {
        &self.sessions
    }

    fn run(
        &self,
        cmd: &'static CommandInfo,
        args: Value,
        actor: &str,
        access: Access,
        token: Option<&str>,
    ) -> Result<Output, CoreError> {
        if cmd.policy.allowed == Allowed::Head && !access.may_act_as_head() {
            return Err(CoreError::Forbidden(cmd.policy.act));
        }
        let run = match cmd.run {
            Run::Conn(run) => run,
            Run::Host(host) => {
                let call = HostCall {
                    actor,
                    access: &access,
                };
                return host(self, &call, args);
            }
        };
        if cmd.kind == CommandKind::Write && cmd.policy.only_records_itself {
            if let Some(out) = self.unrecorded_on_read_only(cmd, run, &args, actor, &access, token)
            {
                return out;
            }
        }
        if cmd.kind == CommandKind::Write {
            // A write to a file not yet known to be sound waits for the check (seconds at most,
            // and only right after a large file was opened); reads go ahead.
            self.checked.wait();
            // A read-only or damaged file refuses the write itself, before any lock is sought
            // (on a read-only disk the lock file cannot even be made).
            let refusal = self.store.read().ok().and_then(|g| g.as_ref()?.refusal());
            if let Some(refusal) = refusal {
                return Err(refusal.into());
            }
            self.ensure_writer()?;
            if let Some(reason) = cmd.policy.backup_first {
                backups::before_risky(self, reason)?;
            }
        }
        let guard = self.store.read().unwrap_or_else(|p| p.into_inner());
        let Some(store) = guard.as_ref() else {
            return backups::without_database(self, cmd, args, actor, access);
        };
        let result = match cmd.kind {
            CommandKind::Read | CommandKind::Document => store
                .read(|conn| {
                    let ctx = self.ctx(conn, cmd, actor, access.clone(), token);
                    let out = run(&ctx, args)?;
                    Ok((out, ctx.exports.take()))
                })
                .and_then(|(out, exports)| {
                    self.record_exports(store, cmd, actor, &access, token, &exports)?;
                    Ok(out)
                }),
            CommandKind::Write => store.write(|tx| {
                let before = tx.total_changes();
                let ctx = self.ctx(tx, cmd, actor, access, token);
                let out = run(&ctx, args)?;
                let at = ctx.now_text();
                let by = cw_store::seals::SealedBy {
                    at: &at,
                    actor,
                    command: cmd.name,
                };
                cw_store::seals::flush(tx, &by)?;
                if tx.total_changes() > before && ctx.audits.get() == 0 {
                    return Err(CoreError::Internal(format!(
                        "「{}」修改了数据却没有留下审计记录",
                        cmd.name
                    )));
                }
                Ok(out)
            }),
        };
        if let Err(e) = &result {
            let code = e.code();
            if event_log::message_is_loggable(code) {
                self.log(
                    Level::Error,
                    &format!("「{}」失败（{code}）：{e}", cmd.name),
                );
            }
        }
        if cmd.policy.makes_backup {
            // The banner of a failed backup stays until a backup succeeds, made by hand too.
            *locked(&self.backup_error) = result.as_ref().err().map(|e| e.to_string());
        }
        let out = match result? {
            // Built from party and zone names: made safe here, once, for every adapter.
            Output::File(mut f) => {
                f.file_name = crate::file_names::windows_safe(&f.file_name);
                Output::File(f)
            }
            json => json,
        };
        if cmd.kind == CommandKind::Write {
            backups::after_write(self, store);
        }
        Ok(out)
    }

    /// Writes the export log rows a document noted (see `Ctx::record_export`), in a write of
    /// their own once the file is made: the document ran read-only. A file that takes no
    /// writes (read-only, damaged) still hands the document out, for the recovery may need it,
    /// and the event log says it went unrecorded; any other failure refuses the document, so
    /// nothing with personal data leaves unrecorded.
    fn record_exports(
        &self,
        store: &cw_store::Store,
        cmd: &'static CommandInfo,
        actor: &str,
        access: &Access,
        token: Option<&str>,
        records: &[cw_kernel::ExportRecord],
    ) -> Result<(), CoreError> {
        if records.is_empty() {
            return Ok(());
        }
        if let Some(refusal) = store.refusal() {
            self.log(
                Level::Warn,
                &format!("「{}」的导出未能记入数据导出记录：{refusal}", cmd.name),
            );
            return Ok(());
        }
        self.ensure_writer()?;
        store.write(|tx| {
            let ctx = self.ctx(tx, cmd, actor, access.clone(), token);
            cw_registry::export_log::write(&ctx, records)
        })?;
        backups::after_write(self, store);
        Ok(())
    }

    /// Signing in or out of a read-only (not damaged) file: run as a read without its audit row,
    /// so the file stays readable in the window as it is from the command line. `None` when the
    /// file is writable (the command runs as usual).
    fn unrecorded_on_read_only(
        &self,
        cmd: &'static CommandInfo,
        run: ConnFn,
        args: &Value,
        actor: &str,
        access: &Access,
        token: Option<&str>,
    ) -> Option<Result<Output, CoreError>> {
        let guard = self.store.read().unwrap_or_else(|p| p.into_inner());
        let store = guard.as_ref()?;
        let read_only = matches!(
            store.refusal(),
            Some(StoreError::ReadOnly | StoreError::ReadOnlyPlace { .. })
        );
        if !read_only {
            return None;
        }
        Some(store.read(|conn| {
            let mut ctx = self.ctx(conn, cmd, actor, access.clone(), token);
            ctx.records = false;
            run(&ctx, args.clone())
        }))
    }

    /// The context of one call, with its authority and the app's sessions.
    pub(crate) fn ctx<'a>(
        &'a self,
        conn: &'a rusqlite::Connection,
        cmd: &'static CommandInfo,
        actor: &'a str,
        access: Access,
        token: Option<&'a str>,
    ) -> Ctx<'a> {
        Ctx::new(conn, self.clock.as_ref(), actor, cmd.name)
            .with_db_path(self.path.as_deref())
            .with_access(access, &self.sessions, token)
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

/// How a UI call is let in: on the recovery page of a damaged file, as a sign-in command, or
/// in a signed-in session.
enum Admission {
    Recovery,
    Public,
    Account(cw_kernel::sessions::Session),
}

/// Who the audit trail names for a restore made from the recovery page of a damaged file.
const RECOVERY_ACTOR: &str = "数据恢复（文件损坏时）";

fn find(name: &str) -> Result<&'static CommandInfo, CoreError> {
    commands::find(name).ok_or_else(|| CoreError::UnknownCommand(name.to_string()))
}
