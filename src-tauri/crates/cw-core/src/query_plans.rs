//! Running a read command on a connection the caller holds, so a test can watch the SQL it runs
//! (SQLite's trace) and check each statement's query plan against the real list queries.

use crate::commands::{find, CommandKind, Run};
use cw_domain::Clock;
use cw_kernel::{CoreError, Ctx, Output};
use rusqlite::Connection;
use serde_json::Value;

/// Runs the read (or document) command `name` on `conn` with the administrator's authority.
/// Write commands are refused: they belong inside `App::call`'s transaction and audit check.
pub fn run_read(
    conn: &Connection,
    clock: &dyn Clock,
    name: &str,
    args: Value,
) -> Result<Output, CoreError> {
    let cmd = find(name).ok_or_else(|| CoreError::BadArgs(format!("没有命令「{name}」")))?;
    if cmd.kind == CommandKind::Write {
        return Err(CoreError::BadArgs(format!(
            "「{name}」会修改数据，不能这样运行"
        )));
    }
    let Run::Conn(run) = cmd.run else {
        return Err(CoreError::BadArgs(format!(
            "「{name}」由程序本身执行，不能这样运行"
        )));
    };
    run(&Ctx::new(conn, clock, "query-plans", name), args)
}
