//! The commands this crate runs itself: the command list, the demo community and a record's history.

use crate::commands::{self, Allowed, CommandInfo, CommandKind};
use crate::{demo, history};
use cw_kernel::{cmd, CoreError, Ctx};
use serde::Serialize;
use ts_rs::TS;

/// The app's own commands.
pub static TABLE: &[CommandInfo] = &[
    cmd!("meta.commands", Read, "全部操作的清单", command_list),
    cmd!(
        "demo.generate",
        Write,
        "生成演示社区（仅限空数据库）",
        demo::generate
    ),
    cmd!(
        "audit.history",
        Read,
        "查看一条记录的修改历史",
        history::history
    ),
];

/// One line of the command listing, with its policy: the UI hides what the signed-in role may
/// not do from it, and `chuangwei commands` prints it.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct CommandLine {
    pub name: &'static str,
    pub kind: CommandKind,
    pub summary: &'static str,
    /// Who may run it.
    pub allowed: Allowed,
    /// Whether a locked session may still run it.
    pub when_locked: bool,
    /// Whether it runs on the recovery page of a damaged file.
    pub in_recovery: bool,
    /// The reason tag of the backup made before it, if it makes one.
    pub backup_first: Option<&'static str>,
}

/// Every command with its kind, summary and policy.
pub fn command_list(
    _ctx: &Ctx<'_>,
    _args: serde_json::Value,
) -> Result<Vec<CommandLine>, CoreError> {
    Ok(commands::all()
        .map(|c| CommandLine {
            name: c.name,
            kind: c.kind,
            summary: c.summary,
            allowed: c.policy.allowed,
            when_locked: c.policy.when_locked,
            in_recovery: c.policy.in_recovery,
            backup_first: c.policy.backup_first,
        })
        .collect())
}
